"""`python -m hotloop`: the command line (hotloop.cli)."""

import sys

from .cli import main

# Run only as `python -m hotloop`: a tool that imports every submodule (a
# documentation generator, pydoc) must not start the command line.
if __name__ == "__main__":
    sys.exit(main())
