using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Composition;

/// <summary>
/// <see cref="IChoiceLogProbs"/> over a chat client: asks for one token with its top alternatives (through
/// <see cref="LogProbabilityChatClientExtensions"/>, so OpenAI-compatible endpoints and local models both work).
/// </summary>
public sealed class ChatClientChoiceLogProbs(IChatClient client) : IChoiceLogProbs
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, double>> FirstTokenLogProbsAsync(
        IReadOnlyList<Message> prompt, int topK, CancellationToken cancellationToken)
    {
        var response = await client.GetResponseWithLogProbabilitiesAsync(ChatMessages.ToChat(prompt), topK,
            new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (response.Tokens.Count == 0)
            return result;
        var first = response.Tokens[0];
        foreach (var alternative in first.TopAlternatives)
            result.TryAdd(alternative.Token, alternative.LogProbability);
        result.TryAdd(first.Token, first.LogProbability);
        return result;
    }
}
