using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;
using TorchSharp.Modules;

namespace Cai.Train.Models;

/// <summary>
/// A causal LM with a scalar value head on the final hidden state of each sequence's last real token (HF's
/// <c>*ForSequenceClassification</c> with one label, as TRL's RewardTrainer uses it). The hidden state is taken from the
/// backbone's final norm with a forward hook, so the decoder code stays untouched.
/// </summary>
public sealed class RewardModel : nn.Module
{
    /// <summary>File holding the head beside the backbone's HF folder.</summary>
    public const string HeadFile = "score.safetensors";

    readonly CausalLanguageModel backbone;
    readonly Linear score;
    Tensor? hidden;

    /// <summary>Wraps <paramref name="backbone"/> and adds a zero-initialised head (rewards start at 0).</summary>
    public RewardModel(CausalLanguageModel backbone) : base(nameof(RewardModel))
    {
        this.backbone = backbone;
        var (width, finalNorm) = backbone switch
        {
            LlamaForCausalLM l => (l.Config.HiddenSize, "model.norm"),
            Gpt2LMHeadModel g => (g.Config.NEmbd, "transformer.ln_f"),
            _ => throw new NotSupportedException($"no reward head for a {backbone.GetType().Name}; supported: llama, gpt2"),
        };
        score = nn.Linear(width, 1, hasBias: false);
        nn.init.zeros_(score.weight);
        var first = backbone.parameters().First();
        score.to(first.dtype).to(first.device);
        var norm = backbone.named_modules().First(m => m.name == finalNorm).module as nn.Module<Tensor, Tensor>
            ?? throw new NotSupportedException($"{finalNorm} is not a tensor-to-tensor module");
        // The norm's output lives in the decoder's dispose scope; an alias detached from it survives until Rewards disposes it.
        norm.register_forward_hook((_, _, output) =>
        {
            hidden = output.alias().DetachFromDisposeScope();
            return output;
        });
        RegisterComponents();
    }

    /// <summary>The language model under the head.</summary>
    public CausalLanguageModel Backbone => backbone;

    /// <summary>Scalar rewards (N) of a right-padded batch: the head applied at each row's last real token.</summary>
    /// <param name="inputIds">(N, T) int64.</param>
    /// <param name="lengths">Real length of each row.</param>
    public Tensor Rewards(Tensor inputIds, int[] lengths)
    {
        using var scope = NewDisposeScope();
        backbone.Forward(inputIds);
        using var h = hidden ?? throw new InvalidOperationException("the forward hook did not run"); // (N, T, C)
        hidden = null;
        var last = tensor(lengths.Select(l => (long)l - 1).ToArray(), device: inputIds.device); // (N)
        var picked = h[arange(lengths.Length, device: inputIds.device), last]; // (N, C)
        return score.call(picked).squeeze(-1).MoveToOuterDisposeScope(); // (N)
    }

    /// <summary>
    /// The head at every position (N, T): PPO's value model, whose value for a response token is read at the position
    /// before it. Left padding is handled by <paramref name="positions"/> and <paramref name="keyPaddingMask"/>.
    /// </summary>
    /// <param name="inputIds">(N, T) int64.</param>
    /// <param name="positions">(N, T) int64 absolute positions.</param>
    /// <param name="keyPaddingMask">(N, T) bool, true on real tokens; null when nothing is padded.</param>
    public Tensor Values(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        backbone.Forward(inputIds, positions, keyPaddingMask);
        using var h = hidden ?? throw new InvalidOperationException("the forward hook did not run"); // (N, T, C)
        hidden = null;
        return score.call(h).squeeze(-1).MoveToOuterDisposeScope(); // (N, T)
    }

    /// <summary>Saves the backbone as a HF folder and the head as <see cref="HeadFile"/> (key <c>score.weight</c>).</summary>
    public void Save(string dir, string? tokenizerFile)
    {
        ModelFiles.Save(backbone, dir, tokenizerFile);
        SafetensorsFile.Write(Path.Combine(dir, HeadFile), [KeyValuePair.Create("score.weight", (Tensor)score.weight!)]);
    }

    /// <summary>Loads what <see cref="Save"/> wrote.</summary>
    public void Load(string dir)
    {
        ModelFiles.LoadWeights(backbone, dir);
        var head = SafetensorsFile.Read(Path.Combine(dir, HeadFile));
        using (no_grad())
            score.weight!.copy_(head["score.weight"]);
    }
}
