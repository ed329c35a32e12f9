#!/usr/bin/env bash
# Measures `./aphex render` as a user runs it: whole-process wall time (median of N runs after one
# warm-up) and the WorkflowTemplate size as compact JSON, for the sample pipeline and for the
# predecessor's 50 environments x 3 stacks scale config. Then the scale benchmark: generated
# configs of 3, 50, 200 and 1,000 environments x 3 stacks (+1 test command each), rendered
# in-process by io.aphex.pipeline.cli.RenderBenchmark (src/test) and timed as `./aphex render`,
# against a baseline of the Pulumi SDK's engine running an empty program (the floor of the
# engine-based render the plan replaced).
#
#   bench/render-bench.sh [RUNS]        (default 5)
#   APHEX_BENCH_SIZES=3,50,200,1000     the generated sizes (the first is the marginal base)
#   APHEX_BENCH_ACCOUNTS=25             distinct target accounts; 0 gives each environment its own
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="$root/src/test/resources/upstream/predecessor-sample"
runs="${1:-5}"
sizes="${APHEX_BENCH_SIZES:-3,50,200,1000}"
accounts="${APHEX_BENCH_ACCOUNTS:-25}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Same JVM flags as ./aphex.
jvm=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto
  -Djava.util.concurrent.ForkJoinPool.common.parallelism=4)

# shellcheck source=bench/test-classpath.sh
. "$root/bench/test-classpath.sh"
test_cp="$(test_classpath "$work")"

# wall NAME CMD...: runs CMD $runs times; sets median, lo, hi (seconds) and status (last exit).
wall() {
  local name="$1" start end times=() sorted
  shift
  status=0
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$@" >"$work/stdout-$name" 2>"$work/stderr-$name" || status=$?
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  lo=$(echo "$sorted" | head -1)
  hi=$(echo "$sorted" | tail -1)
}

template_bytes() { # $1 = a render summary
  sed -n 's/.*WorkflowTemplate: [^,]*, \([0-9]*\) bytes.*/\1/p' "$1"
}

project() { # $1 = name, $2 = pipeline config file
  mkdir -p "$work/$1"
  cp "$root/Pulumi.yaml" "$root/Pulumi.dev.yaml" "$work/$1/"
  cp "$2" "$work/$1/aphex-config.yaml"
}
project sample "$root/aphex-config.yaml"
project scale-50x3 "$sample/scale/aphex-config-50x3.yaml"

"$root/aphex" render --cwd "$work/sample" --out "$work/warmup" >/dev/null

printf '%-12s %12s %16s %14s\n' config "template B" "median wall s" "min-max s"
for name in sample scale-50x3; do
  wall "$name" "$root/aphex" render --cwd "$work/$name" --out "$work/out-$name"
  printf '%-12s %12s %16.2f %6.2f-%-6.2f\n' "$name" "$(template_bytes "$work/stdout-$name")" \
    "$median" "$lo" "$hi"
done
echo "predecessor (cdk synth): sample 14,389 B in 10.8-13.8 s median; 50x3 263,694 B"
echo

echo "Rendering in-process..." >&2
(cd "$root" && java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -cp "$test_cp" \
  io.aphex.pipeline.cli.RenderBenchmark "$work/scale" --sizes "$sizes" --accounts "$accounts") \
  >"$work/in-process.txt" \
  || { cat "$work/in-process.txt" >&2; exit 1; }
head -1 "$work/in-process.txt"

echo "Timing ./aphex render..." >&2
: >"$work/wall.tsv"
wall baseline "${jvm[@]}" -cp "$test_cp" io.aphex.pipeline.cli.EmptyProgramRender \
  "$work/scale/envs-${sizes%%,*}"
printf 'baseline\t%s\t%s\t%s\t%s\t\n' "$median" "$lo" "$hi" "$status" >>"$work/wall.tsv"
for n in ${sizes//,/ }; do
  wall "$n" "$root/aphex" render --cwd "$work/scale/envs-$n" --out "$work/out-$n"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$median" "$lo" "$hi" "$status" \
    "$(template_bytes "$work/stdout-$n")" >>"$work/wall.tsv"
done

awk -F'\t' '
  NR == FNR { if (FNR > 1) { bytes[$1] = $2; iam[$1] = $3; ms[$1] = $4; lo[$1] = $5;
                             hi[$1] = $6; err[$1] = $8; targets[$1] = $9; order[++n] = $1 } next }
  { wmed[$1] = $2; wlo[$1] = $3; whi[$1] = $4; wst[$1] = $5; wout[$1] = $6 }
  END {
    fmt = "%-9s %11s %10s %10s %10s %10s %21s %7s %7s %17s\n"
    printf fmt, "envs", "template B", "B/env marg", "B/env tot", "targets B", "IAM chars",
      "in-process ms (range)", "ms/env", "x base", "wall s (range)"
    base = ms["baseline"]; first = order[2]
    for (i = 1; i <= n; i++) {
      k = order[i]
      w = (wst[k] == 0) ? sprintf("%.2f (%.2f-%.2f)", wmed[k], wlo[k], whi[k]) \
                        : "exit " wst[k]
      if (err[k] != "") { printf "%-9s FAILED in-process: %s; ./aphex: %s\n", k, err[k], w; continue }
      inproc = sprintf("%.1f (%.1f-%.1f)", ms[k], lo[k], hi[k])
      if (k == "baseline") { printf fmt, k, "-", "-", "-", "-", "-", inproc, "-", "1.0", w; continue }
      marg = (k + 0 > first + 0 && err[first] == "")
      printf fmt, k, commas(bytes[k]) (bytes[k] > 1048576 ? "!" : ""),
        marg ? commas(int((bytes[k] - bytes[first]) / (k - first))) : "-",
        commas(int(bytes[k] / k)), commas(targets[k]) (targets[k] > 1000000 ? "!" : ""),
        commas(iam[k]) (iam[k] > 10240 ? "!" : ""), inproc,
        marg ? sprintf("%.2f", (ms[k] - ms[first]) / (k - first)) : "-",
        sprintf("%.1f", ms[k] / base), w
      if (wst[k] == 0 && wout[k] != bytes[k]) {
        printf "  ! ./aphex reported %s template bytes\n", wout[k]
      }
    }
  }
  function commas(v,   s, out) {
    s = sprintf("%d", v); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    return s out
  }' "$work/scale/in-process.tsv" "$work/wall.tsv"
echo "template B: the WorkflowTemplate as compact JSON; ! above 1 MiB (262,144 B would matter"
echo "  only with client-side apply; the component applies server-side). IAM chars: the workflow"
echo "  role's inline policies without whitespace; ! above IAM's 10,240 per role, which pulumi up"
echo "  would fail on (the offline render cannot check it). ms/env and B/env marg: (x(N) - x(first))"
echo "  / (N - first). x base: in-process time / the empty program's under the SDK's engine."
echo "targets B: the per-environment data, kept out of the template in the targets ConfigMap"
echo "  (compact JSON of the whole object); ! above the 1,000,000 B of data the component allows."
echo "predecessor: 50 / 200 envs x 3 stacks: 263,694 / 1,045,234 B (~5.2 KB per environment);"
echo "  warm in-process synth of sample / 50x3 / 200x3: 238 / 368 / 723 ms median, ~2-2.5 ms per"
echo "  environment."
