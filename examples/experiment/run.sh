#!/usr/bin/env bash
# The offline alignment experiment (docs/experiments.md), end to end, from a fresh clone with ../shared beside it:
#   examples/experiment/run.sh
# 1. data: stories260K writes 4 stories for each of 900 prompts; the kind-stories rules judge compares all 6 pairs
#    of each prompt's stories and keeps the decided ones as feedback pairs (and net-labelled KTO rows)
# 2. train: one epoch from the base, same seed and learning rate: DPO (sigmoid) over a beta sweep, IPO, KTO
# 3. eval: violation rate on 80 held-out prompts (8 samples each, same seed) and KL from the base, base included
# 4. frontier: docs/frontier.png and a Markdown table (runs/experiment/summary.md)
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
eval_args=(--constitution constitutions/kind-stories.yaml --prompts examples/experiment/eval-prompts.jsonl
           -k 8 --max-tokens 160 --temperature 1.0 --chat-format plain --seed 1)

./cai run examples/experiment/pipeline.yaml
pairs="$out/data/pairs/train.jsonl"
kto="$out/data/pairs/train.kto.jsonl"

# name  trainer  data  flags
runs=(
  "sigmoid-0.1  dpo $pairs --loss-type sigmoid --beta 0.1"
  "sigmoid-0.3  dpo $pairs --loss-type sigmoid --beta 0.3"
  "sigmoid-1.0  dpo $pairs --loss-type sigmoid --beta 1.0"
  "sigmoid-3.0  dpo $pairs --loss-type sigmoid --beta 3.0"
  "sigmoid-10.0 dpo $pairs --loss-type sigmoid --beta 10.0"
  "ipo-0.1      dpo $pairs --loss-type ipo --beta 0.1"
  "ipo-1.0      dpo $pairs --loss-type ipo --beta 1.0"
  "kto-0.1      kto $kto --config examples/experiment/kto.yaml"
)

train() { # name kind data extra-args...
  local name=$1 kind=$2 data=$3; shift 3
  [[ -f "$out/train/$name/model.safetensors" ]] && return
  local start; start=$(date +%s)
  ./cai train "$kind" --model "$base" --data "$data" --out "$out/train/$name" --learning-rate "$lr" --epochs 1 \
    --batch-size 8 --seed "$seed" --eval-split 0 --logging-steps 25 --save-steps 100000 --precompute-ref-log-probs \
    --quiet "$@"
  echo $(( $(date +%s) - start )) > "$out/train/$name/wall_seconds.txt"
}
failed=0
for run in "${runs[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || failed=1; done
  # shellcheck disable=SC2086 # the flags are words
  train $run &
done
while (( $(jobs -rp | wc -l) > 0 )); do wait -n || failed=1; done
(( failed == 0 )) || { echo "run.sh: a training run failed; its log is under $out/train/<name>/logs" >&2; exit 1; }

names=(base)
mkdir -p "$out/eval/base"
[[ -f "$out/eval/base/eval.json" ]] || ./cai eval --model "$base" "${eval_args[@]}" --out "$out/eval/base/eval.json" --quiet
for run in "${runs[@]}"; do
  name=${run%% *}
  names+=("$name")
  mkdir -p "$out/eval/$name"
  [[ -f "$out/eval/$name/eval.json" ]] ||
    ./cai eval --model "$out/train/$name" --reference "$base" "${eval_args[@]}" --out "$out/eval/$name/eval.json" --quiet
done

labels=()
for name in "${names[@]}"; do labels+=(--label "$name"); done
./cai eval frontier $(printf "$out/eval/%s/eval.json " "${names[@]}") "${labels[@]}" --out docs/frontier.png \
  --title "stories260K, kind-stories rules judge: violation rate vs KL"
python3 examples/experiment/summarize.py "$out" "${names[@]}" > "$out/summary.md"
cat "$out/summary.md"
