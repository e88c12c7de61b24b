using Cai.Models.Gpt2;
using Cai.Models.Llama;

namespace Cai.Train.Models;

/// <summary>Deep copies of a causal LM, e.g. the frozen reference model of DPO and KTO.</summary>
public static class ModelCopy
{
    /// <summary>A copy of <paramref name="model"/> on the same device and dtype, in eval mode, with gradients off.</summary>
    /// <exception cref="NotSupportedException">The architecture has no copy constructor here.</exception>
    public static CausalLanguageModel Frozen(CausalLanguageModel model)
    {
        CausalLanguageModel copy = model switch
        {
            LlamaForCausalLM llama => new LlamaForCausalLM(llama.Config),
            Gpt2LMHeadModel gpt2 => new Gpt2LMHeadModel(gpt2.Config),
            _ => throw new NotSupportedException($"cannot copy a {model.GetType().Name}; supported: llama, gpt2"),
        };
        var first = model.parameters().First();
        copy.to(first.dtype).to(first.device);
        var source = model.state_dict();
        using (no_grad())
        {
            foreach (var (key, value) in copy.state_dict())
                value.copy_(source[key]);
        }

        foreach (var p in copy.parameters())
            p.requires_grad = false;
        copy.eval();
        return copy;
    }
}
