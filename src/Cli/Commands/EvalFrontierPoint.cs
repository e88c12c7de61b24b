using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Commands;

/// <summary>
/// One evaluated policy on the violation-rate-vs-KL frontier (the DPO paper's reward-vs-KL plot, with harm in place
/// of reward): x is KL(policy || reference) per sequence, y the constitution violation rate, both with standard errors.
/// </summary>
/// <param name="Label">The name shown beside the point (e.g. <c>sigmoid β=0.1</c>).</param>
/// <param name="KlPerSequence">Estimated KL from the reference in nats per sequence; 0 for the reference itself.</param>
/// <param name="KlStandardError">Standard error of the KL estimate.</param>
/// <param name="ViolationRate">Fraction of sampled completions that break at least one machine check.</param>
/// <param name="ViolationStandardError">
/// Standard error of the violation rate: over prompts when the report has it (completions of one prompt are not
/// independent), else binomial.
/// </param>
internal sealed record EvalFrontierPoint(string Label, double KlPerSequence, double KlStandardError, double ViolationRate, double ViolationStandardError)
{
    /// <summary>
    /// The point of an eval.json. A report without a KL estimate is taken as the reference model itself (KL 0), the
    /// frontier's starting point.
    /// </summary>
    /// <exception cref="InvalidDataException">The report has no violation rate (the message names the file).</exception>
    public static EvalFrontierPoint FromReport(EvalReport report, string label, string path, bool heldOut = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var violations = heldOut
            ? report.HeldOutViolationRate ?? throw new InvalidDataException($"{path}: field 'held_out_violation_rate' is missing; run cai eval with --heldout-constitution.")
            : report.ViolationRate ?? throw new InvalidDataException($"{path}: field 'violation_rate' is missing; run cai eval with --constitution.");
        return new EvalFrontierPoint(label, report.Kl?.KlPerSequence ?? 0, report.Kl?.StandardError ?? 0,
            violations.ViolationRate, violations.PromptStandardError ?? violations.StandardError);
    }
}
