using Cai.Core.Constitutions;
using Microsoft.Extensions.AI;

namespace Cai.Shared;

/// <summary>
/// The chat options a constitution's sampling defaults ask for, used when the caller passes none. Shared source,
/// linked into the Critique and Revise projects.
/// </summary>
static class DefaultChatOptions
{
    public static ChatOptions? From(ConstitutionDefaults defaults) =>
        defaults.Temperature is null && defaults.MaxTokens is null
            ? null
            : new ChatOptions { Temperature = (float?)defaults.Temperature, MaxOutputTokens = defaults.MaxTokens };
}
