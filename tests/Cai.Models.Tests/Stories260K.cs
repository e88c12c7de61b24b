using System.Text.Json;
using Cai.Models.Llama;
using Cai.Models.Llama2c;
using Cai.TestKit;

namespace Cai.Models.Tests;

/// <summary>The shared stories260K model, tokenizer and golden values, loaded once per test run.</summary>
internal static class Stories260K
{
    static readonly Lazy<LlamaForCausalLM> LazyModel = new(() => Llama2cCheckpoint.Load(ModelPath));
    static readonly Lazy<Llama2cTokenizer> LazyTokenizer = new(() => Llama2cTokenizer.Load(TokenizerPath, 512));
    static readonly Lazy<JsonElement> LazyGolden = new(() =>
        JsonDocument.Parse(File.ReadAllText(SharedData.Require("models", "stories260K", "golden.json"))).RootElement);

    public static string ModelPath => SharedData.Require("models", "stories260K", "stories260K.bin");
    public static string TokenizerPath => SharedData.Require("models", "stories260K", "tok512.bin");
    public static LlamaForCausalLM Model => LazyModel.Value;
    public static Llama2cTokenizer Tokenizer => LazyTokenizer.Value;
    public static JsonElement Golden => LazyGolden.Value;

    public static int[] GoldenGreedyIds =>
        Golden.GetProperty("greedy_from_bos").GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
