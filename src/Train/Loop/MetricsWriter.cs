using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cai.Train.Loop;

/// <summary>Appends one JSON object per logging event to <c>metrics.jsonl</c>, flushed per line so a crash loses nothing logged.</summary>
public sealed class MetricsWriter : IDisposable
{
    readonly StreamWriter writer;

    /// <summary>Opens <paramref name="path"/>; when resuming from <paramref name="keepThroughStep"/>, later lines (from the lost run) are removed first.</summary>
    public MetricsWriter(string path, int? keepThroughStep = null)
    {
        Path = path;
        writer = StepLog.Open(path, keepThroughStep);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Writes one line; NaN and infinities are written as strings so the line stays valid JSON.</summary>
    public void Write(IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in metrics)
            {
                if (double.IsFinite(value))
                    json.WriteNumber(name, value);
                else
                    json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Flush();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => writer.Dispose();
}
