using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;
using Cai.TestKit;

namespace Cai.Pipeline.Tests.Config;

public class ConnectorConfigTests
{
    static readonly string Quickstart = SharedData.Repo("examples", "quickstart", "pipeline.yaml");

    [Fact]
    public void Load_ConnectorSemanticKernel_SetsTheModelOption()
    {
        var config = PipelineConfigLoader.Load(Quickstart, ["models.policy.connector=semantic-kernel"]);

        Assert.Equal(ChatConnector.SemanticKernel, config.Policy.Options.Connector);
    }

    [Fact]
    public void Load_NoConnector_DefaultsToTheOpenAIAdapter()
    {
        Assert.Equal(ChatConnector.OpenAI, PipelineConfigLoader.Load(Quickstart, []).Policy.Options.Connector);
    }

    [Fact]
    public void Load_UnknownConnector_NamesTheFieldAndTheChoices()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Load(Quickstart, ["models.policy.connector=langchain"]));

        Assert.Contains("models.policy.connector", error.Message);
        Assert.Contains("openai, semantic-kernel", error.Message);
    }
}
