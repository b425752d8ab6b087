"""Shared paths: the sample in the repo, and the upstream corpus read from ../shared (never copied).

Every test that reads the corpus is marked ``corpus``; one that needs an outside program is marked
``clients``; one that takes over about 2 s is marked ``slow`` (pyproject.toml registers them, and
``make check`` runs what none of them marks). Without the corpus, the tests that need it are not
run into a FileNotFoundError: the run stops once, after collection, saying where it looked; a run
that selects none of them (``-m "not corpus"``) goes ahead.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_37263f0645e2225f.txt"
SHARED = Path(os.environ.get("CAPTIONS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED_SIDECAR = (
    CORPUS / "2025-05-30-클라우드_시큐리티_과정_7기_-_7주차_Docker_및_Kubernetes_이해_script_improved_segments.json"
)
MISSING = f"the upstream corpus is missing: expected it at {CORPUS} (set CAPTIONS_SHARED to its parent)"

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("check", max_examples=10, deadline=None)  # `make check`: the quick loop
settings.register_profile("fuzz", deadline=None)  # `make fuzz`: tests/test_fuzz.py sets how many examples
PROFILE = "ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """A test's own Hypothesis example count (it overrides the profile's): ``n``, or a sixth of it under
    the ``check`` profile, so that `make check` stays quick and `make test` and CI run every example."""
    return max(5, n // 6) if PROFILE == "check" else n


def pytest_collection_finish(session: pytest.Session) -> None:
    """Stop with one line saying where the corpus was looked for when a selected test needs it."""
    if not CORPUS.is_dir() and any(item.get_closest_marker("corpus") for item in session.items):
        pytest.exit(MISSING, returncode=1)


def corpus_files(pattern: str) -> list[Path]:
    """The corpus files matching ``pattern``; none when the corpus is missing (the run then stops after
    collection), but a pattern that matches nothing in a corpus that is there is an error: a test
    parametrized over no files would pass without testing anything."""
    files = sorted(CORPUS.glob(pattern))
    if CORPUS.is_dir() and not files:
        raise LookupError(f"no {pattern} in {CORPUS}")
    return files


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(MISSING)
    return CORPUS


@pytest.fixture(autouse=True)
def _process_state():
    """Tests run the CLI in this process (typer's CliRunner): whatever a run changes of the process —
    the signal handlers ``generate`` installs, the working folder, the environment, the umask — is put
    back, so no test sees what an earlier one left."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    cwd, env = os.getcwd(), dict(os.environ)
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    for s, handler in handlers.items():
        if handler is not None:  # None: installed outside Python, cannot be put back from here
            signal.signal(s, handler)
    os.chdir(cwd)
    if os.environ != env:
        os.environ.clear()
        os.environ.update(env)
    os.umask(mask)
