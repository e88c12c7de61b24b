using Cai.Core.Constitutions;
using Cai.Core.Prompts;
using Cai.Core.Records;
using Cai.Pipeline.Config;
using Cai.Pipeline.Local;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Composition;

/// <summary>
/// Checks, before the first stage runs, that an in-process (<c>local:</c>) critic and reviser have room for their
/// prompts: the critique (revision) prompt as the revise stage renders it — the constitution's few-shot turns when
/// <c>revise.few_shot</c> is on, then each principle's request — plus the role's max_tokens must fit the model's
/// context. The prompt and the answer being critiqued are taken empty, so the sizes are a lower bound: a config this
/// refuses would overflow on every item, and used to find out only after the policy had answered every prompt.
/// </summary>
static class ContextBudgetCheck
{
    static readonly IReadOnlyList<Message> EmptyPrompt = [Message.User("")];

    /// <summary>Throws when a local critic's or reviser's prompt cannot fit its context.</summary>
    /// <exception cref="ArgumentException">One line: the config file, the field, the sizes and what to change.</exception>
    public static void Check(PipelineConfig config, Constitution constitution, ModelClients clients)
    {
        IReadOnlyList<Message> examples = config.Revise.FewShot ? FewShotTurns.Render(constitution) : [];
        Check(config, config.Critic, "critic", "critique", clients, constitution, examples,
            (fewShot, p) => CritiquePrompt.Render(fewShot, EmptyPrompt, "", p.Critique));
        Check(config, config.Reviser, "reviser", "revision", clients, constitution, examples,
            (fewShot, p) => RevisionPrompt.Render(fewShot, EmptyPrompt, "", p.Critique, "", p.Revision));
    }

    static void Check(PipelineConfig config, ModelRoleConfig role, string roleName, string prompt, ModelClients clients,
        Constitution constitution, IReadOnlyList<Message> examples, Func<IReadOnlyList<Message>, Principle, IReadOnlyList<Message>> render)
    {
        if (role.Parsed.Provider != ModelProvider.Local || clients.For(role).GetService(typeof(LocalChatClient)) is not LocalChatClient client)
            return;
        var options = new ChatOptions { MaxOutputTokens = role.Options.MaxTokens };
        // The principle with the longest requests decides: items that draw it would overflow.
        var (principle, tokens, maxNew) = constitution.Principles
            .Select(p => (p, Size: client.Measure(ChatMessages.ToChat(render(examples, p)), options)))
            .Select(x => (x.p, x.Size.PromptTokens, x.Size.MaxNewTokens))
            .MaxBy(x => x.PromptTokens);
        var context = client.ContextLength;
        if (principle is null || tokens + maxNew <= context)
            return;
        var fixes = new List<string>();
        if (examples.Count > 0)
            fixes.Add($"set revise.few_shot: false ({client.Measure(ChatMessages.ToChat(render([], principle)), options).PromptTokens} tokens without the examples)");
        var field = Field(config, role);
        if (tokens < context)
            fixes.Add($"set {field}.max_tokens: {context - tokens} or less");
        fixes.Add($"use a {roleName} with a larger context");
        throw new ArgumentException(
            $"{config.SourcePath}: {field}: the {roleName}'s {prompt} prompt for principle '{principle.Id}' takes at least {tokens} tokens" +
            $"{(examples.Count > 0 ? " with the constitution's few-shot examples" : "")}, and max_tokens {maxNew} more, " +
            $"over {role.SpecAsWritten}'s {context}-token context; {string.Join(", or ", fixes)}");
    }

    // Where the role's model was set: a reviser left out of the config is the policy's (or the critic's) model.
    static string Field(PipelineConfig config, ModelRoleConfig role) =>
        ReferenceEquals(role, config.Critic) ? "models.critic"
        : ReferenceEquals(role, config.Policy) ? "models.policy"
        : "models.reviser";
}
