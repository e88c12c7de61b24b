#!/usr/bin/env python3
"""Golden values for src/Train/Losses and src/Train/Schedules, computed independently of TorchSharp.

Standard library only (no numpy, no torch), float64 throughout. The formulas are written out from the papers and
TRL's trainers (dpo_trainer.py dpo_loss, cpo_trainer.py simpo, kto_trainer.py kto_loss, reward_trainer.py
compute_loss, get_batch_logps) and transformers' optimization.py LambdaLR schedules.

Regenerate from the repository root:
    python3 tools/golden/losses_golden.py > tests/Cai.Train.Tests/TestData/losses_golden.json
"""
import json
import math
import random

rng = random.Random(20240607)


def uniform(n, lo, hi):
    return [rng.uniform(lo, hi) for _ in range(n)]


def log_sigmoid(x):
    # log σ(x) without overflow: −log1p(e^−x) for x ≥ 0, x − log1p(e^x) otherwise.
    return -math.log1p(math.exp(-x)) if x >= 0 else x - math.log1p(math.exp(x))


def sigmoid(x):
    return math.exp(log_sigmoid(x))


# ---------------------------------------------------------------- DPO family
B = 6
policy_chosen = uniform(B, -40.0, -5.0)
policy_rejected = uniform(B, -40.0, -5.0)
reference_chosen = [p + rng.uniform(-4.0, 4.0) for p in policy_chosen]
reference_rejected = [p + rng.uniform(-4.0, 4.0) for p in policy_rejected]
chosen_token_counts = [float(rng.randint(3, 20)) for _ in range(B)]
rejected_token_counts = [float(rng.randint(3, 20)) for _ in range(B)]
label_probs = uniform(B, 0.0, 1.0)


def dpo_case(name, loss_type, beta, label_smoothing=0.0, simpo_gamma=0.5, reference_free=False):
    losses, chosen_rewards, rejected_rewards = [], [], []
    for i in range(B):
        pc, pr, rc, rr = policy_chosen[i], policy_rejected[i], reference_chosen[i], reference_rejected[i]
        if loss_type == "simpo":
            ac, ar = pc / chosen_token_counts[i], pr / rejected_token_counts[i]
            z = beta * (ac - ar) - simpo_gamma
            losses.append(-log_sigmoid(z) * (1 - label_smoothing) - log_sigmoid(-z) * label_smoothing)
            chosen_rewards.append(beta * ac)
            rejected_rewards.append(beta * ar)
            continue
        if loss_type == "ipo":  # TRL's dpo_trainer divides all log-probs by the completion length for ipo
            pc, rc = pc / chosen_token_counts[i], rc / chosen_token_counts[i]
            pr, rr = pr / rejected_token_counts[i], rr / rejected_token_counts[i]
        h = (pc - pr) - (0.0 if reference_free else (rc - rr))
        if loss_type == "sigmoid":
            loss = -log_sigmoid(beta * h) * (1 - label_smoothing) - log_sigmoid(-beta * h) * label_smoothing
        elif loss_type == "hinge":
            loss = max(0.0, 1 - beta * h)
        elif loss_type == "ipo":
            loss = (h - 1 / (2 * beta)) ** 2
        elif loss_type == "robust":
            loss = (-log_sigmoid(beta * h) * (1 - label_smoothing)
                    + log_sigmoid(-beta * h) * label_smoothing) / (1 - 2 * label_smoothing)
        elif loss_type == "soft_label":
            p = label_probs[i]
            loss = -(p * log_sigmoid(beta * h) + (1 - p) * log_sigmoid(-beta * h))
        else:
            raise ValueError(loss_type)
        losses.append(loss)
        chosen_rewards.append(beta * (pc - rc))
        rejected_rewards.append(beta * (pr - rr))
    return {"name": name, "loss_type": loss_type, "beta": beta, "label_smoothing": label_smoothing,
            "simpo_gamma": simpo_gamma, "reference_free": reference_free,
            "losses": losses, "chosen_rewards": chosen_rewards, "rejected_rewards": rejected_rewards}


dpo = {
    "policy_chosen": policy_chosen, "policy_rejected": policy_rejected,
    "reference_chosen": reference_chosen, "reference_rejected": reference_rejected,
    "chosen_token_counts": chosen_token_counts, "rejected_token_counts": rejected_token_counts,
    "label_probs": label_probs,
    "cases": [
        dpo_case("sigmoid", "sigmoid", 0.1),
        dpo_case("sigmoid_beta_0.5", "sigmoid", 0.5),
        dpo_case("cdpo_label_smoothing_0.1", "sigmoid", 0.1, label_smoothing=0.1),
        dpo_case("sigmoid_reference_free", "sigmoid", 0.1, reference_free=True),
        dpo_case("hinge", "hinge", 0.1),
        dpo_case("hinge_beta_1", "hinge", 1.0),
        dpo_case("ipo", "ipo", 0.1),
        dpo_case("robust_0.2", "robust", 0.1, label_smoothing=0.2),
        dpo_case("simpo", "simpo", 2.0, simpo_gamma=0.5),
        dpo_case("simpo_label_smoothing", "simpo", 2.5, label_smoothing=0.1, simpo_gamma=1.2),
        dpo_case("soft_label", "soft_label", 0.1),
        dpo_case("soft_label_beta_0.5", "soft_label", 0.5),
    ],
}


# ---------------------------------------------------------------- KTO
def kto_case(name, kl_shift, beta, desirable_weight, undesirable_weight, n_chosen=3, n_rejected=2, n_kl=5):
    pc = uniform(n_chosen, -30.0, -5.0)
    pr = uniform(n_rejected, -30.0, -5.0)
    pk = uniform(n_kl, -30.0, -5.0)
    rc = [p + rng.uniform(-3.0, 3.0) for p in pc]
    rr = [p + rng.uniform(-3.0, 3.0) for p in pr]
    rk = [p + rng.uniform(-1.0, 1.0) - kl_shift for p in pk]
    kl = max(0.0, sum(a - b for a, b in zip(pk, rk)) / n_kl)
    chosen_losses = [desirable_weight * (1 - sigmoid(beta * ((a - b) - kl))) for a, b in zip(pc, rc)]
    rejected_losses = [undesirable_weight * (1 - sigmoid(beta * (kl - (a - b)))) for a, b in zip(pr, rr)]
    return {"name": name, "beta": beta, "desirable_weight": desirable_weight, "undesirable_weight": undesirable_weight,
            "policy_chosen": pc, "policy_rejected": pr, "policy_kl": pk,
            "reference_chosen": rc, "reference_rejected": rr, "reference_kl": rk,
            "losses": chosen_losses + rejected_losses,
            "chosen_rewards": [beta * (a - b) for a, b in zip(pc, rc)],
            "rejected_rewards": [beta * (a - b) for a, b in zip(pr, rr)],
            "kl": kl}


kto = [
    kto_case("positive_kl", kl_shift=2.0, beta=0.1, desirable_weight=1.0, undesirable_weight=1.0),
    kto_case("negative_kl_clamped", kl_shift=-2.0, beta=0.1, desirable_weight=1.0, undesirable_weight=1.0),
    kto_case("weighted", kl_shift=1.5, beta=0.5, desirable_weight=1.33, undesirable_weight=0.75, n_chosen=4, n_rejected=3),
]

# ---------------------------------------------------------------- Bradley–Terry reward model
R = 5
reward_chosen = uniform(R, -3.0, 3.0)
reward_rejected = uniform(R, -3.0, 3.0)
reward_margin = uniform(R, 0.0, 2.0)


def reward_case(name, use_margin, center_rewards_coefficient):
    diffs = [c - r - (m if use_margin else 0.0) for c, r, m in zip(reward_chosen, reward_rejected, reward_margin)]
    loss = sum(-log_sigmoid(d) for d in diffs) / R
    if center_rewards_coefficient is not None:
        loss += center_rewards_coefficient * sum((c + r) ** 2 for c, r in zip(reward_chosen, reward_rejected)) / R
    return {"name": name, "use_margin": use_margin, "center_rewards_coefficient": center_rewards_coefficient,
            "loss": loss}


reward = {
    "chosen": reward_chosen, "rejected": reward_rejected, "margin": reward_margin,
    "cases": [reward_case("plain", False, None), reward_case("margin", True, None),
              reward_case("center", False, 0.01), reward_case("margin_and_center", True, 0.5)],
}

# ---------------------------------------------------------------- log-probs of a tiny logits tensor, SFT NLL
LB, LT, LV = 3, 6, 7
logits = [[[rng.gauss(0.0, 2.0) for _ in range(LV)] for _ in range(LT)] for _ in range(LB)]
mask = [[True, False, False, True, True, True],     # mask[:, 0] is never a target (nothing predicts it)
        [False, False, True, True, False, True],    # gaps inside the completion
        [False, False, False, False, False, True]]  # a single target token
labels = [[rng.randrange(LV) if m else -100 for m in row] for row in mask]
summed, counts = [], []
for b in range(LB):
    total, n = 0.0, 0
    for t in range(1, LT):  # the token at t is predicted by the logits at t − 1
        if not mask[b][t]:
            continue
        row = logits[b][t - 1]
        top = max(row)
        log_z = top + math.log(sum(math.exp(x - top) for x in row))
        total += row[labels[b][t]] - log_z
        n += 1
    summed.append(total)
    counts.append(float(n))
log_probs = {"logits": logits, "labels": labels, "mask": mask, "summed": summed, "token_counts": counts,
             "sft_loss": -sum(summed) / sum(counts)}


# ---------------------------------------------------------------- learning-rate schedules (transformers LambdaLR)
def multiplier(kind, step, warmup, total, num_cycles):
    if kind == "constant":
        return 1.0
    if step < warmup:
        return step / max(1, warmup)
    if kind == "constant_with_warmup":
        return 1.0
    if kind == "linear":
        return max(0.0, (total - step) / max(1, total - warmup))
    if kind == "cosine":
        progress = (step - warmup) / max(1, total - warmup)
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress)))
    raise ValueError(kind)


schedules = []
for kind in ["constant", "constant_with_warmup", "linear", "cosine"]:
    for warmup, total, cycles in [(3, 10, 0.5), (0, 7, 0.5), (4, 12, 1.5)]:
        steps = list(range(total + 2))
        schedules.append({"type": kind, "base_learning_rate": 3e-4, "warmup_steps": warmup, "total_steps": total,
                          "num_cycles": cycles, "steps": steps,
                          "multipliers": [multiplier(kind, s, warmup, total, cycles) for s in steps]})

print(json.dumps({"generator": "tools/golden/losses_golden.py", "dpo": dpo, "kto": kto, "reward": reward,
                  "log_probs": log_probs, "schedules": schedules}, indent=1))
