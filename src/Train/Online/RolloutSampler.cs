using Cai.Models.Generation;
using Cai.Models.Tokenizers;

namespace Cai.Train.Online;

/// <summary>
/// Samples responses from the current policy through Models' generator (the one decode loop of the project: KV cache,
/// left-padded batches, per-prompt seeds), as the <see cref="RolloutPlan"/> says: temperature, top_p, top_k, at most
/// <see cref="RolloutPlan.ResponseLength"/> tokens, in chunks of <see cref="RolloutPlan.ChunkSize"/> prompts. A response
/// ends at the model's end-of-text tokens (EOS; llama2.c models also end a story with BOS) or the plan's
/// <c>stop_token_id</c>.
/// </summary>
public sealed class RolloutSampler(CausalLanguageModel policy, ITextTokenizer tokenizer, RolloutPlan plan)
{
    readonly TextGenerator generator = new(policy, tokenizer);

    /// <summary>One response per prompt; <paramref name="seeds"/> gives each row its own sampler, so a row's text does not depend on its batch.</summary>
    public RolloutBatch Sample(IReadOnlyList<TokenizedPrompt> prompts, IReadOnlyList<long> seeds)
    {
        var options = new GenerationOptions
        {
            MaxNewTokens = plan.ResponseLength, Temperature = plan.Temperature, TopP = plan.TopP, TopK = plan.TopK ?? 0,
            StopTokenIds = plan.StopTokenId is { } stop ? [stop] : [],
        };
        var wasTraining = policy.training;
        policy.eval();
        try
        {
            var generated = new List<GeneratedSequence>(prompts.Count);
            for (var start = 0; start < prompts.Count; start += plan.ChunkSize)
            {
                var count = Math.Min(plan.ChunkSize, prompts.Count - start);
                generated.AddRange(generator.GenerateIds([.. prompts.Skip(start).Take(count).Select(p => (IReadOnlyList<int>)p.Ids)], options,
                    [.. seeds.Skip(start).Take(count)]));
            }

            // The generator drops the stop token; the response keeps the one sampled, so that stopping is learned (TRL's
            // truncate_response: the response is cut after its stop token and padded after it). It ended "with EOS" when
            // that token is one of the model's end-of-text tokens, not only the plan's stop_token_id.
            var responses = generated.Select(g => g.StopTokenId is { } token ? [.. g.Ids, token] : g.Ids.Count == 0 ? [tokenizer.EosId] : g.Ids.ToArray()).ToArray();
            var ended = generated.Select(g => g.StopTokenId is { } token && generator.StopTokenIds.Contains(token)).ToArray();
            return new RolloutBatch(prompts, responses, [.. generated.Select(g => g.Text)], ended, policy.Device);
        }
        finally
        {
            if (wasTraining)
                policy.train();
        }
    }
}
