#!/usr/bin/env python3
"""Golden values for the critic-free online RL math in src/Train/Losses (RLOO, GRPO, online DPO).

Standard library only (no numpy, no torch), float64 throughout, written out from the papers and TRL's trainers:
rloo_trainer.py (_generate_and_score_completions, _compute_loss), grpo_trainer.py (the same two), online_dpo_trainer.py
(training_step). Batches are prompt-major for RLOO/GRPO (rows g*k .. g*k+k-1 belong to prompt g) and half-major for
online DPO (rows 0..N-1 are first completions, N..2N-1 second completions). Standard deviations are Bessel-corrected
like torch.std.

Regenerate from the repository root:
    python3 tools/golden/online_rl_golden.py > tests/Cai.Train.Tests/TestData/online_rl_golden.json
"""
import json
import math
import random

rng = random.Random(20250315)


def uniform(n, lo, hi):
    return [rng.uniform(lo, hi) for _ in range(n)]


def mean(xs):
    return sum(xs) / len(xs)


def std(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def log_sigmoid(x):
    return -math.log1p(math.exp(-x)) if x >= 0 else x - math.log1p(math.exp(x))


def masks(lengths, width):
    return [[1.0 if t < n else 0.0 for t in range(width)] for n in lengths]


def clip_flags(ratio, advantage, eps_low, eps_high):
    low = ratio < 1 - eps_low and advantage < 0
    high = ratio > 1 + eps_high and advantage > 0
    return low, high, low or high


# ---------------------------------------------------------------- RLOO
K = 4
PROMPTS = 3
B = K * PROMPTS
T = 6
rloo_lengths = [rng.randint(1, T) for _ in range(B)]
rloo_mask = masks(rloo_lengths, T)
rloo_scores = uniform(B, -2.0, 3.0)
rloo_scores[K:2 * K] = [0.75] * K  # a prompt whose samples score alike: zero std when beta = 0
rloo_old = [[rng.uniform(-4.0, -0.1) for _ in range(T)] for _ in range(B)]
rloo_ref = [[o + rng.uniform(-0.6, 0.6) for o in row] for row in rloo_old]
sequence_kl = [sum((o - r) * m for o, r, m in zip(orow, rrow, mrow)) for orow, rrow, mrow in zip(rloo_old, rloo_ref, rloo_mask)]


def rloo_advantages(name, beta, normalize):
    rewards = [s - beta * kl for s, kl in zip(rloo_scores, sequence_kl)]
    baselines, group_stds, group_means = [], [], []
    for g in range(PROMPTS):
        group = rewards[g * K:(g + 1) * K]
        total = sum(group)
        baselines += [(total - r) / (K - 1) for r in group]
        group_stds.append(std(group))
        group_means.append(mean(group))
    advantages = [r - b for r, b in zip(rewards, baselines)]
    if normalize:
        m, s = mean(advantages), std(advantages)
        advantages = [(a - m) / (s + 1e-4) for a in advantages]
    return {"name": name, "beta": beta, "normalize_advantages": normalize, "rewards": rewards, "baselines": baselines,
            "advantages": advantages, "reward": mean(group_means), "reward_std": mean(group_stds),
            "frac_reward_zero_std": mean([1.0 if abs(s) <= 1e-8 else 0.0 for s in group_stds])}


def rloo_loss(name, eps_low, eps_high):
    new = [l + rng.uniform(-0.5, 0.5) for l in old_logps]
    advantages = uniform(B, -1.5, 1.5)
    losses, flags = [], []
    for n, o, a in zip(new, old_logps, advantages):
        ratio = math.exp(n - o)
        clipped = min(max(ratio, 1 - eps_low), 1 + eps_high)
        losses.append(-min(ratio * a, clipped * a))
        flags.append(clip_flags(ratio, a, eps_low, eps_high))
    return {"name": name, "epsilon_low": eps_low, "epsilon_high": eps_high, "sequence_logps": new,
            "old_sequence_logps": old_logps, "advantages": advantages, "loss": mean(losses),
            "clip_ratio_low": mean([1.0 if f[0] else 0.0 for f in flags]),
            "clip_ratio_high": mean([1.0 if f[1] else 0.0 for f in flags]),
            "clip_ratio_region": mean([1.0 if f[2] else 0.0 for f in flags])}


old_logps = [sum(o * m for o, m in zip(orow, mrow)) for orow, mrow in zip(rloo_old, rloo_mask)]
rloo = {
    "num_generations": K, "scores": rloo_scores, "old_per_token_logps": rloo_old, "ref_per_token_logps": rloo_ref,
    "completion_mask": rloo_mask, "sequence_kl": sequence_kl, "kl": sum(sequence_kl) / sum(rloo_lengths),
    "advantage_cases": [rloo_advantages("beta0.05", 0.05, False), rloo_advantages("beta0.05_normalized", 0.05, True),
                        rloo_advantages("beta0", 0.0, False)],
    "loss_cases": [rloo_loss("eps0.2", 0.2, 0.2), rloo_loss("eps0.2_high0.28", 0.2, 0.28)],
}

# ---------------------------------------------------------------- GRPO
G = 4
GROUPS = 3
grpo_rewards = uniform(G * GROUPS, 0.0, 1.0)
grpo_rewards[2 * G:3 * G] = [1.0] * G  # a solved prompt: identical rewards, no gradient


def grpo_advantages(scale):
    n = len(grpo_rewards)
    means, stds = [], []
    for g in range(GROUPS):
        group = grpo_rewards[g * G:(g + 1) * G]
        means += [mean(group)] * G
        stds += [std(group)] * G
    if scale == "batch":
        stds = [std(grpo_rewards)] * n
    advantages = [r - m for r, m in zip(grpo_rewards, means)]
    if scale != "none":
        advantages = [a / (s + 1e-4) for a, s in zip(advantages, stds)]
    return {"scale_rewards": scale, "advantages": advantages, "reward": mean(means), "reward_std": mean(stds),
            "frac_reward_zero_std": mean([1.0 if abs(s) <= 1e-8 else 0.0 for s in stds])}


LB, LT = 5, 7
grpo_lengths = [7, 3, 5, 0, 1]  # unequal, one full row, one empty row (clamped count)
grpo_mask = masks(grpo_lengths, LT)
grpo_old = [[rng.uniform(-3.0, -0.05) for _ in range(LT)] for _ in range(LB)]
grpo_logps = [[o + rng.uniform(-0.4, 0.4) for o in row] for row in grpo_old]
grpo_ref = [[o + rng.uniform(-0.5, 0.5) for o in row] for row in grpo_logps]
grpo_adv = [0.9, -1.2, 1.3, 0.5, -0.7]  # both signs, so both clip sides occur
per_token_kl = [[math.exp(r - l) - (r - l) - 1 for l, r in zip(lrow, rrow)] for lrow, rrow in zip(grpo_logps, grpo_ref)]


def grpo_loss(name, loss_type, beta, eps_low, eps_high, max_completion_length, num_items_in_batch, accumulation):
    per_token, flags = [], []
    for i in range(LB):
        row, frow = [], []
        for t in range(LT):
            ratio = math.exp(grpo_logps[i][t] - grpo_old[i][t])
            clipped = min(max(ratio, 1 - eps_low), 1 + eps_high)
            a = grpo_adv[i]
            loss = -min(ratio * a, clipped * a)
            if beta != 0:
                loss += beta * per_token_kl[i][t]
            row.append(loss)
            frow.append(clip_flags(ratio, a, eps_low, eps_high))
        per_token.append(row)
        flags.append(frow)
    masked = [[l * m for l, m in zip(row, mrow)] for row, mrow in zip(per_token, grpo_mask)]
    tokens = sum(grpo_lengths)
    if loss_type == "grpo":
        loss = mean([sum(row) / max(n, 1) for row, n in zip(masked, grpo_lengths)]) / accumulation
    elif loss_type == "bnpo":
        loss = sum(map(sum, masked)) / max(tokens, 1) / accumulation
    elif loss_type == "dr_grpo":
        loss = sum(map(sum, masked)) / (LB * max_completion_length) / accumulation
    elif loss_type == "dapo":
        loss = sum(map(sum, masked)) / (num_items_in_batch if num_items_in_batch is not None else tokens)
    else:
        raise ValueError(loss_type)

    def masked_mean(values):
        return sum(v * m for vrow, mrow in zip(values, grpo_mask) for v, m in zip(vrow, mrow)) / max(tokens, 1)

    return {"name": name, "loss_type": loss_type, "beta": beta, "epsilon_low": eps_low, "epsilon_high": eps_high,
            "max_completion_length": max_completion_length, "num_items_in_batch": num_items_in_batch,
            "gradient_accumulation_steps": accumulation, "loss": loss,
            "kl": masked_mean(per_token_kl) if beta != 0 else None,
            "clip_ratio_low": masked_mean([[1.0 if f[0] else 0.0 for f in frow] for frow in flags]),
            "clip_ratio_high": masked_mean([[1.0 if f[1] else 0.0 for f in frow] for frow in flags]),
            "clip_ratio": masked_mean([[1.0 if f[2] else 0.0 for f in frow] for frow in flags])}


grpo = {
    "num_generations": G, "rewards": grpo_rewards,
    "advantage_cases": [grpo_advantages(s) for s in ("group", "batch", "none")],
    "per_token_logps": grpo_logps, "old_per_token_logps": grpo_old, "ref_per_token_logps": grpo_ref,
    "advantages": grpo_adv, "completion_mask": grpo_mask, "per_token_kl": per_token_kl,
    "completion_lengths": {"mean": mean(grpo_lengths), "min": min(grpo_lengths), "max": max(grpo_lengths)},
    "loss_cases": [
        grpo_loss("grpo", "grpo", 0.0, 0.2, 0.2, 8, None, 1),
        grpo_loss("grpo_beta0.04_accum2", "grpo", 0.04, 0.2, 0.2, 8, None, 2),
        grpo_loss("bnpo", "bnpo", 0.0, 0.2, 0.2, 8, None, 1),
        grpo_loss("bnpo_beta0.04", "bnpo", 0.04, 0.2, 0.2, 8, None, 1),
        grpo_loss("dr_grpo", "dr_grpo", 0.0, 0.2, 0.2, 8, None, 1),
        grpo_loss("dr_grpo_beta0.04_accum2", "dr_grpo", 0.04, 0.2, 0.2, 10, None, 2),
        grpo_loss("dapo", "dapo", 0.0, 0.2, 0.28, 8, None, 1),
        grpo_loss("dapo_items40_beta0.04", "dapo", 0.04, 0.2, 0.28, 8, 40.0, 2),
    ],
}

# ---------------------------------------------------------------- online DPO
N = 4
dpo_logps = uniform(2 * N, -30.0, -5.0)
dpo_ref = [p + rng.uniform(-3.0, 3.0) for p in dpo_logps]
dpo_scores = uniform(2 * N, -1.0, 1.0)
dpo_scores[N + 1] = dpo_scores[1]  # a tie: TRL's first_half >= second_half keeps the first
dpo_eos = [True, False, True, True, True, True, False, True]


def online_dpo_case(name, loss_type, beta, penalty):
    scores = [s - (penalty if (penalty is not None and not eos) else 0.0) for s, eos in zip(dpo_scores, dpo_eos)]
    first = [scores[i] >= scores[N + i] for i in range(N)]
    chosen = [i if f else N + i for i, f in enumerate(first)]
    rejected = [N + i if f else i for i, f in enumerate(first)]
    losses, chosen_rewards, rejected_rewards = [], [], []
    for c, r in zip(chosen, rejected):
        h = (dpo_logps[c] - dpo_logps[r]) - (dpo_ref[c] - dpo_ref[r])
        losses.append(-log_sigmoid(beta * h) if loss_type == "sigmoid" else (h - 1 / (2 * beta)) ** 2)
        chosen_rewards.append(beta * (dpo_logps[c] - dpo_ref[c]))
        rejected_rewards.append(beta * (dpo_logps[r] - dpo_ref[r]))
    return {"name": name, "loss_type": loss_type, "beta": beta, "missing_eos_penalty": penalty, "scores": scores,
            "first_is_chosen": first, "chosen_indices": chosen, "rejected_indices": rejected, "losses": losses,
            "chosen_rewards": chosen_rewards, "rejected_rewards": rejected_rewards}


online_dpo = {
    "sequence_logps": dpo_logps, "ref_sequence_logps": dpo_ref, "scores": dpo_scores, "contains_eos": dpo_eos,
    "cases": [online_dpo_case("sigmoid", "sigmoid", 0.1, None),
              online_dpo_case("sigmoid_eos_penalty", "sigmoid", 0.1, 1.0),
              online_dpo_case("ipo_eos_penalty", "ipo", 0.1, 1.0)],
}

print(json.dumps({"generator": "tools/golden/online_rl_golden.py", "rloo": rloo, "grpo": grpo, "online_dpo": online_dpo},
                 indent=1))
