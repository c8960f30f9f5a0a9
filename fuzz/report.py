"""The figures of the last `make fuzz` run, and the README block made of them.

    python fuzz/report.py --record WORK SECONDS KIND:NAME...
        (fuzz/run.sh, after a run) writes fuzz/last-run.json from the run's
        results in WORK, then the README's block and fuzz/last-run.md
    python fuzz/report.py
        renders the README's block again from fuzz/last-run.json

The README's block lies between <!-- fuzz:begin --> and <!-- fuzz:end -->;
tests/python/test_docs.py checks that it is what this renders, so no figure
of it is typed by hand.
"""

from __future__ import annotations

import datetime
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "fuzz" / "last-run.json"
# The same figures as a page of their own, which docs/reliability.md includes.
PAGE = ROOT / "fuzz" / "last-run.md"
README = ROOT / "README.md"
BEGIN, END = "<!-- fuzz:begin -->\n", "<!-- fuzz:end -->"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(command: List[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def record(work: Path, seconds: int, targets: List[str]) -> Dict[str, Any]:
    """The run's figures; a target this run left out (FUZZ_TARGETS) keeps the
    figures of its own last run, with that run's date."""
    today = datetime.date.today().isoformat()
    earlier = json.loads(RUN.read_text())["targets"] if RUN.exists() else []
    rows = []
    for target in targets:
        kind, name = target.split(":", 1)
        fields = (work / f"{name}.result").read_text().rstrip("\n").split("\t")
        _, _, executions, coverage, corpus, found = fields
        rows.append({"target": name, "kind": kind, "executions": int(executions), "coverage": int(coverage),
                     "corpus": int(corpus), "found": int(found), "date": today, "seconds": seconds})
    ran = {row["target"] for row in rows}
    rows += [row for row in earlier if row["target"] not in ran]
    order = {name: i for i, name in enumerate(t["target"] for t in earlier)}
    rows.sort(key=lambda row: order.get(row["target"], len(order)))
    atheris = _version([sys.executable, "-c", "import importlib.metadata as m; print(m.version('atheris'))"])
    return {
        "date": max(row["date"] for row in rows),
        "seconds": min(row["seconds"] for row in rows),
        "cpu": _cpu(),
        "cores": len(__import__("os").sched_getaffinity(0)),
        "rustc": _version(["rustup", "run", "nightly", "rustc", "--version"]),
        "python": platform.python_version(),
        "atheris": atheris,
        "targets": rows,
    }


def render(run: Dict[str, Any]) -> str:
    rust = [t for t in run["targets"] if t["kind"] == "rust"]
    python = [t for t in run["targets"] if t["kind"] == "python"]
    found = sum(t["found"] for t in run["targets"])
    dates = sorted({t["date"] for t in run["targets"]})
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    lines = [
        f"The last `make fuzz` run of each target ({when}, at least {run['seconds']} s a target, {run['cores']} "
        f"cores of an "
        f"{run['cpu']}): {len(rust)} Rust targets (libFuzzer with AddressSanitizer, {run['rustc']}) and "
        f"{len(python)} Python targets (atheris {run['atheris']}, CPython {run['python']}), "
        f"{sum(t['executions'] for t in run['targets']):,} executions in all; "
        + ("no crash, mismatch, hang or sanitizer report." if found == 0 else
           f"{found} inputs found a defect (kept in fuzz/regressions)."),
        "",
        "| target | executions | coverage (edges) | corpus | found |",
        "|---|---:|---:|---:|---|",
    ]
    for t in run["targets"]:
        name = f"`{t['target']}`" + (" (Python)" if t["kind"] == "python" else "")
        lines.append(f"| {name} | {t['executions']:,} | {t['coverage']:,} | {t['corpus']:,} | "
                     f"{'nothing' if t['found'] == 0 else t['found']} |")
    return "\n".join(lines)


def with_block(text: str, block: str) -> Optional[str]:
    """`text` with its fuzz block replaced by `block`, or None if it has none."""
    if BEGIN not in text or END not in text:
        return None
    head, rest = text.split(BEGIN, 1)
    return head + BEGIN + block + "\n" + END + rest.split(END, 1)[1]


def write_readme(run: Dict[str, Any]) -> int:
    PAGE.write_text(render(run) + "\n")
    text = with_block(README.read_text(), render(run))
    if text is None:
        print("fuzz/report.py: README.md has no fuzz:begin/fuzz:end block", file=sys.stderr)
        return 1
    README.write_text(text)
    print(f"fuzz: the README's block now gives the run of {run['date']} (fuzz/last-run.json)")
    return 0


def main(argv: List[str]) -> int:
    if argv[:1] == ["--record"]:
        run = record(Path(argv[1]), int(argv[2]), argv[3:])
        RUN.write_text(json.dumps(run, indent=1) + "\n")
        return write_readme(run)
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    return write_readme(json.loads(RUN.read_text()))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
