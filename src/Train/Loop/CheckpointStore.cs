using System.Globalization;
using System.Text.Json;
using Cai.Core.Json;

namespace Cai.Train.Loop;

/// <summary>
/// Checkpoint folders <c>checkpoint-&lt;step&gt;/</c> under the output directory, each holding the model (written by the
/// trainer), <c>optimizer.pt</c>, <c>trainer_state.json</c> and <c>training_args.json</c>. A checkpoint is written into a
/// temporary folder and renamed into place, so a crash never leaves a half-written <c>checkpoint-N</c>.
/// </summary>
public sealed class CheckpointStore(string outputDir)
{
    /// <summary>The optimizer state file.</summary>
    public const string OptimizerFile = "optimizer.pt";

    /// <summary>The trainer state file.</summary>
    public const string StateFile = "trainer_state.json";

    /// <summary>The options file.</summary>
    public const string OptionsFile = "training_args.json";

    static readonly JsonSerializerOptions Json = new(CaiJson.Options) { WriteIndented = true };

    /// <summary>Writes checkpoint <paramref name="state"/>.GlobalStep atomically; returns its folder.</summary>
    /// <param name="state">The trainer state.</param>
    /// <param name="optimizer">The optimizer whose moments to save.</param>
    /// <param name="options">The options of the run (any record; serialised snake_case).</param>
    /// <param name="saveModel">Writes the model's files into the folder it is given.</param>
    public string Save(TrainerState state, TorchSharp.Modules.OptimizerHelper optimizer, object options, Action<string> saveModel)
    {
        var final = Path.Combine(outputDir, $"checkpoint-{state.GlobalStep}");
        var temp = Path.Combine(outputDir, $".checkpoint-{state.GlobalStep}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            saveModel(temp);
            optimizer.save_state_dict(Path.Combine(temp, OptimizerFile));
            File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(state, Json));
            File.WriteAllText(Path.Combine(temp, OptionsFile), JsonSerializer.Serialize(options, options.GetType(), Json));
            if (Directory.Exists(final))
                Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
            return final;
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The checkpoint with the highest step, or null when there is none.</summary>
    public string? Latest() =>
        !Directory.Exists(outputDir) ? null : Directory.GetDirectories(outputDir, "checkpoint-*")
            .Select(d => (Dir: d, Step: int.TryParse(Path.GetFileName(d)["checkpoint-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1))
            .Where(c => c.Step >= 0 && File.Exists(Path.Combine(c.Dir, StateFile)))
            .OrderByDescending(c => c.Step).Select(c => c.Dir).FirstOrDefault();

    /// <summary>Removes every <c>checkpoint-N</c> folder (a run that starts over); returns how many there were.</summary>
    public int RemoveAll()
    {
        if (!Directory.Exists(outputDir))
            return 0;
        var folders = Directory.GetDirectories(outputDir, "checkpoint-*");
        foreach (var folder in folders)
            Directory.Delete(folder, recursive: true);
        return folders.Length;
    }

    /// <summary>Reads a checkpoint's trainer state.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>trainer_state.json</c>.</exception>
    public static TrainerState ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, StateFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"'{checkpoint}' is not a checkpoint: {StateFile} is missing", path);
        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: expected a trainer state object");
    }
}
