using Cai.Core.Constitutions;
using Cai.Models;
using Cai.TestKit;

namespace Cai.Pipeline.Tests.Evaluation;

/// <summary>The shared model, data and constitution the evaluation tests use.</summary>
internal static class EvalFixtures
{
    public static string ModelPath => SharedData.Require("models", "stories260K", "stories260K.bin");

    public static string HhhPath => SharedData.Require("data", "cai-paper", "evals", "438HHHEvaluations.jsonl");

    public static LocalModel LoadModel() => LocalModel.Load(ModelPath);

    public static Constitution KindStories() =>
        ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", "kind-stories.yaml"));

    public static IReadOnlyList<Cai.Pipeline.Evaluation.EvalPrompt> TwoPrompts() =>
        [.. Cai.Pipeline.Evaluation.EvalPrompt.DefaultStoryPrompts.Take(2)];
}
