"""A wheel is built, installed into a fresh virtual environment, and used
from a directory outside the repository."""

import os
import subprocess
import sys
import venv



def test_wheel_installs_and_works_outside_the_repository(root, tmp_path):
    wheels = tmp_path / "wheels"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HOTLOOP_LIBRARY")}
    env["CARGO_TARGET_DIR"] = str(root / "target" / "wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(root / "python")],
        check=True, env=env, cwd=tmp_path,
    )
    (wheel,) = wheels.glob("hotloop-*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", str(wheel)], check=True, env=env)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    code = (
        "import hotloop, pathlib\n"
        "assert 'site-packages' in str(hotloop.library.path), hotloop.library.path\n"
        "assert hotloop.gsum(100) == 5050\n"
        "assert hotloop.collatz_longest(10**6) == (837799, 524)\n"
        "print(hotloop.collatz_loop(27, 10**9))\n"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=outside, env=env)
    assert result.stdout == "4\n", result.stderr
    script = subprocess.run([str(environment / "bin" / "hotloop"), "gsum", "100"], capture_output=True,
                            text=True, cwd=outside, env=env)
    assert script.stdout == "5050\n", script.stderr
