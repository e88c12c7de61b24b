using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Tests.Yaml;

public sealed class YamlReaderTests
{
    public enum Shape { Round, SquareEdged }

    public sealed record Options
    {
        public double LearningRate { get; init; } = 0.5;
        public int MaxSteps { get; init; } = -1;
        public int? EvalSteps { get; init; } = 3;
        public bool Packing { get; init; }
        public Shape Shape { get; init; }
        public string Name { get; init; } = "n";
        public int Computed => MaxSteps * 2;
    }

    public sealed record Ranged
    {
        [Range(1, 64)]
        public int Samples { get; init; } = 2;

        [Range(0.0, 100.0)]
        public double? Temperature { get; init; } = 1.0;

        [BindNever]
        public long Seed { get; init; }
    }

    public sealed record Timed
    {
        [Range(0.001, 60.0)]
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

        [BindNever]
        [Range(0, 9)]
        public int Retries { get; init; } = 2;
    }

    public sealed record Open
    {
        [Range(0.0, 1.0, MinimumIsExclusive = true)]
        public double TopP { get; init; } = 1.0;

        [Range(0, 10, MaximumIsExclusive = true)]
        public int Below { get; init; }
    }

    public sealed record Clamped
    {
        [Range(0.0, 1.0)]
        public Interval Clamp { get; init; } = new(0.4, 0.6);
    }

    [Fact]
    public void Bind_Interval_WrittenAsLowHigh()
    {
        var reader = new YamlReader("p.yaml");

        var bound = reader.Bind<Clamped>(Mapping("clamp: [0.3, 0.7]\n"), "pairs.feedback");

        Assert.Empty(reader.Diagnostics);
        Assert.Equal(new Interval(0.3, 0.7), bound.Clamp);
    }

    [Theory]
    [InlineData("clamp: [0.7, 0.3]\n", "p.yaml:1:8: f.clamp: expected [low, high] with low <= high, e.g. [0.4, 0.6]")]
    [InlineData("clamp: [0.1, 0.2, 0.3]\n", "p.yaml:1:8: f.clamp: expected [low, high] with low <= high, e.g. [0.4, 0.6]")]
    [InlineData("clamp: 0.5\n", "p.yaml:1:8: f.clamp: expected [low, high] with low <= high, e.g. [0.4, 0.6]")]
    [InlineData("clamp: [0.3, 1.2]\n", "p.yaml:1:14: f.clamp: expected a number in [0, 1], got '1.2'")]
    [InlineData("clamp: [x, 0.5]\n", "p.yaml:1:9: f.clamp: expected a number in [0, 1], got 'x'")]
    public void Bind_BadInterval_OneLocatedDiagnosticAndTheDefaultKept(string yaml, string expected)
    {
        var reader = new YamlReader("p.yaml");

        var bound = reader.Bind<Clamped>(Mapping(yaml), "f");

        Assert.Equal([expected], reader.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new Clamped(), bound);
    }

    [Fact]
    public void Validate_Interval_RangeBoundsBothEnds()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptionRanges.Validate(new Clamped { Clamp = new(-0.1, 0.5) }));

        Assert.StartsWith("Clamped.Clamp must be in [0, 1] at both ends (got [-0.1, 0.5]).", ex.Message);
        OptionRanges.Validate(new Clamped { Clamp = new(0, 1) });
    }

    [Fact]
    public void ExclusiveBound_LocatedInTheFileAndRefusedInCode_WordedAsAnOpenInterval()
    {
        var reader = new YamlReader("p.yaml");

        var bound = reader.Bind<Open>(Mapping("top_p: 0\nbelow: 10\n"), "sampling");

        Assert.Equal(["p.yaml:1:8: sampling.top_p: must be a number in (0, 1], got '0'", "p.yaml:2:8: sampling.below: must be an integer in [0, 10), got '10'"],
            reader.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new Open(), bound);
        Assert.Null(OptionRanges.Problem(typeof(Open).GetProperty(nameof(Open.TopP))!, 1.0));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptionRanges.Validate(new Open { TopP = 0 }));
        Assert.StartsWith("Open.TopP must be in (0, 1] (got 0).", ex.Message);
    }

    static string TempFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"yaml-reader-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void BindFile_SnakeCaseKeys_SetTheRecordAndKeepItsDefaults()
    {
        var path = TempFile("learning_rate: 5e-7\nshape: square_edged\neval_steps: ~\npacking: true\n");
        var reader = new YamlReader(path);

        var options = reader.BindFile<Options>();

        Assert.Empty(reader.Diagnostics);
        Assert.Equal(new Options { LearningRate = 5e-7, Shape = Shape.SquareEdged, EvalSteps = null, Packing = true }, options);
    }

    [Fact]
    public void BindFile_EmptyFile_AllDefaults()
    {
        var reader = new YamlReader(TempFile(""));

        Assert.Equal(new Options(), reader.BindFile<Options>());
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void BindFile_SeveralProblems_EveryOneLocatedWithDidYouMean()
    {
        var path = TempFile("learning_rat: 1\nmax_steps: many\nshape: oval\ncomputed: 4\npacking: [true]\n");
        var reader = new YamlReader(path);

        reader.BindFile<Options>();

        Assert.Equal(
            [
                $"{path}:1:1: learning_rat: unknown key 'learning_rat', did you mean 'learning_rate'?",
                $"{path}:2:12: max_steps: must be an integer, got 'many'",
                $"{path}:3:8: shape: must be one of round, square-edged, got 'oval'",
                $"{path}:4:1: computed: unknown key 'computed'; expected one of: eval_steps, learning_rate, max_steps, name, packing, shape",
                $"{path}:5:10: packing: must be true or false, got a list",
            ],
            reader.Diagnostics.OrderBy(d => d.Line).Select(d => d.ToString()));
    }

    [Fact]
    public void Keys_SettablePropertiesInSnakeCase_Ordinal()
    {
        Assert.Equal(["eval_steps", "learning_rate", "max_steps", "name", "packing", "shape"], YamlReader.Keys(typeof(Options)));
    }

    [Fact]
    public void Number_QuotedValue_IsTextNotANumber()
    {
        var reader = new YamlReader("f.yaml");
        var root = (YamlMappingNode)reader.Load("beta: \"0.1\"\n")!.Documents[0].RootNode;

        Assert.Null(reader.Number(reader.Entries(root, "", "beta"), "beta", "", 0));
        Assert.Equal(["f.yaml:1:7: beta: must be a number >= 0, got '0.1'"], reader.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void String_EnvironmentReference_ExpandedOnlyWhenAnEnvironmentIsGiven()
    {
        const string yaml = "spec: ${HOST:-localhost}/v1\n";
        var withEnv = new YamlReader("f.yaml", name => name == "HOST" ? "example.org" : null);
        var without = new YamlReader("f.yaml");

        Assert.Equal("example.org/v1", withEnv.String(withEnv.Entries((YamlMappingNode)withEnv.Load(yaml)!.Documents[0].RootNode, "", "spec"), "spec", ""));
        Assert.Equal("${HOST:-localhost}/v1", without.String(without.Entries((YamlMappingNode)without.Load(yaml)!.Documents[0].RootNode, "", "spec"), "spec", ""));
    }

    [Fact]
    public void Load_SyntaxError_OneLocatedDiagnostic()
    {
        var reader = new YamlReader("f.yaml");

        Assert.Null(reader.Load("a: [1, 2\n"));
        var diagnostic = Assert.Single(reader.Diagnostics);
        Assert.StartsWith("f.yaml:", diagnostic.ToString());
        Assert.Contains("YAML syntax error", diagnostic.Message);
    }

    static YamlMappingNode Mapping(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Bind_ValueOutsideDeclaredRange_OneLocatedDiagnosticNamingTheField()
    {
        var reader = new YamlReader("pipeline.yaml");

        var bound = reader.Bind<Ranged>(Mapping("samples: 3\ntemperature: 150\n"), "generate");

        Assert.Equal(["pipeline.yaml:2:14: generate.temperature: must be a number in [0, 100], got '150'"],
            reader.Diagnostics.Select(d => d.ToString()));
        Assert.Equal("generate.temperature", reader.Diagnostics[0].Field);
        Assert.Equal((3, 1.0), (bound.Samples, bound.Temperature!.Value));
    }

    [Fact]
    public void Bind_OntoAStartingInstance_KeepsWhatTheFileOmits_AndLeavesTheInstanceAsItWas()
    {
        var reader = new YamlReader("pipeline.yaml");
        var start = new Ranged { Temperature = 0.3, Seed = 7 };

        var bound = reader.Bind(Mapping("samples: 4\n"), "generate", start);

        Assert.Empty(reader.Diagnostics);
        Assert.Equal(new Ranged { Samples = 4, Temperature = 0.3, Seed = 7 }, bound);
        Assert.Equal(new Ranged { Temperature = 0.3, Seed = 7 }, start);
    }

    [Fact]
    public void Bind_BindNeverProperty_IsAnUnknownKeyAndNotOffered()
    {
        var reader = new YamlReader("pipeline.yaml");

        reader.Bind<Ranged>(Mapping("seed: 3\n"), "generate");

        Assert.Equal(["samples", "temperature"], YamlReader.Keys(typeof(Ranged)));
        Assert.Equal(["pipeline.yaml:1:1: generate.seed: unknown key 'seed'; expected one of: samples, temperature"],
            reader.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Validate_TheSameDeclaredRange_RejectsACodeBuiltRecord()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptionRanges.Validate(new Ranged { Samples = 65 }));

        Assert.Equal("Samples", ex.ParamName);
        Assert.StartsWith("Ranged.Samples must be in [1, 64] (got 65).", ex.Message);
        OptionRanges.Validate(new Ranged { Samples = 64, Temperature = null });
    }

    [Fact]
    public void Bind_TimeSpan_ReadAsSecondsWithinItsRangeInSeconds()
    {
        var reader = new YamlReader("pipeline.yaml");

        var bound = reader.Bind<Timed>(Mapping("timeout: 2.5\n"), "models.policy");
        reader.Bind<Timed>(Mapping("timeout: 61\n"), "models.policy");

        Assert.Equal(TimeSpan.FromSeconds(2.5), bound.Timeout);
        Assert.Equal(["pipeline.yaml:1:10: models.policy.timeout: must be a number in [0.001, 60], got '61'"],
            reader.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Read_KeySpelledDifferently_TakesThePropertysTypeAndRange()
    {
        var reader = new YamlReader("pipeline.yaml");
        var retries = typeof(Timed).GetProperty(nameof(Timed.Retries))!;
        var entries = reader.Entries(Mapping("max_retries: 3\ntoo_many: 10\n"), "m", "max_retries", "too_many");

        Assert.Equal(3, reader.Read(retries, entries, "max_retries", "m"));
        Assert.Null(reader.Read(retries, entries, "too_many", "m"));
        Assert.Null(reader.Read(retries, entries, "absent", "m"));
        Assert.Equal(["pipeline.yaml:2:11: m.too_many: must be an integer in [0, 9], got '10'"], reader.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Validate_TimeSpan_RangeInSeconds()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptionRanges.Validate(new Timed { Timeout = TimeSpan.FromMinutes(2) }));

        Assert.StartsWith("Timed.Timeout must be in [0.001, 60] seconds (got 120).", ex.Message);
        OptionRanges.Validate(new Timed { Timeout = TimeSpan.FromSeconds(60) });
    }
}
