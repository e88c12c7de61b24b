namespace Cai.Core.Records;

/// <summary>An input that may be incomplete (a group missing members); the runner does not mark it consumed then.</summary>
public interface IPartialRecord
{
    /// <summary>False when more of this input may arrive in a later run (e.g. after <c>--retry-failed</c>).</summary>
    bool IsComplete { get; }
}
