using System.Security.Cryptography;
using Cai.Cli.Progress;
using Cai.Core.Runs;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Models.Llama2c;
using Cai.Models.Tokenizers.Hf;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Options;
using Cai.Train.Trainers;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>
/// Runs one <see cref="TrainRequest"/> (from <c>cai train</c> or a <c>cai run</c> train step): model, chat format,
/// data and held-out data, trainer, summary. The online trainers' requests go to <see cref="OnlineRunner"/>.
/// </summary>
internal sealed class TrainRunner(CliContext context)
{
    public TrainResult Run(TrainRequest request)
    {
        if (request.IsOnline)
            return new OnlineRunner(context, OnlineFlags.For(request.Options)).Run(request);
        var outDir = request.Out;
        Directory.CreateDirectory(outDir);
        var progress = RunProgress.IsInteractive && !context.Quiet ? new TrainProgress() : null;
        // Console log lines written under Spectre's live display stall it; the bar shows progress, the JSON log keeps every line.
        context.UseRunDirectory(outDir, console: progress is null);
        var logger = context.LoggerFactory.CreateLogger("cai.train");
        var modelPath = LocalModel.ResolvePath(request.Model); // a hf:// id becomes its cache folder
        context.UseTorchThreads();
        using var model = LocalModel.Load(modelPath);
        var format = ChatFormat(request, model);
        var tokenizer = new CompletionTokenizer(format, model.Tokenizer);
        var dataHash = DataHash(request);
        var run = new TrainerRun
        {
            OutputDir = outDir, ResumeFromLatest = request.Resume, LoggerFactory = context.LoggerFactory, DataHash = dataHash,
            TokenizerFile = TokenizerFile(modelPath, model.Module.VocabSize),
            AfterStep = progress is null ? null : progress.Report,
        };
        var padId = model.Tokenizer.EosId;
        logger.LogInformation("training {Trainer} on {Data} in chat format {ChatFormat} (data hash {DataHash})",
            request.Trainer, request.Data, format.Name, dataHash);

        void TrainAll()
        {
            switch (request.Options)
            {
                case DpoOptions options:
                {
                    var limits = new SequenceLimits(options.MaxLength, options.MaxPromptLength, options.MaxCompletionLength, options.TruncationMode);
                    var (train, eval) = Sets(request, (file, report) => Pairs(file, tokenizer, limits, report), options.Seed, PromptKey, logger);
                    new DpoTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                case RewardOptions options:
                {
                    var limits = new SequenceLimits(options.MaxLength, options.MaxLength / 2);
                    var (train, eval) = Sets(request, (file, report) => Pairs(file, tokenizer, limits, report), options.Seed, PromptKey, logger);
                    new RewardTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                case SftOptions options:
                {
                    var limits = new SequenceLimits(options.MaxLength, options.MaxLength / 2);
                    var (train, eval) = Sets(request, (file, report) =>
                        CompletionDataset.Tokenize(SftDataReader.Read(file, report), tokenizer, limits, report, file), options.Seed, PromptKey, logger);
                    new SftTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                case KtoOptions options:
                {
                    var limits = new SequenceLimits(options.MaxLength, options.MaxPromptLength, options.MaxCompletionLength);
                    var (train, eval) = Sets(request, (file, report) =>
                        CompletionDataset.Tokenize(KtoDataReader.Read(file, report), tokenizer, limits, report, file), options.Seed, PromptKey, logger);
                    new KtoTrainer(model.Module, options, train, eval, padId).Train(run);
                    break;
                }
                default:
                    throw new InvalidOperationException($"no trainer takes {request.Options.GetType().Name}");
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
        catch (Exception ex) when (ex is TrainingDivergedException or TrainingDataException)
        {
            throw new CliException(ex.Message, inner: ex);
        }

        Summarise(outDir);
        return new TrainResult(format.Name, dataHash, outDir);
    }

    internal static IChatFormat ChatFormat(TrainRequest request, LocalModel model)
    {
        try
        {
            return request.ChatFormat is { } name ? ChatFormats.ByName(name) : model.ChatFormat;
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--chat-format: {ex.Message}", inner: ex);
        }
    }

    /// <summary>
    /// The SHA-256 of the training file's bytes, folded with the hash of the step this one continues from: what a
    /// checkpoint must have been trained on to be resumed.
    /// </summary>
    internal static string DataHash(TrainRequest request)
    {
        if (!File.Exists(request.Data))
            throw new CliException($"training data file not found: '{request.Data}'");
        using var file = File.OpenRead(request.Data);
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        if (request.DataLimit is { } limit)
            hash = Fold($"limit {limit}", hash);
        return request.UpstreamDataHash is { } upstream ? Fold(upstream, hash) : hash;
    }

    static string Fold(string before, string hash) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(before + "\n" + hash)));

    // The training rows, and the held-out rows: the request's eval file (a run's exported test split, evaluated as it
    // is), or else a split of the training file that keeps all rows of one prompt together (several pairs per prompt,
    // a KTO row's chosen and rejected halves), so the eval loss is measured on prompts the policy did not train on.
    static (IReadOnlyList<T> Train, IReadOnlyList<T> Eval) Sets<T>(TrainRequest request, Func<string, DataReport, IReadOnlyList<T>> load,
        int seed, Func<T, string> promptKey, ILogger logger)
    {
        var rows = Usable(request.Data, load, logger);
        if (request.EvalData is not { } evalFile)
            return DataSplit.Split(rows, request.EvalSplit, seed, promptKey);
        var eval = Read(evalFile, load, logger, out _);
        if (eval.Count == 0)
            logger.LogInformation("no evaluation: {File} has no usable example", evalFile);
        return (rows, eval);
    }

    static IReadOnlyList<T> Usable<T>(string file, Func<string, DataReport, IReadOnlyList<T>> load, ILogger logger)
    {
        var rows = Read(file, load, logger, out var report);
        return rows.Count > 0 ? rows : throw new CliException($"{file}: no usable training example ({report})");
    }

    static IReadOnlyList<T> Read<T>(string file, Func<string, DataReport, IReadOnlyList<T>> load, ILogger logger, out DataReport report)
    {
        report = new DataReport();
        var rows = load(file, report);
        logger.LogInformation("data {File}: {Report}", file, report.ToString());
        foreach (var problem in report.Problems.Take(10))
            logger.LogWarning("skipped {Problem}", problem);
        return rows;
    }

    static string PromptKey(TokenizedPair pair) => string.Join(',', pair.Prompt);

    static string PromptKey(TokenizedCompletion row) => string.Join(',', row.Prompt);

    static IReadOnlyList<TokenizedPair> Pairs(string file, CompletionTokenizer tokenizer, SequenceLimits limits, DataReport report) =>
        PreferenceDataset.Tokenize(PreferenceDataReader.Read(file, report), tokenizer, limits, report, file);

    void Summarise(string outDir)
    {
        var metrics = MetricsLog.Read(Path.Combine(outDir, MetricsLog.FileName));
        var lastTrain = metrics.LastOrDefault(m => m.ContainsKey("loss"));
        var lastEval = metrics.LastOrDefault(m => m.ContainsKey("eval_loss"));
        context.Output.WriteLine($"trained to step {lastTrain?["step"]}; model, metrics.jsonl and plots in {outDir}");
        foreach (var line in new[] { lastTrain, lastEval }.OfType<IReadOnlyDictionary<string, double>>())
            context.Output.WriteLine(string.Join("  ", line.Where(kv => kv.Key != "epoch").Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value:G5}"))));
    }

    internal static string? TokenizerFile(string modelPath, int vocab)
    {
        var dir = Directory.Exists(modelPath) ? modelPath : Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        return Llama2cTokenizerFiles.In(dir, vocab).Append(Path.Combine(dir, HfTokenizer.FileName)).FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// One training run as <c>cai train</c> and the <c>train:</c> step of <c>cai run</c> both ask for it: the trainer's
/// resolved options (a <see cref="DpoOptions"/>, <see cref="KtoOptions"/>, <see cref="SftOptions"/>,
/// <see cref="RewardOptions"/>, or for the online trainers <see cref="PpoOptions"/>, <see cref="RlooOptions"/>,
/// <see cref="GrpoOptions"/> or <see cref="OnlineDpoOptions"/>, which also picks the trainer), the model, the data
/// (for the online trainers: the prompts the rollouts answer) and where the run goes.
/// </summary>
internal sealed record TrainRequest
{
    /// <summary>The trainer's options: YAML file, then flags, already applied.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The model to start from: a llama2.c <c>.bin</c>, an HF folder or an <c>hf://</c> id.</summary>
    public required string Model { get; init; }

    /// <summary>The training file (.jsonl or .jsonl.gz); for the online trainers the prompts file.</summary>
    public required string Data { get; init; }

    /// <summary>The output folder (metrics, plots, checkpoints, final model).</summary>
    public required string Out { get; init; }

    /// <summary>
    /// For the online trainers: only the first this many prompts of <see cref="Data"/> are read (a run's
    /// <c>prompts.limit</c>, as its generate stage reads them); null reads them all. Part of the data hash.
    /// </summary>
    public int? DataLimit { get; init; }

    /// <summary>A held-out file to evaluate on (a run's <c>pairs/test.jsonl</c>); when set, the data is not split.</summary>
    public string? EvalData { get; init; }

    /// <summary>The fraction of the data's prompts held out for evaluation when there is no <see cref="EvalData"/>.</summary>
    /// <value>The default value is 0.1.</value>
    public double EvalSplit { get; init; } = 0.1;

    /// <summary>Continue from the latest checkpoint in <see cref="Out"/> (unless the data changed since).</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// The chat format prompts are rendered in (plain, chatml, llama2, llama3, zephyr); null uses the model's own, the
    /// one its chat_template names (plain for llama2.c files), which is also what a local policy generates with.
    /// </summary>
    public string? ChatFormat { get; init; }

    /// <summary>
    /// The data hash of the step this one continues from (a chain's earlier step), folded into this step's hash: when
    /// the earlier step trained on other data, this step's checkpoints are stale too.
    /// </summary>
    public string? UpstreamDataHash { get; init; }

    /// <summary>Online trainers: the reward sources, summed (<c>--reward</c> syntax: a reward-model folder, <c>rules:&lt;yaml&gt;</c>, <c>judge:&lt;model&gt;</c> ...).</summary>
    public IReadOnlyList<string> Rewards { get; init; } = [];

    /// <summary>Online trainers: the constitution whose principles a judge reward asks about; null when none is given.</summary>
    public string? Constitution { get; init; }

    /// <summary>PPO: the value model; null means the reward model among <see cref="Rewards"/>, else the policy.</summary>
    public string? ValueModel { get; init; }

    /// <summary>Whether the trainer samples from the policy (PPO, RLOO, GRPO, online DPO) instead of reading a dataset.</summary>
    public bool IsOnline => Options is OnlineOptions;

    /// <summary>The trainer's name: sft, reward, dpo, kto, ppo, rloo, grpo or online-dpo.</summary>
    public string Trainer => Options switch
    {
        DpoOptions => "dpo",
        KtoOptions => "kto",
        SftOptions => "sft",
        RewardOptions => "reward",
        PpoOptions => "ppo",
        RlooOptions => "rloo",
        GrpoOptions => "grpo",
        OnlineDpoOptions => "online-dpo",
        _ => throw new InvalidOperationException($"no trainer takes {Options.GetType().Name}"),
    };
}

/// <summary>What a training run used and produced: the chat format, the data hash its checkpoints carry, and the model folder.</summary>
/// <param name="ChatFormat">The chat format name the data was rendered in.</param>
/// <param name="DataHash">The data hash recorded in its checkpoints.</param>
/// <param name="ModelDir">The folder of the trained model.</param>
internal sealed record TrainResult(string ChatFormat, string DataHash, string ModelDir);
