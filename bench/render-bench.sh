#!/usr/bin/env bash
# Measures `./aphex render` as a user runs it: whole-process wall time (median of N runs after one
# warm-up) and the WorkflowTemplate size as compact JSON, for the sample pipeline and for the
# predecessor's 50 environments x 3 stacks scale config.
#
#   bench/render-bench.sh [RUNS]        (default 5; needs ../shared beside the project)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${APHEX_SHARED_DIR:-$root/../shared}"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

project() { # $1 = name, $2 = pipeline config file
  mkdir -p "$work/$1"
  cp "$root/Pulumi.yaml" "$root/Pulumi.dev.yaml" "$work/$1/"
  cp "$2" "$work/$1/aphex-config.yaml"
}
project sample "$root/aphex-config.yaml"
project scale-50x3 "$shared/reference/original-sample/scale/aphex-config-50x3.yaml"

"$root/aphex" render --cwd "$work/sample" --out "$work/warmup" >/dev/null

printf '%-12s %12s %16s %14s\n' config "template B" "median wall s" "min-max s"
for name in sample scale-50x3; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$root/aphex" render --cwd "$work/$name" --out "$work/out-$name" >"$work/summary-$name"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  bytes=$(sed -n 's/.*WorkflowTemplate: [^,]*, \([0-9]*\) bytes.*/\1/p' "$work/summary-$name")
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  printf '%-12s %12s %16.2f %6.2f-%-6.2f\n' "$name" "$bytes" "$median" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)"
done
echo "predecessor (cdk synth): sample 14,389 B in 10.8-13.8 s median; 50x3 263,694 B"
