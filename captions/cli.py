"""Command line: argument handling and printing only; the work is in ``pipeline``."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer

from captions import pipeline, profiles, readers
from captions.timeline import InputError
from captions.timing import parse_speed, speed_label
from captions.writers import DEFAULT_FORMATS, OutputError, write_files

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Subtitles for narrated Korean lectures: SRT, WebVTT, ASS at 1x and 1.5x, and a reading-speed report.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"captions: error: {message}", err=True)
    return typer.Exit(2)


@app.callback()
def _root() -> None:
    """Korean-first subtitles for narrated lectures."""


@app.command()
def generate(
    inputs: Annotated[list[Path], typer.Argument(help="Lecture reports (*_improved.txt) or *_segments.json sidecars.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the subtitle files and the report.")],
    speed: Annotated[
        list[str] | None,
        typer.Option("--speed", help="Playback speed; repeat for several. Default: 1 and 1.5."),
    ] = None,
    profile: Annotated[str, typer.Option("--profile", help="Rule set the captions are held to.")] = profiles.DEFAULT,
    srt_bold: Annotated[bool, typer.Option("--srt-bold", help="Keep emphasis in SRT as <b> tags.")] = False,
    estimate_timeline: Annotated[
        bool,
        typer.Option("--estimate-timeline", help="Time a script without a segment list by upstream's rule."),
    ] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Input encoding. Default: UTF-8 (with or without BOM), else CP949.")
    ] = None,
) -> None:
    """Write STEM.srt/.vtt/.ass (and STEM.1.5x.* for other speeds) and STEM.report.txt for each input."""
    try:
        speeds = pipeline.unique_speeds([parse_speed(s) for s in (speed or ["1", "1.5"])])
        rules = profiles.get(profile)
    except (ValueError, KeyError) as e:
        raise _fail(str(e.args[0])) from None
    stems = [p.stem for p in inputs]
    if len(set(stems)) < len(stems):
        raise _fail("two inputs have the same file name; their outputs would collide in " + str(out))
    failed = 0
    for path in inputs:
        try:
            timeline = readers.read_path(path, encoding=encoding, estimate_timeline=estimate_timeline)
            result = pipeline.build(timeline, rules, speeds)
            files = pipeline.render(result, path.stem, DEFAULT_FORMATS, srt_bold=srt_bold)
            write_files(out, files, protected=inputs)
        except (InputError, OutputError) as e:
            typer.echo(f"captions: error: {e}", err=True)
            failed += 1
            continue
        typer.echo(_summary(path, out, result, speeds))
    if failed:
        raise typer.Exit(2)


def _summary(path: Path, out: Path, result: pipeline.Result, speeds: tuple[Fraction, ...]) -> str:
    breaches = sum(len(m.violations) for ms in result.measures().values() for m in ms)
    return (
        f"{path} → {out / path.stem}.{{srt,vtt,ass}} at {', '.join(speed_label(s) for s in speeds)} + report: "
        f"{len(result.captions)} captions in {len(result.timeline.segments)} segments, "
        f"{result.timeline.end_ms / 1000:g} s; {breaches} rule breaches, {len(result.findings)} findings"
    )


def main() -> None:
    """Console-script entry point."""
    app()
