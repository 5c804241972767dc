# The first target that needs the toolchain creates .venv and installs the project (editable) with
# its test extra; later runs reuse it until pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?=
JOBS   ?= auto

.PHONY: html pdf clean test lint help bench bench-quick

help:
	@echo "make html   build the briefing book into build/html/"
	@echo "make pdf    build the PDF into build/pdf/briefing.pdf"
	@echo "make test   run lint and the whole test suite"
	@echo "make lint   ruff and mypy (strict on ext/briefing)"
	@echo "make bench  build cost against plain Sphinx at 1,000 articles, PDF, linker (~20 min)"
	@echo "make bench-quick  the same at 100 articles, 1,000 glossary entries (~5 min)"
	@echo "make clean  remove build/"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

html: $(STAMP)
	$(BIN)/sphinx-build -b html -j $(JOBS) -d build/doctrees $(SPHINXOPTS) docs build/html

LINTED := ext tests $(wildcard benchmarks) $(wildcard tools)

pdf: $(STAMP)
	$(BIN)/sphinx-build -b briefing-pdf -d build/doctrees $(SPHINXOPTS) docs build/pdf

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/build.py $(BENCHFLAGS)

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/build.py --quick $(BENCHFLAGS)

clean:
	rm -rf build
