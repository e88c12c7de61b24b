using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cai.Cli.Serve;

/// <summary>
/// Reads a chat request body into a <see cref="ChatCompletionRequest"/>, turning every undecodable input into an
/// OpenAI-style 4xx: a body over the size limit (413, before it is all read), invalid UTF-8, malformed JSON, and text
/// that is not valid Unicode (a lone surrogate such as <c>"\ud800"</c>, which System.Text.Json only rejects when the
/// string is read).
/// </summary>
static class ChatRequestReader
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<ChatCompletionRequest> ReadAsync(HttpRequest request, string modelName, int maxTokens,
        ServeOptions options, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options.MaxRequestBodyBytes, cancellationToken);
        try
        {
            return ChatCompletionRequest.Parse(body, modelName, maxTokens, options.MaxChoices);
        }
        catch (InvalidOperationException e)
        {
            throw new OpenAIError(400, $"The request body is not valid Unicode text: {e.Message}");
        }
    }

    static async Task<string> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw TooLarge(limit);
        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.WrittenCount + read > limit)
                throw TooLarge(limit);
            buffer.Write(chunk.AsSpan(0, read));
        }
        try
        {
            return StrictUtf8.GetString(buffer.WrittenSpan);
        }
        catch (DecoderFallbackException)
        {
            throw new OpenAIError(400, "The request body is not valid UTF-8.");
        }
    }

    static OpenAIError TooLarge(int limit) =>
        new(413, $"The request body is larger than this server's limit of {limit} bytes.", code: "request_too_large");
}
