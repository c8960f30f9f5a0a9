"""The C API reference, read from the committed headers' doc comments.

The docs' C API page holds a marker, `<!-- c-api: hotloop.h -->`; when MkDocs
builds the site, `on_page_markdown` replaces it with every declaration of
include/hotloop.h and the doc comment above it, as cbindgen wrote them from
src/capi.rs. Nothing is retyped, so the page says what the header says.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- c-api: ([\w.]+) -->")
# A doc comment, then the declaration it documents (up to ; or the end of a #define line).
ENTRY = re.compile(r"/\*\*\n(?P<doc>(?: \*.*\n)*?) \*/\n(?P<decl>#define [^\n]*|[^;#]*;)")


def entries(header: str) -> List[Tuple[str, str, str]]:
    """(name, declaration, doc) for every documented declaration, in order."""
    found = []
    for match in ENTRY.finditer(header):
        doc = "\n".join(line[3:] if line.startswith(" * ") else line[2:] for line in match["doc"].splitlines())
        decl = " ".join(match["decl"].split())
        if decl.startswith("#define"):
            name = decl.split()[1]
        elif decl.startswith("typedef"):
            name = decl.rstrip(";").split()[-1]
        else:
            name = re.search(r"(\w+)\(", decl).group(1)  # type: ignore[union-attr]
        found.append((name, decl, doc))
    return found


def _doc(text: str) -> str:
    """A doc comment as Markdown: its `# Safety` heading becomes bold text."""
    return re.sub(r"^# (\w+)$", r"**\1**", text, flags=re.M)


def render(header_name: str) -> str:
    header = (ROOT / "include" / header_name).read_text()
    constants, functions = [], []
    for name, decl, doc in entries(header):
        if decl.startswith("#define"):
            constants.append(f"| `{name}` | `{decl.split()[2]}` | {' '.join(doc.split())} |")
        else:
            functions.append(f"### `{name}`\n\n```c\n{decl}\n```\n\n{_doc(doc)}\n")
    out = []
    if constants:
        out += ["| constant | value | meaning |", "|---|---:|---|", *constants, ""]
    return "\n".join(out + functions)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs hook: fill in every C API marker of a page."""
    return MARKER.sub(lambda m: render(m.group(1)), markdown)
