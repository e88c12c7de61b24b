#!/usr/bin/env python3
"""Best-of-n under a reward model, read from one `cai eval` report of the base: what the reward model can buy at a
given KL when the policy is the base re-weighted by it, with no training at all. For every prompt the report holds k
stories with their reward-model score (reward_score.scores) and violations (violation_rate.samples; the held-out
judge's too); best-of-n keeps the highest-scoring of n stories drawn from the prompt's k. Its rates are the exact
expectation over all n-subsets of the k stories (the i-th best of k is the best of a random n-subset with probability
C(k-i, n-1) / C(k, n)), not one draw of subsets. Its KL from the base is at most log n - (n-1)/n nats per sequence
(Beirami et al. 2024, "Theoretical guarantees on the best-of-n alignment policy"), the figure usually quoted for it.
Standard library only.
Usage: python3 examples/experiment/best_of_n.py runs/experiment/eval/base-bon/eval.json [n ...]
"""
import json, math, sys


def best_of_n(groups, n):
    """The expected violation rate of best-of-n: groups is a list (one per prompt) of [(score, violated)]."""
    total = 0.0
    for group in groups:
        k = len(group)
        ranked = sorted(group, key=lambda s: -s[0])  # ties keep the report's order: a fixed, score-blind choice
        total += sum(math.comb(k - i, n - 1) * violated for i, (_, violated) in enumerate(ranked, 1)) / math.comb(k, n)
    return total / len(groups)


def main(path, ns):
    report = json.load(open(path))
    scores = report["reward_score"]["scores"]
    samples = report["violation_rate"]["samples"]
    held_out = (report.get("held_out_violation_rate") or {}).get("samples")
    assert len(scores) == len(samples), "one score per completion"
    judges = {"violations": samples, "held-out judge": held_out} if held_out else {"violations": samples}
    k = report["samples_per_prompt"]
    ns = ns or [n for n in (1, 2, 4, 8, 16, 32, 64) if n <= k]
    rows = {}
    for name, judged in judges.items():
        groups = {}
        for score, sample in zip(scores, judged):
            groups.setdefault(sample["prompt_id"], []).append((score, 1.0 if sample["violations"] else 0.0))
        assert all(len(g) == k for g in groups.values()), f"every prompt has {k} stories"
        rows[name] = {n: best_of_n(list(groups.values()), n) for n in ns}
        if 1 in ns:  # best-of-1 is the report's plain rate: a check that scores and stories line up
            plain = sum(1 for s in judged if s["violations"]) / len(judged)
            assert abs(rows[name][1] - plain) < 1e-12, (rows[name][1], plain)
    print(f"Best-of-n under {report['reward_score']['reward_model']} from {report['model']} "
          f"({report['prompts']} prompts x {k} stories, seed {report['seed']}):\n")
    print("| n | KL bound (nats) | " + " | ".join(judges) + " |")
    print("|---|---|" + "---|" * len(judges))
    for n in ns:
        print(f"| {n} | {math.log(n) - (n - 1) / n:.2f} | " + " | ".join(f"{rows[j][n]:.1%}" for j in judges) + " |")


if __name__ == "__main__":
    main(sys.argv[1], [int(a) for a in sys.argv[2:]])
