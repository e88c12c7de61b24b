namespace Cai.Core.Records;

/// <summary>
/// A problem with a revision that makes it a poor training target. Serialised as
/// <c>empty|identical_to_input|echoes_request</c>.
/// </summary>
public enum QualityFlag
{
    /// <summary>The revision is empty or white space.</summary>
    Empty,

    /// <summary>The revision equals the text it was asked to revise (ignoring surrounding white space).</summary>
    IdenticalToInput,

    /// <summary>The revision repeats the revision request or starts with <c>Revision:</c> scaffolding.</summary>
    EchoesRequest,
}
