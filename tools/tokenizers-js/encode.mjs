// Encodes texts with Hugging Face's tokenizers.js (an independent tokenizer.json implementation).
// usage: node encode.mjs <model-folder> < texts.json   (a JSON array of strings)
// prints a JSON array with, per text, {"ids": [...], "decoded": "..."} (ids with the special tokens the
// tokenizer adds; decoded without them).
import { Tokenizer } from "@huggingface/tokenizers";
import { readFileSync } from "node:fs";

const dir = process.argv[2];
const tokenizer = new Tokenizer(
  JSON.parse(readFileSync(`${dir}/tokenizer.json`, "utf8")),
  JSON.parse(readFileSync(`${dir}/tokenizer_config.json`, "utf8")));
const texts = JSON.parse(readFileSync(0, "utf8"));
const out = texts.map((text) => {
  const ids = tokenizer.encode(text).ids;
  return { ids, decoded: tokenizer.decode(ids, { skip_special_tokens: true }) };
});
process.stdout.write(JSON.stringify(out));
