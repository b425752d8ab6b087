"""captions: Korean-first subtitles for narrated lecture videos.

The command line (``captions generate``, ``captions check``) and the two functions here do the same
work; the functions return what they made instead of printing it, and raise ``CaptionsError`` (its
kinds in ``captions.errors``: ``InputError``, ``OptionError``, ``OutputError``, ``MediaError``)
instead of exiting::

    import captions

    done = captions.generate(["lecture_script_improved.txt"], "out", media="lecture_audio_improved.mp3",
                             media_speed=1.5, formats=["srt", "vtt", "words"])
    for lecture in done:
        print(lecture.written, len(lecture.result.captions), lecture.result.findings)
    [checked] = captions.check("out/lecture_script_improved.1.5x.srt")
    print(checked.breaches)

Importing this package loads nothing else and changes nothing in the caller's process: planning,
formats and media fitting load when a function is first called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from captions.caption import Caption
    from captions.measures import Measure
    from captions.pipeline import Result

__version__ = "0.1.0"
__all__ = ["Checked", "Generated", "__version__", "check", "generate"]

Paths = str | Path | Sequence[str | Path]
Speeds = Sequence[str | float | Fraction] | None


@dataclass(frozen=True)
class Generated:
    """One lecture done: its source, the files written (subtitles at every speed, the report, the page),
    and everything it produced (``result``: the timeline used, the captions at 1x — ``result.at(speed)``
    for another speed —, the findings, each speed's rule check in ``result.measures``)."""

    source: Path
    written: tuple[Path, ...]
    result: Result


@dataclass(frozen=True)
class Checked:
    """One subtitle file checked: its format, its captions as a player reads them, each speed's measures
    (reading speed and rules broken per caption) and the malformed cues skipped."""

    path: Path
    format: str
    captions: tuple[Caption, ...]
    measures: dict[Fraction, list[Measure]]
    skipped: int = 0

    @property
    def breaches(self) -> int:
        """How many rule breaches there are, over every caption and speed."""
        from captions.measures import broken

        return broken(self.measures)


def _paths(given: Paths) -> list[Path]:
    return [Path(given)] if isinstance(given, str | Path) else [Path(p) for p in given]


def _speeds(given: Speeds) -> list[str] | None:
    return None if given is None else [str(s) for s in given]


def generate(
    inputs: Paths,
    out: str | Path,
    *,
    speeds: Speeds = None,
    profile: str = "netflix-ko",
    formats: Sequence[str] = ("srt", "vtt", "ass"),
    media: str | Path | None = None,
    media_speed: str | float | Fraction | None = None,
    sync: str | None = None,
    estimate_timeline: bool = False,
    encoding: str | None = None,
    review: bool = True,
    srt_bold: bool = False,
    karaoke: bool = False,
    word_times: bool = False,
    player_names: bool = False,
) -> list[Generated]:
    """``captions generate`` as a function: captions for each lecture report or sidecar in ``inputs`` (a
    path, several, or folders of them), written to ``out``; the options are the command line's, by the
    same names (``sync`` for ``--sync``, ``review`` for ``--review``). Lectures are done in order, one at a
    time; the first that fails raises its ``CaptionsError`` (the files of those before it stay written)."""
    from captions import batch

    paths, options = batch.prepare(
        _paths(inputs),
        Path(out),
        speeds=_speeds(speeds),
        profile=profile,
        formats=list(formats),
        media=None if media is None else Path(media),
        sync_method=sync,
        media_speed=None if media_speed is None else str(media_speed),
        srt_bold=srt_bold,
        estimate_timeline=estimate_timeline,
        encoding=encoding,
        review=review,
        karaoke=karaoke,
        word_times=word_times,
        player_names=player_names,
    )
    done = []
    for path in paths:
        result, written = batch.lecture(path, options)
        done.append(Generated(path, tuple(written), result))
    return done


def check(
    paths: Paths,
    *,
    speeds: Speeds = None,
    profile: str = "netflix-ko",
    encoding: str | None = None,
    track: str | None = None,
) -> list[Checked]:
    """``captions check`` as a function: each subtitle file (any format ``check`` reads) measured against
    ``profile`` at ``speeds`` (multiples of the file's own clock; default 1 and 1.5). A file that cannot
    be read raises its ``InputError``."""
    from captions import batch
    from captions.formats import Options, read_path
    from captions.measures import measure_speeds

    chosen, rules = batch.speeds_and_profile(_speeds(speeds), profile)
    out = []
    for path in _paths(paths):
        read = read_path(path, encoding, Options(track=track))
        measures = measure_speeds(read.captions, rules, chosen)
        out.append(Checked(path, read.format, tuple(read.captions), measures, read.skipped))
    return out
