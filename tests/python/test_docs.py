"""The README and the documentation say what is true.

- Every Python, C and console example in README.md and docs/*.md runs as
  written, and where a page shows the output (a ```text block right after a
  Python or C block, or the lines under a `$ command`), the output is that.
  A block preceded by `<!-- not run: why -->` is skipped (it needs a cluster
  or a machine the tests do not have); ```sh blocks are instructions, not run.
- The figures in prose are the published run's: the README's block and the
  bench page's files are what bench/report.py renders from
  bench/results/latest.json, and no other line quotes a time or a speed-up.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LIBRARY_DIR = ROOT / "target" / "release"
OWN_LOOP = ROOT / "examples" / "own-loop"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
NOT_RUN = "<!-- not run:"


@dataclass
class Example:
    page: Path
    line: int
    language: str
    code: str
    output: Optional[str]  # the ```text block that follows, if any

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def examples() -> Iterator[Example]:
    for page in PAGES:
        text = page.read_text()
        blocks = list(FENCE.finditer(text))
        for i, block in enumerate(blocks):
            language = block.group(1)
            if language not in ("python", "c", "console"):
                continue
            before = text[: block.start()].rstrip("\n").rsplit("\n", 1)[-1]
            if before.startswith(NOT_RUN):
                continue
            output = None
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following and following.group(1) == "text" and not text[block.end() : following.start()].strip():
                output = following.group(2)
            yield Example(page, text.count("\n", 0, block.start()) + 1, language, block.group(2), output)


EXAMPLES = list(examples())


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The package from this checkout, the own-loop example, and a `hotloop` command."""
    bin_dir = tmp_path_factory.mktemp("bin")
    command = bin_dir / "hotloop"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m hotloop "$@"\n')
    command.chmod(0o755)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "python"), str(OWN_LOOP)]),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "100",
    }


def run_python(example: Example, env: dict, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-c", example.code], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{example.id} failed:\n{done.stderr}"
    return done.stdout


def run_c(example: Example, env: dict, cwd: Path) -> str:
    source, program = cwd / "example.c", cwd / "example"
    source.write_text(example.code)
    compiler = os.environ.get("CC", "cc")
    subprocess.run([compiler, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", f"-I{ROOT / 'include'}",
                    str(source), "-o", str(program), f"-L{LIBRARY_DIR}", "-lhotloop",
                    f"-Wl,-rpath,{LIBRARY_DIR}"], check=True)
    return subprocess.run([str(program)], env=env, capture_output=True, text=True, check=True, timeout=60).stdout


def console_steps(code: str) -> List[tuple]:
    """(command, the output shown under it) for each `$ ` line."""
    steps: List[tuple] = []
    for line in code.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return [(command, "".join(f"{line}\n" for line in shown)) for command, shown in steps]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_example_runs_as_written(example: Example, environment: dict, tmp_path: Path) -> None:
    if example.language == "console":
        for command, shown in console_steps(example.code):
            done = subprocess.run(["bash", "-c", command], env=environment, cwd=tmp_path, capture_output=True,
                                  text=True, timeout=300)
            assert done.stdout + done.stderr == shown, f"{example.id}: $ {command}"
        return
    if example.language == "c" and shutil.which(os.environ.get("CC", "cc")) is None:
        pytest.skip("no C compiler")
    out = (run_python if example.language == "python" else run_c)(example, environment, tmp_path)
    if example.output is not None:
        assert out == example.output, f"{example.id}: the output shown is not what the example prints"


def test_every_page_has_examples_found() -> None:
    """The fence parser sees the pages' examples (a broken one would pass vacuously)."""
    pages = {e.page.name for e in EXAMPLES}
    assert {"README.md", "python.md", "batches.md", "c.md", "cli.md", "own-loop.md", "dask.md"} <= pages
    assert sum(e.output is not None for e in EXAMPLES) >= 8


# The published run's prose ---------------------------------------------------

sys.path.insert(0, str(ROOT / "bench"))


def published() -> dict:
    return json.loads((ROOT / "bench" / "results" / "latest.json").read_text())


def test_readme_block_is_rendered_from_the_published_run() -> None:
    import report

    text = (ROOT / "README.md").read_text()
    assert report.with_block(text, report.readme_block(published())) == text, (
        "README.md's bench block is not what `make bench-report` renders from bench/results/latest.json: "
        "edit bench/prose.py or bench/report.py, not the README, then run `python bench/report.py --rerender`")


def test_bench_pages_are_rendered_from_the_published_run() -> None:
    import markdown
    import report

    run = published()
    results = ROOT / "bench" / "results"
    assert (results / "latest.md").read_text() == markdown.render(run) + "\n"
    assert (results / "latest-lessons.md").read_text() == report.lessons(run) + "\n"


def test_fuzz_figures_are_rendered_from_the_last_run() -> None:
    """The README's reliability figures and fuzz/last-run.md are what
    fuzz/report.py renders from fuzz/last-run.json (`make fuzz` writes all three)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fuzz_report", ROOT / "fuzz" / "report.py")
    assert spec is not None and spec.loader is not None
    fuzz_report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz_report)
    run = json.loads((ROOT / "fuzz" / "last-run.json").read_text())
    text = (ROOT / "README.md").read_text()
    assert fuzz_report.with_block(text, fuzz_report.render(run)) == text, (
        "README.md's fuzz block is not what fuzz/report.py renders from fuzz/last-run.json: run `make fuzz-report`")
    assert (ROOT / "fuzz" / "last-run.md").read_text() == fuzz_report.render(run) + "\n"
    assert all(t["seconds"] >= 600 and t["found"] == 0 for t in run["targets"]), "the published run is a full one"


# A time, or a ratio written as a speed-up: "0.43 s", "120 ns", "1.5x".
MEASURED = re.compile(r"\b\d[\d,.]*\s?(?:ns|µs|us|ms|s)\b(?![-\w])|\b\d[\d,.]*x\b")
GENERATED = re.compile(r"<!-- (bench|fuzz):begin -->.*?<!-- \1:end -->", re.S)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_no_measured_figure_is_typed_by_hand(page: Path) -> None:
    """Outside the generated block, a page quotes no time and no speed-up:
    those come from the bench run, through `make bench-report`."""
    text = FENCE.sub("", GENERATED.sub("", page.read_text()))
    assert MEASURED.findall(text) == []
