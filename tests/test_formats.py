"""The format registries: a format or a lecture reader defined only here goes through everything the
built-in ones do — rendering, ``--formats``, ``check``, detection and every writer invariant — by one
registry entry; detection refuses text that no format, or several, claim."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction

import pytest
from conftest import CORPUS, SAMPLE
from hypothesis import given
from invariants import check_all, check_writers
from test_escaping import captions as hostile_captions
from typer.testing import CliRunner

from captions import formats, pipeline, profiles, readers
from captions.caption import Caption
from captions.cli import app
from captions.errors import InputError
from captions.formats import FORMATS, Format, Options, Read
from captions.formats.base import DEFAULTS, Unreadable, caption
from captions.readers import READERS
from captions.readers.base import LectureFormat
from captions.timeline import Segment, Timeline

MAGIC = "#TSV-CAPTIONS"


def _tsv_write(captions: Sequence[Caption], options: Options = DEFAULTS) -> str:
    """One cue a row: start, end, lines joined by a literal ``\\n`` (backslashes doubled first)."""
    rows = [MAGIC]
    for c in captions:
        text = "\\n".join(line.replace("\\", "\\\\") for line in c.text.split("\n"))
        rows.append(f"{c.start_ms}\t{c.end_ms}\t{text}")
    return "\n".join(rows) + "\n"


def _tsv_read(text: str, options: Options = DEFAULTS) -> Read:
    out = []
    for k, row in enumerate(text.split("\n")[1:], 2):
        if not row:
            continue
        parts = row.split("\t")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            raise Unreadable(f"row {k}: not start<TAB>end<TAB>text")
        lines, line, i = [], [], 0
        while i < len(parts[2]):
            two = parts[2][i : i + 2]
            if two == "\\\\":
                line.append("\\")
                i += 2
            elif two == "\\n":
                lines.append("".join(line))
                line, i = [], i + 2
            else:
                line.append(parts[2][i])
                i += 1
        lines.append("".join(line))
        out.append(caption(int(parts[0]), int(parts[1]), lines))
    return Read("tsv", out)


TSV = Format("tsv", "tsv", _tsv_write, lambda text: text.startswith(MAGIC), _tsv_read)


@pytest.fixture
def with_tsv(monkeypatch: pytest.MonkeyPatch) -> Format:
    """The test format, registered the way a new module would be: one entry."""
    monkeypatch.setitem(FORMATS, "tsv", TSV)
    return TSV


@given(hostile_captions())
def test_a_new_format_goes_through_every_writer_invariant(caps):
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(FORMATS, "tsv", TSV)
        check_writers(caps)  # every registered format, the new one among them
        check_writers(caps, [TSV])


def test_the_writer_invariants_catch_a_broken_format():
    """The invariants fail a format that loses text, or whose output another format claims."""
    caps = [caption(0, 1000, ["가나"])]
    lossy = Format("lossy", "x", _tsv_write, TSV.sniff, lambda t, o=DEFAULTS: Read("lossy", []))
    with pytest.raises(AssertionError), pytest.MonkeyPatch.context() as patch:
        patch.setitem(FORMATS, "lossy", lossy)
        check_writers(caps, [lossy])
    greedy = Format("greedy", "x", _tsv_write, lambda t: True, _tsv_read)
    with pytest.raises(AssertionError), pytest.MonkeyPatch.context() as patch:
        patch.setitem(FORMATS, "greedy", greedy)
        check_writers(caps)  # it claims what SRT (and every other format) writes


def test_a_new_format_renders_and_checks_through_the_cli(tmp_path, with_tsv):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(SAMPLE), "-o", str(out), "--formats", "srt,tsv", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    stem = SAMPLE.stem
    assert written == sorted(
        [f"{stem}.{ext}" for ext in ("srt", "tsv", "1.5x.srt", "1.5x.tsv", "report.txt", "review.html")]
    )
    mine = formats.read_path(out / f"{stem}.tsv").captions
    theirs = formats.read_path(out / f"{stem}.srt").captions
    assert mine == theirs and mine
    checked = CliRunner().invoke(app, ["check", str(out / f"{stem}.1.5x.tsv"), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["files"][0]["format"] == "tsv"


def test_a_lecture_through_the_pipeline_meets_every_invariant_in_the_new_format(with_tsv):
    timeline = readers.read_path(SAMPLE)
    result = pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1), Fraction(3, 2)])
    check_all(result)  # its writers check includes the new format
    files = pipeline.render(result, "x", ["tsv"])
    assert set(files) == {"x.tsv", "x.1.5x.tsv", "x.report.txt", "x.review.html"}
    assert formats.parse(files["x.1.5x.tsv"], "x.1.5x.tsv").captions == [
        caption(c.start_ms, c.end_ms, c.text.split("\n")) for c in result.at(Fraction(3, 2))
    ]


def test_detection_refuses_text_no_format_or_several_formats_claim(monkeypatch):
    with pytest.raises(InputError, match="not a subtitle file in any format"):
        formats.parse("그냥 글입니다.\n", "a.txt")
    with pytest.raises(InputError, match="the file is empty"):
        formats.parse(" \n", "a.srt")
    srt_text = formats.srt.write([caption(0, 1000, ["가나"])])
    assert formats.detect(srt_text, "a.srt") is FORMATS["srt"]
    monkeypatch.setitem(FORMATS, "greedy", Format("greedy", "g", _tsv_write, lambda t: True, _tsv_read))
    with pytest.raises(InputError, match="reads as SRT and GREEDY at once"):
        formats.parse(srt_text, "a.srt")


def test_a_format_without_a_reader_is_never_detected_and_never_offered_to_check(monkeypatch):
    monkeypatch.setitem(FORMATS, "blind", Format("blind", "b", _tsv_write, lambda t: True))
    srt_text = formats.srt.write([caption(0, 1000, ["가나"])])
    assert formats.detect(srt_text, "a.srt").name == "srt"


def test_attach_accepts_what_the_registry_says_players_read(monkeypatch):
    assert formats.playable_suffixes() == {".srt", ".vtt", ".ass", ".ssa", ".smi", ".sami"}
    monkeypatch.setitem(FORMATS, "tsv", Format("tsv", "tsv", _tsv_write, TSV.sniff, _tsv_read, suffixes=(".tsv",)))
    assert ".tsv" in formats.playable_suffixes()


# -- lecture readers ------------------------------------------------------------------------------

LECTURE_MAGIC = "#TSV-LECTURE"


def _lecture_read(text: str, source: str) -> Timeline:
    segments = []
    for row in text.split("\n")[1:]:
        if row:
            start, end, words = row.split("\t")
            segments.append(Segment(len(segments) + 1, int(start), int(end), words))
    return Timeline(source, "tsv-lecture", tuple(segments))


TSV_LECTURE = LectureFormat("tsv-lecture", "a TSV lecture", lambda t: t.startswith(LECTURE_MAGIC), _lecture_read)


def test_a_new_lecture_reader_is_one_registry_entry(tmp_path, monkeypatch):
    monkeypatch.setitem(READERS, TSV_LECTURE.name, TSV_LECTURE)
    path = tmp_path / "a.tsv"
    path.write_text(
        f"{LECTURE_MAGIC}\n0\t4000\t안녕하세요, 오늘은 자막 이야기를 합니다.\n4000\t6000\t끝.\n", encoding="utf-8"
    )
    timeline = readers.read_path(path)
    assert timeline.kind == "tsv-lecture" and len(timeline.segments) == 2
    check_all(pipeline.build(timeline, profiles.NETFLIX_KO, [Fraction(1), Fraction(3, 2)]))
    result = CliRunner().invoke(app, ["generate", str(path), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "a.1.5x.vtt").is_file()


def test_lecture_detection_refuses_text_several_readers_claim(monkeypatch):
    text = SAMPLE.read_text(encoding="utf-8")
    monkeypatch.setitem(READERS, "greedy", LectureFormat("greedy", "anything", lambda t: True, _lecture_read))
    with pytest.raises(InputError, match="reads as report and greedy at once"):
        readers.read_text(text, "a.txt")


def test_subtitles_given_as_a_lecture_are_named_as_such():
    srt_text = formats.srt.write([caption(0, 1000, ["가나"])])
    with pytest.raises(InputError, match="it is SRT subtitles, which `captions check` reads"):
        readers.read_text(srt_text, "a.srt")
    remotion = formats.remotion.write([caption(0, 1000, ["가나"])])
    with pytest.raises(InputError, match=r"not a segments sidecar.*it is REMOTION subtitles"):
        readers.read_text(remotion, "a.captions.json")


@pytest.mark.corpus
def test_every_corpus_file_is_claimed_by_exactly_one_reader(corpus):
    files = [p for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".json")]
    assert len(files) > 40
    for path in files:
        text = readers.load(path)
        claims = [r.name for r in READERS.values() if r.sniff(text)]
        expected = "segments-json" if path.suffix == ".json" else ("report" if "_improved" in path.name else "script")
        assert claims == [expected], (path.name, claims)


@pytest.mark.corpus
def test_corpus_readme_is_no_lecture():
    with pytest.raises(InputError, match="not a lecture report"):
        readers.read_path(CORPUS / "README.md")
