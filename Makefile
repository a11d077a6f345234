# SPDX-License-Identifier: GPL-3.0-or-later
# quire - Markdown to PDF, EPUB 3 and man pages from one parse.
#
#   make            install missing dependencies, build, publish content/
#   make check      the whole test suite, ending "N passed, N failed"
#   make sanitize   the suite again under ASan + UBSan
#   make tsan       ThreadSanitizer over the formats made side by side
#   make install / uninstall   (PREFIX, DESTDIR): the program and quire(1)
#   make dist       quire-VERSION.tar.gz of the committed sources
#   make bench, make bench-code, make fuzz SECONDS=N, make pictures, make check-a11y

PREFIX	?= /usr/local
VERSION	 = 0.1.0
BUILD	?= build
OUT	?= out
SHELL	 = /bin/bash

# cmark-gfm's extensions, libharu, libhyphen and giflib ship no pkg-config
# file.
PKGS	 = libcmark-gfm libxml-2.0 libzip yaml-0.1 fontconfig freetype2 harfbuzz harfbuzz-subset fribidi icu-uc libdeflate libpng libjpeg \
	   libwebp libwebpdemux glib-2.0 libpcre2-8
# SVG pictures: librsvg, cairo, pango and qpdf live in a plugin loaded
# only when a document has an SVG picture (src/pdf/svgplugin.c), so
# that other runs do not pay for loading them.  The plugin calls back
# into the program through the symbols EXPORTS lists.
SVG_PKGS = librsvg-2.0 cairo pangocairo libqpdf
PLUGIN	 = $(BUILD)/libquire-svg.so
PLUGIN_SRC = src/pdf/svgload.c src/pdf/svgform.cc
PLUGIN_OBJ = $(BUILD)/plugin/svgload.o $(BUILD)/plugin/svgform.o
EXPORTS	 = -Wl,--export-dynamic-symbol=haru_* \
	   -Wl,--export-dynamic-symbol=xmalloc \
	   -Wl,--export-dynamic-symbol=xrealloc \
	   -Wl,--export-dynamic-symbol=png_ready_pixels
# The usual variables are honoured: CC, CFLAGS, CPPFLAGS, LDFLAGS, and
# CXX, CXXFLAGS (by default CFLAGS, so one CFLAGS= sets both) for the
# C++ bridges.
CC	?= cc
CFLAGS	?= -O2 -g
CXXFLAGS ?= $(CFLAGS)
# CI sets WERROR=-Werror: a warning fails the build there.
WERROR	?=
WARN	 = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
	   -Wshadow $(WERROR)
# libcurl's headers only: src/util/curlapi.c opens the library when an
# image is first fetched, so that other runs do not pay for loading it
# and the 25 libraries it needs (the package stays a run dependency).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) libcurl 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -pthread $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) \
	     -DQUIRE_VERSION='"$(VERSION)"' -Isrc -MMD -MP
# The C++ bridges to libraries that only have C++ interfaces (cpptoml for
# book.toml, GNU Source-highlight, qpdf for SVG pictures): C++17, the C++
# runtime linked in.
CXX	?= c++
CXXWARN	 = -std=c++17 -Wall -Wextra -Wpedantic $(WERROR)
ALL_CXXFLAGS = $(CXXWARN) -pthread $(CPPFLAGS) $(CXXFLAGS) -D_POSIX_C_SOURCE=200809L \
	     $(shell pkg-config --cflags source-highlight libqpdf libpcre2-8 2>/dev/null) \
	     -Isrc -MMD -MP
LIBS	 = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lhyphen -lpaper -lgif \
	   $(shell pkg-config --libs source-highlight 2>/dev/null) -lm -lstdc++

# The pipeline's stages, one folder each: read -> model -> emitters, with
# util/ under all of them.
SRCDIRS	 = src src/util src/read src/model src/man src/epub src/pdf src/pdf/layout \
	   src/pdf/haru
SRC	 = $(filter-out $(PLUGIN_SRC),$(wildcard $(SRCDIRS:%=%/*.c)))
CXXSRC	 = $(filter-out $(PLUGIN_SRC),$(wildcard $(SRCDIRS:%=%/*.cc)))
# The default style and stylesheet, compiled in (scripts/embed).
GEN	 = $(BUILD)/gen/builtin.o
OBJ	 = $(SRC:%.c=$(BUILD)/%.o) $(CXXSRC:%.cc=$(BUILD)/%.o) $(GEN)
LIBOBJ	 = $(filter-out $(BUILD)/src/main.o,$(OBJ))
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT	 = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CONTENT	 = $(wildcard content/*.md)

.PHONY: all deps test-deps build publish check sanitize tsan install uninstall dist bench bench-code \
	fuzz pictures check-a11y clean FORCE print-cflags print-libs print-objs

all: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory publish

# What building and publishing need (`make`); what testing needs as well
# (`make check` and the other test targets).
deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps test

build: $(BUILD)/quire $(PLUGIN) $(UNIT)

$(BUILD)/quire: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(EXPORTS) -o $@ $(OBJ) $(LIBS)

# The SVG plugin: position-independent objects of its own.
SVG_CFLAGS = -fPIC $(shell pkg-config --cflags $(SVG_PKGS) 2>/dev/null)

$(PLUGIN): $(PLUGIN_OBJ)
	$(CXX) $(ALL_CXXFLAGS) $(LDFLAGS) -shared -o $@ $(PLUGIN_OBJ) \
	    $(shell pkg-config --libs $(SVG_PKGS) 2>/dev/null) -lhpdf -lm

$(BUILD)/plugin/%.o: src/pdf/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SVG_CFLAGS) -c -o $@ $<

$(BUILD)/plugin/%.o: src/pdf/%.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) $(SVG_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/builtin.c: styles/default.yaml styles/epub.css scripts/embed
	@mkdir -p $(@D)
	scripts/embed $@ quire_style_yaml=styles/default.yaml \
	    quire_epub_css=styles/epub.css

$(BUILD)/gen/builtin.o: $(BUILD)/gen/builtin.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(EXPORTS) -o $@ $< $(LIBOBJ) $(LIBS)

# Every content/NAME.md becomes out/NAME.{pdf,epub,SECTION}: one target
# per document (the PDF standing for all three), so `make -j` publishes
# them side by side.  FORCE: each is rewritten on every run, as before,
# since what a page depends on (its images, includes) is not listed here.
PUBLISHED = $(CONTENT:content/%.md=$(OUT)/%.pdf) \
	    $(if $(wildcard docs/quire.1.md),$(OUT)/quire.1)

publish: $(PUBLISHED)

$(OUT)/%.pdf: content/%.md $(BUILD)/quire FORCE
	@mkdir -p $(OUT)
	@echo "quire $< -> $(OUT)/"
	@$(BUILD)/quire -q -o $(OUT) "$<"

$(OUT)/quire.1: docs/quire.1.md $(BUILD)/quire FORCE
	@mkdir -p $(OUT)
	@echo "quire $< -> $@"
	@$(BUILD)/quire -q -t man -o $@ $<

FORCE:

check: test-deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory publish
	@PDFUA_ALL=1 QUIRE=$(BUILD)/quire BUILD=$(BUILD) tests/run

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
TSAN_FLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer

# The whole suite again with AddressSanitizer and UBSan, in its own tree.
sanitize: test-deps
	@$(MAKE) --no-print-directory BUILD=build-san OUT=build-san/out \
	    CFLAGS="$(SAN_FLAGS)" CXXFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" build
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    QUIRE=build-san/quire BUILD=build-san tests/run

# ThreadSanitizer over the emitters running side by side, in its own tree
# (not part of `make check`: TSan slows quire ten times).  It runs the
# thread-heavy inputs; `make tsan TSAN_SUITE=1` runs the whole suite too.
tsan: test-deps
	@$(MAKE) --no-print-directory BUILD=build-tsan OUT=build-tsan/out \
	    CFLAGS="$(TSAN_FLAGS)" CXXFLAGS="$(TSAN_FLAGS)" \
	    LDFLAGS="-fsanitize=thread" build
	@scripts/tsan build-tsan
	@if [ -n "$(TSAN_SUITE)" ]; then \
		TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/scripts/tsan.supp" \
		    QUIRE=build-tsan/quire BUILD=build-tsan tests/run; fi

# The program and quire(1) only: the documents in content/ are samples.
install: build $(OUT)/quire.1
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" BUILD="$(BUILD)" OUT="$(OUT)" scripts/install

uninstall:
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/uninstall

# quire-VERSION.tar.gz of the committed sources (scripts/dist).
dist:
	@scripts/dist $(VERSION)

bench: build
	@scripts/install-deps bench
	@scripts/bench
	@tests/bench/code-bench

# The code-heavy corpora alone (an API reference and an mdBook book).
bench-code: build
	@scripts/install-deps bench
	@tests/bench/code-bench

fuzz: test-deps
	@scripts/fuzz $(SECONDS)

pictures: publish
	@scripts/pictures

check-a11y: test-deps publish
	@scripts/check-a11y

clean:
	rm -rf $(BUILD) build-san build-tsan build-fuzz $(OUT)

-include $(OBJ:.o=.d) $(PLUGIN_OBJ:.o=.d) $(UNIT:=.d)

# What scripts/fuzz compiles and links the library with, from this one
# place.
# The library's objects (all but main's), for scripts/fuzz.
print-objs:
	@echo $(LIBOBJ)
print-cflags:
	@echo $(PKG_CFLAGS)
print-libs:
	@echo $(LIBS)
