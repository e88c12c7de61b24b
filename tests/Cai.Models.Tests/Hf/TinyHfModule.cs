using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Hf;

/// <summary>
/// A hand-built module whose state-dict keys look like a Llama checkpoint's (model.embed_tokens.weight,
/// model.layers.0.self_attn.q_proj.weight/bias, lm_head.weight), standing in for the real decoder.
/// </summary>
internal sealed class TinyHfModule : nn.Module
{
#pragma warning disable IDE1006 // Field names are HF state-dict keys.
    private readonly Inner model;
    private readonly Linear lm_head;
#pragma warning restore IDE1006

    public TinyHfModule(int vocab = 11, int dim = 6, int layers = 2, ScalarType dtype = ScalarType.Float32)
        : base(nameof(TinyHfModule))
    {
        model = new Inner(vocab, dim, layers);
        lm_head = nn.Linear(dim, vocab, hasBias: false);
        RegisterComponents();
        this.to(dtype);
    }

    /// <summary>Fills every tensor with values from a seeded generator, so two modules can be told apart.</summary>
    public TinyHfModule Randomize(long seed)
    {
        var g = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var (_, t) in state_dict())
            t.copy_(randn(t.shape, generator: g));
        return this;
    }

    private sealed class Inner : nn.Module
    {
#pragma warning disable IDE1006
        private readonly Embedding embed_tokens;
        private readonly ModuleList<Layer> layers;
        private readonly LayerNorm norm;
#pragma warning restore IDE1006

        public Inner(int vocab, int dim, int count) : base("model")
        {
            embed_tokens = nn.Embedding(vocab, dim);
            layers = nn.ModuleList([.. Enumerable.Range(0, count).Select(_ => new Layer(dim))]);
            norm = nn.LayerNorm(dim);
            RegisterComponents();
        }
    }

    private sealed class Layer : nn.Module
    {
#pragma warning disable IDE1006
        private readonly Attention self_attn;
#pragma warning restore IDE1006

        public Layer(int dim) : base("layer")
        {
            self_attn = new Attention(dim);
            RegisterComponents();
        }
    }

    private sealed class Attention : nn.Module
    {
#pragma warning disable IDE1006
        private readonly Linear q_proj;
        private readonly Linear o_proj;
#pragma warning restore IDE1006

        public Attention(int dim) : base("self_attn")
        {
            q_proj = nn.Linear(dim, dim, hasBias: true);
            o_proj = nn.Linear(dim, dim, hasBias: false);
            RegisterComponents();
        }
    }
}
