using System.CommandLine;
using Cai.Cli.Hosting;
using Cai.Cli.Progress;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Options;
using Cai.Train.Trainers;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>One <c>cai train</c> invocation: options, model, data, split, trainer, summary.</summary>
internal sealed class TrainRunner(CliContext context, TrainFlags flags, ParseResult parse)
{
    readonly string outDir = Path.GetFullPath(parse.GetValue(flags.Out)!);

    public int Run(TrainKind kind)
    {
        Directory.CreateDirectory(outDir);
        var progress = RunProgress.IsInteractive && !context.Quiet ? new TrainProgress() : null;
        // Console log lines written under Spectre's live display stall it; the bar shows progress, the JSON log keeps every line.
        context.UseRunDirectory(outDir, console: progress is null);
        var logger = context.LoggerFactory.CreateLogger("cai.train");
        var modelPath = LocalModel.ResolvePath(parse.GetValue(flags.Model)!); // a hf:// id becomes its cache folder
        context.UseTorchThreads();
        using var model = LocalModel.Load(modelPath);
        var tokenizer = new CompletionTokenizer(ChatFormats.ByName(parse.GetValue(flags.ChatFormat)!), model.Tokenizer);
        var run = new TrainerRun
        {
            OutputDir = outDir, ResumeFromLatest = parse.GetValue(flags.Resume), LoggerFactory = context.LoggerFactory,
            TokenizerFile = TokenizerFile(modelPath, model.Module.VocabSize),
            AfterStep = progress is null ? null : progress.Report,
        };
        var data = parse.GetValue(flags.Data)!;
        var report = new DataReport();
        var split = parse.GetValue(flags.EvalSplit);
        var padId = model.Tokenizer.EosId;

        void TrainAll()
        {
            switch (kind)
            {
                case TrainKind.Dpo:
                {
                    var options = Dpo();
                    var pairs = Pairs(data, tokenizer, new SequenceLimits(options.MaxLength, options.MaxPromptLength, options.MaxCompletionLength, options.TruncationMode), report, logger);
                    var (train, eval) = DataSplit.Split(pairs, split, options.Seed, PromptKey);
                    new DpoTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                case TrainKind.Reward:
                {
                    var options = flags.Apply(parse, TrainConfigFile.Load<RewardOptions>(parse.GetValue(flags.Config)));
                    options = options with { MaxLength = parse.GetValue(flags.MaxLength) ?? options.MaxLength };
                    var pairs = Pairs(data, tokenizer, new SequenceLimits(options.MaxLength, options.MaxLength / 2), report, logger);
                    var (train, eval) = DataSplit.Split(pairs, split, options.Seed, PromptKey);
                    new RewardTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                case TrainKind.Sft:
                {
                    var options = flags.Apply(parse, TrainConfigFile.Load<SftOptions>(parse.GetValue(flags.Config)));
                    options = options with { MaxLength = parse.GetValue(flags.MaxLength) ?? options.MaxLength };
                    var rows = CompletionDataset.Tokenize(SftDataReader.Read(data, report), tokenizer, new SequenceLimits(options.MaxLength, options.MaxLength / 2), report, data);
                    var (train, eval) = DataSplit.Split(Usable(rows, data, report, logger), split, options.Seed, PromptKey);
                    new SftTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                default:
                {
                    var options = flags.Apply(parse, TrainConfigFile.Load<KtoOptions>(parse.GetValue(flags.Config)));
                    options = options with
                    {
                        MaxLength = parse.GetValue(flags.MaxLength) ?? options.MaxLength,
                        Beta = parse.GetValue(flags.Beta) ?? options.Beta,
                        PrecomputeRefLogProbs = parse.GetValue(flags.Precompute) || options.PrecomputeRefLogProbs,
                    };
                    var rows = CompletionDataset.Tokenize(KtoDataReader.Read(data, report), tokenizer, new SequenceLimits(options.MaxLength, options.MaxPromptLength, options.MaxCompletionLength), report, data);
                    var (train, eval) = DataSplit.Split(Usable(rows, data, report, logger), split, options.Seed, PromptKey);
                    new KtoTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
            }
        }

        try
        {
            if (progress is null)
                TrainAll();
            else
                progress.Run(TrainAll);
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            throw new CliException($"invalid option: {ex.Message}", inner: ex);
        }
        catch (TrainingDivergedException ex)
        {
            throw new CliException(ex.Message, inner: ex);
        }

        Summarise();
        return ExitCodes.Success;
    }

    DpoOptions Dpo()
    {
        var options = flags.Apply(parse, TrainConfigFile.Load<DpoOptions>(parse.GetValue(flags.Config)));
        return options with
        {
            Beta = parse.GetValue(flags.Beta) ?? options.Beta,
            LossType = parse.GetValue(flags.LossType) is { } type ? TrainConfigFile.ParseLossType(type, "--loss-type") : options.LossType,
            MaxLength = parse.GetValue(flags.MaxLength) ?? options.MaxLength,
            MaxPromptLength = parse.GetValue(flags.MaxLength) is { } max && options.MaxPromptLength >= max ? max / 2 : options.MaxPromptLength,
            PrecomputeRefLogProbs = parse.GetValue(flags.Precompute) || options.PrecomputeRefLogProbs,
        };
    }

    // The held-out split keeps all rows of one prompt together (several pairs per prompt, a KTO row's chosen and
    // rejected halves), so the eval loss is measured on prompts the policy did not train on.
    static string PromptKey(TokenizedPair pair) => string.Join(',', pair.Prompt);

    static string PromptKey(TokenizedCompletion row) => string.Join(',', row.Prompt);

    static IReadOnlyList<TokenizedPair> Pairs(string data, CompletionTokenizer tokenizer, SequenceLimits limits, DataReport report, ILogger logger) =>
        Usable(PreferenceDataset.Tokenize(PreferenceDataReader.Read(data, report), tokenizer, limits, report, data), data, report, logger);

    static IReadOnlyList<T> Usable<T>(IReadOnlyList<T> rows, string data, DataReport report, ILogger logger)
    {
        logger.LogInformation("data {File}: {Report}", data, report.ToString());
        foreach (var problem in report.Problems.Take(10))
            logger.LogWarning("skipped {Problem}", problem);
        return rows.Count > 0 ? rows : throw new CliException($"{data}: no usable training example ({report})");
    }

    void Summarise()
    {
        var metrics = MetricsWriter.ReadAll(Path.Combine(outDir, TrainingLoop.MetricsFile));
        var lastTrain = metrics.LastOrDefault(m => m.ContainsKey("loss"));
        var lastEval = metrics.LastOrDefault(m => m.ContainsKey("eval_loss"));
        context.Output.WriteLine($"trained to step {lastTrain?["step"]}; model, metrics.jsonl and plots in {outDir}");
        foreach (var line in new[] { lastTrain, lastEval }.OfType<IReadOnlyDictionary<string, double>>())
            context.Output.WriteLine(string.Join("  ", line.Where(kv => kv.Key != "epoch").Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value:G5}"))));
    }

    static string? TokenizerFile(string modelPath, int vocab)
    {
        var dir = Directory.Exists(modelPath) ? modelPath : Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        return new[] { $"tok{vocab}.bin", "tokenizer.bin", "tokenizer.json" }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists);
    }
}
