using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cai.Cli.Serve;

/// <summary>A rejected request, answered with OpenAI's error body <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed class OpenAIError(int status, string message, string? param = null, string? code = null,
    string type = "invalid_request_error") : Exception(message)
{
    /// <summary>The HTTP status (400, 404, ...).</summary>
    public int Status { get; } = status;

    /// <summary>The request field at fault, or null.</summary>
    public string? Param { get; } = param;

    /// <summary>OpenAI's machine-readable code (model_not_found, ...), or null.</summary>
    public string? Code { get; } = code;

    /// <summary>OpenAI's error type (invalid_request_error, server_error).</summary>
    public string Type { get; } = type;

    /// <summary>A 400 for an invalid field.</summary>
    public static OpenAIError Invalid(string param, string message) => new(400, message, param);

    /// <summary>Writes the status and the JSON body to <paramref name="response"/>.</summary>
    public Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        return response.WriteAsync(ToJson().ToJsonString());
    }

    /// <summary>The JSON body.</summary>
    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject { ["message"] = Message, ["type"] = Type, ["param"] = Param, ["code"] = Code },
    };
}
