namespace Cai.Cli.Tests;

/// <summary>Runs <see cref="CaiApp"/> in-process with captured output (fast; the real process is tested too).</summary>
public static class InProcessCai
{
    public static async Task<CaiProcess.Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CaiApp.RunAsync(args, output, error);
        return new CaiProcess.Result(code, output.ToString(), error.ToString());
    }
}
