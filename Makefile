# Two entry points: `make demo` (install, run on samples/ into out/) and `make test` (install with
# the test tools, lint, run the tests). Both create or reuse .venv; a stamp per install reruns pip
# only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint quality clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/captions generate samples/*.txt -o out
	@echo "Open out/ — the report is out/*.report.txt"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check captions tests benchmarks
	$(BIN)/ruff format --check captions tests benchmarks

test: lint
	$(BIN)/python -m pytest -q

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[bench]'
	touch $@ $(VENV)/.installed

quality: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis
