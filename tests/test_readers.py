"""Readers: upstream's timeline rule, script files, encodings and line ends."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from conftest import SAMPLE, corpus_files
from hypothesis import given
from hypothesis import strategies as st
from invariants import check_all

from captions import pipeline, profiles, readers
from captions.readers import script
from captions.timeline import InputError

SPEEDS = (Fraction(1), Fraction(3, 2))
REPORTS = corpus_files("*_improved*.txt")
SCRIPTS = corpus_files("*_script.txt") + corpus_files("*_5min.txt")


@pytest.mark.corpus
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:50])
def test_upstream_rule_rebuilds_every_report_timeline(path):
    """Estimating from the report's own script gives exactly the segment list upstream wrote."""
    timeline = readers.read_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    seg_title = lines.index("Remotion 동기화 구간 정보")
    units = script.body(lines, script.script_title(lines, seg_title), seg_title)
    assert script.estimate(units) == list(timeline.segments)


@given(st.lists(st.text(alphabet="가나다 ab.", min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=30))
def test_estimate_tiles_time_and_keeps_every_line(lines):
    units = [(i + 1, line.strip()) for i, line in enumerate(lines)]
    segments = script.estimate(units)
    assert " ".join(s.text for s in segments) == " ".join(u for _, u in units)
    assert segments[0].start_ms == 0
    assert all(a.end_ms == b.start_ms for a, b in itertools.pairwise(segments))
    assert sum(s.duration_ms for s in segments) == sum(len(u) for _, u in units) * 200
    texts = {u for _, u in units}
    for s in segments:
        assert s.duration_ms <= 5000 or s.text in texts  # only a single line may exceed 5 s


@pytest.mark.corpus
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name[:50])
def test_scripts_convert_only_when_asked_to_estimate(path):
    with pytest.raises(InputError, match="--estimate-timeline"):
        readers.read_path(path)
    timeline = readers.read_path(path, estimate_timeline=True)
    assert timeline.kind == "script"
    result = pipeline.build(timeline, profiles.NETFLIX_KO, SPEEDS)
    assert any(f.kind == "estimated-timeline" for f in result.findings)
    check_all(result)


def content(timeline):
    """All a timeline says but where it was read from: the captions are made of this alone."""
    return timeline.kind, timeline.segments, timeline.header, timeline.findings


@pytest.fixture(scope="module")
def seed():
    return content(readers.read_path(SAMPLE))


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        ("cp949", lambda t: t.encode("cp949")),
        ("euc-kr", lambda t: t.encode("euc-kr")),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        ("cp949 crlf with BOM-less", lambda t: t.replace("\n", "\r\n").encode("cp949")),
        ("cr only", lambda t: t.replace("\n", "\r").encode("utf-8")),
    ],
)
def test_encodings_and_line_ends_give_the_same_timeline(tmp_path, name, encode):
    text = SAMPLE.read_text(encoding="utf-8").replace("컨테E-A-T이너", "컨테이너")  # EUC-KR lacks nothing else
    path = tmp_path / "lecture.txt"
    path.write_bytes(encode(text))
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    assert content(readers.read_path(path)) == content(readers.read_path(plain))


def test_named_encoding_is_used(tmp_path, seed):
    path = tmp_path / "lecture.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("utf-16-le"))  # no BOM to tell it by
    with pytest.raises(InputError):
        readers.read_path(path)
    assert content(readers.read_path(path, encoding="utf-16-le")) == seed


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_bom_names_the_encoding(tmp_path, seed, encoding):
    path = tmp_path / "lecture.txt"
    text = SAMPLE.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert content(readers.read_path(path)) == seed


def test_western_text_is_not_read_as_korean():
    with pytest.raises(InputError, match="--encoding"):
        readers.decode("TRADUÇÃO: legendas em português".encode("cp1252"), "x.srt")
    assert readers.decode("한국어 자막, Docker를 씁니다".encode("cp949"), "x.srt") == "한국어 자막, Docker를 씁니다"
