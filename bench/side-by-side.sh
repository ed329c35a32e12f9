#!/usr/bin/env bash
# Side by side, in one run, alternating: `./aphex render` of the sample and of 1,000 environments
# x 3 stacks, against an empty Pulumi program under the SDK's engine (the floor of a render that
# runs the engine, as the render did before issue 14; EmptyProgramRender in src/test), and,
# only when asked with --predecessor, the predecessor's `cdk synth` of its sample. Prints medians,
# ranges and the ratios the README's performance section quotes.
#
#   bench/side-by-side.sh [--runs N] [--predecessor]
#
#   --runs N        rounds; each round runs every contender once (default 5)
#   --predecessor   clone the CDK predecessor from its public repository at the commit the
#                   reference sample was synthesized from, `npm ci` it into target/bench/predecessor
#                   (once; needs git, Node 20 and network access to the repository and npm) and time
#                   `cdk synth` of its sample in the same rounds. Without it the predecessor's figure
#                   is the one last measured side by side on a 2-core machine, printed as such.
#
# Whole processes, warm: one untimed round first (the launcher's build, if any, happens there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
predecessor=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --predecessor) predecessor=true; shift ;;
    *) echo "usage: bench/side-by-side.sh [--runs N] [--predecessor]" >&2; exit 2 ;;
  esac
done
predecessor_repo="${APHEX_PREDECESSOR_REPO:-https://github.com/bdchatham/AphexPipeline.git}"
predecessor_commit=22b8c48
# Measured side by side on this project's 2-core machine (alternating, medians of 5), 2026-11.
recorded_synth="7.4-8.0"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Building..." >&2
"$root/aphex" render --cwd "$root" --out "$work/first" >/dev/null
# shellcheck source=bench/test-classpath.sh
. "$root/bench/test-classpath.sh"
test_cp="$(test_classpath "$work")"
# The generated 1,000-environment project (RenderBenchmark writes it, then times it once).
java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -cp "$test_cp" \
  io.aphex.pipeline.cli.RenderBenchmark "$work/scale" --sizes 3,1000 --runs 1 --warmup 0 \
  --max-seconds 0 >/dev/null

contenders=(sample envs1000 empty)
declare -A cmd
cmd[sample]="$root/aphex render --cwd $root --out $work/out-sample"
cmd[envs1000]="$root/aphex render --cwd $work/scale/envs-1000 --out $work/out-1000"
cmd[empty]="java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp $test_cp io.aphex.pipeline.cli.EmptyProgramRender $root"

if $predecessor; then
  infra="$root/target/bench/predecessor/pipeline-infra"
  if [ ! -d "$infra/node_modules" ]; then
    echo "Installing the predecessor ($predecessor_repo @ $predecessor_commit)..." >&2
    rm -rf "$root/target/bench/predecessor"
    git clone -q "$predecessor_repo" "$root/target/bench/predecessor"
    git -C "$root/target/bench/predecessor" checkout -q "$predecessor_commit"
    (cd "$infra" && npm ci --no-audit --no-fund >/dev/null)
  fi
  # The entry file the reference sample was synthesized with (its README, "Provenance").
  cp "$root/src/test/resources/upstream/predecessor-sample/aphex-config.yaml" "$infra/bench-config.yaml"
  cat >"$infra/bench-entry.ts" <<'TS'
import * as cdk from 'aws-cdk-lib';
import { AphexPipelineStack } from './lib/aphex-pipeline-stack';
const app = new cdk.App();
new AphexPipelineStack(app, 'AphexPipelineStack', {
  env: { account: '123456789012', region: 'us-east-1' },
  githubOwner: 'my-org', githubRepo: 'my-repo', githubTokenSecretName: 'github-token',
  clusterName: 'company-pipelines', configPath: 'bench-config.yaml',
});
TS
  contenders+=(synth)
  cmd[synth]="bash -c 'cd $infra && npx cdk synth --app \"npx ts-node --prefer-ts-exts bench-entry.ts\" -o $work/cdk.out --quiet'"
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times cpu
# Wall time, and the CPU time (user + sys) the contender used: on a machine whose cores are shared
# with other work, wall time rises with the load and CPU time much less, so both are printed.
TIMEFORMAT='%R %U %S'
for round in $(seq 0 "$runs"); do
  for c in "${contenders[@]}"; do
    if ! { time eval "${cmd[$c]}" >"$work/$c.out" 2>&1; } 2>"$work/$c.time"; then
      echo "$c failed:" >&2
      cat "$work/$c.out" >&2
      exit 1
    fi
    read -r real user sys <"$work/$c.time"
    [ "$round" -eq 0 ] || times[$c]+="$real "
    [ "$round" -eq 0 ] || cpu[$c]+="$(echo "$user + $sys" | bc) "
  done
done

stats() { # median lo hi of the numbers in $1
  tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | awk '{a[NR]=$1}
    END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f %.2f %.2f", m, a[1], a[NR]}'
}
read -r s_med s_lo s_hi <<<"$(stats "${times[sample]}")"
read -r k_med k_lo k_hi <<<"$(stats "${times[envs1000]}")"
read -r e_med e_lo e_hi <<<"$(stats "${times[empty]}")"
read -r sc_med sc_lo sc_hi <<<"$(stats "${cpu[sample]}")"
read -r kc_med kc_lo kc_hi <<<"$(stats "${cpu[envs1000]}")"
read -r ec_med ec_lo ec_hi <<<"$(stats "${cpu[empty]}")"
# The same ratio round by round: both renders of a round ran seconds apart, so a machine that
# speeds up or slows down between rounds moves both, and the median of these pairs shows less of it.
read -r r_med r_lo r_hi <<<"$(stats "$(paste -d/ <(tr ' ' '\n' <<<"${times[envs1000]}") \
  <(tr ' ' '\n' <<<"${times[sample]}") | sed '/^\/$/d' | bc -l | tr '\n' ' ')")"
echo "load average before the rounds: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %8s %13s %10s %13s\n' "whole process, $runs rounds" "median s" "range s" "CPU s" "CPU range s"
printf '%-40s %8s %13s %10s %13s\n' "./aphex render, sample" "$s_med" "$s_lo-$s_hi" "$sc_med" "$sc_lo-$sc_hi"
printf '%-40s %8s %13s %10s %13s\n' "./aphex render, 1,000 envs x 3 stacks" "$k_med" "$k_lo-$k_hi" "$kc_med" "$kc_lo-$kc_hi"
printf '%-40s %8s %13s %10s %13s\n' "empty Pulumi program, SDK engine" "$e_med" "$e_lo-$e_hi" "$ec_med" "$ec_lo-$ec_hi"
if $predecessor; then
  read -r p_med p_lo p_hi <<<"$(stats "${times[synth]}")"
  printf '%-40s %8s %13s\n' "predecessor cdk synth, sample" "$p_med" "$p_lo-$p_hi"
  synth_low="$p_med"; synth_high="$p_med"; how="measured in this run"
else
  synth_low="${recorded_synth%-*}"; synth_high="${recorded_synth#*-}"
  printf '%-40s %8s %13s\n' "predecessor cdk synth, sample (recorded)" "-" "$recorded_synth"
  how="recorded $recorded_synth s; --predecessor measures it"
fi
echo
awk -v r="$r_med" -v rlo="$r_lo" -v rhi="$r_hi" -v s="$s_med" -v k="$k_med" -v e="$e_med" -v sc="$sc_med" -v kc="$kc_med" -v lo="$synth_low" -v hi="$synth_high" -v how="$how" 'BEGIN {
  if (lo == hi) printf "sample vs predecessor cdk synth: %.1fx faster (%s)\n", lo / s, how
  else printf "sample vs predecessor cdk synth: %.1f-%.1fx faster (%s)\n", lo / s, hi / s, how
  printf "1,000 environments vs sample:   %.2fx the time (%.2fx the CPU time)\n", k / s, kc / sc
  printf "  the same, round by round:     median %.2fx (%.2f-%.2fx)\n", r, rlo, rhi
  printf "sample vs empty engine program: %.2fx the time (%+.2f s; the render runs no engine)\n", s / e, s - e
}'
