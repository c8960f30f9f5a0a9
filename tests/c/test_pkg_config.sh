#!/bin/sh
# libhotloop through pkg-config, the ways a C or Rust user links it
# (make test-install runs this after its own install tests):
#   1. a default install (both libraries in LIBDIR): hotloop-static.pc links
#      libhotloop.a, and the program needs no libhotloop at run time;
#   2. a fully static program (-static), with the line docs/c.md gives;
#   3. a Rust program, through the pkg-config crate, against libhotloop.a;
#   4. a prefix moved elsewhere after installing: pkg-config --define-prefix.
# Usage: tests/c/test_pkg_config.sh SCRATCH PKG_CONFIG CC CARGO
set -eu
scratch=$1 pkg_config=$2 cc=$3 cargo=$4
root=$(pwd)
rm -rf "$scratch" && mkdir -p "$scratch"
check() {  # a program's output must be the example's
    "$1" > "$1.out"
    grep -q '^GSum(100) = 5050$' "$1.out" || { cat "$1.out"; echo "FAILED: $1"; exit 1; }
}

prefix=$scratch/default
env PATH=/usr/bin:/bin make --no-print-directory install PREFIX="$prefix" > /dev/null
line=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig $pkg_config --cflags --libs hotloop-static)
echo "default install, static: cc examples/articles.c $line"
$cc -std=c99 examples/articles.c -o "$scratch/static-from-default" $line
! readelf -d "$scratch/static-from-default" | grep -q 'NEEDED.*libhotloop'
check "$scratch/static-from-default"

if echo 'int main(void){return 0;}' | $cc -static -x c - -o "$scratch/probe-static" 2>/dev/null; then
    # A fully static program has no libgcc_s: the static unwinder, libgcc_eh, instead.
    line=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig $pkg_config --cflags --libs hotloop-static | sed 's/-lgcc_s/-lgcc_eh/')
    echo "fully static: cc -static examples/articles.c $line"
    $cc -static -std=c99 examples/articles.c -o "$scratch/fully-static" $line 2> "$scratch/fully-static.log" \
        || { cat "$scratch/fully-static.log"; exit 1; }
    readelf -d "$scratch/fully-static" | grep -q NEEDED && { echo "FAILED: not fully static"; exit 1; }
    check "$scratch/fully-static"
else
    echo "this C toolchain cannot link -static (no static libc): the fully static link was not tried"
fi

for toolchain in stable nightly; do
    if [ $toolchain = nightly ]; then
        if ! command -v rustup > /dev/null 2>&1 || ! rustup run nightly cargo --version > /dev/null 2>&1; then
            echo "no nightly toolchain: a Rust program of another rustc release was not tried"
            continue
        fi
        build="rustup run nightly cargo"
    else
        build=$cargo
    fi
    echo "a Rust program ($toolchain), through the pkg-config crate:"
    out=$(PKG_CONFIG="$pkg_config" PKG_CONFIG_PATH=$prefix/lib/pkgconfig PKG_CONFIG_ALL_STATIC=1 \
          $build run --quiet --release --locked --manifest-path tests/rust-client/Cargo.toml \
          --target-dir "$root/target/rust-client-$toolchain" -- 2>&1 | tail -n 1)
    [ "$out" = "5050 111 $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1) true" ] \
        || { echo "FAILED: the Rust client printed: $out"; exit 1; }
    echo "  $out"
done

moved=$scratch/moved-here
mv "$prefix" "$moved"
line=$(PKG_CONFIG_PATH=$moved/lib/pkgconfig $pkg_config --define-prefix --cflags --libs hotloop)
echo "moved prefix: cc examples/articles.c $line"
case $line in *"$moved"*) ;; *) echo "FAILED: --define-prefix did not relocate: $line"; exit 1 ;; esac
$cc -std=c99 examples/articles.c -o "$scratch/relocated" $line -Wl,-rpath,"$moved/lib"
check "$scratch/relocated"

echo "pkg-config tests passed: static from a default install, fully static, Rust, a moved prefix"
