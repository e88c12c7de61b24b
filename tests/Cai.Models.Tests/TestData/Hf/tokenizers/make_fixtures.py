"""Writes the tiny tokenizer.json fixtures used by HfTokenizerTests (python3 make_fixtures.py).

bytelevel/: GPT-2 style byte-level BPE. Ids 0..255 are the 256 byte characters in GPT-2's bytes_to_unicode
order (so any UTF-8 text round-trips), then six merges and one special token.
sentencepiece/: Llama 2 style BPE with byte fallback: <unk>, <s>, </s>, <0x00>..<0xFF>, then a few pieces.
"""
import json, os

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    return [chr(c) for c in cs]

def write(folder, tokenizer, config):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)

vocab = {c: i for i, c in enumerate(bytes_to_unicode())}
merges = [["Ġ", "t"], ["h", "e"], ["Ġt", "he"], ["a", "t"], ["Ġ", "c"], ["Ġc", "at"]]
for a, b in merges:
    vocab[a + b] = len(vocab)
write("bytelevel", {
    "version": "1.0",
    "added_tokens": [{"id": len(vocab), "content": "<|endoftext|>", "special": True}],
    "normalizer": None,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
    "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
    "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    "model": {"type": "BPE", "dropout": None, "unk_token": None, "byte_fallback": False, "vocab": vocab, "merges": merges},
}, {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "model_max_length": 1024})

vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
for b in range(256):
    vocab["<0x%02X>" % b] = len(vocab)
for piece in ["▁", "h", "e", "l", "o", "w", "r", "d"]:
    vocab[piece] = len(vocab)
merges = ["▁ h", "l l", "▁h e", "ll o", "▁he llo"]
for m in merges:
    vocab[m.replace(" ", "")] = len(vocab)
special = [{"id": i, "content": c, "special": True} for c, i in [("<unk>", 0), ("<s>", 1), ("</s>", 2)]]
write("sentencepiece", {
    "version": "1.0",
    "added_tokens": special,
    "normalizer": {"type": "Sequence", "normalizers": [
        {"type": "Prepend", "prepend": "▁"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
    "pre_tokenizer": None,
    "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
    "decoder": {"type": "Sequence", "decoders": [
        {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
        {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
    "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "byte_fallback": True, "fuse_unk": True,
              "vocab": vocab, "merges": merges},
}, {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "add_bos_token": True, "add_eos_token": False,
    "chat_template": "{% if messages[0]['role'] == 'system' %}{% set system_message = '<<SYS>>\\n' + messages[0]['content'] + '\\n<</SYS>>\\n\\n' %}{% endif %}{% for message in messages %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + message['content'] + ' [/INST]' }}{% else %}{{ ' ' + message['content'] + ' ' + eos_token }}{% endif %}{% endfor %}"})
