#!/usr/bin/env bash
# The alignment experiment (docs/experiments.md), end to end, from a fresh clone with ../shared beside it:
#   examples/experiment/run.sh
# 1. data: stories260K writes 4 stories for each of 900 prompts; the kind-stories rules judge compares all 6 pairs
#    of each prompt's stories and keeps the decided ones as feedback pairs (and net-labelled KTO rows)
# 2. offline training from the base, one epoch, same seed and learning rate: DPO (sigmoid) over a beta sweep, IPO,
#    KTO; SFT on the stories the judge preferred (the SL-CAI baseline); two reward models on the pairs (10% of the
#    prompts held out for their pairwise accuracy): one epoch at the shared learning rate, and reward-3ep (3 epochs at
#    1e-4, which the first one's flat loss called for)
# 3. online RL from the base, 32 sampled stories per update: GRPO (beta 0.04 and 0), RLOO (150 updates each) and
#    online DPO (16 pairs, 150 updates) with the constitution's rules as reward or judge, and GRPO for 300 updates;
#    PPO against each reward model (RL-CAI; 60 updates of 4 PPO epochs each, a checkpoint every 10 for the
#    over-optimisation plots; against reward-3ep also with kl_coef 0.2, 0.3, 0.5 and 0.4, and at 0.4 with 64 stories per update) and, to separate PPO from its reward model, PPO
#    with the rules as reward (60 updates)
# 4. eval: every policy on 80 held-out prompts (8 samples each, same seed): violation rate under the rules it was
#    trained against and under a held-out judge it never saw (examples/experiment/heldout-judge.yaml), the reward
#    model's score and KL from the base; PPO's checkpoints too, for the over-optimisation plot
# 5. plots: docs/frontier.png (every method), docs/frontier-heldout.png, docs/overoptimization*.png, and a Markdown
#    table (runs/experiment/summary.md)
# Every step resumes or is skipped when its output exists; delete runs/experiment to start over.
# JOBS trainings run side by side, each on one torch thread (default 2, the cores of the machine it was measured on).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
shared="${CAI_SHARED_DIR:-$root/../shared}"
base="$shared/models/stories260K/stories260K.bin"
out=runs/experiment
lr="${LR:-3e-5}" seed=42 jobs="${JOBS:-2}"
export OMP_NUM_THREADS=1
rules=rules:constitutions/kind-stories.yaml
# (with --reward-model "$out/train/reward" and -k 8 unless an evaluation names its own: cai eval takes each once)
eval_args=(--constitution constitutions/kind-stories.yaml --heldout-constitution examples/experiment/heldout-judge.yaml
           --prompts examples/experiment/eval-prompts.jsonl --max-tokens 160 --temperature 1.0 --chat-format plain --seed 1)

./cai run examples/experiment/pipeline.yaml
pairs="$out/data/pairs/train.jsonl"
kto="$out/data/pairs/train.kto.jsonl"
# SL-CAI without a model critic: supervised fine-tuning on the stories the rules judge preferred, each once (the KTO
# export's desirable rows: stories that won more of their comparisons than they lost).
sft="$out/data/pairs/train.sft.jsonl"
[[ -f "$sft" ]] || grep '"label":true' "$kto" > "$sft"

offline=(--learning-rate "$lr" --epochs 1 --batch-size 8 --seed "$seed" --logging-steps 25 --save-steps 100000)
online=(--prompts examples/experiment/prompts.jsonl --learning-rate "$lr" --temperature 1.0 --seed "$seed" --logging-steps 10)
# name  kind  flags (the reward model comes first: PPO and every evaluation need it)
offline_runs=(
  "reward       reward --data $pairs ${offline[*]} --eval-split 0.1"
  "reward-3ep   reward --data $pairs --learning-rate 1e-4 --epochs 3 --batch-size 8 --seed $seed --logging-steps 25 --save-steps 100000 --eval-split 0.1"
  "sigmoid-0.1  dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type sigmoid --beta 0.1"
  "sigmoid-0.3  dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type sigmoid --beta 0.3"
  "sigmoid-1.0  dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type sigmoid --beta 1.0"
  "sigmoid-3.0  dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type sigmoid --beta 3.0"
  "sigmoid-10.0 dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type sigmoid --beta 10.0"
  "ipo-0.1      dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type ipo --beta 0.1"
  "ipo-1.0      dpo --data $pairs ${offline[*]} --eval-split 0 --precompute-ref-log-probs --loss-type ipo --beta 1.0"
  "kto-0.1      kto --data $kto ${offline[*]} --eval-split 0 --precompute-ref-log-probs --config examples/experiment/kto.yaml"
  "sft          sft --data $sft ${offline[*]} --eval-split 0"
)
# TRL's defaults for the KL weights (PPO kl_coef 0.05, GRPO beta 0.04 as TRL had it before 0.19, RLOO beta 0.05,
# online DPO beta 0.1); temperature 1 and 160 tokens as in the data and the evaluation.
online_runs=(
  "ppo          ppo --reward $out/train/reward ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10"
  "ppo-reward-3ep ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10"
  "ppo-reward-3ep-kl0.2 ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10 --kl-coef 0.2"
  "ppo-reward-3ep-kl0.3 ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10 --kl-coef 0.3"
  "ppo-reward-3ep-kl0.5 ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10 --kl-coef 0.5"
  "ppo-reward-3ep-kl0.4 ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 32 --response-length 160 --reward-normalization-samples 256 --save-steps 10 --kl-coef 0.4"
  "ppo-reward-3ep-kl0.4-b64 ppo --reward $out/train/reward-3ep ${online[*]} --max-steps 60 --batch-size 64 --response-length 160 --reward-normalization-samples 256 --save-steps 10 --kl-coef 0.4"
  "ppo-rules    ppo --reward $rules ${online[*]} --max-steps 60 --batch-size 32 --response-length 160"
  "grpo         grpo --reward $rules ${online[*]} --max-steps 150 --batch-size 32 --num-generations 8 --beta 0.04 --max-completion-length 160"
  "grpo-300     grpo --reward $rules ${online[*]} --max-steps 300 --batch-size 32 --num-generations 8 --beta 0.04 --max-completion-length 160"
  "grpo-beta0   grpo --reward $rules ${online[*]} --max-steps 150 --batch-size 32 --num-generations 8 --beta 0 --max-completion-length 160"
  "rloo         rloo --reward $rules ${online[*]} --max-steps 150 --batch-size 32 --num-generations 4 --max-completion-length 160"
  "online-dpo   online-dpo --reward $rules ${online[*]} --max-steps 150 --batch-size 16 --max-new-tokens 160"
)

train() { # name kind flags...
  local name=$1 kind=$2; shift 2
  [[ -f "$out/train/$name/model.safetensors" ]] && return
  local start; start=$(date +%s)
  ./cai train "$kind" --model "$base" --out "$out/train/$name" --quiet "$@"
  echo $(( $(date +%s) - start )) > "$out/train/$name/wall_seconds.txt"
}
train_all() { # runs...
  local failed=0
  for run in "$@"; do
    while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || failed=1; done
    # shellcheck disable=SC2086 # the flags are words
    train $run &
  done
  while (( $(jobs -rp | wc -l) > 0 )); do wait -n || failed=1; done
  (( failed == 0 )) || { echo "run.sh: a training run failed; its log is under $out/train/<name>/logs" >&2; exit 1; }
}
train_all "${offline_runs[@]:0:2}" # the reward models first: PPO and every evaluation read them
train_all "${offline_runs[@]:2}" "${online_runs[@]}"

evaluate() { # name model [more cai eval flags]
  local name=$1 model=$2; shift 2
  mkdir -p "$out/eval/$name"
  local defaults=()
  [[ " $* " == *" --reward-model "* ]] || defaults+=(--reward-model "$out/train/reward")
  [[ " $* " == *" -k "* ]] || defaults+=(-k 8)
  [[ -f "$out/eval/$name/eval.json" ]] || ./cai eval --model "$model" "${eval_args[@]}" "${defaults[@]}" --out "$out/eval/$name/eval.json" --quiet "$@"
}
evaluate base "$base" --reward-run "$out/train/reward"
# PPO against reward-3ep is scored by the reward model it was trained against (and so is a second base row).
strong=(--reward-model "$out/train/reward-3ep")
evaluate base-reward-3ep "$base" --reward-run "$out/train/reward-3ep" "${strong[@]}"
names=(base)
for run in "${offline_runs[@]:2}" "${online_runs[@]}"; do
  name=${run%% *}
  names+=("$name")
  if [[ $name == ppo-reward-3ep* ]]; then
    evaluate "$name" "$out/train/$name" --reference "$base" "${strong[@]}"
  else
    evaluate "$name" "$out/train/$name" --reference "$base"
  fi
done
checkpoints() { # run [more cai eval flags]: evaluates the run's checkpoints, prints their eval.json paths
  local run=$1; shift
  for dir in $(ls -d "$out/train/$run"/checkpoint-* | sort -t- -k2 -n); do
    evaluate "$run-${dir##*-}" "$dir" --reference "$base" "$@" >&2
    echo "$out/eval/$run-${dir##*-}/eval.json"
  done
}
mapfile -t ppo_checkpoints < <(checkpoints ppo)
mapfile -t strong_checkpoints < <(checkpoints ppo-reward-3ep "${strong[@]}")
mapfile -t strong_kl_checkpoints < <(checkpoints ppo-reward-3ep-kl0.2 "${strong[@]}")
mapfile -t strong_kl3_checkpoints < <(checkpoints ppo-reward-3ep-kl0.3 "${strong[@]}")
mapfile -t strong_kl5_checkpoints < <(checkpoints ppo-reward-3ep-kl0.5 "${strong[@]}")
mapfile -t strong_kl4_checkpoints < <(checkpoints ppo-reward-3ep-kl0.4 "${strong[@]}")
mapfile -t strong_b64_checkpoints < <(checkpoints ppo-reward-3ep-kl0.4-b64 "${strong[@]}")
# Best-of-n under reward-3ep: what the reward model buys with no training (32 base stories per prompt, scored once).
evaluate base-bon32 "$base" "${strong[@]}" -k 32

labels=()
for name in "${names[@]}"; do labels+=(--label "$name"); done
reports=$(printf "$out/eval/%s/eval.json " "${names[@]}")
# shellcheck disable=SC2086 # the report paths are words
./cai eval frontier $reports "${labels[@]}" --out docs/frontier.png \
  --title "stories260K, kind-stories rules judge: violation rate vs KL"
# shellcheck disable=SC2086
./cai eval frontier $reports "${labels[@]}" --heldout --out docs/frontier-heldout.png \
  --title "stories260K, held-out judge (never trained on): violation rate vs KL"
# Checkpoints after updates 10, 20, ..., 50 and the final policy (update 60).
./cai eval overoptimization "$out/eval/base/eval.json" "${ppo_checkpoints[@]}" "$out/eval/ppo/eval.json" --out docs/overoptimization.png \
  --title "PPO against the reward model: proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_checkpoints[@]}" "$out/eval/ppo-reward-3ep/eval.json" \
  --out docs/overoptimization-reward-3ep.png --title "PPO against reward-3ep (kl_coef 0.05): proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_kl_checkpoints[@]}" "$out/eval/ppo-reward-3ep-kl0.2/eval.json" \
  --out docs/overoptimization-reward-3ep-kl0.2.png --title "PPO against reward-3ep, kl_coef 0.2: proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_kl3_checkpoints[@]}" "$out/eval/ppo-reward-3ep-kl0.3/eval.json" \
  --out docs/overoptimization-reward-3ep-kl0.3.png --title "PPO against reward-3ep, kl_coef 0.3: proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_kl5_checkpoints[@]}" "$out/eval/ppo-reward-3ep-kl0.5/eval.json" \
  --out docs/overoptimization-reward-3ep-kl0.5.png --title "PPO against reward-3ep, kl_coef 0.5: proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_kl4_checkpoints[@]}" "$out/eval/ppo-reward-3ep-kl0.4/eval.json" \
  --out docs/overoptimization-reward-3ep-kl0.4.png --title "PPO against reward-3ep, kl_coef 0.4: proxy score and true violation rates vs KL"
./cai eval overoptimization "$out/eval/base-reward-3ep/eval.json" "${strong_b64_checkpoints[@]}" "$out/eval/ppo-reward-3ep-kl0.4-b64/eval.json" \
  --out docs/overoptimization-reward-3ep-kl0.4-b64.png --title "PPO against reward-3ep, kl_coef 0.4, 64 stories an update: proxy and true rates vs KL"
python3 examples/experiment/best_of_n.py "$out/eval/base-bon32/eval.json" > "$out/best-of-n.md"
python3 examples/experiment/summarize.py "$out" "${names[@]}" base-reward-3ep > "$out/summary.md"
cat "$out/summary.md"
