"""Everything the bench measures in another process, run before the Go
library is loaded (after which the process must not fork): the machine's
description, the bench binary (bench/native/main.rs: the Rust loop without
FFI, and table 6, today's kernels against hotloop 0.1's), and the probes
that need a fresh interpreter (peak memory, the Dask cluster).
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import build_peers
from console import say
from harness import Stats

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "target" / "release"


def command_output(argv: List[str]) -> Optional[str]:
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine() -> Dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    # LLVM's name for the host CPU ("emeraldrapids"): more telling than a VM's
    # generic model string.
    targets = command_output(["rustc", "--print", "target-cpus"]) or ""
    llvm_cpu = re.search(r"currently (\w+)", targets)
    if llvm_cpu:
        cpu = f"{cpu} ({llvm_cpu.group(1)})"
    return {
        "host": platform.node(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "rustc": command_output(["rustc", "--version"]) or "unknown",
        "gcc": (command_output(["gcc", "--version"]) or "unknown").splitlines()[0],
        "go": (command_output([go, "version"]) if (go := build_peers.find_go()) else None) or "none",
    }


def native(*args: Any) -> Dict[str, Any]:
    """One measurement of the bench binary (bench/native/main.rs), as JSON."""
    binary = RELEASE / "hotloop-native-bench"
    output = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def workload(size: Dict[str, Any]) -> Dict[str, Any]:
    """Table 6: today's batch kernels against hotloop 0.1's, in the same run,
    without FFI (the bench binary keeps 0.1's kernels as its baseline)."""
    many, longest_end = size["work_many"], size["work_longest"]
    say(f"table 6: steps_many over 1..{many:,} on one core, 0.1 against today ...")
    rows = {"steps_many": native("steps-many", 1, many + 1, size["work_many_repeats"])}
    # Larger numbers, whose trajectories spend less of their time in the
    # steps table; below 12,327,829,503, where 0.1 still answers everything.
    say(f"table 6: steps_many over 2^33..2^33 + {many:,} on one core, 0.1 against today ...")
    rows["steps_many_large"] = native("steps-many", 2**33, 2**33 + many, size["work_many_repeats"])
    rows["steps_many_large"]["start"] = 2**33
    say(f"table 6: the Collatz loop, {size['work_loop_k']:,} iterations, 0.1 against today ...")
    rows["loop"] = native("loop-vs-baseline", size["work_loop_k"], size["work_loop_repeats"])
    say(f"table 6: collatz_longest below {longest_end:,} on every core, 0.1 against today "
        f"(0.1 takes about 45 s at 1e10 on 2 cores) ...")
    rows["longest"] = native("longest", longest_end, size["work_longest_repeats"])
    big = size["work_longest_big"]
    if big:
        say(f"table 6: collatz_longest below {big:,}, today's search only (about 2 minutes on 2 cores) ...")
        rows["longest_big"] = native("longest", big, 1, "current")
    for row in rows.values():
        for key in ("baseline", "current"):
            if row.get(key):
                row[key + "_median"] = Stats(row[key]).median
    return rows


PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, {python!r})
import numpy as np
import hotloop
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
baseline = peak()
{body}
print(json.dumps(out))
"""

LONGEST_PROBE = """
began = time.perf_counter()
n, steps = hotloop.collatz_longest({end}, threads=0)
out = dict(seconds=time.perf_counter() - began, n=n, steps=steps, peak=peak() - baseline)
"""

MEMORY_PROBE = """
ns = np.arange(1, {size} + 1, dtype=np.uint64)
assert ns.flags.c_contiguous and ns.flags.aligned
before = peak()
result = hotloop.collatz_steps_many(ns, threads=0)
out = dict(input=ns.nbytes, output=result.nbytes, peak=peak() - baseline, check=int(result[26]))
"""


# collatz_longest on a two-worker LocalCluster (hotloop.dask) against the
# local call with threads=0, interleaved repeat by repeat; the cluster is
# started (and timed) once, before the first repeat.
CLUSTER_PROBE = """
import logging
from distributed import Client, LocalCluster
import hotloop.dask
began = time.perf_counter()
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp", host="127.0.0.1",
                       dashboard_address=None, silence_logs=logging.ERROR)
client = Client(cluster)
client.wait_for_workers(2)
hotloop.dask.collatz_longest(10**6, client=client)  # every worker imports hotloop
startup = time.perf_counter() - began
local, remote = [], []
for _ in range({repeats}):
    began = time.perf_counter(); found = hotloop.collatz_longest({end}, start={start}, threads=0)
    local.append(time.perf_counter() - began)
    began = time.perf_counter(); on_cluster = hotloop.dask.collatz_longest({end}, start={start}, client=client)
    remote.append(time.perf_counter() - began)
    assert tuple(found) == tuple(on_cluster), (found, on_cluster)
client.close(); cluster.close()
out = dict(start={start}, end={end}, local=local, cluster=remote, startup=startup, n=found.n, steps=found.steps,
           workers=2, tasks=4 * 2)
"""


def cluster_longest(size: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Table 6's cluster row, or None (and why) when Dask is not installed."""
    (start, end), repeats = size["cluster_longest"], size["cluster_repeats"]
    say(f"table 6: collatz_longest over [{start:,}, {end:,}) on a two-worker Dask LocalCluster against threads=0, "
        f"{repeats} times each ...")
    try:
        row = probe(CLUSTER_PROBE.format(start=start, end=end, repeats=repeats))
    except subprocess.CalledProcessError as error:
        return dict(skipped=(error.stderr or "").strip().splitlines()[-1:] or ["failed"])
    row["local_median"], row["cluster_median"] = Stats(row["local"]).median, Stats(row["cluster"]).median
    return row


def probe(body: str) -> Dict[str, Any]:
    """Runs a measurement in a fresh interpreter, for its own peak memory."""
    code = PROBE.format(python=str(ROOT / "python"), body=body)
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)
