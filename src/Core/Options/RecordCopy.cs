namespace Cai.Core.Options;

/// <summary>
/// A copy of an options record as <c>with { }</c> makes one, for the code that sets its properties by reflection (the
/// YAML binder, the command-line flags), so that the instance a caller passes in is never changed.
/// </summary>
public static class RecordCopy
{
    /// <summary>A shallow copy of <paramref name="record"/>, of its runtime type.</summary>
    /// <exception cref="NotSupportedException"><paramref name="record"/> is not a record.</exception>
    public static T Of<T>(T record) where T : class =>
        (T)(record.GetType().GetMethod("<Clone>$")
            ?? throw new NotSupportedException($"{record.GetType().Name} is not a record: options set by name are set on a copy")).Invoke(record, null)!;
}
