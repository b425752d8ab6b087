"""read → lint → plan → time → scale → write, as pure functions over plain data.

``build`` turns a timeline into captions and findings; ``render`` turns them into the text of
every output file. Only the readers and ``writers.write_files`` touch the disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from captions import lint, plan, timing
from captions.caption import Caption
from captions.check import Measure, measure_speeds
from captions.profiles import Profile
from captions.text import markup, sentences
from captions.timeline import Finding, Timeline
from captions.writers import FORMATS, report


@dataclass(frozen=True)
class Result:
    """Everything one lecture produces, before any file is written."""

    timeline: Timeline
    profile: Profile
    speeds: tuple[Fraction, ...]
    captions: tuple[Caption, ...]  # at 1x
    findings: tuple[Finding, ...]

    def at(self, speed: Fraction) -> list[Caption]:
        """The captions with times at playback ``speed``."""
        return timing.scale(self.captions, speed)

    def measures(self) -> dict[Fraction, list[Measure]]:
        """Each speed's rule check of the captions."""
        return measure_speeds(self.captions, self.profile, self.speeds)


def unique_speeds(speeds: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """Speeds in the order given, each once."""
    return tuple(dict.fromkeys(speeds))


def build(timeline: Timeline, profile: Profile, speeds: Sequence[Fraction]) -> Result:
    """Captions for a timeline: every segment planned for all ``speeds`` at once, timed inside its span."""
    speeds = unique_speeds(speeds)
    riches = [markup.parse(seg.text) for seg in timeline.segments]
    split = sentences.split([r.text for r in riches])
    captions: list[Caption] = []
    for seg, rich, sents in zip(timeline.segments, riches, split, strict=True):
        chunks = plan.plan(rich, sentences.sentence_ends(rich.text, sents), seg.duration_ms, profile, speeds)
        captions.extend(timing.allocate(seg, chunks))
    findings = (*timeline.findings, *lint.lint(timeline, riches, profile))
    return Result(timeline, profile, speeds, tuple(captions), findings)


def output_name(stem: str, speed: Fraction, extension: str) -> str:
    """``STEM.ext`` at 1x, ``STEM.1.5x.ext`` at other speeds."""
    return f"{stem}.{extension}" if speed == 1 else f"{stem}.{timing.speed_label(speed)}.{extension}"


def render(result: Result, stem: str, formats: Sequence[str], *, srt_bold: bool = False) -> dict[str, str]:
    """File name → content for every requested format at every speed, and the report."""
    files: dict[str, str] = {}
    for speed in result.speeds:
        captions = result.at(speed)
        for name in formats:
            fmt = FORMATS[name]
            options = {"bold": srt_bold} if name == "srt" else {}
            files[output_name(stem, speed, fmt.extension)] = fmt.write(captions, **options)
    files[f"{stem}.report.txt"] = report.write(
        result.timeline, result.profile, result.speeds, result.captions, result.measures(), result.findings
    )
    return files
