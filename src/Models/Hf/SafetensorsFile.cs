using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Core.Storage;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Hf;

/// <summary>
/// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length, a
/// JSON header mapping names to dtype/shape/data_offsets, then the raw little-endian tensor bytes.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Reads only the header of a safetensors file.</summary>
    /// <exception cref="HfFormatException">The header is malformed; the message names the file and tensor.</exception>
    public static IReadOnlyList<SafetensorsEntry> ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path, out _);
    }

    /// <summary>Reads every tensor of a file onto the CPU, keyed by name.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var entries = ReadHeader(stream, path, out var dataStart);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var e in entries)
            result[e.Name] = ReadTensor(stream, dataStart, e, path);
        return result;
    }

    /// <summary>Reads the tensors of one file named in <paramref name="wanted"/> and hands each to <paramref name="sink"/>.</summary>
    internal static void ReadEach(string path, IReadOnlySet<string> wanted, Action<string, Tensor> sink)
    {
        using var stream = File.OpenRead(path);
        var entries = ReadHeader(stream, path, out var dataStart);
        foreach (var e in entries.Where(e => wanted.Contains(e.Name)))
        {
            using var t = ReadTensor(stream, dataStart, e, path);
            sink(e.Name, t);
        }
    }

    /// <summary>Writes tensors (sorted by name) with <c>{"format": "pt"}</c> metadata, which HF transformers requires.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var list = tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, t) in list)
        {
            var size = t.numel() * SafetensorsDType.ElementSize(t.dtype);
            header[name] = new JsonObject
            {
                ["dtype"] = SafetensorsDType.FromTorch(t.dtype),
                ["shape"] = new JsonArray([.. t.shape.Select(d => JsonValue.Create(d))]),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8; // The reference writer pads with spaces to 8-byte alignment.
        AtomicFile.Write(path, stream =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
            stream.Write(len);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
                stream.WriteByte((byte)' ');
            foreach (var (_, t) in list)
            {
                using var cpu = t.detach().cpu().contiguous();
                stream.Write(cpu.bytes);
            }
        });
    }

    static IReadOnlyList<SafetensorsEntry> ReadHeader(Stream stream, string path, out long dataStart)
    {
        Span<byte> len = stackalloc byte[8];
        if (stream.Length < 8 || stream.ReadAtLeast(len, 8, throwOnEndOfStream: false) < 8)
            throw new HfFormatException(path, null, "too short to be a safetensors file");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > (ulong)(stream.Length - 8) || headerLength > 100_000_000)
            throw new HfFormatException(path, null, $"header length {headerLength} exceeds the file size {stream.Length}");
        var bytes = new byte[headerLength];
        stream.ReadExactly(bytes);
        dataStart = 8 + (long)headerLength;
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes)?.AsObject() ?? throw new JsonException("null header");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new HfFormatException(path, null, $"invalid JSON header: {e.Message}", e);
        }
        var dataLength = stream.Length - dataStart;
        var entries = new List<SafetensorsEntry>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
                continue;
            try
            {
                var dtype = SafetensorsDType.ToTorch(node!["dtype"]!.GetValue<string>(), path, name);
                var shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = node["data_offsets"]!.AsArray();
                var (begin, end) = (offsets[0]!.GetValue<long>(), offsets[1]!.GetValue<long>());
                var expected = shape.Aggregate(1L, (a, b) => a * b) * SafetensorsDType.ElementSize(dtype);
                if (begin < 0 || end > dataLength || end - begin != expected)
                    throw new HfFormatException(path, name,
                        $"data_offsets [{begin}, {end}] do not hold {expected} bytes inside the {dataLength}-byte data section");
                entries.Add(new SafetensorsEntry(name, dtype, shape, begin, end));
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
            {
                throw new HfFormatException(path, name, $"malformed header entry {node?.ToJsonString()}", e);
            }
        }
        return entries;
    }

    static Tensor ReadTensor(Stream stream, long dataStart, SafetensorsEntry e, string path)
    {
        var t = empty(e.Shape, e.DType);
        stream.Seek(dataStart + e.Begin, SeekOrigin.Begin);
        try
        {
            stream.ReadExactly(t.bytes); // straight into the tensor's memory, no second buffer
        }
        catch (EndOfStreamException ex)
        {
            t.Dispose();
            throw new HfFormatException(path, e.Name, "file ends inside the tensor data", ex);
        }
        return t;
    }
}
