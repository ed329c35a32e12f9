# shellcheck shell=bash
# Sourced by the benchmarks: compiles the tests and prints the test classpath (the benchmark
# mains live in src/test), offline first, then online. $1 = a scratch directory.
test_classpath() {
  local root work="$1"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local build=(mvn -q -B -ntp -Dstyle.color=never -f "$root/pom.xml" test-compile
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.classpath")
  echo "Building the test classpath..." >&2
  if ! "${build[@]}" -o >"$work/build.log" 2>&1 && ! "${build[@]}" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    return 3
  fi
  printf '%s\n' "$root/target/test-classes:$root/target/classes:$(cat "$work/test.classpath")"
}
