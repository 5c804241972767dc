# The first target that needs the toolchain creates .venv and installs the project (editable) with
# its test extra; later runs reuse it until pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?=
JOBS   ?= auto

.PHONY: compile html serve pdf pdf-parallel epub html-en pdf-en gettext translations clean test test-fast lint help bench bench-quick screenshots

help:
	@echo "make html   build the briefing book into build/html/"
	@echo "make serve  build, serve at http://$(HOST):$(PORT)/ and rebuild on every change"
	@echo "make pdf    build the PDF into build/pdf/briefing.pdf"
	@echo "make pdf-parallel  the parallel-text PDF (Arabic and English side by side): build/pdf/briefing-parallel.pdf"
	@echo "make epub   the e-book (EPUB 3, pages turned right to left): build/epub/briefing.epub"
	@echo "make html-en  the English edition into build/html-en/"
	@echo "make pdf-en   the English edition's PDF: build/pdf/briefing-en.pdf"
	@echo "make gettext  extract the book's messages into build/gettext/*.pot"
	@echo "make translations  merge them into locales/en/LC_MESSAGES/*.po (changed ones fuzzy)"
	@echo "make test   run lint and the whole test suite"
	@echo "make test-fast  unit and build tests only (about a minute)"
	@echo "make lint   ruff and mypy (strict on ext/sphinx_briefing)"
	@echo "make bench  build cost against plain Sphinx at 1,000 articles, PDF, linker, coverage report (~25 min)"
	@echo "make bench-quick  the same at 100 articles, 1,000 glossary entries (~5 min)"
	@echo "make screenshots  the README's pictures from the built book (manual/images/)"
	@echo "make compile  compile the candidate finder again (mypyc; BRIEFING_COMPILE=0: plain Python)"
	@echo "make clean  remove build/"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	BRIEFING_COMPILE=0 $(BIN)/python -m pip install -q -e '.[book,test]'
	touch $@

# The candidate finder compiled by mypyc in place (setup.py), again whenever the finder's
# sources change: editing them and running any target never leaves an older compiled copy
# in use. BRIEFING_COMPILE=0 make compile: plain Python.
COMPILED := $(VENV)/.compiled
$(COMPILED): $(STAMP) setup.py $(wildcard ext/sphinx_briefing/candidates/*.py)
	rm -f ext/sphinx_briefing_finder__mypyc*.so ext/sphinx_briefing/candidates/*.so
	$(BIN)/python setup.py -q build_ext --inplace --build-temp build/mypyc/temp --build-lib build/mypyc/lib
	@# Unchanged C is not compiled again: the copy keeps its old time, but it is current.
	find ext -name '*.so' -exec touch {} +
	touch $@

compile:
	rm -f $(COMPILED)
	$(MAKE) $(COMPILED)

html: $(COMPILED)
	$(BIN)/sphinx-build -b html -j $(JOBS) -d build/doctrees $(SPHINXOPTS) docs build/html

# Serve the book and rebuild it (reloading the page) on every change to the articles and their
# sidecars (seeds/), the glossary entries, the pages (docs/) and the translations (locales/);
# build/ and editors' temporary files are never watched.
HOST ?= 127.0.0.1
PORT ?= 8000

serve: $(COMPILED)
	@echo "Serving the book at http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(BIN)/sphinx-autobuild -b html -d build/doctrees --host $(HOST) --port $(PORT) --watch seeds --watch locales --ignore build --re-ignore '(\.sw[px]|~|\.tmp)$$' $(SPHINXOPTS) docs build/html

# The English edition: the same sources, language = "en", translations from locales/en.
EN := -D language=en -D briefing_pdf_name=briefing-en -d build/doctrees-en

html-en: $(COMPILED)
	$(BIN)/sphinx-build -b html -j $(JOBS) $(EN) $(SPHINXOPTS) docs build/html-en

pdf-en: $(COMPILED)
	$(BIN)/sphinx-build -b briefing-pdf $(EN) $(SPHINXOPTS) docs build/pdf

gettext: $(COMPILED)
	$(BIN)/sphinx-build -b gettext -d build/doctrees-gettext $(SPHINXOPTS) docs build/gettext

translations: gettext
	$(BIN)/sphinx-intl update -p build/gettext -d locales -l en
	@# Template strings (sphinx.pot) are English already; the extension's own catalogue has their Arabic.
	rm -f locales/en/LC_MESSAGES/sphinx.po

LINTED := setup.py ext tests $(wildcard benchmarks) $(wildcard tools)

pdf: $(COMPILED)
	$(BIN)/sphinx-build -b briefing-pdf -d build/doctrees $(SPHINXOPTS) docs build/pdf

# The Arabic book with each paragraph's English translation beside it (same doctrees as `make pdf`).
pdf-parallel: $(COMPILED)
	$(BIN)/sphinx-build -b briefing-pdf -D briefing_pdf_parallel=1 -D briefing_pdf_name=briefing-parallel -d build/doctrees $(SPHINXOPTS) docs build/pdf

# The e-book for e-readers: EPUB 3, right-to-left page progression, no PDF inside it.
epub: $(COMPILED)
	$(BIN)/sphinx-build -b epub -d build/doctrees-epub $(SPHINXOPTS) docs build/epub

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

test: lint $(COMPILED)
	$(BIN)/python -m pytest

# The minute-long loop: pure unit tests and small sphinx.testing builds, no browser, no real book.
test-fast: $(COMPILED)
	$(BIN)/python -m pytest -n 2 tests/unit tests/build

bench: $(COMPILED)
	$(BIN)/python benchmarks/build.py $(BENCHFLAGS)
	$(BIN)/python benchmarks/candidates.py

bench-quick: $(COMPILED)
	$(BIN)/python benchmarks/build.py --quick $(BENCHFLAGS)

# The README's pictures, from the built book (Playwright drives /usr/bin/chromium).
screenshots: html
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf build
