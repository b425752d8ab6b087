"""Command line: argument handling and printing only; the work is in ``pipeline``."""

from __future__ import annotations

import json
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer

from captions import pipeline, profiles, readers
from captions.check import as_json, broken, measure_speeds
from captions.readers import subtitles
from captions.timeline import InputError
from captions.timing import parse_speed, speed_label
from captions.writers import DEFAULT_FORMATS, OutputError, report, write_files

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


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="SRT, WebVTT or ASS files, from any tool.")],
    profile: Annotated[str, typer.Option("--profile", help="Rule set to check against.")] = profiles.DEFAULT,
    speed: Annotated[
        list[str] | None, typer.Option("--speed", help="Playback speed; repeat for several. Default: 1 and 1.5.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any rule is broken.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for machines.")] = OutputFormat.text,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Encoding. Default: UTF-8, else CP949.")] = None,
) -> None:
    """Reading speed and rule breaches of every caption in any subtitle file."""
    try:
        speeds = pipeline.unique_speeds([parse_speed(s) for s in (speed or ["1", "1.5"])])
        rules = profiles.get(profile)
    except (ValueError, KeyError) as e:
        raise _fail(str(e.args[0])) from None
    unreadable = breaches = 0
    results = []
    for path in files:
        try:
            fmt, captions = subtitles.read_path(path, encoding)
        except InputError as e:
            typer.echo(f"captions: error: {e}", err=True)
            unreadable += 1
            continue
        measures = measure_speeds(captions, rules, speeds)
        breaches += broken(measures)
        if output is OutputFormat.json:
            results.append(as_json(str(path), fmt, rules, captions, measures))
        else:
            typer.echo(f"{path} ({fmt.upper()}, {len(captions)} captions, {rules.describe()})")
            typer.echo("\n".join(report.speed_summary(speeds, measures)))
            typer.echo("")
            typer.echo("\n".join(report.caption_blocks(captions, speeds, measures)))
    if output is OutputFormat.json:
        typer.echo(json.dumps({"files": results}, ensure_ascii=False, indent=2))
    if unreadable:
        raise typer.Exit(2)
    if strict and breaches:
        raise typer.Exit(1)


@app.command("profiles")
def list_profiles() -> None:
    """The rule sets there are, with their numbers and where they come from."""
    for p in profiles.PROFILES.values():
        default = " (default)" if p.name == profiles.DEFAULT else ""
        typer.echo(f"{p.describe()}{default}\n    {p.source}")


def _summary(path: Path, out: Path, result: pipeline.Result, speeds: tuple[Fraction, ...]) -> str:
    breaches = broken(result.measures())
    return (
        f"{path} → {out / path.stem}.{{srt,vtt,ass}} at {', '.join(speed_label(s) for s in speeds)} + report: "
        f"{len(result.captions)} captions in {len(result.timeline.segments)} segments, "
        f"{result.timeline.end_ms / 1000:g} s; {breaches} rule breaches, {len(result.findings)} findings"
    )


def main() -> None:
    """Console-script entry point."""
    app()
