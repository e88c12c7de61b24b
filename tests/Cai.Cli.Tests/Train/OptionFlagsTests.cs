using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using Cai.Cli.Commands;
using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Cli.Tests.Train;

/// <summary>
/// The flags made from an options record: one per YAML key, each setting exactly its own property over the record it
/// is applied to, with the record's default and the property's documentation in its help.
/// </summary>
public sealed class OptionFlagsTests
{
    public static TheoryData<Type> Records => [typeof(SftOptions), typeof(RewardOptions), typeof(DpoOptions), typeof(KtoOptions),
        typeof(PpoOptions), typeof(RlooOptions), typeof(GrpoOptions), typeof(OnlineDpoOptions)];

    [Theory]
    [MemberData(nameof(Records))]
    public void EachFlag_SetsItsOwnPropertyAndNoOther(Type record) =>
        typeof(OptionFlagsTests).GetMethod(nameof(EachFlagSetsItsOwnProperty), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(record).Invoke(null, null);

    static void EachFlagSetsItsOwnProperty<T>() where T : class, new()
    {
        var flags = new OptionFlags<T>();
        var defaults = new T();
        var properties = YamlReader.Properties(typeof(T));
        foreach (var (key, property) in properties)
        {
            var (token, expected) = Other(property, property.GetValue(defaults));
            var parse = Parse(flags, "--" + key.Replace('_', '-'), token);
            Assert.Empty(parse.Errors);

            var applied = flags.Apply(parse, defaults);

            Assert.True(flags.Given(parse, key));
            Assert.Equal(expected, property.GetValue(applied));
            foreach (var other in properties.Values.Where(p => p != property))
                Assert.Equal(other.GetValue(defaults), other.GetValue(applied));
        }
        Assert.Same(defaults, flags.Apply(Parse(flags), defaults));
    }

    [Fact]
    public void FlagsGiven_GoOverTheRecordTheyAreAppliedTo_WhichStaysUnchanged()
    {
        var flags = new OptionFlags<PpoOptions>();
        var fromFile = new PpoOptions { KlCoef = 0.3, Cliprange = 0.1 };

        var applied = flags.Apply(Parse(flags, "--kl-coef", "0.4", "--whiten-rewards", "--kl-estimator", "k3", "--batch-size", "16"), fromFile);

        Assert.Equal(0.4, applied.KlCoef);
        Assert.True(applied.WhitenRewards);
        Assert.Equal(KlEstimator.K3, applied.KlEstimator);
        Assert.Equal(16, applied.PerDeviceTrainBatchSize);
        Assert.Equal(0.1, applied.Cliprange);
        Assert.Equal(0.3, fromFile.KlCoef);
    }

    [Fact]
    public void OptionOnByDefault_TakesANoFlag_AndNotBothAtOnce()
    {
        var flags = new OptionFlags<Revise.ReviseOptions>(keys: ["rounds", "few_shot"]);
        var defaults = new Revise.ReviseOptions();

        Assert.False(flags.Apply(Parse(flags, "--no-few-shot"), defaults).FewShot);
        Assert.False(flags.Apply(Parse(flags, "--few-shot", "false"), defaults).FewShot);
        Assert.True(flags.Apply(Parse(flags, "--rounds", "2"), defaults).FewShot);
        Assert.True(flags.Given(Parse(flags, "--no-few-shot"), "few_shot"));
        var both = Assert.Throws<CliException>(() => flags.Apply(Parse(flags, "--few-shot", "--no-few-shot"), defaults));
        Assert.Equal("--few-shot and --no-few-shot both given; give one", both.Message);
        Assert.Equal(["--few-shot", "--no-few-shot", "--rounds"], flags.All.Select(o => o.Name));
    }

    [Fact]
    public void ValueOutsideTheDeclaredRange_IsRefusedNamingTheFlag()
    {
        var flags = new OptionFlags<Revise.ReviseOptions>(keys: ["rounds"]);

        var error = Assert.Throws<CliException>(() => flags.Apply(Parse(flags, "--rounds", "17"), new Revise.ReviseOptions()));

        Assert.Equal("--rounds: must be in [0, 16] (got 17)", error.Message);
        Assert.Throws<ArgumentException>(() => new OptionFlags<Revise.ReviseOptions>(keys: ["round"]));
    }

    [Theory]
    [InlineData(new[] { "--batch-size", "4" }, 4, 4, 1024, 512)]
    [InlineData(new[] { "--batch-size", "4", "--per-device-eval-batch-size", "2" }, 4, 2, 1024, 512)]
    [InlineData(new[] { "--max-length", "256" }, 8, 8, 256, 128)]
    [InlineData(new[] { "--max-length", "256", "--max-prompt-length", "100" }, 8, 8, 256, 100)]
    public void TrainDpo_BatchSizeBoundsEvaluationToo_MaxLengthAloneKeepsThePromptBelowIt(
        string[] args, int train, int eval, int maxLength, int maxPrompt)
    {
        var flags = new TrainFlags();
        var command = new Command("dpo");
        foreach (var option in flags.For(TrainKind.Dpo))
            command.Add(option);
        var parse = command.Parse(["--model", "m", "--data", "d.jsonl", "--out", "o", .. args]);
        Assert.Empty(parse.Errors);

        var options = (DpoOptions)flags.Request(TrainKind.Dpo, parse).Options;

        Assert.Equal((train, eval, maxLength, maxPrompt), (options.PerDeviceTrainBatchSize, options.PerDeviceEvalBatchSize, options.MaxLength!.Value, options.MaxPromptLength!.Value));
    }

    [Fact]
    public void Help_ReadsThePropertysDocSummaryOnlyWhenShown()
    {
        var flags = new OptionFlags<PpoOptions>();
        var command = new Command("ppo");
        foreach (var option in flags.All)
            command.Add(option);

        Assert.Equal("kl_coef [default: 0.05]", flags["kl_coef"].Description);
        FlagHelp.Fill(command);
        Assert.Equal("Weight of the per-token KL penalty (kl_coef); the starting value when adap_kl_ctrl is on. [default: 0.05]", flags["kl_coef"].Description);
    }

    [Fact]
    public void BadValues_AreOneLineParseErrorsNamingTheFlag()
    {
        var flags = new OptionFlags<GrpoOptions>();

        Assert.Contains(Parse(flags, "--loss-type", "ppo").Errors, e => e.Message == "--loss-type: 'ppo' is not one of grpo, bnpo, dr-grpo, dapo");
        Assert.NotEmpty(Parse(flags, "--num-generations", "four").Errors);
    }

    [Fact]
    public void DocSummaries_ReadCodeAndReferencesAsText()
    {
        var doc = XDocument.Parse("""
            <doc><members>
              <member name="P:N.Opts.KlCoef"><summary>
                Weight of the KL (<c>kl_coef</c>); adapted when <see cref="P:Cai.Train.Options.PpoOptions.AdapKlCtrl"/>,
                served at <see cref="P:Cai.Cli.Serve.ServeHost.BaseUrl"/> by <see cref="T:N.Controller"/> or <see langword="null"/>.</summary></member>
              <member name="T:N.Opts"><remarks>no summary</remarks></member>
            </members></doc>
            """);

        var summaries = DocSummaries.Read(doc);

        // An option's property reads as its key, another property by its name.
        Assert.Equal("Weight of the KL (kl_coef); adapted when adap_kl_ctrl, served at BaseUrl by Controller or null.", Assert.Single(summaries).Value);
    }

    static ParseResult Parse<T>(OptionFlags<T> flags, params string[] args) where T : class, new()
    {
        var command = new Command("train");
        foreach (var option in flags.All)
            command.Add(option);
        return command.Parse(args);
    }

    // A value other than the default and within the property's declared range, as typed on the command line and as
    // the property then holds it.
    static (string Token, object Value) Other(PropertyInfo property, object? current)
    {
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (t.IsEnum)
        {
            var value = Enum.GetValues(t).Cast<object>().First(v => !v.Equals(current));
            var name = (string)typeof(Core.Choices.Choice<>).MakeGenericType(t).GetMethod("Name")!.Invoke(null, [value])!;
            return (name, value);
        }
        if (t == typeof(bool))
            return Token(!(current as bool? ?? false));
        IEnumerable<object> candidates = t == typeof(int)
            ? new[] { 1, -1, 2 }.Select(d => (object)((current as int? ?? 6) + d))
            : t == typeof(double)
                ? new[] { 0.25, -0.25, 0.0005, -0.0005 }.Select(d => (object)((current as double? ?? 0.5) + d))
                : throw new NotSupportedException(t.Name);
        return Token(candidates.First(v => OptionRanges.Problem(property, v) is null));
    }

    static (string, object) Token(object value) =>
        (Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant(), value);
}
