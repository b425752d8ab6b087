"""Shared paths: the sample in the repo, and the upstream corpus read from ../shared (never copied)."""

from __future__ import annotations

import os
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

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Without the corpus the suite cannot run (several modules read it as they load): say where it was
    looked for, once, instead of failing collection with a bare FileNotFoundError."""
    if not CORPUS.is_dir():
        pytest.exit(f"the upstream corpus is missing: expected it at {CORPUS} (set CAPTIONS_SHARED to its parent)", 1)


def corpus_files(pattern: str) -> list[Path]:
    files = sorted(CORPUS.glob(pattern))
    return files


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the upstream corpus is missing: expected it at {CORPUS} (set CAPTIONS_SHARED to its parent)")
    return CORPUS
