"""make bench's report: a run's files, and publishing them.

A run (bench/run.py) writes its figures to bench/out/ (ignored by git):
latest.json (every figure), latest.md (the tables), latest-lessons.md (the
prose around them, bench/prose.py) and one chart per question. `make
bench-report` publishes a run: it copies those files into bench/results/
(which the docs' bench page includes) and rewrites the README's block
between <!-- bench:begin --> and <!-- bench:end --> from latest.json, so no
figure in the README or the docs is typed by hand.

    python bench/report.py             # publish bench/out/latest.* (make bench-report)
    python bench/report.py --rerender  # render bench/results/latest.json again
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import charts
import markdown
import prose

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"


def lessons(report: Dict[str, Any]) -> str:
    """The prose the docs' bench page shows under the tables (bench/prose.py)."""
    return "\n".join(["### The lessons, from these figures", "", prose.lessons(report), "",
                      "### The real workload", "", prose.workload(report)])


def readme_block(report: Dict[str, Any]) -> str:
    """The README's block: the answer to "when is crossing worth it", and the chart that shows it."""
    m = report["machine"]
    return "\n".join([
        prose.answer(report),
        "",
        "![Speed-up over pure Python against the iterations done per call, for every way of crossing]"
        "(bench/results/latest-crossover.png)",
        "",
        f"*Measured by `make bench` on {m['cpu']}, {m['cores']} cores, Python {m['python']}; the tables and the "
        f"method are in [docs/bench.md](docs/bench.md).*",
    ])


def write(report: Dict[str, Any], directory: Path, stem: str) -> List[Path]:
    """A run's files: stem.md (the tables), stem-lessons.md (the prose), stem.json and the charts."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{stem}.md").write_text(markdown.render(report) + "\n")
    (directory / f"{stem}-lessons.md").write_text(lessons(report) + "\n")
    (directory / f"{stem}.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    return [directory / f"{stem}.md", directory / f"{stem}-lessons.md", directory / f"{stem}.json",
            *charts.charts(report, directory, stem)]


BEGIN, END = "<!-- bench:begin -->\n", "<!-- bench:end -->"


def with_block(text: str, block: str) -> Optional[str]:
    """`text` with its generated block replaced by `block`, or None if it has none."""
    if BEGIN not in text or END not in text:
        return None
    head, rest = text.split(BEGIN, 1)
    return head + BEGIN + block + "\n" + END + rest.split(END, 1)[1]


def publish(source: Path = OUT / "latest.json") -> int:
    """make bench-report: bench/out/latest.* -> bench/results/, and the README's
    block. With `source` bench/results/latest.json, the published run is
    rendered again (after a change to this file or to bench/prose.py), from
    its stored figures: nothing is measured."""
    if not source.exists():
        print("make bench-report: no full run in bench/out/: run `make bench` first", file=sys.stderr)
        return 1
    report = json.loads(source.read_text())
    if report.get("mode") != "full":
        print("make bench-report: bench/out/latest.json is not a full run", file=sys.stderr)
        return 1
    decades = OUT / "decades.json"
    if source.parent == OUT and decades.exists():  # make bench-decades, published with the run
        report["decades"] = json.loads(decades.read_text())
    for path in write(report, RESULTS, "latest"):
        print(f"written: {path.relative_to(ROOT)}")
    text = with_block(README.read_text(), readme_block(report))
    if text is None:
        print("make bench-report: README.md has no bench:begin/bench:end block", file=sys.stderr)
        return 1
    README.write_text(text)
    print("written: README.md, between <!-- bench:begin --> and <!-- bench:end -->")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Publish bench/out/latest.* into bench/results/ and the README "
                                                 "(make bench-report); measures nothing.")
    parser.add_argument("--rerender", action="store_true",
                        help="render the published run (bench/results/latest.json) again instead")
    arguments = parser.parse_args()
    sys.exit(publish(RESULTS / "latest.json" if arguments.rerender else OUT / "latest.json"))
