namespace Cai.Models.Hf;

/// <summary>A Hugging Face model file (config.json, safetensors, tokenizer.json, ...) is missing data or malformed.</summary>
public sealed class HfFormatException : Exception
{
    /// <summary>Creates the exception; the message names <paramref name="file"/> and, when known, <paramref name="field"/>.</summary>
    public HfFormatException(string file, string? field, string message, Exception? inner = null)
        : base(Format(file, field, message), inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>The file that failed to load.</summary>
    public string File { get; }

    /// <summary>The JSON field or tensor name at fault, if any.</summary>
    public string? Field { get; }

    static string Format(string file, string? field, string message) =>
        field is null ? $"{file}: {message}" : $"{file}: field '{field}': {message}";
}
