using System.Diagnostics;
using System.Globalization;
using Cai.Benchmarks.Generation;
using Cai.Models;
using Cai.Models.Generation;
using Cai.Models.Llama;
using static TorchSharp.torch;

// Generation throughput with the KV cache: tokens/s for one stream and for a batch of sequences, for stories260K
// (loaded from ../shared) and a random-weight Llama shaped like llama2.c's stories15M.
// Usage: dotnet run -c Release --project benchmarks/Cai.Benchmarks.Generation -- [--stories PATH] [--tokens N]
//        [--batch B] [--reps R] [--threads T]
var options = BenchmarkArgs.Parse(args);
if (options.Threads is { } threads)
    set_num_threads(threads);
Console.WriteLine($"machine: {MachineInfo.Describe()}");
Console.WriteLine($"settings: {options.Tokens} new tokens, batch {options.Batch}, {options.Reps} repetitions after 1 warmup, median reported");
Console.WriteLine("| model | parameters | mode | tokens/s (median) | min | max |");
Console.WriteLine("|---|---|---|---|---|---|");

using (var stories = LocalModel.Load(options.StoriesPath))
    Measure("stories260K", stories.Module, options);

manual_seed(0);
using (var random15M = new LlamaForCausalLM(new LlamaConfig
{
    VocabSize = 32000, HiddenSize = 288, IntermediateSize = 768, NumHiddenLayers = 6, NumAttentionHeads = 6,
    NumKeyValueHeads = 6, MaxPositionEmbeddings = 256, TieWordEmbeddings = true,
}))
{
    random15M.eval();
    Measure("llama 15M (random)", random15M, options);
}

static void Measure(string name, CausalLanguageModel model, BenchmarkArgs options)
{
    var tokenizer = new FixedTokenizer(model.VocabSize);
    var generator = new TextGenerator(model, tokenizer);
    foreach (var batch in new[] { 1, options.Batch })
    {
        // Temperature 1 with no EOS id reachable keeps every row generating the full length.
        var generation = new GenerationOptions { MaxNewTokens = options.Tokens, Temperature = 1, Seed = 1, NumReturnSequences = batch };
        IReadOnlyList<IReadOnlyList<int>> prompt = [[1, 5, 9, 13]];
        generator.GenerateIds(prompt, generation); // warmup
        var rates = new List<double>();
        for (var r = 0; r < options.Reps; r++)
        {
            var watch = Stopwatch.StartNew();
            var result = generator.GenerateIds(prompt, generation);
            watch.Stop();
            rates.Add(result.Sum(s => s.Ids.Count) / watch.Elapsed.TotalSeconds);
        }
        rates.Sort();
        var median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[rates.Count / 2 - 1] + rates[rates.Count / 2]) / 2;
        var mode = batch == 1 ? "single stream" : $"batch {batch}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {model.ParameterCount:N0} | {mode} | {median:F0} | {rates[0]:F0} | {rates[^1]:F0} |"));
    }
}
