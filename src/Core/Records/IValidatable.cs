namespace Cai.Core.Records;

/// <summary>
/// A record that can check the constraints JSON types cannot express (non-empty ids and lists, ranges, roles).
/// Readers call it after deserialising each line.
/// </summary>
public interface IValidatable
{
    /// <summary>The first problem found, or null when the record is valid.</summary>
    FieldError? Validate();
}
