using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class ConstitutionHashTests
{
    const string Compact = "name: h\nprinciples:\n  - {id: a, critique: c, revision: r, comparison: q}\n";

    const string Reformatted = """
        # A comment, reordered keys, explicit defaults and quoting: the same content.
        principles:
          - comparison: "q"
            revision: 'r'
            critique: >-
              c
            id: a
            weight: 1.0
            tags: []
        version: "1"
        name: h
        """;

    static Constitution Parse(string yaml) => ConstitutionLoader.Parse(yaml, "h.yaml").Constitution!;

    [Fact]
    public void Hash_FormattingCommentsAndExplicitDefaults_DoNotChangeIt()
    {
        Assert.Equal(Parse(Compact).Hash, Parse(Reformatted).Hash);
    }

    [Fact]
    public void Hash_IsLowercaseHexSha256()
    {
        Assert.Matches("^[0-9a-f]{64}$", Parse(Compact).Hash);
    }

    [Theory]
    [InlineData("critique: c", "critique: c2")]
    [InlineData("id: a", "id: b")]
    [InlineData("comparison: q}", "comparison: q, weight: 2}")]
    [InlineData("name: h", "name: h2")]
    public void Hash_ContentChange_ChangesIt(string from, string to)
    {
        Assert.NotEqual(Parse(Compact).Hash, Parse(Compact.Replace(from, to)).Hash);
    }

    [Fact]
    public void Hash_TopPAndTopK_CountOnlyWhenSet_SoEarlierConstitutionsKeepTheirHash()
    {
        var canonical = ConstitutionHash.Canonical(Parse(Compact));

        Assert.DoesNotContain("top_p", canonical);
        Assert.DoesNotContain("top_k", canonical);
        Assert.NotEqual(Parse(Compact).Hash, Parse(Compact + "defaults: {top_p: 0.9}\n").Hash);
        Assert.NotEqual(Parse(Compact + "defaults: {top_k: 40}\n").Hash, Parse(Compact + "defaults: {top_k: 41}\n").Hash);
    }
}
