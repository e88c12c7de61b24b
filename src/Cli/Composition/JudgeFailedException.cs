using Cai.Core.Records;

namespace Cai.Cli.Composition;

/// <summary>Some judgements of a rollout failed; they are recorded in the judge's failed file, never scored.</summary>
internal sealed class JudgeFailedException(string message) : Exception(message)
{
    /// <summary>Throws when any judgement of a batch failed, naming the first failure and where all are recorded.</summary>
    /// <param name="judge">The judge's model spec.</param>
    /// <param name="failures">One entry per failed judgement: why it failed, when known.</param>
    /// <param name="count">Judgements asked for in the batch.</param>
    /// <param name="unit">What was judged (<c>responses</c>, <c>pairs</c>).</param>
    /// <param name="failedPath">The cache's failed file.</param>
    public static void ThrowIfAny(string judge, IReadOnlyList<FailureRecord?> failures, int count, string unit, string failedPath)
    {
        if (failures.Count > 0)
        {
            throw new JudgeFailedException($"judge {judge} failed on {failures.Count} of {count} {unit} " +
                $"(first: {failures[0]?.ErrorKind}: {failures[0]?.Message}); recorded in {failedPath}; rerun with --resume to ask again");
        }
    }
}
