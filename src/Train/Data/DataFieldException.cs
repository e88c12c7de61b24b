namespace Cai.Train.Data;

/// <summary>A field of one record is missing or malformed; readers turn it into a dropped line of the <see cref="DataReport"/>.</summary>
internal sealed class DataFieldException(string field, string reason) : Exception($"field '{field}': {reason}")
{
    public string Field { get; } = field;
}
