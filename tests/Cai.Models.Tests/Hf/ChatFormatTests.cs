using Cai.Models.Chat;

namespace Cai.Models.Tests.Hf;

public class ChatFormatTests
{
    static readonly IReadOnlyList<ChatTurn> Conversation =
        [ChatTurn.System("Be kind."), ChatTurn.User("Hi"), ChatTurn.Assistant("Hello!"), ChatTurn.User("Bye")];

    static (string Text, string Masked) Encode(IChatFormat format, bool generationPrompt, IReadOnlyList<ChatTurn>? conversation = null, int? bos = 1)
    {
        var tokens = format.Encode(conversation ?? Conversation, new CharTokenizer(bos), generationPrompt);
        Assert.Equal(tokens.Ids.Count, tokens.AssistantMask.Count);
        return CharTokenizer.Show(tokens.Ids, tokens.AssistantMask);
    }

    static string Masked(string text, string said) =>
        string.Concat(text.Select((_, i) => '_')).Remove(text.IndexOf(said, StringComparison.Ordinal), said.Length)
            .Insert(text.IndexOf(said, StringComparison.Ordinal), said);

    [Fact]
    public void Encode_ChatMl_RendersQwenLayoutAndMasksAnswer()
    {
        var (text, masked) = Encode(new ChatMlFormat(), generationPrompt: true);

        const string expected = "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n" +
                                "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n";
        Assert.Equal(expected, text);
        Assert.Equal(Masked(expected, "Hello!<|im_end|>"), masked);
    }

    [Fact]
    public void Encode_Llama2_FoldsSystemIntoFirstInstAndMasksAnswerWithEos()
    {
        var (text, masked) = Encode(new Llama2ChatFormat(), generationPrompt: true);

        const string expected = "^[INST] <<SYS>>\nBe kind.\n<</SYS>>\n\nHi [/INST] Hello! $^[INST] Bye [/INST]";
        Assert.Equal(expected, text);
        Assert.Equal(Masked(expected, " Hello! $"), masked);
    }

    [Fact]
    public void Encode_Llama3_RendersHeadersAndMasksAnswerWithEot()
    {
        var (text, masked) = Encode(new Llama3ChatFormat(), generationPrompt: true);

        const string expected = "^<|start_header_id|>system<|end_header_id|>\n\nBe kind.<|eot_id|>" +
                                "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>" +
                                "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>" +
                                "<|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|>" +
                                "<|start_header_id|>assistant<|end_header_id|>\n\n";
        Assert.Equal(expected, text);
        Assert.Equal(Masked(expected, "Hello!<|eot_id|>"), masked);
    }

    [Fact]
    public void Encode_Zephyr_WritesEosAfterEveryTurn()
    {
        var (text, masked) = Encode(new ZephyrChatFormat(), generationPrompt: true);

        const string expected = "^<|system|>\nBe kind.$\n<|user|>\nHi$\n<|assistant|>\nHello!$\n<|user|>\nBye$\n<|assistant|>\n";
        Assert.Equal(expected, text);
        Assert.Equal(Masked(expected, "Hello!$"), masked);
    }

    [Fact]
    public void Encode_Plain_WritesLinesAndMasksAnswerLine()
    {
        var (text, masked) = Encode(new PlainChatFormat(), generationPrompt: true);

        const string expected = "^Be kind.\nUser: Hi\nAssistant: Hello!\nUser: Bye\nAssistant:";
        Assert.Equal(expected, text);
        Assert.Equal(Masked(expected, " Hello!\n"), masked);
    }

    [Theory]
    [InlineData(" Once upon a time")]
    [InlineData("Once upon a time")]
    public void Encode_PlainAnswerWithOrWithoutLeadingSpace_HasOneSpaceAfterHeader(string answer)
    {
        var (text, masked) = Encode(new PlainChatFormat(), false, [ChatTurn.User("Hi"), ChatTurn.Assistant(answer)]);

        Assert.Equal("^User: Hi\nAssistant: Once upon a time\n", text);
        Assert.Equal(Masked(text, " Once upon a time\n"), masked);
    }

    [Fact]
    public void Encode_NoGenerationPromptAndNoBos_EndsWithLastTurn()
    {
        var (text, masked) = Encode(new ChatMlFormat(), generationPrompt: false, [ChatTurn.User("a"), ChatTurn.Assistant("b")], bos: null);

        Assert.Equal("<|im_start|>user\na<|im_end|>\n<|im_start|>assistant\nb<|im_end|>\n", text);
        Assert.Equal(Masked(text, "b<|im_end|>"), masked);
    }

    [Fact]
    public void Encode_TwoAnswers_MasksBoth()
    {
        var (text, masked) = Encode(new PlainChatFormat(), false,
            [ChatTurn.User("q1"), ChatTurn.Assistant("a1"), ChatTurn.User("q2"), ChatTurn.Assistant("a2")]);

        Assert.Equal("^User: q1\nAssistant: a1\nUser: q2\nAssistant: a2\n", text);
        Assert.Equal(new string('_', 20) + " a1\n" + new string('_', 19) + " a2\n", masked);
    }

    [Theory]
    [InlineData("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'}}{% endfor %}", "chatml")]
    [InlineData("{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}", "llama3")]
    [InlineData("{{ bos_token + '[INST] ' + message['content'] + ' [/INST]' }}", "llama2")]
    [InlineData("{{ '<|user|>\\n' + message['content'] + eos_token }}", "zephyr")]
    [InlineData(null, "plain")]
    [InlineData("", "plain")]
    public void FromTemplate_KnownMarkers_PicksFormat(string? template, string expected) =>
        Assert.Equal(expected, ChatFormats.FromTemplate(template).Name);

    [Fact]
    public void FromTemplate_UnknownTemplate_ThrowsNamingFormats()
    {
        var e = Assert.Throws<NotSupportedException>(() => ChatFormats.FromTemplate("{{ message['content'] }}"));

        Assert.Contains("chatml", e.Message);
    }

    [Fact]
    public void FromTemplate_SentencePieceFixture_IsLlama2()
    {
        var tokenizer = Cai.Models.Tokenizers.Hf.HfTokenizer.Load(HfTestFiles.Data("tokenizers", "sentencepiece"));

        Assert.Equal("llama2", ChatFormats.FromTemplate(tokenizer.ChatTemplate).Name);
    }

    [Fact]
    public void Encode_SystemNotFirst_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ChatMlFormat().Encode([ChatTurn.User("a"), ChatTurn.System("b")], new CharTokenizer()));

        Assert.Contains("message 1", e.Message);
    }

    [Fact]
    public void Encode_Llama2WithSentencePieceTokenizer_MasksExactlyTheAnswerTokens()
    {
        var tokenizer = Cai.Models.Tokenizers.Hf.HfTokenizer.Load(HfTestFiles.Data("tokenizers", "sentencepiece"));

        var tokens = new Llama2ChatFormat().Encode([ChatTurn.User("hello"), ChatTurn.Assistant("hello world")], tokenizer);

        var answer = tokens.Ids.Where((_, i) => tokens.AssistantMask[i]).ToList();
        Assert.Equal(tokenizer.EosId, answer[^1]);
        Assert.Equal([271, 259, 264, 263, 265, 262, 266, 259], answer[..^1]); // ▁hello ▁ w o r l d ▁
        Assert.Equal(tokenizer.Encode("[INST] hello [/INST] hello world "), tokens.Ids.SkipLast(1));
    }
}
