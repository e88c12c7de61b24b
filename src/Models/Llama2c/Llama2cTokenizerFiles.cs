namespace Cai.Models.Llama2c;

/// <summary>
/// Where a llama2.c tokenizer lives beside its checkpoint: <c>tok{vocab}.bin</c> (tok512.bin beside stories260K), else
/// <c>tokenizer.bin</c> (the 32000-token one, and the name <c>cai model convert</c> writes into an HF folder). The
/// loaders, the converter, the Hub download and the trainers' output folders all look in this one order.
/// </summary>
public static class Llama2cTokenizerFiles
{
    /// <summary>The name that does not depend on the vocabulary: what a converted or trained folder holds.</summary>
    public const string Default = "tokenizer.bin";

    /// <summary>The names looked for, in order, for a model of <paramref name="vocabSize"/> tokens.</summary>
    public static IReadOnlyList<string> Names(int vocabSize) => [$"tok{vocabSize}.bin", Default];

    /// <summary>The paths looked at in folder <paramref name="dir"/>, in order.</summary>
    public static IEnumerable<string> In(string dir, int vocabSize) => Names(vocabSize).Select(n => Path.Combine(dir, n));

    /// <summary>
    /// The tokenizer of the llama2.c <paramref name="checkpoint"/>: <paramref name="explicitPath"/> when given, else the
    /// first of <see cref="Names"/> beside it.
    /// </summary>
    /// <exception cref="FileNotFoundException">None exists; the message names the checkpoint and every path looked at.</exception>
    public static string Find(string checkpoint, int vocabSize, string? explicitPath = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(checkpoint))!;
        string[] candidates = explicitPath is not null ? [explicitPath] : [.. In(dir, vocabSize)];
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"No tokenizer for llama2.c model '{checkpoint}': looked for {string.Join(" and ", candidates.Select(c => $"'{c}'"))}.",
            candidates[0]);
    }
}
