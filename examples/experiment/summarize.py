#!/usr/bin/env python3
"""Prints the experiment's results as Markdown from a run folder (runs/experiment): the data counts, one table row
per policy (eval.json + metrics.jsonl + wall_seconds.txt) and a few sample stories. Standard library only.
Usage: python3 examples/experiment/summarize.py runs/experiment base sigmoid-0.1 ...   (run.sh passes its run names)
"""
import json, os, sys

out, RUNS = sys.argv[1], sys.argv[2:]
ONLINE = {"ppo", "ppo-rules", "grpo", "grpo-beta0", "rloo", "online-dpo"}
# The KL weight each run.sh run used (PPO's kl_coef, the others' beta); SFT has none.
KL_WEIGHTS = {"sft": "-", "ppo": "0.05", "ppo-rules": "0.05", "grpo": "0.04", "grpo-beta0": "0", "rloo": "0.05",
              "online-dpo": "0.1", "grpo-300": "0.04", "ppo-reward-3ep": "0.05", "ppo-reward-3ep-kl0.2": "0.2",
              "ppo-reward-3ep-kl0.3": "0.3", "ppo-reward-3ep-kl0.5": "0.5", "ppo-reward-3ep-kl0.4": "0.4",
              "ppo-reward-3ep-kl0.4-b64": "0.4"}


def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


pairs = lines(os.path.join(out, "data/prefs.jsonl"))  # the pair records (with ids); pairs/train.jsonl is their TRL export
samples = {r["id"]: r["response"]["content"] for r in lines(os.path.join(out, "data/generate.jsonl"))}
first = sum(1 for p in pairs if samples[p["id"].split("|")[0]] == p["chosen"][0]["content"])
print(f"Data: {len(samples)} samples, {len(pairs)} feedback pairs kept; the lower-numbered sample of the pair is chosen in "
      f"{first} and the higher in {len(pairs) - first}; label_prob values: "
      + ", ".join(f"{v:.2f} x{sum(1 for p in pairs if abs(p['label_prob'] - v) < 1e-9)}"
                  for v in sorted({round(p['label_prob'], 6) for p in pairs})) + ".\n")

for model in ("reward", "reward-3ep"):
    path = os.path.join(out, "train", model, "metrics.jsonl")
    held_out = [m for m in lines(path) if "eval_rewards/accuracies" in m] if os.path.exists(path) else []
    if held_out:
        print(f"Reward model {model}: held-out pairwise accuracy {held_out[-1]['eval_rewards/accuracies']:.3f} "
              f"(prompts held out by cai train reward --eval-split 0.1, after {int(held_out[-1]['step'])} steps).\n")


def method(name):
    if name.startswith("base"):  # the base model, scored by another reward model in base-<model>
        return "-", "-"
    if name in KL_WEIGHTS:
        return name.split("-")[0] if name != "online-dpo" else name, KL_WEIGHTS[name]
    loss, beta = name.rsplit("-", 1)
    return loss, beta


def train_rows(name, steps):
    if name in ONLINE or name.split("-")[0] in ONLINE:
        return f"{steps * 32} sampled"  # online methods sample their own stories, 32 per update
    data = {"kto": "train.kto.jsonl", "sft": "train.sft.jsonl"}.get(method(name)[0], "train.jsonl")
    return len(lines(os.path.join(out, "data/pairs", data)))


print("| run | method | beta | train rows | steps | train wall (s) | violation rate ± se (training judge) "
      "| held-out judge ± se | reward-model score | KL/seq ± se (nats) | KL/token | words/story |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
reports = {}
for name in RUNS:
    path = os.path.join(out, "eval", name, "eval.json")
    if not os.path.exists(path):
        continue
    r = reports[name] = json.load(open(path))
    v, h, s, kl = r["violation_rate"], r.get("held_out_violation_rate"), r.get("reward_score"), r.get("kl")
    kind, beta = method(name)
    rows, steps, wall = "-", "-", "-"
    if not name.startswith("base"):
        metrics = lines(os.path.join(out, "train", name, "metrics.jsonl"))
        steps = int(max(m.get("step", 0) for m in metrics))
        rows = train_rows(name, steps)
        wall = open(os.path.join(out, "train", name, "wall_seconds.txt")).read().strip()
    klseq = f"{kl['kl_per_sequence']:.2f} ± {kl['standard_error']:.2f}" if kl else "0 (reference)"
    kltok = f"{kl['kl_per_token']:.4f}" if kl else "0"
    words = sum(len(x["completion"].split()) for x in v["samples"]) / len(v["samples"])

    def rate(x):
        return f"{x['violation_rate']:.3f} ± {x.get('prompt_standard_error') or x['standard_error']:.3f}" if x else "-"

    # Scores of different reward models are on different scales: a row scored by another than train/reward says which.
    scorer = os.path.basename(s["reward_model"].rstrip("/")) if s else "reward"
    score = (f"{s['mean']:.4f}" + ("" if scorer == "reward" else f" ({scorer})")) if s else "-"
    print(f"| {name} | {kind} | {beta} | {rows} | {steps} | {wall} | {rate(v)} | {rate(h)} | {score} | {klseq} | {kltok} | {words:.1f} |")

# Samples 0 and 1 of the first held-out prompt whose base story 0 breaks a principle, so the stories show a change.
base_samples = reports["base"]["violation_rate"]["samples"]
shown = next((s["prompt_id"] for s in base_samples if s["sample_index"] == 0 and s["violations"]), base_samples[0]["prompt_id"])
print(f"\nSample stories (held-out prompt {shown}, the first whose base story 0 breaks a principle; samples 0 and 1, same seed):\n")
for name, r in reports.items():
    for s in [s for s in r["violation_rate"]["samples"] if s["prompt_id"] == shown][:2]:
        text = s["completion"].strip().replace("\n", " ")
        print(f"- **{name}** [{', '.join(s['violations']) or 'no violation'}]: {text}")
