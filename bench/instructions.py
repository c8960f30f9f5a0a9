"""Instructions per call of table 1's rows, counted by callgrind.

A time per call moves with the machine's neighbours (a row's median has
moved by 2x between runs on a shared machine); the instructions a call
executes do not. Each row runs in a child process under
`valgrind --tool=callgrind`, making CALLS calls; a child that loads the
same contestants and makes none is the baseline, so the difference over
CALLS is the row's instructions per call, the interpreter's start-up and
the loading cancelled out (PYTHONHASHSEED is fixed, so that both start up
alike). Two children run at a time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import rows as R

BENCH = Path(__file__).resolve().parent
CALLS = 5_000

CHILD = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
sys.path[:0] = {paths!r}
import contestants, rows as R
peers = {{key: Path(value) if isinstance(value, str) and Path(value).exists() else value
          for key, value in json.loads({peers!r}).items()}}
found = contestants.load(peers, only={needs!r})
row = next(row for row in R.TABLE1 if row.id == {row_id!r})
call = R.chosen([row], found, {{}})[row.id]
for _ in range({calls}):
    call(100)
"""


def _collected(row: R.Row, peers: str, calls: int) -> Optional[int]:
    """The instructions a child executes that loads `row`'s contestants and
    makes `calls` calls of it; None if it cannot run under callgrind."""
    code = CHILD.format(paths=[str(BENCH.parent / "python"), str(BENCH)], peers=peers, needs=row.needs or "none",
                        row_id=row.id, calls=calls)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                           code], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONHASHSEED="0"))
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if done.returncode == 0 and found else None


# make bench-quick's rows: the checked API and the raw binding only.
QUICK_ROWS = ("hotloop-api", "hotloop-raw")


def measure(peers: Dict[str, Any], say: Callable[[str], None], quick: bool = False) -> Dict[str, Any]:
    """{"per_call": {row id: instructions per call, or None where the row
    cannot run under callgrind (numba's compiler, the Go runtime)}}, or
    {"skipped": reason}."""
    if shutil.which("valgrind") is None:
        return {"skipped": "skipped: valgrind is not installed"}
    text = json.dumps({key: str(value) for key, value in peers.items()})
    calls = 500 if quick else CALLS
    rows = [row for row in R.TABLE1 if row.needs != "numba"]  # numba's LLVM under callgrind: minutes
    if quick:
        rows = [row for row in rows if row.id in QUICK_ROWS]
    # One baseline per set of contestants loaded (the first row of each).
    baselines = {row.needs: row for row in reversed(rows)}
    say(f"  callgrind: {len(rows)} rows and {len(baselines)} baselines, two at a time ...")
    jobs = [(row, calls) for row in rows] + [(row, 0) for row in baselines.values()]
    with ThreadPoolExecutor(2) as pool:
        counts = dict(zip([(row.id, n) for row, n in jobs], pool.map(lambda job: _collected(job[0], text, job[1]),
                                                                      jobs)))
    per_call: Dict[str, Optional[float]] = {row.id: None for row in R.TABLE1}
    for row in rows:
        used, base = counts[(row.id, calls)], counts[(baselines[row.needs].id, 0)]
        per_call[row.id] = None if used is None or base is None else (used - base) / calls
    return {"per_call": per_call, "calls": calls}
