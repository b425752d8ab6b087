# Entry points: `make demo` (install, run on samples/ into out/), `make test` (install with the test
# tools and the clients, lint, run every test) and `make check` (lint and the fast pure tests: no
# clients, no corpus, a few seconds). All create or reuse .venv; a stamp per install reruns pip only
# when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test check lint clients system quality speed sync peers fuzz lock clean
# Real clients the tests drive (Debian packages and one npm package), installed only when missing.
JS := tests/js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The exact versions come from the lock files (`make lock` rebuilds them from pyproject.toml's ranges);
# the package itself goes in as an ordinary editable install on top, compiled so start-up stays short.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/python -m compileall -q captions
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/python -m compileall -q captions
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/captions generate samples/*.txt -o out
	@echo "Open out/ — the report is out/*.report.txt, the review page out/*.review.html"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check captions tests benchmarks
	$(BIN)/ruff format --check captions tests benchmarks
	$(BIN)/mypy

clients: system $(JS)/node_modules/.installed

# Debian packages, each only when its command (or font) is missing; CI runs as root.
system:
	@missing=""; \
	command -v ffmpeg >/dev/null || missing="$$missing ffmpeg"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	command -v sox >/dev/null || missing="$$missing sox"; \
	command -v node >/dev/null || missing="$$missing nodejs npm"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk fontconfig"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	cd $(JS) && npm ci --no-audit --no-fund --silent
	touch $@

# what needs no outside program and no corpus and is quick (pyproject.toml registers the marks),
# with a sixth of the Hypothesis examples (tests/conftest.py's `check` profile)
check: lint
	HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -m "not clients and not corpus and not slow"

# the tests, then the caption-quality gate on the corpus (benchmarks/quality.py exits 1 below a gate)
test: lint clients
	$(BIN)/python -m pytest -q
	$(BIN)/python benchmarks/quality.py > .quality.txt || { cat .quality.txt; exit 1; }
	@sed -n '3,/^Breaks inside/p' .quality.txt

# the mutation fuzz of tests/test_fuzz.py run long: about 250,000 mutated inputs, some 20 minutes here
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=250000 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

quality: $(VENV)/.installed-test
	$(BIN)/python benchmarks/quality.py

speed: $(VENV)/.installed
	$(BIN)/python benchmarks/speed.py

sync: $(VENV)/.installed-test clients
	$(BIN)/python benchmarks/sync.py
	$(BIN)/python benchmarks/sync.py --long

# ffsubsync and aeneas on the same audio (installed on first use into .cache/peers)
peers: $(VENV)/.installed-test clients
	$(BIN)/python benchmarks/peers.py

# Rebuild both lock files from pyproject.toml's ranges (newest versions the ranges allow), with pip-tools
# in a venv of its own; then run `make test` before committing them.
LOCK := .cache/lock
lock:
	test -x $(LOCK)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK) && $(LOCK)/bin/pip install -q pip-tools==7.6.2; }
	$(LOCK)/bin/pip-compile -q --upgrade --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	$(LOCK)/bin/pip-compile -q --upgrade --strip-extras --no-emit-index-url --no-emit-find-links \
		--extra test --extra bench -o requirements-dev.lock pyproject.toml

clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis
