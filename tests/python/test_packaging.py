"""The release artefacts, as a package index, a user and a packager see them.

`make dist` builds the sdist and the wheel once for this module; the tests
read them, install each into fresh virtual environments (the wheel into every
CPython 3.8 or newer that pyenv has) and use hotloop from a directory outside
the repository.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from conftest import ROOT

VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "Cargo.toml").read_text(), re.MULTILINE).group(1)
# No HOTLOOP_LIBRARY or PYTHONPATH: the installed package must stand alone.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HOTLOOP_LIBRARY", "CARGO_TARGET_DIR")}
# The editable and sdist installs test how the package builds and installs,
# not how fast the library is: they build it without link-time optimisation,
# which takes a fraction of the time (`make dist`, the release, keeps it).
QUICK_BUILD_ENV = dict(CLEAN_ENV, CARGO_PROFILE_RELEASE_LTO="false", CARGO_PROFILE_RELEASE_CODEGEN_UNITS="16")

SMOKE = """
import json, pathlib, pkgutil, hotloop
assert "site-packages" in str(hotloop.library.path), hotloop.library.path
try:
    import hotloop.libhotloop
except ModuleNotFoundError:
    pass
else:
    raise AssertionError("the library must not be importable as a module")
print(json.dumps({
    "version": hotloop.__version__,
    "library": hotloop.library.path.relative_to(pathlib.Path(hotloop.__file__).parent).as_posix(),
    "modules": sorted(m.name for m in pkgutil.iter_modules(hotloop.__path__)),
    "gsum": hotloop.gsum(100),
    "longest": list(hotloop.collatz_longest(10**6)),
    "past_64_bits": hotloop.collatz_steps(2**64 - 1),
    "many": [int(s) for s in hotloop.collatz_steps_many([27, 97])],
}))
"""
EXPECTED = {
    "version": VERSION,
    "library": "lib/libhotloop.so",
    "modules": ["__main__", "_api", "_arguments", "_batch", "_cli_input", "_errors", "_library", "_longest", "_pieces", "_progress",
                "_version", "cli", "dask"],
    "gsum": 5050,
    "longest": [837799, 524],
    "past_64_bits": 863,
    "many": [111, 118],
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "dist", f"DIST={out}"], check=True,
                   env=CLEAN_ENV, stdout=subprocess.DEVNULL)
    return out


def only(paths):
    (path,) = paths
    return path


def install_and_use(python, package, tmp_path, *pip_options, build_env=CLEAN_ENV):
    """A fresh virtual environment for `python`, `package` installed into it,
    and hotloop used from outside the repository: the smoke script's answers
    and the command line's."""
    environment = tmp_path / "venv"
    subprocess.run([str(python), "-m", "venv", str(environment)], check=True)
    bin_dir = environment / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", *pip_options, str(package)],
                   check=True, env=build_env, cwd=tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run([str(bin_dir / "python"), "-c", SMOKE], capture_output=True, text=True,
                            cwd=outside, env=CLEAN_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED
    script = subprocess.run([str(bin_dir / "hotloop"), "steps", "27"], capture_output=True, text=True,
                            cwd=outside, env=CLEAN_ENV)
    assert script.stdout == "27 111\n", script.stderr


def test_the_wheel_is_one_manylinux_2_17_wheel_for_every_python(dist):
    wheel = only(dist.glob("*.whl"))
    machine = os.uname().machine
    assert wheel.name == f"hotloop-{VERSION}-py3-none-manylinux2014_{machine}.manylinux_2_17_{machine}.whl"
    shown = subprocess.run([str(Path(sys.executable).parent / "auditwheel"), "show", str(wheel)],
                           capture_output=True, text=True, check=True).stdout
    assert f'consistent with the following platform tag: "manylinux_2_17_{machine}"' in " ".join(shown.split())
    with zipfile.ZipFile(wheel) as archive:
        assert "Tag: py3-none-manylinux_2_17_" + machine in archive.read(
            f"hotloop-{VERSION}.dist-info/WHEEL").decode()


def test_the_wheel_carries_a_stripped_library_and_its_licences(dist, tmp_path):
    with zipfile.ZipFile(only(dist.glob("*.whl"))) as archive:
        names = archive.namelist()
        assert [n for n in names if ".so" in n] == ["hotloop/lib/libhotloop.so"]
        assert f"hotloop-{VERSION}.dist-info/licenses/LICENSE-MIT" in names
        assert f"hotloop-{VERSION}.dist-info/licenses/LICENSE-APACHE" in names
        assert "hotloop/py.typed" in names
        metadata = archive.read(f"hotloop-{VERSION}.dist-info/METADATA").decode()
        assert "License-Expression: MIT OR Apache-2.0" in metadata
        assert f"\nVersion: {VERSION}\n" in metadata
        assert f'__version__ = "{VERSION}"' in archive.read("hotloop/_version.py").decode()
        library = tmp_path / "libhotloop.so"
        library.write_bytes(archive.read("hotloop/lib/libhotloop.so"))
    with library.open("rb") as stream:
        elf = ELFFile(stream)
        sections = {section.name for section in elf.iter_sections()}
        assert ".symtab" not in sections and not any(s.startswith(".debug") for s in sections), sections
        dynamic = elf.get_section_by_name(".dynamic")
        sonames = [tag.soname for tag in dynamic.iter_tags() if tag.entry.d_tag == "DT_SONAME"]
    assert sonames == [f"libhotloop.so.{'.'.join(VERSION.split('.')[:2])}"]
    assert library.stat().st_size < 1_000_000


def test_the_index_page_is_the_readme_with_links_that_work_there(dist):
    """The long description is README.md; its relative links and images,
    which a package index cannot follow, name their file instead."""
    with zipfile.ZipFile(only(dist.glob("*.whl"))) as archive:
        metadata = archive.read(f"hotloop-{VERSION}.dist-info/METADATA").decode()
    assert "Description-Content-Type: text/markdown" in metadata
    description = metadata.split("\n\n", 1)[1]
    readme = (ROOT / "README.md").read_text()
    assert description.startswith(readme.split("\n", 1)[0])
    assert re.findall(r"\]\((?!https?://|#)[^)]+\)", description) == []
    assert "Python (`docs/python.md`)" in description
    assert "the chart `bench/results/latest-crossover.png`" in description


def test_an_editable_install_works_or_says_what_to_run(tmp_path):
    """`pip install -e .` builds the library into target/python/ and the
    package, imported from the checkout, finds it there."""
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", str(ROOT)], check=True, env=QUICK_BUILD_ENV,
                   cwd=tmp_path)
    used = subprocess.run([str(python), "-c", "import hotloop; print(hotloop.library.path, hotloop.gsum(100))"],
                          capture_output=True, text=True, cwd=tmp_path, env=CLEAN_ENV)
    assert used.returncode == 0, used.stderr
    path, answer = used.stdout.split()
    assert answer == "5050"
    assert Path(path).is_relative_to(ROOT / "target"), path


def test_the_sdist_holds_everything_cargo_needs(dist):
    sdist = only(dist.glob("*.tar.gz"))
    assert sdist.name == f"hotloop-{VERSION}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("Cargo.toml", "Cargo.lock", "build.rs", "cbindgen.toml", ".cargo/config.toml", "src/lib.rs",
                   "src/capi.rs", "include/hotloop.h", "include/hotloop_articles.h", "bench/native/main.rs",
                   "pyproject.toml", "python/hatch_build.py", "python/hotloop/__init__.py", "python/hotloop/py.typed",
                   "LICENSE-MIT", "LICENSE-APACHE", "PKG-INFO"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("target/", ".venv/", "bench/results/")) or "__pycache__" in n]


def test_twine_accepts_both(dist):
    subprocess.run([str(Path(sys.executable).parent / "twine"), "check", "--strict", *map(str, dist.iterdir())],
                   check=True, capture_output=True)


def pythons():
    """This interpreter, and every CPython 3.8 or newer that pyenv has."""
    found = {f"{sys.version_info[0]}.{sys.version_info[1]} (this one)": Path(sys.executable)}
    try:
        versions = Path(subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True)
                        .stdout.strip()) / "versions"
    except (OSError, subprocess.CalledProcessError):
        print("pyenv is not installed: the wheel is installed into this Python only")
        return found
    for directory in sorted(versions.iterdir()):
        match = re.fullmatch(r"(\d+)\.(\d+)\.\d+", directory.name)
        python = directory / "bin" / "python3"
        if match and (int(match[1]), int(match[2])) >= (3, 8) and python.exists():
            found[directory.name] = python
    return found


@pytest.mark.parametrize("python", list(pythons().values()), ids=list(pythons()))
def test_the_wheel_installs_and_works(dist, tmp_path, python):
    install_and_use(python, only(dist.glob("*.whl")), tmp_path, "--no-index")


def test_the_sdist_installs_where_cargo_is(dist, tmp_path):
    # pip builds the sdist in isolation: hatchling from the package index,
    # libhotloop with cargo, from the sdist's own copy of the crate.
    install_and_use(Path(sys.executable), only(dist.glob("*.tar.gz")), tmp_path, build_env=QUICK_BUILD_ENV)
