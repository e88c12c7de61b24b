using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;

namespace Cai.Preference;

/// <summary>
/// <c>cai prefs</c> in <c>revision</c> mode: one SL-CAI pair per revised row (<see cref="RevisionPairBuilder"/>), run
/// through the <see cref="PairFilter"/>. A dropped row succeeds with no output and is counted in <see cref="Counts"/>.
/// </summary>
public sealed class RevisionPairStage : IStage<RevisedRecord, PreferencePair>
{
    readonly RevisionPairBuilder _builder;
    readonly PairFilter _filter;

    /// <summary>A revision-pair stage.</summary>
    /// <param name="builder">Builds the pair.</param>
    /// <param name="filter">Drops unusable pairs.</param>
    /// <param name="name">The stage name, also its output file name.</param>
    public RevisionPairStage(RevisionPairBuilder builder, PairFilter filter, string name = "pairs")
    {
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        _filter = filter ?? throw new ArgumentNullException(nameof(filter));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Pairs kept and dropped by reason.</summary>
    public PairCounts Counts { get; } = new();

    /// <inheritdoc />
    public Task<StageResult<PreferencePair>> ProcessAsync(RevisedRecord input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var outcome = _builder.Build(input);
            return Task.FromResult(StageResult<PreferencePair>.Ok(PairOutputs.Keep([outcome], _filter, Counts)));
        }
        catch (ArgumentException ex)
        {
            return Task.FromResult(StageResult<PreferencePair>.Failed(input.Id, Name, ErrorKinds.InvalidInput, ex.Message));
        }
    }
}
