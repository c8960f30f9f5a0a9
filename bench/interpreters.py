"""Table 5: table 1 (one call of gsum(100)) under every CPython 3.9 or newer
that the machine has, each in its own virtual environment.

The cost of a ctypes call changes with the interpreter, so the same rows are
measured under each: pure Python, the articles' C library the articles' way,
hotloop's API and raw binding, cffi's ABI mode, the PyO3 module (built once
for the stable ABI, abi3, so one build serves every interpreter), and the
no-op floor. A row that cannot be had for an interpreter (cffi that does not
install, say) is "not available", never a failure. numba is left out here: it
is a large install per interpreter, and table 1 has it for the bench's own.

    python bench/interpreters.py ROOT_JSON      # run by bench/run.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "bench" / "build" / "venvs"

ROWS = {
    "python": "pure Python `sum(range(1, n + 1))`",
    "c": "C library `gsum` (ctypes, article's way)",
    "hotloop-api": "hotloop `hotloop.gsum` (Python API, checked)",
    "hotloop-raw": "hotloop raw prototype, fast binding",
    "cffi-abi": "hotloop through cffi (ABI mode)",
    "pyo3": "hotloop kernels as a PyO3 extension module",
    "floor": "floor: ctypes call of a C no-op",
}

# Run under each interpreter: measures the rows it can, prints JSON.
CHILD = r"""
import ctypes, json, sys
sys.path[:0] = [{python!r}, {bench!r}]
import harness
import hotloop
paths = {paths!r}
rows = {{"python": lambda n: sum(range(1, n + 1))}}
c = ctypes.CDLL(paths["c"])
c.gsum.argtypes, c.gsum.restype = [ctypes.c_int], ctypes.c_int
c.noop.argtypes, c.noop.restype = [], None
rows["c"] = c.gsum
rows["hotloop-api"] = hotloop.gsum
rows["hotloop-raw"] = hotloop.library.fast.hotloop_gsum
missing = {{}}
try:
    import cffi
    ffi = cffi.FFI()
    ffi.cdef("int64_t hotloop_gsum(int64_t n);")
    rows["cffi-abi"] = ffi.dlopen(str(hotloop.library.path)).hotloop_gsum
except ImportError as error:
    missing["cffi-abi"] = "cffi not installed"
if paths.get("pyo3"):
    import importlib.util
    spec = importlib.util.spec_from_file_location("hotloop_pyo3", paths["pyo3"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows["pyo3"] = module.gsum
noop = c.noop
rows["floor"] = lambda n: noop()
stats = harness.interleave(rows, {repeats}, arguments=(100,), number={{name: {calls} for name in rows}})
for name, s in stats.items():
    assert name == "floor" or s.result == 5050, name
import sysconfig
configure = sysconfig.get_config_var("CONFIG_ARGS") or ""
print(json.dumps(dict(version=sys.version.split()[0], medians={{n: s.median for n, s in stats.items()}},
                      missing=missing, optimized="--enable-optimizations" in configure,
                      shared="--enable-shared" in configure)))
"""


def interpreters() -> Dict[str, Path]:
    """Every CPython 3.9 or newer that pyenv has, by version; this one if none."""
    found: Dict[str, Path] = {}
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
        for directory in sorted(Path(root, "versions").iterdir(), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)]):
            match = re.fullmatch(r"(\d+)\.(\d+)\.\d+", directory.name)
            if match and (int(match[1]), int(match[2])) >= (3, 9) and (directory / "bin" / "python3").exists():
                found[directory.name] = directory / "bin" / "python3"
    except (OSError, subprocess.CalledProcessError):
        pass
    return found or {sys.version.split()[0]: Path(sys.executable)}


def environment(version: str, python: Path, say: Callable[[str], None]) -> Optional[Path]:
    """A venv for this interpreter with cffi, made once and kept in bench/build."""
    directory = VENVS / version
    venv_python = directory / "bin" / "python"
    if not (directory / ".ready").exists():
        say(f"  {version}: creating {directory.relative_to(ROOT)} and installing cffi ...")
        if subprocess.run([str(python), "-m", "venv", str(directory)], capture_output=True).returncode != 0:
            return None
        subprocess.run([str(venv_python), "-m", "pip", "install", "-q", "cffi"], capture_output=True)
        (directory / ".ready").touch()
    return venv_python


def measure(paths: Dict[str, str], calls: int, repeats: int, say: Callable[[str], None]) -> Dict[str, Any]:
    """Table 5: {version: {"medians": {row id: ns}, "missing": {row id: why}}}."""
    results: Dict[str, Any] = {}
    for version, python in interpreters().items():
        venv_python = environment(version, python, say)
        if venv_python is None:
            results[version] = dict(error="no venv could be made")
            continue
        say(f"  {version}: measuring table 1's rows ...")
        code = CHILD.format(python=str(ROOT / "python"), bench=str(ROOT / "bench"), paths=paths, calls=calls, repeats=repeats)
        done = subprocess.run([str(venv_python), "-c", code], capture_output=True, text=True,
                              env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
        if done.returncode != 0:
            results[version] = dict(error=(done.stderr.strip().splitlines() or ["failed"])[-1])
            continue
        results[version] = json.loads(done.stdout)
    return results


def table(results: Dict[str, Any]) -> List[List[str]]:
    """Rows: one per way, one column per interpreter (median ns)."""
    out = []
    for row_id, label in ROWS.items():
        cells = [label]
        for version, result in results.items():
            if "error" in result:
                cells.append("not available")
            elif row_id in result["medians"]:
                cells.append(f"{result['medians'][row_id]:,.0f}")
            else:
                cells.append("not available")
        out.append(cells)
    return out
