# Makefile — builds libpatuh (lib/), the patuh command (cli/) and the tests; `make check`
# runs everything, then once more under AddressSanitizer and UndefinedBehaviorSanitizer.
# Quiet rules unless V=1. Dependencies come from Debian packages (`make deps`).

PREFIX    ?= /usr/local
DESTDIR   ?=
# Where `make install` puts each part. Nothing of these is compiled in: the installed patuh
# finds its data from its own location (cli/datadir.c), so any PREFIX works after any build.
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR   := $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
HEADER    := lib/patuh.h
VERSION   := $(shell sed -n 's/^\#define PATUH_VERSION *"\(.*\)"/\1/p' $(HEADER))
BUILD     ?= build
SANITIZE  ?=
CC        ?= cc
PYTHON    ?= /usr/bin/python3
PKGS      := yaml-0.1 libxml-2.0 xlsxwriter json-c nettle minizip zlib

CFLAGS    ?= -O2 -g
WARNINGS  := -std=c11 -Wall -Wextra -Werror -Wstrict-prototypes -Wvla -Wwrite-strings -Wformat=2
DEFINES   := -D_POSIX_C_SOURCE=200809L
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
ifneq ($(SANITIZE),)
SANFLAGS  := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
ALL_CFLAGS = $(WARNINGS) $(DEFINES) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -Ilib $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

# The tests compare English messages: the language of the caller's locale must not leak in
# (tests/cli cases that check Indonesian set their own).
export LC_ALL := C.UTF-8
unexport LANGUAGE LC_MESSAGES

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC   := $(sort $(wildcard lib/*/*.c))
CLI_SRC   := $(sort $(wildcard cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
PATUH     := $(BUILD)/patuh

# Messages: English in the sources, Indonesian in po/id.po, compiled next to the binary
# ($(BUILD)/locale) where cli/intl.c finds it. Each function that formats a diagnostic is
# an xgettext keyword, so lib/ call sites stay plain literals.
LANGS     := id
MO        := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/patuh.mo)
POT       := $(BUILD)/po/patuh.pot
XGETTEXT_KEYWORDS := -k_ -kN_ -kngettext:1,2 -kpatuh_tr -kpatuh_tr_noop -kcli_usage_error:2 \
  -kpatuh_diags_add:6 -kpatuh_diags_add_cell:6 -kyt_error:4 -kyt_warning:4 -kfail_at:3 \
  -kanswers_error:4 -kanswers_warning:4 -kyaml_error:3 -krubric_need:4 -krubric_expect:4 \
  -kyt_to_string:3 -kyt_check_keys:4
XGETTEXT_FLAGS := --flag=cli_usage_error:2:c-format --flag=patuh_diags_add:6:c-format \
  --flag=patuh_diags_add_cell:6:c-format --flag=yt_error:4:c-format \
  --flag=yt_warning:4:c-format --flag=fail_at:3:c-format --flag=yaml_error:3:c-format \
  --flag=answers_warning:4:c-format --flag=answers_error:4:c-format

.SECONDARY:

.PHONY: all deps check check-fast check-san unit cli-test docs-test xlsx-test rubric-test demo install clean lint scan-test \
        fuzz fuzz-smoke fuzz-build fuzz-bins check-valgrind check-limits robust-test install-test \
        completion-test deb deb-test po-check po-update

all: $(PATUH) $(MO)

$(BUILD)/libpatuh.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)ar rcs $@ $^

$(PATUH): $(CLI_OBJ) $(BUILD)/libpatuh.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libpatuh.a $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libpatuh.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libpatuh.a $(PKG_LIBS) -lcmocka

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d)

$(POT): $(LIB_SRC) $(CLI_SRC) $(wildcard lib/*.h cli/*.h)
	@mkdir -p $(dir $@)
	@echo "  POT     $@"
	$(Q)xgettext --from-code=UTF-8 --language=C --no-location --sort-output \
	  --package-name=patuh --msgid-bugs-address=- -o $@ $(XGETTEXT_KEYWORDS) \
	  $(XGETTEXT_FLAGS) $(sort $(LIB_SRC) $(CLI_SRC))

$(BUILD)/locale/%/LC_MESSAGES/patuh.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $@"
	$(Q)msgfmt --check -o $@ $<

# Fails when a message of the sources is missing from po/LANG.po, untranslated or fuzzy, or
# a translation's format does not match its message (`make po-update` merges new messages).
po-check: $(POT)
	$(Q)sh tools/po-check.sh $(POT) $(LANGS:%=po/%.po)
	$(Q)POT=$(POT) sh tests/cli/po.sh

po-update: $(POT)
	$(Q)for l in $(LANGS); do \
	  msgmerge --quiet --update --backup=none --no-location --no-wrap --no-fuzzy-matching \
	    po/$$l.po $(POT); done

deps:
	$(Q)sh tools/deps.sh

# The unit tests run from the top of the tree so they can read rubrics/ and samples/.
unit: $(UNIT_BIN)
	$(Q)fail=0; for t in $(UNIT_BIN); do ./$$t || fail=1; done; test $$fail = 0

cli-test: $(PATUH) $(MO)
	$(Q)PATUH=$(PATUH) sh tests/cli/run.sh

docs-test: $(PATUH)
	$(Q)PATUH=$(PATUH) sh tests/cli/docs.sh
	$(Q)PYTHON=$(PYTHON) sh tests/docs/refs.sh
	$(Q)sh tests/cli/man-id.sh

# tests/scan: `patuh scan` over samples/sites, its proposed answers scored (doc/formats.md §3.10);
# a WARC made by wget from a local HTTP server, and hostile WARCs.
scan-test: $(PATUH)
	$(Q)PATUH=$(PATUH) sh tests/scan/roundtrip.sh
	$(Q)PATUH=$(PATUH) sh tests/scan/warc.sh

# tests/rubrics: every number in a shipped rubric cites a source or is labelled a choice.
rubric-test:
	$(Q)PYTHON=$(PYTHON) sh tests/rubrics/run.sh

xlsx-test: $(PATUH)
	$(Q)PATUH=$(PATUH) $(PYTHON) tests/xlsx/test_report.py
	$(Q)PATUH=$(PATUH) $(PYTHON) tests/xlsx/test_roundtrip.py
	$(Q)PATUH=$(PATUH) $(PYTHON) tests/xlsx/test_field.py
	$(Q)PATUH=$(PATUH) $(PYTHON) tests/xlsx/test_units.py
	$(Q)PATUH=$(PATUH) $(PYTHON) tests/xlsx/test_compare_read.py

# tests/install: an install into any prefix works from any directory; the library links.
install-test: $(PATUH)
	$(Q)BUILD=$(BUILD) MAKE="$(MAKE)" sh tests/install/install.sh

# tests/completion: bash's completion function driven with COMP_WORDS, as bash calls it, and
# zsh's with words and CURRENT.
completion-test: $(PATUH)
	$(Q)PATUH=$(PATUH) bash tests/completion/bash.sh
	$(Q)zsh -f tests/completion/zsh.zsh $(PATUH)

check-fast: all lint po-check unit cli-test docs-test xlsx-test robust-test rubric-test install-test completion-test \
            scan-test

check: deps
	$(Q)$(MAKE) --no-print-directory check-fast
	$(Q)$(MAKE) --no-print-directory check-san
	$(Q)$(MAKE) --no-print-directory check-valgrind
	$(Q)$(MAKE) --no-print-directory check-limits

check-san:
	@echo "== the suite again under AddressSanitizer + UndefinedBehaviorSanitizer"
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp:print_suppressions=0 \
	  $(MAKE) --no-print-directory BUILD=build/san SANITIZE=address,undefined CFLAGS="-O1 -g" \
	  unit cli-test

# tests/robust: a failed run never touches an existing report; the same inputs, the same bytes;
# golden.sh: every report's hash (GOLDEN_UPDATE=1 sh tests/robust/golden.sh after a meant change).
robust-test: $(PATUH)
	$(Q)PATUH=$(PATUH) sh tests/robust/atomic.sh
	$(Q)PATUH=$(PATUH) sh tests/robust/determinism.sh
	$(Q)PATUH=$(PATUH) sh tests/robust/golden.sh
	$(Q)PATUH=$(PATUH) sh tests/robust/outputs.sh
	$(Q)PATUH=$(PATUH) sh tests/robust/hostile.sh
	$(Q)PATUH=$(PATUH) sh tests/robust/limits.sh

# the inputs that sit at a limit (a million units, a million shortfalls, the largest XLSX form,
# 4,194,304 shared strings) under ulimit -v: minutes, so not in check-fast (doc/robustness.md,
# "Memory")
check-limits: $(PATUH)
	$(Q)PATUH=$(PATUH) LIMITS_FULL=1 sh tests/robust/limits.sh

# valgrind memcheck over the unit tests and a few CLI runs: no leaks, no errors.
check-valgrind: $(UNIT_BIN) $(PATUH)
	@echo "== unit tests and CLI runs under valgrind memcheck"
	$(Q)PATUH=$(PATUH) UNIT_BIN="$(UNIT_BIN)" sh tests/robust/valgrind.sh

# libFuzzer targets (clang): `make fuzz FUZZ_SECONDS=N` runs each for N seconds,
# `make fuzz-smoke` for FUZZ_SMOKE_SECONDS each (ten targets: about 5 minutes in CI);
# corpora grow in build/fuzz/corpus/.
FUZZ_SECONDS       ?= 600
FUZZ_SMOKE_SECONDS ?= 90
# the smoke run is the same on every machine: a fixed seed and at most this many inputs per
# target (or FUZZ_SMOKE_SECONDS, whichever comes first); `make fuzz` explores anew
FUZZ_SMOKE_SEED    ?= 1
FUZZ_SMOKE_RUNS    ?= 100000
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzzers/%)

fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang CFLAGS="-O1 -g" \
	  SANITIZE=fuzzer-no-link,address,undefined fuzz-bins

fuzz-bins: $(FUZZ_BIN)

$(BUILD)/fuzzers/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(BUILD)/libpatuh.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libpatuh.a $(PKG_LIBS)

fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/fuzzers/%)

fuzz-smoke: fuzz-build
	$(Q)FUZZ_SEED=$(FUZZ_SMOKE_SEED) FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) \
	  sh tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/fuzzers/%)

# The national-scale benchmark (bench/run; minutes, not part of check). BENCH_ARGS=--sizes small
.PHONY: bench
bench: ; $(Q)$(PYTHON) bench/run $(BENCH_ARGS)

demo: deps all
	$(Q)./$(PATUH) score -r rubrics/pengaduan.yaml samples/pengaduan/
	$(Q)./$(PATUH) score -r rubrics/pengaduan.yaml samples/pengaduan/ -o ranking.xlsx
	@echo "wrote ranking.xlsx"

# libpatuh.pc is written at install time, so it names the PREFIX of this install; its other
# paths are written from ${prefix} when they are below it.
PC_LIBDIR     = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/patuh/rubrics \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(PATUH) $(DESTDIR)$(BINDIR)/patuh
	install -m 644 $(BUILD)/libpatuh.a $(DESTDIR)$(LIBDIR)/libpatuh.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES@|$(PKGS)|' -e '/^#/d' libpatuh.pc.in \
	  >$(DESTDIR)$(LIBDIR)/pkgconfig/libpatuh.pc
	install -m 644 $(HEADER) $(DESTDIR)$(INCLUDEDIR)/patuh.h
	install -m 644 rubrics/*.yaml $(DESTDIR)$(DATADIR)/patuh/rubrics/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completion/patuh.bash $(DESTDIR)$(BASHCOMPDIR)/patuh
	install -m 644 completion/_patuh $(DESTDIR)$(ZSHCOMPDIR)/_patuh
	$(Q)for lang in $(notdir $(wildcard man/[a-z][a-z])); do \
	  install -d $(DESTDIR)$(MANDIR)/$$lang/man1 $(DESTDIR)$(MANDIR)/$$lang/man5 && \
	  install -m 644 man/$$lang/*.1 $(DESTDIR)$(MANDIR)/$$lang/man1/ && \
	  install -m 644 man/$$lang/*.5 $(DESTDIR)$(MANDIR)/$$lang/man5/ || exit 1; \
	done
	$(Q)for lang in $(LANGS); do \
	  install -d $(DESTDIR)$(DATADIR)/locale/$$lang/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$lang/LC_MESSAGES/patuh.mo \
	    $(DESTDIR)$(DATADIR)/locale/$$lang/LC_MESSAGES/patuh.mo || exit 1; \
	done

# The Debian packages patuh_<version>_<arch>.deb and libpatuh-dev, built by dpkg-buildpackage
# from debian/ in a copy of the tree under build/deb/ (it writes beside the source folder),
# then checked by lintian: a tag fails the build unless debian/*.lintian-overrides explains it.
DEB_DIR := $(BUILD)/deb
DEB_SRC := $(DEB_DIR)/patuh-$(VERSION)
deb:
	$(Q)sh tools/deps.sh deb
	$(Q)rm -rf $(DEB_DIR) && mkdir -p $(DEB_SRC)
	$(Q)git ls-files -z --cached --others --exclude-standard | \
	  tar --null --ignore-failed-read -T - -cf - | tar -xf - -C $(DEB_SRC)
	$(Q)cd $(DEB_SRC) && dpkg-buildpackage -us -uc >../build.log 2>&1 || \
	  { tail -n 40 ../build.log; exit 1; }
	$(Q)lintian --pedantic --fail-on error,warning,info,pedantic \
	  $(DEB_DIR)/*.changes
	@ls $(DEB_DIR)/*.deb

# tests/deb: what the package holds (dpkg-deb --contents), and the package unpacked and
# installed into a throw-away root (dpkg --root) runs from there.
deb-test: deb $(PATUH)
	$(Q)DEB_DIR=$(DEB_DIR) VERSION=$(VERSION) sh tests/deb/check.sh

# lint: banned functions, clang-format, and the one-way layers of lib/ (tools/layers.sh, from
# nm over the objects and from the include lines; doc/architecture.md)
lint: $(LIB_OBJ)
	$(Q)sh tools/layers.sh $(BUILD)
	$(Q)! grep -nE '\b(strcpy|sprintf|atoi|strtok)\s*\(' lib/*/*.c cli/*.c
	$(Q)clang-format --dry-run --Werror lib/*.h lib/*/*.c lib/*/*.h cli/*.c cli/*.h
	$(Q)$(PYTHON) tools/check-doc-refs.py

clean:
	rm -rf build ranking.xlsx
