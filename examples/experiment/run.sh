#!/usr/bin/env bash
# The offline alignment experiment (docs/experiments.md), end to end, from a fresh clone with ../shared beside it:
#   examples/experiment/run.sh
# 1. data: stories260K writes 4 stories for each of 300 prompts; the kind-stories rules judge labels feedback pairs
# 2. train: DPO (sigmoid) at beta 0.05 / 0.1 / 0.3 / 1.0, IPO and KTO at beta 0.1, same seed, steps and learning rate
# 3. eval: violation rate on 40 held-out prompts (4 samples each, same seed) and KL from the base, base model included
# 4. frontier: docs/frontier.png and a Markdown table (runs/experiment/summary.md)
# Every step resumes or is skipped when its output exists; delete runs/experiment to start over.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
shared="${CAI_SHARED_DIR:-$root/../shared}"
base="$shared/models/stories260K/stories260K.bin"
out=runs/experiment
steps="${STEPS:-40}" lr="${LR:-1e-4}" seed=42
eval_args=(--constitution constitutions/kind-stories.yaml --prompts examples/experiment/eval-prompts.jsonl
           -k 4 --max-tokens 160 --temperature 1.0 --chat-format plain --seed 1)

./cai run examples/experiment/pipeline.yaml
pairs="$out/data/pairs/train.jsonl"
kto="$out/data/pairs/train.kto.jsonl"

train() { # name kind data extra-args...
  local name=$1 kind=$2 data=$3; shift 3
  [[ -f "$out/train/$name/model.safetensors" ]] && return
  local start; start=$(date +%s)
  ./cai train "$kind" --model "$base" --data "$data" --out "$out/train/$name" --learning-rate "$lr" --max-steps "$steps" \
    --batch-size 8 --seed "$seed" --eval-split 0 --logging-steps 10 --save-steps 100000 --precompute-ref-log-probs "$@"
  echo $(( $(date +%s) - start )) > "$out/train/$name/wall_seconds.txt"
}
train sigmoid-0.05 dpo "$pairs" --loss-type sigmoid --beta 0.05
train sigmoid-0.1  dpo "$pairs" --loss-type sigmoid --beta 0.1
train sigmoid-0.3  dpo "$pairs" --loss-type sigmoid --beta 0.3
train sigmoid-1.0  dpo "$pairs" --loss-type sigmoid --beta 1.0
train ipo-0.1      dpo "$pairs" --loss-type ipo --beta 0.1
train kto-0.1      kto "$kto" --beta 0.1

mkdir -p "$out/eval/base"
[[ -f "$out/eval/base/eval.json" ]] || ./cai eval --model "$base" "${eval_args[@]}" --out "$out/eval/base/eval.json"
runs=(sigmoid-0.05 sigmoid-0.1 sigmoid-0.3 sigmoid-1.0 ipo-0.1 kto-0.1)
for name in "${runs[@]}"; do
  mkdir -p "$out/eval/$name"
  [[ -f "$out/eval/$name/eval.json" ]] ||
    ./cai eval --model "$out/train/$name" --reference "$base" "${eval_args[@]}" --out "$out/eval/$name/eval.json"
done

./cai eval frontier "$out/eval/base/eval.json" $(printf "$out/eval/%s/eval.json " "${runs[@]}") --out docs/frontier.png \
  --label base --label "sigmoid β=0.05" --label "sigmoid β=0.1" --label "sigmoid β=0.3" --label "sigmoid β=1.0" \
  --label "IPO β=0.1" --label "KTO β=0.1" --title "stories260K, kind-stories rules judge: violation rate vs KL"
python3 examples/experiment/summarize.py "$out" > "$out/summary.md"
cat "$out/summary.md"
