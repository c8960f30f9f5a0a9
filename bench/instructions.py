"""Instructions per call of table 1's rows, counted by callgrind.

A time per call moves with the machine's neighbours (a row's median has
moved by 2x between runs on a shared machine); the instructions a call
executes do not. Each row runs in a child process under
`valgrind --tool=callgrind` twice, with FEW and MANY calls after the same
warm-up; the difference over MANY - FEW calls is the row's instructions per
call, the interpreter's own start-up and the loading cancelled out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import rows as R

BENCH = Path(__file__).resolve().parent
FEW, MANY = 2_000, 22_000

CHILD = """
import json, sys
from pathlib import Path
sys.path[:0] = {paths!r}
import contestants, rows as R
peers = {{key: Path(value) if isinstance(value, str) and Path(value).exists() else value
          for key, value in json.loads({peers!r}).items()}}
found = contestants.load(peers, only={needs!r})
row = next(row for row in R.TABLE1 if row.id == {row_id!r})
call = R.chosen([row], found, {{}})[row.id]
for _ in range(1000):
    call(100)
for _ in range({calls}):
    call(100)
"""


def _collected(row: R.Row, peers: str, calls: int) -> Optional[int]:
    code = CHILD.format(paths=[str(BENCH), *sys.path], peers=peers, needs=row.needs or "none", row_id=row.id,
                        calls=calls)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                           code], capture_output=True, text=True, timeout=600)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if done.returncode == 0 and found else None


def measure(peers: Dict[str, Any], say: Callable[[str], None], few: int = FEW,
            many: int = MANY) -> Dict[str, Any]:
    """{row id: instructions per call, or None where the row cannot run under
    callgrind}, or {"skipped": reason}."""
    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed"}
    text = json.dumps({key: str(value) for key, value in peers.items()})
    counts: Dict[str, Optional[float]] = {}
    for row in R.TABLE1:
        if row.needs == "numba":
            counts[row.id] = None  # numba's LLVM compiler under callgrind takes minutes
            continue
        say(f"  callgrind: {row.id} ...")
        low, high = _collected(row, text, few), _collected(row, text, many)
        counts[row.id] = None if low is None or high is None else (high - low) / (many - few)
    return {"per_call": counts, "calls": [few, many]}
