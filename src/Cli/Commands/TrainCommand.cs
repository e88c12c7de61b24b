namespace Cai.Cli.Commands;

/// <summary><c>cai train sft|reward|dpo|kto|ppo|rloo|grpo|online-dpo</c>: preference training in TorchSharp with metrics, plots and checkpoints.</summary>
internal static class TrainCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context) => new("train", "Train a local model: SFT, reward model, DPO family, KTO, PPO, RLOO, GRPO or online DPO.")
    {
        Sub(context, TrainKind.Sft, "sft", "Supervised fine-tuning on messages or prompt/completion data."),
        Sub(context, TrainKind.Reward, "reward", "Train a scalar reward model on preference pairs (Bradley–Terry)."),
        Sub(context, TrainKind.Dpo, "dpo", "Direct preference optimisation (and IPO, hinge, robust, SimPO, soft-label)."),
        Sub(context, TrainKind.Kto, "kto", "Kahneman–Tversky optimisation on unpaired, labelled completions."),
        Online(context, new PpoFlags(), "PPO against a reward model, the constitution's rules or a word count (RL-CAI), sampling from the policy."),
        Online(context, GroupRolloutFlags.Rloo(), "RLOO: k samples per prompt, leave-one-out baseline, no value model (TRL's RLOOTrainer)."),
        Online(context, GroupRolloutFlags.Grpo(), "GRPO: a group of samples per prompt, group-normalised advantages, no value model (TRL's GRPOTrainer)."),
        Online(context, new OnlineDpoFlags(), "Online DPO: two samples per prompt, the reward or judge picks chosen and rejected (TRL's OnlineDPOTrainer)."),
    };

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

    static Command Sub(CliContext context, TrainKind kind, string name, string description)
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
    }
}
