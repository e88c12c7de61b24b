#!/usr/bin/env python3
"""Golden values for src/Train/Losses/PpoMath.cs and the adaptive KL controller, computed independently of TorchSharp.

Standard library only (no numpy, no torch), float64, written from the formulas: Schulman's k1/k3 KL estimators
(http://joschu.net/blog/kl-approx.html), per-token rewards of Ziegler et al. 2019 (score at the last real token),
GAE (Schulman et al. 2016, Eq. 16), TRL's masked_mean/masked_var/masked_whiten, the clipped surrogate of PPO
(Schulman et al. 2017, Eq. 7), the clipped value loss (Huang et al. 2024) and Ziegler et al.'s adaptive KL controller.

Regenerate from the repository root:
    python3 tools/golden/ppo_golden.py > tests/Cai.Train.Tests/TestData/ppo_golden.json
"""
import json
import math
import random

rng = random.Random(20261130)

LENGTHS = [5, 3, 1, 4]  # real response tokens per row (the last one is the stop token or the length cut)
T = 5
B = len(LENGTHS)
mask = [[t < n for t in range(T)] for n in LENGTHS]


def grid(lo, hi):
    return [[rng.uniform(lo, hi) for _ in range(T)] for _ in range(B)]


logprobs = grid(-4.0, -0.1)
ref_logprobs = [[lp + rng.uniform(-0.8, 0.8) for lp in row] for row in logprobs]
new_logprobs = [[lp + rng.uniform(-0.4, 0.4) for lp in row] for row in logprobs]
scores = [rng.uniform(-2.0, 2.0) for _ in range(B)]
raw_values = grid(-1.0, 1.0)
values = [[v if mask[b][t] else 0.0 for t, v in enumerate(row)] for b, row in enumerate(raw_values)]
vpred = [[v + rng.uniform(-0.5, 0.5) for v in row] for row in values]


def kl(estimator):
    out = []
    for b in range(B):
        row = []
        for t in range(T):
            if not mask[b][t]:
                row.append(0.0)
                continue
            log_r = ref_logprobs[b][t] - logprobs[b][t]
            row.append(-log_r if estimator == "k1" else math.exp(log_r) - 1.0 - log_r)
        out.append(row)
    return out


def rewards(kl_values, kl_coef):
    non_score = [[-kl_coef * kl_values[b][t] if mask[b][t] else 0.0 for t in range(T)] for b in range(B)]
    total = [row[:] for row in non_score]
    for b in range(B):
        total[b][LENGTHS[b] - 1] += scores[b]
    return total, non_score


def masked_mean(x):
    s = sum(x[b][t] for b in range(B) for t in range(T) if mask[b][t])
    return s / sum(LENGTHS)


def masked_var(x, unbiased=True):
    m = masked_mean(x)
    n = sum(LENGTHS)
    var = sum((x[b][t] - m) ** 2 for b in range(B) for t in range(T) if mask[b][t]) / n
    return var * n / (n - 1) if unbiased else var


def masked_whiten(x, shift_mean=True):
    m, v = masked_mean(x), masked_var(x)
    out = []
    for b in range(B):
        row = []
        for t in range(T):
            if not mask[b][t]:
                row.append(0.0)
                continue
            w = (x[b][t] - m) / math.sqrt(v + 1e-8)
            row.append(w if shift_mean else w + m)
        out.append(row)
    return out


def gae(r, v, gamma, lam):
    adv = [[0.0] * T for _ in range(B)]
    for b in range(B):
        running = 0.0
        for t in reversed(range(T)):
            nxt = v[b][t + 1] if t + 1 < T else 0.0
            delta = r[b][t] + gamma * nxt - v[b][t]
            running = delta + gamma * lam * running
            adv[b][t] = running
    returns = [[adv[b][t] + v[b][t] for t in range(T)] for b in range(B)]
    return adv, returns


def policy_loss(advantages, cliprange):
    losses, clipped_flags, log_ratios, ratios = [], [], [], []
    for b in range(B):
        for t in range(T):
            if not mask[b][t]:
                continue
            log_ratio = new_logprobs[b][t] - logprobs[b][t]
            ratio = math.exp(log_ratio)
            a = advantages[b][t]
            unclipped = -a * ratio
            clipped = -a * min(max(ratio, 1.0 - cliprange), 1.0 + cliprange)
            losses.append(max(unclipped, clipped))
            clipped_flags.append(1.0 if clipped > unclipped else 0.0)
            log_ratios.append(log_ratio)
            ratios.append(ratio)
    n = len(losses)
    return {
        "loss": sum(losses) / n,
        "clip_fraction": sum(clipped_flags) / n,
        "approx_kl": 0.5 * sum(lr * lr for lr in log_ratios) / n,
        "ratio": sum(ratios) / n,
    }


def value_loss(returns, cliprange_value):
    losses, flags = [], []
    for b in range(B):
        for t in range(T):
            if not mask[b][t]:
                continue
            old = values[b][t]
            clipped_v = min(max(vpred[b][t], old - cliprange_value), old + cliprange_value)
            unclipped = (vpred[b][t] - returns[b][t]) ** 2
            clipped = (clipped_v - returns[b][t]) ** 2
            losses.append(max(unclipped, clipped))
            flags.append(1.0 if clipped > unclipped else 0.0)
    n = len(losses)
    return {"loss": 0.5 * sum(losses) / n, "clip_fraction": sum(flags) / n}


def adaptive_kl(init, target, horizon, observations, n_steps):
    value = init
    out = []
    for current in observations:
        error = min(max(current / target - 1.0, -0.2), 0.2)
        value *= 1.0 + error * n_steps / horizon
        out.append(value)
    return out


k1 = kl("k1")
k3 = kl("k3")
kl_coef = 0.05
rewards_k1, non_score_k1 = rewards(k1, kl_coef)
gae_cases = []
for gamma, lam in [(1.0, 0.95), (0.9, 0.8)]:
    adv, ret = gae(rewards_k1, values, gamma, lam)
    gae_cases.append({"gamma": gamma, "lam": lam, "advantages": adv, "returns": ret})
advantages, returns = gae_cases[0]["advantages"], gae_cases[0]["returns"]
whitened = masked_whiten(advantages)
kl_observations = [0.5, 3.0, 12.0, 6.0, 7.5]

golden = {
    "lengths": LENGTHS,
    "logprobs": logprobs,
    "ref_logprobs": ref_logprobs,
    "new_logprobs": new_logprobs,
    "scores": scores,
    "values": values,
    "vpred": vpred,
    "k1": k1,
    "k3": k3,
    "kl_coef": kl_coef,
    "rewards": rewards_k1,
    "non_score_reward": non_score_k1,
    "gae": gae_cases,
    "masked_mean": masked_mean(advantages),
    "masked_var": masked_var(advantages),
    "masked_var_biased": masked_var(advantages, unbiased=False),
    "whitened": whitened,
    "whitened_no_shift": masked_whiten(advantages, shift_mean=False),
    "policy": [dict(cliprange=c, **policy_loss(whitened, c)) for c in (0.2, 0.05)],
    "value": [dict(cliprange_value=c, **value_loss(returns, c)) for c in (0.2, 0.05)],
    "adaptive_kl": {
        "init": 0.05, "target": 6.0, "horizon": 10000, "n_steps": 512,
        "observations": kl_observations, "values": adaptive_kl(0.05, 6.0, 10000, kl_observations, 512),
    },
}
print(json.dumps(golden, indent=1))
