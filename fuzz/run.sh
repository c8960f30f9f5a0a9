#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, FUZZ_JOBS at a time (default: one
# per core), and prints per target the executions, the coverage reached and
# what was found.
#
#   fuzz/run.sh SECONDS          a run: new inputs that add coverage are merged
#                                into fuzz/corpus/TARGET, the figures are written
#                                to fuzz/last-run.json (make fuzz-report puts
#                                them in the README)
#   FUZZ_TARGETS="a b" fuzz/run.sh SECONDS   those targets only
#   fuzz/run.sh SECONDS --smoke  a short check (make test): the corpus and the
#                                regressions are replayed, then fuzzed briefly;
#                                nothing in the repository changes
#
# The Rust targets (fuzz/fuzz_targets, libFuzzer with AddressSanitizer through
# cargo-fuzz) need a nightly toolchain, the Python ones (fuzz/python, atheris)
# need atheris: whichever is missing is skipped with a printed line. An input
# that crashes a target, trips a sanitizer, fails a comparison or hangs (30 s)
# is copied into fuzz/regressions/TARGET, which every later run replays first.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:?usage: fuzz/run.sh SECONDS [--smoke]}
mode=${2:-run}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
python=${FUZZ_PYTHON:-$root/.venv/bin/python}
cargo=${CARGO:-cargo}
work=$root/target/fuzz
rm -rf "$work" && mkdir -p "$work"
tools=$root/target/tools
cargo_fuzz_version=0.13.2

targets=()
# Whether FUZZ_TARGETS (when set) names this target.
wanted() { [ -z "${FUZZ_TARGETS:-}" ] || case " $FUZZ_TARGETS " in *" $1 "*) true ;; *) false ;; esac; }
# The Rust targets: the [[bin]]s of fuzz/Cargo.toml, built only when one is asked for.
rust_wanted=0
for name in $(sed -n '/^\[\[bin\]\]/,/^path/s/^name = "\(.*\)"/\1/p' "$root/fuzz/Cargo.toml"); do
    wanted "$name" && rust_wanted=1
done
if [ $rust_wanted = 0 ]; then
    :
elif command -v rustup > /dev/null 2>&1 && rustup run nightly rustc --version > /dev/null 2>&1; then
    if [ ! -x "$tools/bin/cargo-fuzz" ]; then
        echo "fuzz: building cargo-fuzz $cargo_fuzz_version into target/tools (once) ..."
        # --debug: it only drives cargo and libFuzzer, so a quick build is enough.
        $cargo install --debug --quiet --locked --root "$tools" cargo-fuzz --version $cargo_fuzz_version \
            > "$work/cargo-fuzz-install.log" 2>&1 || { tail -n 20 "$work/cargo-fuzz-install.log"; exit 1; }
    fi
    echo "fuzz: building the Rust targets (nightly, AddressSanitizer) ..."
    (cd "$root/fuzz" && PATH="$tools/bin:$PATH" rustup run nightly cargo fuzz build -O \
        > "$work/build.log" 2>&1) || { tail -n 40 "$work/build.log"; exit 1; }
    for name in $(sed -n '/^\[\[bin\]\]/,/^path/s/^name = "\(.*\)"/\1/p' "$root/fuzz/Cargo.toml"); do
        targets+=("rust:$name")
    done
else
    echo "fuzz: no nightly toolchain (rustup toolchain install nightly): the Rust targets were not run"
fi
# The Python targets: every fuzz/python/*.py but common.py.
if "$python" -c "import atheris" > /dev/null 2>&1 || \
   "$python" -m pip install -q -r "$root/fuzz/requirements.txt" > "$work/atheris-install.log" 2>&1; then
    for file in "$root"/fuzz/python/*.py; do
        name=$(basename "$file" .py)
        [ "$name" = common ] || targets+=("python:$name")
    done
else
    echo "fuzz: atheris cannot be installed for $("$python" --version 2>&1): the Python targets were not run"
fi
# FUZZ_TARGETS="batches values" runs those only; the others keep their figures
# of their own last run in fuzz/last-run.json.
chosen=()
for target in "${targets[@]}"; do
    wanted "${target#*:}" && chosen+=("$target")
done
targets=("${chosen[@]}")
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no target could be run"; exit 0; }

# One target: fuzz, then (for a run) merge what it found into the corpus.
run_one() {
    local kind=${1%%:*} name=${1#*:}
    local corpus=$root/fuzz/corpus/$name regressions=$root/fuzz/regressions/$name
    local fresh=$work/new/$name artifacts=$work/artifacts/$name
    mkdir -p "$corpus" "$regressions" "$fresh" "$artifacts"
    local command
    if [ "$kind" = rust ]; then
        command=("$root/fuzz/target/x86_64-unknown-linux-gnu/release/$name")
    else
        command=(env HOTLOOP_LIBRARY="$root/target/release/libhotloop.so" "$python" "$root/fuzz/python/$name.py")
    fi
    # New inputs go to a scratch directory first: the corpus only ever gets
    # those that add coverage, through the merge below.
    "${command[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$fresh" "$regressions" "$corpus" > "$work/$name.log" 2>&1
    local status=$?
    local found
    found=$(find "$artifacts" -type f | wc -l)
    if [ $status -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi  # failed without an input to keep
    if [ "$found" -gt 0 ] || [ $status -ne 0 ]; then
        cp "$artifacts"/* "$regressions"/ 2> /dev/null
    elif [ "$mode" != --smoke ] && [ "$kind" = rust ]; then
        "${command[@]}" -merge=1 "$corpus" "$fresh" > "$work/$name.merge.log" 2>&1
    elif [ "$mode" != --smoke ]; then
        # atheris's merge re-runs the script as a program, which a .py file
        # run by the venv's python is not: its new inputs, each of which
        # added coverage when it was found, are kept as they are.
        cp "$fresh"/* "$corpus"/ 2> /dev/null
    fi
    local executions coverage
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -n 1)
    coverage=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -n 1 | cut -d' ' -f2)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "${executions:-0}" "${coverage:-0}" \
        "$(find "$corpus" -type f | wc -l)" "$found" > "$work/$name.result"
    if [ "$found" -gt 0 ] || [ $status -ne 0 ]; then
        echo "fuzz: $name FOUND A DEFECT (exit $status); the input is in fuzz/regressions/$name:"
        grep -v '^#\|^INFO' "$work/$name.log" | grep -B2 -A25 -m1 'ERROR\|panicked\|Uncaught\|deadly' | head -n 40
    fi
}

echo "fuzz: ${#targets[@]} targets, $seconds s each, $jobs at a time"
running=0
for target in "${targets[@]}"; do
    run_one "$target" &
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

printf '%-24s %-7s %14s %9s %8s  %s\n' target kind executions coverage corpus found
failed=0
for target in "${targets[@]}"; do
    name=${target#*:}
    IFS=$'\t' read -r name kind executions coverage corpus found < "$work/$name.result"
    printf '%-24s %-7s %14s %9s %8s  %s\n' "$name" "$kind" "$executions" "$coverage" "$corpus" \
        "$([ "$found" = 0 ] && echo none || echo "$found input(s): see above")"
    [ "$found" = 0 ] || failed=1
done
if [ "$mode" != --smoke ]; then
    "$python" "$root/fuzz/report.py" --record "$work" "$seconds" "${targets[@]}"
fi
[ $failed = 0 ] && echo "fuzz: no crash, mismatch, hang or sanitizer report" || exit 1
