#!/usr/bin/env python3
"""Writes the experiment's prompt sets from templates (characters x places x objects), seeded.

train: 900 prompts over one vocabulary; eval: 80 prompts over a disjoint vocabulary (no character, place or
object is shared), so the evaluation measures prompts the policy was never trained on.
Run from this folder: python3 make_prompts.py   (the committed prompts.jsonl / eval-prompts.jsonl came from it)
"""
import itertools, json, random

TEMPLATES = [
    "Tell a story about {c} who finds {o} {p}.",
    "Write a short story about {c} and {o} {p}.",
    "Tell a bedtime story about {c} who loses {o} {p}.",
    "Write a story where {c} shares {o} with a friend {p}.",
    "Tell a story about {c} who wants {o} {p}.",
]
TRAIN = dict(
    c=["a little cat", "a small dog", "a girl named Lily", "a boy named Tom", "a shy bunny", "a big bear",
       "a baby bird", "a kind frog", "an old owl", "a happy duck"],
    p=["in the park", "at the beach", "in the garden", "in the forest", "at school", "by the river"],
    o=["a red ball", "a shiny key", "a blue kite", "a toy car", "a big apple", "a little boat"],
)
EVAL = dict(
    c=["a curious fox", "a girl named Mia", "a boy named Ben", "a sleepy turtle", "a tiny mouse"],
    p=["in the kitchen", "on a farm", "at the zoo", "near the lake"],
    o=["a yellow hat", "a box of crayons", "a soft blanket", "a magic stone"],
)

def prompts(vocab, prefix, count, seed):
    combos = list(itertools.product(TEMPLATES, vocab["c"], vocab["p"], vocab["o"]))
    random.Random(seed).shuffle(combos)
    return [{"id": f"{prefix}-{i:03d}", "prompt": t.format(c=c, p=p, o=o)} for i, (t, c, p, o) in enumerate(combos[:count])]

for name, rows in [("prompts.jsonl", prompts(TRAIN, "train", 900, 1)), ("eval-prompts.jsonl", prompts(EVAL, "eval", 80, 2))]:
    with open(name, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
