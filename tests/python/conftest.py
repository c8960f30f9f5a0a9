import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
# The tests run against the repository's package and target/release library
# unless an installed hotloop is asked for.
if not os.environ.get("HOTLOOP_TEST_INSTALLED"):
    sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture
def root():
    return ROOT
