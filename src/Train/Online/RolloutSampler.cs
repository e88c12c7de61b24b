using Cai.Models;
using Cai.Models.Generation;
using Cai.Models.Tokenizers;
using Cai.Train.Data;

namespace Cai.Train.Online;

/// <summary>
/// Samples responses from the current policy through Models' generator (the one decode loop of the project: KV cache,
/// left-padded batches, per-prompt seeds), stopping at EOS or <paramref name="responseLength"/> tokens, in chunks of
/// <paramref name="chunkSize"/> prompts.
/// </summary>
public sealed class RolloutSampler(CausalLanguageModel policy, ITextTokenizer tokenizer, int responseLength, double temperature, int chunkSize)
{
    readonly TextGenerator generator = new(policy, tokenizer);

    /// <summary>One response per prompt; <paramref name="seeds"/> gives each row its own sampler, so a row's text does not depend on its batch.</summary>
    public RolloutBatch Sample(IReadOnlyList<TokenizedPrompt> prompts, IReadOnlyList<long> seeds)
    {
        var options = new GenerationOptions { MaxNewTokens = responseLength, Temperature = temperature };
        var wasTraining = policy.training;
        policy.eval();
        try
        {
            var generated = new List<GeneratedSequence>(prompts.Count);
            for (var start = 0; start < prompts.Count; start += chunkSize)
            {
                var count = Math.Min(chunkSize, prompts.Count - start);
                generated.AddRange(generator.GenerateIds([.. prompts.Skip(start).Take(count).Select(p => (IReadOnlyList<int>)p.Ids)], options,
                    [.. seeds.Skip(start).Take(count)]));
            }

            // The generator drops the stop token; PPO keeps EOS in the response so that stopping is learned (TRL's truncate_response).
            var stopped = generated.Select(g => g.FinishReason == FinishReason.Stop).ToArray();
            var responses = generated.Select((g, i) => stopped[i] || g.Ids.Count == 0 ? [.. g.Ids, tokenizer.EosId] : g.Ids.ToArray()).ToArray();
            return new RolloutBatch(prompts, responses, [.. generated.Select(g => g.Text)], stopped, policy.Device);
        }
        finally
        {
            if (wasTraining)
                policy.train();
        }
    }
}
