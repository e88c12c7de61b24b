namespace Cai.Core.Options;

/// <summary>
/// An options record: its bounds are declared on its properties (<c>[Range]</c>, <c>[Positive]</c> ...) and
/// <see cref="Validate"/> checks them where the record is consumed, the one check every options record shares. A record
/// with rules across its options overrides it, calling this one first.
/// </summary>
public abstract record OptionsRecord
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its declared range.</summary>
    public virtual void Validate() => OptionRanges.Validate(this);
}
