using System.Text.Json;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Secrets;
using Cai.Core.Storage;

namespace Cai.Core.Tests.Secrets;

public class SecretRedactorTests
{
    static SecretRedactor With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return new SecretRedactor(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Redact_KnownVariableValue_MaskedWherever_ItAppears()
    {
        var redactor = With(("OPENAI_API_KEY", "sk-proj-abcdefghijklmnop"));

        Assert.Equal("Incorrect API key provided: [REDACTED].", redactor.Redact("Incorrect API key provided: sk-proj-abcdefghijklmnop."));
    }

    [Fact]
    public void Redact_AddedSecret_MaskedIncludingItsJsonEscapedForm()
    {
        var redactor = With();
        redactor.AddSecret("tok\"en+with/odd\\chars");

        var json = JsonSerializer.Serialize(new { message = "got tok\"en+with/odd\\chars" });

        Assert.DoesNotContain("odd", redactor.Redact(json));
        Assert.DoesNotContain("odd", redactor.Redact("got tok\"en+with/odd\\chars"));
    }

    [Theory]
    [InlineData("Authorization: Bearer abc.DEF-123_xyz=", "Authorization: Bearer [REDACTED]")]
    [InlineData("authorization: bearer abcdefgh", "authorization: bearer [REDACTED]")]
    [InlineData("api-key: 0123456789abcdef", "api-key: [REDACTED]")]
    [InlineData("{\"x-api-key\": \"0123456789abcdef\"}", "{\"x-api-key\": \"[REDACTED]\"}")]
    [InlineData("OPENAI_API_KEY=sk-something-long", "OPENAI_API_KEY=[REDACTED]")]
    [InlineData("cannot reach http://alice:s3cret@host:8000/v1", "cannot reach http://alice:[REDACTED]@host:8000/v1")]
    [InlineData("https://user:pa%20ss@example.com", "https://user:[REDACTED]@example.com")]
    public void Redact_HeaderAndUrlPatterns_Masked(string text, string expected)
    {
        Assert.Equal(expected, With().Redact(text));
    }

    [Theory]
    [InlineData("api_key_env: VLLM_API_KEY")]
    [InlineData("Model 'openai:gpt-4o' needs the environment variable OPENAI_API_KEY, which is not set.")]
    [InlineData("http://127.0.0.1:8000/v1 and user@example.com")]
    [InlineData("a short value 1234 stays")]
    public void Redact_TextWithoutSecrets_Unchanged(string text)
    {
        Assert.Equal(text, With(("HF_TOKEN", "1234")).Redact(text));
    }

    [Fact]
    public void Redact_Twice_SameAsOnce()
    {
        var redactor = With(("HF_TOKEN", "hf_abcdefghijklmnopq"));
        var once = redactor.Redact("Bearer hf_abcdefghijklmnopq api-key: hf_abcdefghijklmnopq http://a:hf_abcdefghijklmnopq@h");

        Assert.Equal(once, redactor.Redact(once));
    }

    [Fact]
    public async Task StageStore_FailureEchoingAResolvedKey_WrittenRedacted()
    {
        var key = "sk-store-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Process.AddSecret(key);
        var dir = Path.Combine(Path.GetTempPath(), "cai-redact-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await using (var store = StageStore.Open(dir, "generate"))
                await store.AppendFailureAsync(new FailureRecord
                {
                    Id = "q1", Stage = "generate", ErrorKind = "http_401", Message = $"Incorrect API key provided: {key}", Attempts = 1,
                });
            await RunManifestFile.SaveAsync(RunManifest.Start("r", TimeProvider.System) with
            {
                Models = new Dictionary<string, string> { ["policy"] = $"openai-compatible:m@http://u:{key}@h/v1" },
            }, dir);

            var failed = File.ReadAllText(Path.Combine(dir, "generate.failed.jsonl"));
            Assert.Contains("Incorrect API key provided: [REDACTED]", failed);
            Assert.DoesNotContain(key, failed);
            Assert.DoesNotContain(key, File.ReadAllText(Path.Combine(dir, RunManifestFile.FileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
