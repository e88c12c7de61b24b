using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>The GPT-2 stack without the head: HF's <c>GPT2Model</c> (state-dict prefix <c>transformer.</c>).</summary>
public sealed class Gpt2Model : nn.Module
{
    readonly Embedding wte;
    readonly Embedding wpe;
    readonly ModuleList<Gpt2Block> h;
    readonly LayerNorm ln_f;

    /// <summary>Creates the stack with GPT-2's N(0, 0.02) embedding initialisation.</summary>
    public Gpt2Model(string name, Gpt2Config config) : base(name)
    {
        wte = nn.Embedding(config.VocabSize, config.NEmbd);
        wpe = nn.Embedding(config.NPositions, config.NEmbd);
        h = new ModuleList<Gpt2Block>(Enumerable.Range(0, config.NLayer).Select(i => new Gpt2Block($"{i}", config, i)).ToArray());
        ln_f = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        using (no_grad())
        {
            nn.init.normal_(wte.weight!, 0, 0.02);
            nn.init.normal_(wpe.weight!, 0, 0.02);
        }
        RegisterComponents();
    }

    /// <summary>The token embedding, which is also the output head.</summary>
    internal Embedding Wte => wte;

    internal Tensor Forward(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var x = wte.call(inputIds).Plus(wpe.call(positions));                    // (B, T, C)
        var (mask, causal) = AttentionMask.ForForward(keyPaddingMask, inputIds.shape[0], inputIds.shape[1], cache, null, x.device);
        foreach (var block in h)
            x = block.Forward(x, mask, causal, cache);                       // (B, T, C)
        return ln_f.call(x).MoveToOuterDisposeScope();
    }
}
