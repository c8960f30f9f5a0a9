"""Instructions per call of table 1's rows, counted by callgrind.

A time per call moves with the machine's neighbours (a row's median has
moved by 2x between runs on a shared machine); the instructions a call
executes do not. Each row runs in a child process under
`valgrind --tool=callgrind --collect-atstart=no`, which counts nothing until
the child turns counting on, through a two-line C helper built here with
callgrind's own client request (valgrind/callgrind.h), right before CALLS
calls of the row, and off right after. So the count is the calls' alone (and
the `for` loop's few instructions an iteration, the same for every row), not
the interpreter's start-up or the loading. Two children run at a time.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import rows as R

BENCH = Path(__file__).resolve().parent
BUILD = BENCH / "build"
CALLS = 5_000
TOGGLE_SOURCE = """#include <valgrind/callgrind.h>
void hotloop_bench_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
"""

CHILD = """
import ctypes, json, sys
from pathlib import Path
sys.path[:0] = {paths!r}
import contestants, rows as R
peers = {{key: Path(value) if isinstance(value, str) and Path(value).exists() else value
          for key, value in json.loads({peers!r}).items()}}
found = contestants.load(peers, only={needs!r})
row = next(row for row in R.TABLE1 if row.id == {row_id!r})
call = R.chosen([row], found, {{}})[row.id]
call(100)
toggle = ctypes.CDLL({toggle!r}).hotloop_bench_toggle
toggle.restype = None
toggle()
for _ in range({calls}):
    call(100)
toggle()
"""


def _toggle_library() -> Optional[Path]:
    """The helper that turns callgrind's counting on and off, or None."""
    library = BUILD / "callgrind_toggle.so"
    source = BUILD / "callgrind_toggle.c"
    BUILD.mkdir(parents=True, exist_ok=True)
    source.write_text(TOGGLE_SOURCE)
    done = subprocess.run(["cc", "-shared", "-fPIC", "-O1", str(source), "-o", str(library)], capture_output=True)
    return library if done.returncode == 0 else None


def _counted(row: R.Row, peers: str, toggle: Path, calls: int) -> Optional[float]:
    """The instructions per call of `row`; None if it cannot run under callgrind."""
    code = CHILD.format(paths=[str(BENCH.parent / "python"), str(BENCH)], peers=peers, needs=row.needs or "none",
                        row_id=row.id, toggle=str(toggle), calls=calls)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) / calls if done.returncode == 0 and found else None


# make bench-quick's rows: the checked API and the raw binding only.
QUICK_ROWS = ("hotloop-api", "hotloop-raw")


def measure(peers: Dict[str, Any], say: Callable[[str], None], quick: bool = False) -> Dict[str, Any]:
    """{"per_call": {row id: instructions per call, or None where the row
    cannot run under callgrind (numba's compiler, the Go runtime)}}, or
    {"skipped": reason}."""
    if shutil.which("valgrind") is None:
        return {"skipped": "skipped: valgrind is not installed"}
    toggle = _toggle_library()
    if toggle is None:
        return {"skipped": "skipped: valgrind/callgrind.h is not installed (a C compiler builds the counter's switch)"}
    text = json.dumps({key: str(value) for key, value in peers.items()})
    calls = 500 if quick else CALLS
    rows = [row for row in R.TABLE1 if row.needs != "numba"]  # numba's LLVM under callgrind: minutes
    if quick:
        rows = [row for row in rows if row.id in QUICK_ROWS]
    say(f"  callgrind: {len(rows)} rows, {calls:,} calls each, two at a time ...")
    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(lambda row: _counted(row, text, toggle, calls), rows))
    per_call: Dict[str, Optional[float]] = {row.id: None for row in R.TABLE1}
    per_call.update({row.id: count for row, count in zip(rows, counts)})
    return {"per_call": per_call, "calls": calls}
