"""The package's version, which is libhotloop's: Cargo.toml holds it, in one place.

In a checkout (or an unpacked sdist) it is read from Cargo.toml, two
directories up. A wheel carries this file rewritten by the build
(python/hatch_build.py) with the version as a literal.
"""

import re
from pathlib import Path


def _from_cargo_toml() -> str:
    manifest = Path(__file__).resolve().parent.parent.parent / "Cargo.toml"
    try:
        found = re.search(r'^version = "([^"]+)"', manifest.read_text(encoding="utf-8"), re.MULTILINE)
    except OSError:
        found = None
    # "unknown" matches no library: load() then says which version it found.
    return found.group(1) if found else "unknown"


__version__ = _from_cargo_toml()
