using System.Globalization;
using System.Text.Json;

namespace Cai.Core.Runs;

/// <summary>
/// A trainer's <c>metrics.jsonl</c>: one JSON object per logged step under TRL's metric names, each value a number (a
/// NaN or an infinity written as the string <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c>, so the line stays
/// JSON). The one reader of the file, for the trainers' summaries and plots, <c>cai report</c>'s curves and
/// <c>cai eval</c>'s reward-model accuracy alike.
/// </summary>
public static class MetricsLog
{
    /// <summary>The file's name in a training run's output folder.</summary>
    public const string FileName = "metrics.jsonl";

    /// <summary>
    /// Every logged line of <paramref name="path"/> as metric name → value (a value that is no number is NaN), blank
    /// lines passed over. A line that is not a JSON object goes to <paramref name="badLine"/> (its 1-based number and
    /// what is wrong) and is left out; without one, it is an error.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not a JSON object and there is no <paramref name="badLine"/>;
    /// the message names file and line.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> Read(string path, Action<int, string>? badLine = null)
    {
        var rows = new List<IReadOnlyDictionary<string, double>>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var (row, problem) = Parse(line);
            if (row is not null)
                rows.Add(row);
            else if (badLine is null)
                throw new InvalidDataException($"{path}:{number}: {problem}");
            else
                badLine(number, problem!);
        }
        return rows;
    }

    static (IReadOnlyDictionary<string, double>? Row, string? Problem) Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (null, "expected a JSON object");
            return (doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"not valid JSON ({ex.Message})");
        }
    }

    static double Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => double.NaN,
    };
}
