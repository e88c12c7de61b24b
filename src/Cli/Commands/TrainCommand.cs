namespace Cai.Cli.Commands;

/// <summary><c>cai train sft|reward|dpo|kto|ppo|rloo|grpo|online-dpo</c>: preference training in TorchSharp with metrics, plots and checkpoints.</summary>
internal static class TrainCommand
{
    /// <summary>Builds the command group with the trainers <paramref name="reach"/> needs.</summary>
    public static Command Create(CliContext context, CommandReach reach) =>
        reach.AddTo(new Command("train", "Train a local model: SFT, reward model, DPO family, KTO, PPO, RLOO, GRPO or online DPO."), context, Kinds);

    static readonly SubCommand[] Kinds =
    [
        Offline(TrainKind.Sft, "sft", "Supervised fine-tuning on messages or prompt/completion data."),
        Offline(TrainKind.Reward, "reward", "Train a scalar reward model on preference pairs (Bradley–Terry)."),
        Offline(TrainKind.Dpo, "dpo", "Direct preference optimisation (and IPO, hinge, robust, SimPO, soft-label)."),
        Offline(TrainKind.Kto, "kto", "Kahneman–Tversky optimisation on unpaired, labelled completions."),
        new("ppo", context => Online(context, new PpoFlags(), "PPO against a reward model, the constitution's rules or a word count (RL-CAI), sampling from the policy.")),
        new("rloo", context => Online(context, GroupRolloutFlags.Rloo(), "RLOO: k samples per prompt, leave-one-out baseline, no value model (TRL's RLOOTrainer).")),
        new("grpo", context => Online(context, GroupRolloutFlags.Grpo(), "GRPO: a group of samples per prompt, group-normalised advantages, no value model (TRL's GRPOTrainer).")),
        new("online-dpo", context => Online(context, new OnlineDpoFlags(), "Online DPO: two samples per prompt, the reward or judge picks chosen and rejected (TRL's OnlineDPOTrainer).")),
    ];

    static Command Online(CliContext context, OnlineFlags flags, string description)
    {
        var command = new Command(flags.Name, description);
        foreach (var option in flags.All)
            command.Add(option);
        command.SetAction(parse =>
        {
            new OnlineRunner(context, flags).Run(flags.Request(parse));
            return ExitCodes.Success;
        });
        return command;
    }

    static SubCommand Offline(TrainKind kind, string name, string description) => new(name, context =>
    {
        var flags = new TrainFlags();
        var command = new Command(name, description);
        foreach (var option in flags.For(kind))
            command.Add(option);
        command.SetAction(parse =>
        {
            new TrainRunner(context).Run(flags.Request(kind, parse));
            return ExitCodes.Success;
        });
        return command;
    });
}
