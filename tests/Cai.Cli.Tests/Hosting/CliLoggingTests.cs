using System.Text.Json;
using Cai.Cli.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Cai.Cli.Tests.Hosting;

public class CliLoggingTests
{
    [Fact]
    public void RunDirectory_WritesJsonLinesLogFile()
    {
        var runDir = Directory.CreateTempSubdirectory("cai-log-").FullName;
        var console = new StringWriter();
        string path;
        using (var logging = new CliLogging(console, LogEventLevel.Information, quiet: false, runDir))
        {
            logging.Factory.CreateLogger("test").LogInformation("stage {Stage} wrote {Count} records", "generate", 7);
            path = logging.LogFilePath!;
        }

        var line = File.ReadAllLines(path).Single();
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("generate", doc.RootElement.GetProperty("Stage").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("Count").GetInt32());
        Assert.StartsWith(Path.Combine(runDir, "logs"), path);
        Assert.Contains("INF] stage generate wrote 7 records", console.ToString());
    }

    [Fact]
    public void Quiet_KeepsWarningsOnConsoleButInformationInTheFile()
    {
        var runDir = Directory.CreateTempSubdirectory("cai-log-").FullName;
        var console = new StringWriter();
        string path;
        using (var logging = new CliLogging(console, LogEventLevel.Information, quiet: true, runDir))
        {
            var logger = logging.Factory.CreateLogger("test");
            logger.LogInformation("routine progress");
            logger.LogWarning("something odd");
            path = logging.LogFilePath!;
        }

        Assert.DoesNotContain("routine progress", console.ToString());
        Assert.Contains("something odd", console.ToString());
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }
}
