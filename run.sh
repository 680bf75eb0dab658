#!/usr/bin/env bash
# Cuvis.Sandbox: a thin wrapper over dotnet.
#   ./run.sh [server flags]   build (Release) if needed and start the server in the foreground
#   ./run.sh test             install missing test tools (Debian), then run every test
#   ./run.sh build            build the solution (Release)
#   ./run.sh demo [--python]  start a private server and run the cuvis CLI (the .NET client) on the bundled real
#                             scene, pictures into artifacts/demo/; --python runs examples/python/anomaly_demo.py
#   ./run.sh doctor           print which containment layers work on this host, and how to enable the rest
#   ./run.sh chaos [--sessions N] [--seconds S] [--seed X] [--help]
#                             a private server under a checked workload while its workers are killed at
#                             random; prints a table and verdicts, exit code 0 when every invariant held
#   ./run.sh bench [--quick] [--rows LIST] [--report FILE] [--Section:Key=value ...]
#                             private servers measured against baselines from the same run (a worker called
#                             directly, NumPy, a plain dotnet build); a markdown table in artifacts/reports/bench.md
#   ./run.sh fuzz [--seconds N] [--target manifest|pipeline|tensor|call-answer]
#                             fuzz the parsers with AFL++ (installs afl++ and SharpFuzz if needed), N s per target
#   ./run.sh cuvis [command ...]
#                             the cuvis command line against a running server (--server URL, default
#                             http://127.0.0.1:50051): nodes, plugins load, run, cache clear, doctor; see cli/README.md
# Server flags: --port N, --bind ADDR, --max-sessions N, --runtime-dir DIR, --profile strict|none,
# or any --Section:Key=value.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
SUPERVISOR=artifacts/bin/Cuvis.Sandbox.Supervisor/release/Cuvis.Sandbox.Supervisor.dll
CHAOS=artifacts/bin/Cuvis.Sandbox.Chaos/release/Cuvis.Sandbox.Chaos.dll
BENCH=artifacts/bin/Cuvis.Sandbox.Bench/release/Cuvis.Sandbox.Bench.dll
CUVIS=artifacts/bin/Cuvis.Sandbox.Cli/release/cuvis.dll
# Touched only after a whole Release build succeeded: a failed build may leave some outputs newer than the sources.
RELEASE_STAMP=artifacts/bin/.release-build-ok
SOURCES=(protos supervisor worker tools client cli Directory.Build.props Directory.Packages.props global.json)
INTEGRATION_TESTS=Cuvis.Sandbox.IntegrationTests

die() { echo "run.sh: $*" >&2; exit 1; }

require_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH."
}

build_release() {
  rm -f "$RELEASE_STAMP"
  dotnet build Cuvis.Sandbox.sln -c Release --nologo -v quiet -clp:ErrorsOnly || die "the Release build failed (errors above)."
  touch "$RELEASE_STAMP"
}

# Rebuild only when a source is newer than the last whole, successful Release build.
build_if_needed() {
  if [[ ! -f $RELEASE_STAMP || ! -f $SUPERVISOR || ! -f $CHAOS || ! -f $BENCH || ! -f $CUVIS ]] || [[ -n $(find "${SOURCES[@]}" -newer "$RELEASE_STAMP" -type f \
        ! -path '*/bin/*' ! -path '*/obj/*' -print -quit) ]]; then
    echo "Building (Release)..." >&2
    build_release
  fi
}

# Install Debian packages as root with apt; otherwise say what is missing and how to get it.
apt_install() {
  local what=$1; shift
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing $what: $*" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    return 1
  fi
}

# Workers and plugin builds run in bubblewrap sandboxes (Containment:Profile=strict, the default).
ensure_sandbox_tools() {
  command -v bwrap >/dev/null && command -v setpriv >/dev/null && return 0
  local missing=()
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v setpriv >/dev/null || missing+=(util-linux)
  apt_install "sandbox tools" "${missing[@]}" || echo "run.sh: ${missing[*]} missing; the server will refuse sessions" \
    "(strict containment) until you install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}). ./run.sh doctor tells more." >&2
}

# The tests drive real clients and tools: git, a Python gRPC client generated with protoc, headless
# Chromium (the operator page) and the DejaVu font (the labels of the CLI's pictures).
ensure_test_tools() {
  ensure_sandbox_tools
  local missing=()
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v dot >/dev/null || missing+=(graphviz)
  command -v git >/dev/null || missing+=(git)
  /usr/bin/python3 -c 'import grpc' 2>/dev/null || missing+=(python3 python3-grpcio)
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
  command -v protoc >/dev/null || missing+=(protobuf-compiler)
  command -v grpc_python_plugin >/dev/null || missing+=(protobuf-compiler-grpc)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  ((${#missing[@]} == 0)) && return 0
  apt_install "test tools" "${missing[@]}" ||
    die "missing test tools: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})."
}

# The integration suite starts real supervisors, workers and plugin builds, and about 40 % of its
# time the cores wait on them. Without arguments it runs as two halves at once, each one test at a
# time: plugin builds and clients in one, sessions, containment and the rest in the other. Their
# supervisors take sandbox uids from disjoint ranges (Containment:UidRangeStart), as two servers on
# one host must. With arguments (a --filter, say) it runs as one.
INTEGRATION_HALF='FullyQualifiedName~IntegrationTests.Plugins.|FullyQualifiedName~IntegrationTests.Clients.|FullyQualifiedName~IntegrationTests.Malformed.|FullyQualifiedName~IntegrationTests.Upstream.|FullyQualifiedName~IntegrationTests.Grpc.|FullyQualifiedName~IntegrationTests.Access.'
run_integration_tests() {
  local log=$1; shift
  local test=(dotnet test "tests/$INTEGRATION_TESTS" --no-build --nologo -v quiet --logger "console;verbosity=minimal")
  if (($# > 0)); then
    "${test[@]}" "$@" 2>&1 | tee -a "$log"
    return "${PIPESTATUS[0]}"
  fi
  # The other half is the complement, so a new test folder is never left out: every '|' becomes
  # '&' (escaped: in a bash replacement a bare & stands for the match) and every '~' '!~'.
  local other=${INTEGRATION_HALF//|/\&}
  other=${other//\~/!~}
  local first second status=0
  first=$(mktemp) second=$(mktemp)
  "${test[@]}" --filter "$INTEGRATION_HALF" >"$first" 2>&1 &
  local pid=$!
  CUVIS_Containment__UidRangeStart=2000100000 "${test[@]}" --filter "$other" 2>&1 | tee "$second"
  ((PIPESTATUS[0] == 0)) || status=1
  wait "$pid" || status=1
  cat "$first"
  cat "$first" "$second" >>"$log"
  rm -f "$first" "$second"
  return "$status"
}

run_tests() {
  ensure_test_tools
  local log
  log=$(mktemp)
  trap 'rm -f "$log"' RETURN
  set +e
  local status=0
  dotnet build Cuvis.Sandbox.sln --nologo -v quiet -clp:ErrorsOnly 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if ((status == 0)); then
    # The unit suites two at a time (they only compute), then the integration suite. Quiet,
    # except that a failed test prints its message, stack and output (CI keeps only this).
    local unit=()
    mapfile -t unit < <(find tests -mindepth 2 -maxdepth 2 -name '*Tests.csproj' ! -name "$INTEGRATION_TESTS.csproj" | sort)
    printf '%s\0' "${unit[@]}" | xargs -0 -P 2 -I '{}' dotnet test '{}' --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee -a "$log"
    status=${PIPESTATUS[1]}
    run_integration_tests "$log" "$@" || status=1
  fi
  # One formatter keeps the style honest (.editorconfig); a diff fails the run like a test. The
  # build already fails on every analyzer and code-style diagnostic of warning severity, which is
  # what 'dotnet format' checks besides these two: whitespace (by folder, no project load) and the
  # order of usings (IMPORTS, reported with IDE0055).
  if ((status == 0)) && ! { dotnet format whitespace --folder --verify-no-changes . &&
    dotnet format style Cuvis.Sandbox.sln --verify-no-changes --no-restore --diagnostics IDE0055; }; then
    echo "run.sh: 'dotnet format Cuvis.Sandbox.sln' would change files; run it and commit the result." >&2
    status=1
  fi
  set -e
  # One closing line over all test assemblies.
  local passed failed skipped
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  return "$status"
}

# The demo against a server of its own: free port, private runtime dir and plugin cache. By default
# the cuvis CLI runs RX on the bundled San Diego scene and writes its outputs and pictures to
# artifacts/demo/; with --python, examples/python/anomaly_demo.py (plugins from Git, planted anomalies).
run_demo() {
  local python=0
  if [[ ${1:-} == --python ]]; then python=1; shift; fi
  if ((python)); then ensure_test_tools; else ensure_sandbox_tools; fi
  build_if_needed
  ((python)) && examples/python/generate_stubs.sh >/dev/null
  local tmp server port="" status=0
  tmp=$(mktemp -d /tmp/cuvis-demo.XXXXXX)
  dotnet "$SUPERVISOR" --port 0 --runtime-dir "$tmp/run" --Plugins:CacheDirectory="$tmp/cache" >"$tmp/server.log" 2>&1 &
  server=$!
  trap "kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf '$tmp'" EXIT
  for _ in {1..300}; do
    port=$(grep -oE 'supervisor listening on http://[^ ]+:[0-9]+' "$tmp/server.log" | grep -oE '[0-9]+$' || true)
    [[ -n $port ]] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
  done
  [[ -n $port ]] || { cat "$tmp/server.log" >&2; die "the server did not start (log above)."; }
  if ((python)); then
    /usr/bin/python3 examples/python/anomaly_demo.py --address "127.0.0.1:$port" --work-dir "$tmp/work" "$@" || status=$?
  else
    dotnet "$CUVIS" doctor --server "http://127.0.0.1:$port" || true
    rm -rf artifacts/demo
    dotnet "$CUVIS" run examples/pipelines/rx_sandiego_decisions.yaml --cube data/hsi-anomaly/sandiego_plane.cube.npy \
      --output rx.scores --output decide.decisions --out artifacts/demo --server "http://127.0.0.1:$port" "$@" || status=$?
  fi
  ((status == 0)) || { echo "--- server log (last 40 lines) ---" >&2; tail -n 40 "$tmp/server.log" >&2; }
  return "$status"
}

# The kernels' baseline: Debian's NumPy on OpenBLAS (the reference BLAS would make it ~12x slower).
ensure_bench_tools() {
  local missing=()
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
  [[ $(dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null) == "install ok installed" ]] || missing+=(libopenblas0-pthread)
  ((${#missing[@]} == 0)) && return 0
  apt_install "the NumPy baseline" python3-numpy libopenblas0-pthread || echo "run.sh: ${missing[*]} missing; the kernel rows" \
    "will have no NumPy baseline (Debian/Ubuntu: sudo apt-get install python3-numpy libopenblas0-pthread)." >&2
}

FUZZ_TARGETS=(manifest pipeline tensor call-answer)
FUZZ_DIR=artifacts/fuzz
# Assemblies sharpfuzz instruments: the parsers' own and the libraries they parse with.
FUZZ_INSTRUMENTED=(Cuvis.Sandbox.Supervisor Cuvis.Sandbox.Worker Cuvis.Sandbox.Protos Cuvis.Sandbox.Contracts YamlDotNet Google.Protobuf)

# afl-fuzz from Debian's afl++, and SharpFuzz's instrumenter as a dotnet tool under artifacts/.
ensure_fuzz_tools() {
  command -v afl-fuzz >/dev/null || apt_install "the fuzzer" afl++ ||
    die "afl-fuzz is missing; install AFL++ (Debian/Ubuntu: sudo apt-get install afl++)."
  [[ -x $FUZZ_DIR/tools/sharpfuzz ]] ||
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$FUZZ_DIR/tools" >/dev/null ||
    die "could not install the SharpFuzz.CommandLine tool into $FUZZ_DIR/tools."
}

# A fresh copy of the Release build with the parsers instrumented; the build output stays as it was.
instrument_fuzz_build() {
  echo "Building the fuzz targets (Release)..." >&2
  dotnet build fuzz/Cuvis.Sandbox.Fuzz -c Release --nologo -v quiet -clp:ErrorsOnly
  rm -rf "$FUZZ_DIR/bin"
  mkdir -p "$FUZZ_DIR"
  cp -r artifacts/bin/Cuvis.Sandbox.Fuzz/release "$FUZZ_DIR/bin"
  local assembly
  for assembly in "${FUZZ_INSTRUMENTED[@]}"; do
    "$FUZZ_DIR/tools/sharpfuzz" "$FUZZ_DIR/bin/$assembly.dll" >/dev/null || die "sharpfuzz could not instrument $assembly.dll."
  done
}

fuzz_stat() { awk -v key="$2" '$1 == key { print $3 }' "$1/default/fuzzer_stats" 2>/dev/null || true; }

run_fuzz() {
  local seconds=60 targets=("${FUZZ_TARGETS[@]}")
  while (($#)); do
    case $1 in
      --seconds) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--seconds needs a number of seconds."; seconds=$2; shift 2 ;;
      --target) [[ " ${FUZZ_TARGETS[*]} " == *" ${2:-} "* ]] || die "--target is one of: ${FUZZ_TARGETS[*]}."; targets=("$2"); shift 2 ;;
      *) die "fuzz takes --seconds N and --target ${FUZZ_TARGETS[*]// /|}, not '$1'." ;;
    esac
  done
  ensure_fuzz_tools
  instrument_fuzz_build

  # As root on a shared machine: no CPU-governor check, no core binding, core dumps may be piped
  # elsewhere, the dotnet host itself is not instrumented, and its start can be slow.
  export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 \
    AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=60000
  local target findings status=0 rows=()
  for target in "${targets[@]}"; do
    findings=$FUZZ_DIR/findings/$target
    rm -rf "$findings" "$FUZZ_DIR/input/$target"
    mkdir -p "$FUZZ_DIR/input/$target" "$FUZZ_DIR/findings"
    # Seeds: the committed corpus, and the findings already fixed, which sit on edges worth mutating.
    find "fuzz/corpus/$target" "fuzz/regressions/$target" -type f ! -name .gitkeep -exec cp {} "$FUZZ_DIR/input/$target/" \;
    local dictionary=()
    [[ -f fuzz/dictionaries/$target.dict ]] && dictionary=(-x "fuzz/dictionaries/$target.dict")
    echo "Fuzzing $target for ${seconds}s (log: $FUZZ_DIR/$target.log)..." >&2
    afl-fuzz -i "$FUZZ_DIR/input/$target" -o "$findings" -t 5000 -m none -V "$seconds" "${dictionary[@]}" \
      -- dotnet "$FUZZ_DIR/bin/Cuvis.Sandbox.Fuzz.dll" "$target" >"$FUZZ_DIR/$target.log" 2>&1 ||
      { tail -n 20 "$FUZZ_DIR/$target.log" >&2; die "afl-fuzz failed for $target (log above)."; }
    local crashes hangs
    crashes=$(fuzz_stat "$findings" saved_crashes)
    hangs=$(fuzz_stat "$findings" saved_hangs)
    rows+=("$(printf '%-11s %8s %12s %10s %8s %8s %6s  %s' "$target" "$(fuzz_stat "$findings" run_time)" \
      "$(fuzz_stat "$findings" execs_done)" "$(fuzz_stat "$findings" execs_per_sec)" "$(fuzz_stat "$findings" corpus_count)" \
      "$(fuzz_stat "$findings" edges_found)" "${crashes:-?}/${hangs:-?}" "$findings/default/{crashes,hangs}")")
    [[ ${crashes:-1} == 0 && ${hangs:-1} == 0 ]] || status=1
  done

  printf '%-11s %8s %12s %10s %8s %8s %6s  %s\n' target seconds executions execs/s corpus edges crash/hang findings
  printf '%s\n' "${rows[@]}"
  if ((status != 0)); then
    echo "run.sh: a target crashed or hung. Replay an input with" \
      "'dotnet artifacts/bin/Cuvis.Sandbox.Fuzz/release/Cuvis.Sandbox.Fuzz.dll <target> < <file>'," \
      "minimise it with afl-tmin, and commit it under fuzz/regressions/<target>/ with the fix." >&2
  fi
  return "$status"
}

require_dotnet
case "${1:-}" in
  test) shift; run_tests "$@" ;;
  build) shift; build_release ;;
  demo) shift; run_demo "$@" ;;
  doctor) shift; ensure_sandbox_tools; build_if_needed; exec dotnet "$SUPERVISOR" --doctor "$@" ;;
  chaos) shift; ensure_sandbox_tools; build_if_needed; exec dotnet "$CHAOS" "$@" ;;
  bench) shift; ensure_sandbox_tools; ensure_bench_tools; build_if_needed; exec dotnet "$BENCH" "$@" ;;
  fuzz) shift; run_fuzz "$@" ;;
  cuvis) shift; build_if_needed >&2; exec dotnet "$CUVIS" "$@" ;;
  -h|--help|help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) ensure_sandbox_tools; build_if_needed; exec dotnet "$SUPERVISOR" "$@" ;;
esac
