"""Every real report and sidecar from the upstream corpus (read from ../shared/corpus) converts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import CORPUS, corpus_files
from invariants import check_all

from captions import pipeline, profiles, readers

pytestmark = pytest.mark.corpus

SPEEDS = (Fraction(1), Fraction(3, 2))
REPORTS = corpus_files("*_improved*.txt")
SIDECARS = corpus_files("*_segments.json")


def test_corpus_is_present(corpus):
    assert REPORTS and SIDECARS, f"no reports or sidecars found in {CORPUS}"


@pytest.mark.parametrize("path", REPORTS + SIDECARS, ids=lambda p: p.name[:60])
def test_corpus_file_converts_with_every_invariant(path):
    result = pipeline.build(readers.read_path(path), profiles.NETFLIX_KO, SPEEDS)
    assert result.captions
    check_all(result)


PAIRS = [(r, s) for r in REPORTS if (s := readers.matching_sidecar(r, SIDECARS)) is not None]


def test_every_report_has_its_sidecar():
    assert len(PAIRS) == len(REPORTS) == 13


@pytest.mark.parametrize(("report", "sidecar"), PAIRS, ids=lambda p: p.name[:50])
def test_report_and_matching_sidecar_agree(report, sidecar):
    """Every segment the same: number, span to the millisecond, text to the character. The captions are
    made of the segments (test_seed builds both for the seed and compares the captions too)."""
    assert readers.read_path(report).segments == readers.read_path(sidecar).segments
