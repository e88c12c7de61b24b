using System.Globalization;
using System.Text;

namespace Cai.Train.Data;

/// <summary>
/// What reading and tokenizing a data file did: how many records were read, truncated and used, and every dropped
/// line with its reason (<c>file:line: reason</c>). A dropped line is data to report, never a crash.
/// </summary>
public sealed class DataReport
{
    readonly List<string> problems = [];
    readonly Dictionary<string, int> dropped = new(StringComparer.Ordinal);

    /// <summary>Records parsed from the file.</summary>
    public int Read { get; private set; }

    /// <summary>Examples shortened to fit <c>max_length</c> / <c>max_prompt_length</c> / <c>max_completion_length</c>.</summary>
    public int Truncated { get; private set; }

    /// <summary>Examples kept for training.</summary>
    public int Used { get; private set; }

    /// <summary>Used pairs that carry a soft label (<c>label_prob</c>); the others train as hard labels (1).</summary>
    public int SoftLabels { get; private set; }

    /// <summary>The mean <c>label_prob</c> of the <see cref="SoftLabels"/> pairs; NaN when there are none.</summary>
    public double MeanLabelProb => SoftLabels == 0 ? double.NaN : labelProbSum / SoftLabels;

    double labelProbSum, minLabelProb = double.PositiveInfinity, maxLabelProb = double.NegativeInfinity;

    /// <summary>Dropped examples per reason.</summary>
    public IReadOnlyDictionary<string, int> Dropped => dropped;

    /// <summary>Total dropped examples.</summary>
    public int DroppedCount => dropped.Values.Sum();

    /// <summary>One <c>file:line: reason</c> entry per dropped line, in order.</summary>
    public IReadOnlyList<string> Problems => problems;

    internal void CountRead() => Read++;

    internal void CountTruncated() => Truncated++;

    internal void CountUsed() => Used++;

    internal void CountLabelProb(double labelProb)
    {
        SoftLabels++;
        labelProbSum += labelProb;
        (minLabelProb, maxLabelProb) = (Math.Min(minLabelProb, labelProb), Math.Max(maxLabelProb, labelProb));
    }

    internal void Drop(string path, int line, string reason, string? detail = null, int? column = null)
    {
        dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
        var where = column is { } c ? $"{path}:{line}:{c}" : $"{path}:{line}";
        problems.Add(detail is null ? $"{where}: {reason}" : $"{where}: {reason}: {detail}");
    }

    /// <summary>
    /// A one-line summary, e.g. <c>read 10, used 8, truncated 2, dropped 2 (empty completion: 2), label_prob on 8
    /// (mean 0.7125, min 0.6, max 0.9)</c>; the label part only when soft labels were read, so a user sees that the
    /// AI-feedback probabilities arrived.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"read {Read}, used {Used}, truncated {Truncated}, dropped {DroppedCount}"));
        if (dropped.Count > 0)
            text.Append(" (").AppendJoin(", ", dropped.Select(kv => $"{kv.Key}: {kv.Value}")).Append(')');
        if (SoftLabels > 0)
            text.Append(CultureInfo.InvariantCulture, $", label_prob on {SoftLabels} (mean {MeanLabelProb:G6}, min {minLabelProb:G6}, max {maxLabelProb:G6})");
        return text.ToString();
    }
}
