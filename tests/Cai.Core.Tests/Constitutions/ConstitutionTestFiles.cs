namespace Cai.Core.Tests.Constitutions;

/// <summary>Paths of the constitution fixtures copied to the test output.</summary>
static class ConstitutionTestFiles
{
    public static string Path(string name) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "Constitutions", name);
}
