"""The published bench run's charts, served with the docs.

The charts live in bench/results/, where `make bench-report` writes them and
the README shows them; this MkDocs hook adds them to the site under the same
path, so that the bench page can show them without a copy in docs/, and
points the page's links (written to work in the repository) at them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
RESULTS = "bench/results"


def on_files(files: Files, config: Any, **_: Any) -> Files:
    for chart in sorted((ROOT / RESULTS).glob("latest-*.png")):
        files.append(File(f"{RESULTS}/{chart.name}", str(ROOT), config["site_dir"], config["use_directory_urls"]))
    return files


def on_page_markdown(markdown: str, **_: Any) -> str:
    """A page links the charts as `../bench/results/...`, which works where
    the Markdown is read in the repository; on the site they sit at the root."""
    return markdown.replace(f"](../{RESULTS}/", f"]({RESULTS}/")
