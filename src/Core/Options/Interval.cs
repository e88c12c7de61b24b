using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cai.Core.Options;

/// <summary>
/// A closed interval [<see cref="Low"/>, <see cref="High"/>], an option whose two bounds are set together: a config file
/// writes it <c>clamp: [0.4, 0.6]</c>, and JSON the same. Low &lt;= high holds for every instance (the constructor
/// refuses the rest, and the YAML binder reports them at their line and column); a <c>[Range]</c> on the property
/// bounds both ends (<see cref="OptionRanges"/>).
/// </summary>
[JsonConverter(typeof(Json))]
public readonly record struct Interval
{
    /// <summary>The interval [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <exception cref="ArgumentException"><paramref name="low"/> is above <paramref name="high"/>, or either is NaN.</exception>
    public Interval(double low, double high)
    {
        if (!Ordered(low, high))
            throw new ArgumentException(FormattableString.Invariant($"[{low}, {high}] is not an interval: expected [low, high] with low <= high."));
        (Low, High) = (low, high);
    }

    /// <summary>The lower bound, included.</summary>
    public double Low { get; }

    /// <summary>The upper bound, included.</summary>
    public double High { get; }

    /// <summary>Whether [<paramref name="low"/>, <paramref name="high"/>] is an interval (low &lt;= high), and it.</summary>
    public static bool TryCreate(double low, double high, out Interval interval)
    {
        interval = Ordered(low, high) ? new Interval(low, high) : default;
        return Ordered(low, high);
    }

    static bool Ordered(double low, double high) => low <= high; // false for NaN too

    /// <summary>"[0.4, 0.6]", as a config file writes it.</summary>
    public override string ToString() => FormattableString.Invariant($"[{Low}, {High}]");

    // [low, high] in JSON too, so a run's manifest records the option as its config wrote it.
    sealed class Json : JsonConverter<Interval>
    {
        public override Interval Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var ends = JsonSerializer.Deserialize<double[]>(ref reader, options);
            return ends is [var low, var high] && TryCreate(low, high, out var interval)
                ? interval
                : throw new JsonException("An interval is written [low, high] with low <= high.");
        }

        public override void Write(Utf8JsonWriter writer, Interval value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.Low);
            writer.WriteNumberValue(value.High);
            writer.WriteEndArray();
        }
    }
}
