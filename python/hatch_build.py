"""Builds libhotloop with cargo and puts it in the wheel as hotloop/lib/libhotloop.so.

hatchling runs this hook before it writes a wheel (never for an sdist, which
carries the crate's sources instead). What it does:

- `cargo build --release --locked --lib`, in a target directory of its own
  (target/python), so that neither `make` nor a plain `cargo build` relinks
  because a wheel was built, and the other way round. With
  HOTLOOP_WHEEL_TARGET set (`make dist` sets x86_64-unknown-linux-gnu.2.17),
  `cargo zigbuild --target ...` instead: zig links against the glibc version
  named in the target, so the wheel runs on manylinux_2_17 systems.
- The library is stripped of its symbols and line tables (cargo's
  strip = "symbols"), which a wheel's users never read.
- The wheel is tagged py3-none-<platform>: the library does not use the
  Python ABI, so one wheel serves every CPython 3.8 or newer. The platform is
  linux_x86_64 here; `make dist` has auditwheel check the library and retag
  it manylinux_2_17.
- hotloop/_version.py is written with the literal version, read from
  Cargo.toml (the one place it is kept): an installed package has no
  Cargo.toml to read it from.
- For an editable install (`pip install -e .`) the library is built, and
  nothing is added: the package is imported from the checkout, where it
  finds target/python/release/libhotloop.so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any, Dict, List

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET_VARIABLE = "HOTLOOP_WHEEL_TARGET"


def library_file_name() -> str:
    if sys.platform == "win32":
        return "hotloop.dll"
    if sys.platform == "darwin":
        return "libhotloop.dylib"
    return "libhotloop.so"


def platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def cargo_command(target: str) -> List[str]:
    cargo = os.environ.get("CARGO", "cargo")
    if not target:
        return [cargo, "build"]
    # The tools' own directory first: cargo-zigbuild and python -m ziglang
    # installed into the environment that runs this build.
    zigbuild = shutil.which("cargo-zigbuild", path=os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if zigbuild is None:
        raise RuntimeError(
            f"{TARGET_VARIABLE}={target} needs cargo-zigbuild and ziglang "
            f"(pip install cargo-zigbuild ziglang), or unset {TARGET_VARIABLE} to build for this machine"
        )
    return [zigbuild, "zigbuild", "--target", target]


class CargoBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: Dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        target = os.environ.get(TARGET_VARIABLE, "")
        target_dir = Path(os.environ.get("CARGO_TARGET_DIR") or root / "target" / "python")
        environment = dict(os.environ, CARGO_PROFILE_RELEASE_STRIP="symbols",
                           CARGO_TARGET_DIR=str(target_dir))
        environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
        command = cargo_command(target) + [
            "--release", "--locked", "--lib", "--manifest-path", str(root / "Cargo.toml"),
        ]
        self.app.display_info("hotloop: " + " ".join(command))
        try:
            subprocess.run(command, check=True, env=environment)
        except FileNotFoundError:
            raise RuntimeError(
                "hotloop: cargo was not found. Building hotloop from source needs Rust "
                "(https://rustup.rs); or install a wheel."
            ) from None
        built = target_dir / (target.split(".")[0] if target else "") / "release" / library_file_name()
        if version == "editable":
            # `pip install -e .`: the package is imported from python/hotloop in
            # the checkout, which finds target/python/release by itself; a copy
            # in site-packages would never be loaded.
            self.app.display_info(f"hotloop: editable install: the package loads {built}; after changing the "
                                  "Rust code, run `pip install -e .` (or `make build`) again")
            return

        staging = Path(tempfile.mkdtemp(prefix="hotloop-wheel-"))
        shutil.copy2(built, staging / library_file_name())
        (staging / "_version.py").write_text(
            '"""The package\'s version, written by the build from Cargo.toml."""\n\n'
            f'__version__ = "{self.metadata.version}"\n'
        )
        build_data["force_include"][str(staging / library_file_name())] = "hotloop/lib/" + library_file_name()
        build_data["force_include"][str(staging / "_version.py")] = "hotloop/_version.py"
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform_tag()}"
        self._staging = staging

    def finalize(self, version: str, build_data: Dict[str, Any], artifact_path: str) -> None:
        staging = getattr(self, "_staging", None)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
