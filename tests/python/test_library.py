"""The loader: its prototype table against the header, where it looks, what
it says when it cannot load, and the articles' own way of calling."""

import ctypes
import os
import re
import shutil
import subprocess
import sys

import hotloop
import pytest
from hotloop import _library

C_TYPES = {
    "int64_t": ctypes.c_int64,
    "uint64_t": ctypes.c_uint64,
    "int32_t": ctypes.c_int32,
    "uint32_t": ctypes.c_uint32,
    "size_t": ctypes.c_size_t,
    "hotloop_status": ctypes.c_uint32,
    "hotloop_error": _library.ErrorRecord,
    "const char *": ctypes.c_char_p,
}


def header_struct(root, name):
    """[(field type, field name, array length or None)] of a typedef'd struct."""
    text = re.sub(r"/\*.*?\*/", "", (root / "include" / "hotloop.h").read_text(), flags=re.S)
    body = re.search(r"typedef struct \{(.*?)\} " + name + ";", text, flags=re.S).group(1)
    return [(t.strip(), n, int(a) if a else None)
            for t, n, a in re.findall(r"([\w ]+?)\s+(\w+)(?:\[(\d+)\])?;", body)]


def test_the_error_record_mirrors_the_header(root):
    fields = header_struct(root, "hotloop_error")
    assert [n for _, n, _ in fields] == [n for n, _ in _library.ErrorRecord._fields_]
    for (c_type, name, length), (_, ctypes_type) in zip(fields, _library.ErrorRecord._fields_):
        if length is None:
            assert C_TYPES[c_type] is ctypes_type, name
        else:
            assert c_type == "char" and ctypes_type._type_ is ctypes.c_char and ctypes_type._length_ == length


def header_functions(root, header="hotloop.h"):
    """{name: (return type, [parameter types])} of include/<header>."""
    text = (root / "include" / header).read_text()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    functions = {}
    for ret, name, params in re.findall(r"^([\w ]+?\s*\*?)\s*(\w+)\(([^)]*)\);", text, flags=re.M):
        params = [] if params.strip() == "void" else [p.strip() for p in params.split(",")]
        types = [re.sub(r"\s*\b\w+$", "", p).strip() for p in params]
        functions[name] = (ret.strip(), types)
    return functions


def matches(c_type, ctypes_type):
    if c_type.endswith("*") and c_type != "const char *":
        target = C_TYPES[c_type.replace("const", "").rstrip("* ").strip()]
        return ctypes_type in (ctypes.c_void_p, ctypes.POINTER(target))
    return C_TYPES[c_type] is ctypes_type


def test_the_prototype_table_mirrors_the_header(root):
    declared = {n: f for n, f in header_functions(root).items() if n.startswith("hotloop_")}
    table = {name: (restype, argtypes) for name, restype, argtypes, _ in _library.PROTOTYPES}
    assert sorted(table) == sorted(declared), "the table and include/hotloop.h list different functions"
    for name, (ret, params) in declared.items():
        restype, argtypes = table[name]
        assert matches(ret, restype), f"{name}: returns {ret}, table says {restype}"
        assert len(params) == len(argtypes), f"{name}: {params} vs {argtypes}"
        for c_type, ctypes_type in zip(params, argtypes):
            assert matches(c_type, ctypes_type), f"{name}: {c_type} vs {ctypes_type}"


def test_the_articles_header_declares_the_article_symbols(root):
    declared = header_functions(root, "hotloop_articles.h")
    assert declared["GSum"] == ("int64_t", ["int64_t"])
    assert declared["collatz"] == ("int64_t", ["int64_t"])
    assert declared["loopCollatz"] == ("int64_t", ["int64_t", "int64_t"])
    assert declared["gsum"] == ("int32_t", ["int32_t"])


def test_versions_agree(root):
    cargo = (root / "Cargo.toml").read_text()
    assert re.search(r'^version = "(.*)"', cargo, re.M).group(1) == hotloop.__version__
    assert hotloop.library_version() == hotloop.__version__


def test_fast_bindings_are_exact_here():
    # The self-check passed, so the FAST bindings are the untyped ones.
    assert hotloop.library.fast is not hotloop.library.hold
    assert hotloop.library.fast.hotloop_gsum.argtypes is None


def test_the_first_article_way_with_no_argtypes_at_all():
    library = ctypes.cdll.LoadLibrary(str(hotloop.library.path))
    assert library.GSum(100) == 5050
    assert library.gsum(100) == 5050


def test_the_second_article_way_with_c_int():
    library = ctypes.cdll.LoadLibrary(str(hotloop.library.path))
    go_collatz = library.collatz

    def fast_collatz(n):
        go_collatz.argtypes = [ctypes.c_int]
        go_collatz.restype = ctypes.c_int
        return go_collatz(n)

    go_loop_collatz = library.loopCollatz

    def loop_collatz(n, k):
        go_loop_collatz.argtypes = [ctypes.c_int, ctypes.c_int]
        go_loop_collatz.restype = ctypes.c_int
        return go_loop_collatz(n, k)

    assert fast_collatz(27) == 82
    assert fast_collatz(-7) == -20
    assert loop_collatz(27, 111) == 1
    assert loop_collatz(27, 10**6) == 4


def run_python(code, **env):
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)


def test_hotloop_library_overrides_the_search():
    result = run_python("import hotloop; print(hotloop.library.path)", HOTLOOP_LIBRARY=str(hotloop.library.path))
    assert result.stdout.strip() == str(hotloop.library.path)
    missing = run_python("import hotloop", HOTLOOP_LIBRARY="/nonexistent/libhotloop.so")
    assert "LibraryNotFoundError" in missing.stderr
    assert "/nonexistent/libhotloop.so (no such file)" in missing.stderr
    assert "pip install ." in missing.stderr


def test_a_missing_library_says_where_it_looked(tmp_path):
    shutil.copytree(hotloop.library.path.parent.parent.parent / "python" / "hotloop", tmp_path / "hotloop")
    code = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import hotloop"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "HOTLOOP_LIBRARY"})
    assert "LibraryNotFoundError: import hotloop: libhotloop: libhotloop could not be loaded. Looked at:" in result.stderr
    assert str(tmp_path / "hotloop" / "lib" / "libhotloop.so") in result.stderr
    assert "make build" in result.stderr and "HOTLOOP_LIBRARY" in result.stderr


def test_a_directory_named_by_hotloop_library_says_to_name_the_file():
    directory = hotloop.library.path.parent
    result = run_python("import hotloop", HOTLOOP_LIBRARY=str(directory))
    assert f"{directory} (a directory: name the library file in it, {directory / 'libhotloop.so'})" in result.stderr


def _shared_library(tmp_path, source):
    if shutil.which(os.environ.get("CC", "cc")) is None:
        pytest.skip("no C compiler")
    (tmp_path / "lib.c").write_text(source)
    library = tmp_path / "libhotloop.so"
    subprocess.run([os.environ.get("CC", "cc"), "-shared", "-fPIC", str(tmp_path / "lib.c"), "-o", str(library)],
                   check=True)
    return library


def test_a_library_without_a_needed_symbol_is_named_by_its_version(tmp_path):
    # What libhotloop 0.1 looks like to this package: its version, and none of
    # the _r functions.
    old = _shared_library(tmp_path, 'const char *hotloop_version(void) { return "0.1.0"; }\n'
                                    'long long hotloop_gsum(long long n) { return n <= 0 ? 0 : n * (n + 1) / 2; }\n')
    result = run_python("import hotloop", HOTLOOP_LIBRARY=str(old))
    assert f"{old} is libhotloop 0.1.0, but this package is hotloop {hotloop.__version__}" in result.stderr
    assert "AttributeError" not in result.stderr


def test_a_library_that_is_not_libhotloop_says_so(tmp_path):
    other = _shared_library(tmp_path, "int answer(void) { return 42; }\n")
    result = run_python("import hotloop", HOTLOOP_LIBRARY=str(other))
    assert f"{other} (not libhotloop: " in result.stderr and "hotloop_gsum" in result.stderr


def test_a_library_of_another_version_is_refused(monkeypatch):
    monkeypatch.setattr(_library, "__version__", "9.9.9")
    with pytest.raises(hotloop.LibraryNotFoundError, match=f"is libhotloop {hotloop.__version__}, but this package is hotloop 9.9.9"):
        _library.load()


NO_NUMPY = """
import sys; sys.modules['numpy'] = None
import ctypes
from array import array
import hotloop
r = hotloop.collatz_steps_many([1, 2, 3, 27])
assert isinstance(r, array) and r.typecode == 'i' and list(r) == [0, 1, 7, 111], r
assert list(hotloop.collatz_steps_many(array('Q', [27]))) == [111]
assert list(hotloop.collatz_steps_many(array('i', [27, 97]))) == [111, 118]
assert list(hotloop.collatz_steps_many((ctypes.c_int16 * 2)(27, 97))) == [111, 118]
assert list(hotloop.collatz_steps_many(memoryview(bytes(array('Q', [27, 97]))).cast('Q'))) == [111, 118]
assert list(hotloop.collatz_steps_many(range(27, 0, -26))) == [111, 0]
assert list(hotloop.collatz_steps_many(n for n in (27, 97))) == [111, 118]
out = array('i', [0, 0])
assert hotloop.collatz_steps_many([27, 97], out=out) is out and list(out) == [111, 118]
ns = array('Q', range(1, 101))
try:
    hotloop.collatz_steps_many(ns, out=memoryview(ns).cast('B').cast('i')[:100])
    raise AssertionError('overlap not seen')
except hotloop.HotloopValueError as error:
    assert 'overlap' in str(error)
assert list(ns) == list(range(1, 101))
try:
    hotloop.collatz_steps_many(array('q', [27, 0, -1]))
    raise AssertionError('no error')
except hotloop.HotloopValueError as error:
    assert error.subject == 'ns[1] = 0' and list(error.result) == [111, -1, -1]
print('ok')
"""


def test_numpy_stays_optional():
    result = run_python(NO_NUMPY)
    assert result.stdout.strip() == "ok", result.stderr


def test_a_relative_library_path_is_the_file_meant(tmp_path):
    # HOTLOOP_LIBRARY=./libhotloop.so, or a bare name: that file, opened as a
    # path, never a name for the dynamic loader to search.
    shutil.copy(hotloop.library.path, tmp_path / "libhotloop.so")
    code = "import hotloop; print(hotloop.library.path)"
    for name in ("./libhotloop.so", "libhotloop.so"):
        environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), HOTLOOP_LIBRARY=name)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=tmp_path)
        assert result.stdout.strip() == str(tmp_path / "libhotloop.so"), result.stderr
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), HOTLOOP_LIBRARY="libhotloop.so")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd="/")
    assert "LibraryNotFoundError" in result.stderr and "/libhotloop.so (no such file)" in result.stderr


def test_tqdm_stays_optional():
    code = (
        "import sys; sys.modules['tqdm'] = None\n"
        "import hotloop\n"
        "print(hotloop.collatz_loop(27, 3 * 2**26, progress=True))\n"
    )
    result = run_python(code)
    assert result.stdout.strip() == str([1, 4, 2][(3 * 2**26 - 111) % 3])
    assert "collatz_loop: 100.0% |" in result.stderr


def test_the_main_header_declares_one_prefix_only(root):
    # A C program includes hotloop.h beside its own names: nothing in it may
    # clash (the articles' symbols are in hotloop_articles.h).
    text = (root / "include" / "hotloop.h").read_text()
    defines = re.findall(r"^#define (\w+)", text, flags=re.M)
    assert defines and all(name.startswith("HOTLOOP_") for name in defines), defines
    assert all(name.startswith("hotloop_") for name in header_functions(root)), list(header_functions(root))
    assert all(name.startswith("hotloop_") for name in re.findall(r"typedef [\w ]+ (\w+);", text))
