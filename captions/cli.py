"""Command line: argument handling and printing only; the work is in ``pipeline``.

Unlike the rest of the package, this module evaluates its annotations as it is imported (no
``from __future__ import annotations``): typer reads every command's parameters on every run, and
annotations kept as strings it would evaluate twice each time, compiling each string anew — about
5 ms a run, where built once at import they cost about 1.
"""

import atexit
import contextlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError  # typer 0.28 vendors click here
from typer.core import TyperCommand, TyperGroup

from captions import batch, profiles
from captions.errors import InputError, Interrupted, OptionError, raise_interrupted
from captions.formats import DEFAULT_FORMATS, FORMATS, Options
from captions.formats import read_path as read_subtitles
from captions.measures import as_json, broken, flags, measure_speeds
from captions.writers import remove_temporaries, report


class _Commands(TyperGroup):
    """The command group, its usage errors (a missing option, a bad value) written as every other error
    of ours is: one plain line, ``captions: error: …``, exit status 2 — not a box drawn by rich."""

    def main(  # type: ignore[override]  # the same call, narrowed to what typer passes
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as e:  # `captions` alone: the help, as asked for
            typer.echo(e.format_message())
            sys.exit(0)
        except UsageError as e:
            command = f" {e.ctx.info_name}" if e.ctx is not None and e.ctx.parent is not None else ""
            hint = f" (see captions{command} --help)"
            typer.echo(f"captions: error: {' '.join(e.format_message().split())}{hint}", err=True)
            sys.exit(2)
        except typer.Abort:
            typer.echo("captions: stopped", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class _Command(TyperCommand):
    """A command whose usage line names its arguments plainly (``INPUT...``), without the braces typer
    puts around a required one (``{inputs}...``)."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [piece.removeprefix("{").removesuffix("}") for piece in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Subtitles for narrated Korean lectures: SRT, WebVTT, ASS at 1x and 1.5x, and a reading-speed report.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"captions: error: {message}", err=True)
    return typer.Exit(2)


def _speeds_and_rules(speed: list[str] | None, profile: str) -> tuple[tuple[Fraction, ...], profiles.Profile]:
    """The requested speeds (default 1 and 1.5) and profile, or the one-line error that exits 2."""
    try:
        return batch.speeds_and_profile(speed, profile)
    except OptionError as e:
        raise _fail(str(e)) from None


def _version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"captions {version('captions')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            from captions import __version__

            typer.echo(f"captions {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Korean-first subtitles for narrated lectures."""


@app.command(cls=_Command)
def generate(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT...", help="Lecture reports (*_improved.txt), *_segments.json sidecars, or folders of them."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the subtitle files and the reports.")],
    speed: Annotated[
        list[str] | None,
        typer.Option("--speed", help="Playback speed; repeat for several. Default: 1 and 1.5."),
    ] = None,
    profile: Annotated[str, typer.Option("--profile", help="Rule set the captions are held to.")] = profiles.DEFAULT,
    srt_bold: Annotated[bool, typer.Option("--srt-bold", help="Keep emphasis in SRT as <b> tags.")] = False,
    karaoke: Annotated[
        bool, typer.Option("--karaoke", help="In ASS, light each word up as it is said (karaoke).")
    ] = False,
    word_times: Annotated[
        bool,
        typer.Option(
            "--word-times", help="In WebVTT, a timestamp before each word, for players that style spoken words."
        ),
    ] = False,
    estimate_timeline: Annotated[
        bool,
        typer.Option("--estimate-timeline", help="Time a script without a segment list by upstream's rule."),
    ] = False,
    player_names: Annotated[
        bool,
        typer.Option(
            "--player-names",
            help="Name the files for the media's speed after the media, as players look for them: lecture.ko.srt.",
        ),
    ] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Input encoding. Default: UTF-8 (with or without BOM), else CP949.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Lectures converted at once. Default: the CPU count.")
    ] = None,
    media: Annotated[
        Path | None,
        typer.Option(
            "--media", help="The lecture's audio or video (WAV, MP3, MP4…), or a folder of them named like the inputs."
        ),
    ] = None,
    sync_method: Annotated[
        str | None,
        typer.Option(
            "--sync",
            help="content (default with --media), pauses, scale, or none: how to fit the timeline to the media.",
        ),
    ] = None,
    media_speed: Annotated[
        str | None,
        typer.Option(
            "--media-speed",
            help="The speed the media plays the lecture at (upstream's _audio_improved.mp3: 1.5). Default: 1.",
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--formats", help="Comma-separated, from: " + ", ".join(FORMATS) + ". The report is always written."
        ),
    ] = ",".join(DEFAULT_FORMATS),
    review_page: Annotated[
        bool,
        typer.Option(
            "--review/--no-review",
            help="Also write STEM.review.html: the report as a page, with charts, that plays the --media.",
        ),
    ] = True,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, print the traceback after its line.")
    ] = False,
) -> None:
    """Write STEM.srt/.vtt/.ass (and STEM.1.5x.* for other speeds), STEM.report.txt and STEM.review.html
    for each input."""
    try:
        paths, options = batch.prepare(
            inputs,
            out,
            speeds=speed,
            profile=profile,
            formats=formats.split(","),
            media=media,
            sync_method=sync_method,
            media_speed=media_speed,
            srt_bold=srt_bold,
            estimate_timeline=estimate_timeline,
            encoding=encoding,
            review=review_page,
            karaoke=karaoke,
            word_times=word_times,
            player_names=player_names,
        )
    except OptionError as e:
        raise _fail(str(e)) from None
    started = time.perf_counter()
    errors: list[str] = []
    converted = 0
    late: list[batch.Outcome] = []  # finished in a worker as the run was stopped
    previous = signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        with (
            _progress(len(paths)) as advance,
            closing(batch.run(paths, options, jobs or batch.default_jobs(), late)) as run,
        ):
            for outcome in run:
                if outcome.error:
                    errors.append(outcome.error)
                    typer.echo(f"captions: error: {outcome.error}", err=True)
                    if debug and outcome.detail:
                        typer.echo(outcome.detail.rstrip(), err=True)
                else:
                    converted += 1
                    typer.echo(outcome.summary)
                advance()
    except (Interrupted, KeyboardInterrupt) as e:
        stop = e if isinstance(e, Interrupted) else Interrupted(signal.SIGINT)
        remove_temporaries(out)
        for outcome in late:
            converted += 1
            typer.echo(outcome.summary)
        typer.echo(
            f"captions: interrupted by {stop.name}: {converted} of {len(paths)} lectures converted, none half-written",
            err=True,
        )
        raise typer.Exit(stop.exit_status) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if len(paths) > 1:
        typer.echo(
            f"{converted} of {len(paths)} lectures converted in {time.perf_counter() - started:.1f} s"
            + (f"; {len(errors)} failed (listed above)" if errors else ""),
            err=bool(errors),
        )
    if errors:
        raise typer.Exit(2)


@contextmanager
def _progress(total: int, label: str = "자막 생성") -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal; nothing when output goes to a file or a pipe."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("generate", total=total)
        yield lambda: bar.advance(task)


def _timed_for(path: Path) -> str | None:
    """The speed a file's name says it is timed for (``STEM.1.5x.srt`` → ``1.5x``), if it says one."""
    found = re.search(r"\.(\d+(?:\.\d+)?)x\.[^.]+$", path.name)
    return f"{found.group(1)}x" if found else None


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(cls=_Command)
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Subtitle files from any tool, in any of: "
            + ", ".join(f.name.upper() for f in FORMATS.values() if f.read)
            + " (told from their content).",
        ),
    ],
    profile: Annotated[str, typer.Option("--profile", help="Rule set to check against.")] = profiles.DEFAULT,
    speed: Annotated[
        list[str] | None, typer.Option("--speed", help="Playback speed; repeat for several. Default: 1 and 1.5.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any rule is broken.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for machines.")] = OutputFormat.text,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding. Default: the BOM's, else UTF-8, else CP949 if it reads as Korean."),
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", help="SAMI track (Class) to check. Default: the Korean one.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every caption, not only those that break a rule.")
    ] = False,
) -> None:
    """Reading speed and rule breaches of every caption in any subtitle file.

    Speeds are multiples of the file's own clock: for a file already timed for 1.5x, --speed 1 is what it shows."""
    speeds, rules = _speeds_and_rules(speed, profile)
    unreadable = breaches = 0
    results = []
    for path in files:
        try:
            read = read_subtitles(path, encoding, Options(track=track))
        except InputError as e:
            typer.echo(f"captions: error: {e}", err=True)
            unreadable += 1
            continue
        fmt, captions = read.format, read.captions
        if read.skipped:
            skipped = batch.count(read.skipped, "malformed cue or line", "malformed cues or lines")
            typer.echo(f"captions: warning: {path}: {skipped} skipped", err=True)
        measures = measure_speeds(captions, rules, speeds)
        breaches += broken(measures)
        timed_for = _timed_for(path)
        if output is OutputFormat.json:
            data = as_json(str(path), fmt, rules, captions, measures)
            data.update(clock="file", timed_for=timed_for, skipped=read.skipped, track=read.track)
            results.append(data)
        else:
            tracks = f", track {read.track} of {', '.join(read.tracks)}" if len(read.tracks) > 1 else ""
            typer.echo(f"{path} ({fmt.upper()}, {batch.count(len(captions), 'caption')}{tracks}, {rules.describe()})")
            clock = "speeds are of the file's own clock"
            if timed_for:
                clock += f"; its name says it is timed for {timed_for} already, so 1.5x here is {timed_for} × 1.5"
            typer.echo(f"({clock})")
            typer.echo("\n".join(report.speed_summary(speeds, measures)))
            flagged = sum(bool(flags(measures, speeds, i)) for i in range(len(captions)))
            more = "" if show_all else " (--all lists every caption)"
            breaks = "breaks" if flagged == 1 else "break"
            typer.echo(f"{flagged} of {batch.count(len(captions), 'caption')} {breaks} a rule{more}")
            typer.echo("")
            blocks = report.caption_blocks(captions, speeds, measures, flagged_only=not show_all)
            if blocks:
                typer.echo("\n".join(blocks))
    if output is OutputFormat.json:
        typer.echo(json.dumps({"files": results}, ensure_ascii=False, indent=2))
    if unreadable:
        raise typer.Exit(2)
    if strict and breaches:
        raise typer.Exit(1)


@app.command(cls=_Command)
def attach(
    video: Annotated[Path, typer.Argument(metavar="VIDEO", help="The rendered lecture (MP4, MOV or MKV).")],
    subtitles: Annotated[
        Path, typer.Argument(metavar="SUBTITLES", help="Subtitle file for that video's speed (.srt, .vtt, .ass).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Result. Default: VIDEO.captioned.mp4 (or .burned.mp4).")
    ] = None,
    burn: Annotated[bool, typer.Option("--burn", help="Render the subtitles into the picture (libass).")] = False,
) -> None:
    """Put subtitles into a copy of the video: a Korean soft-subtitle stream, or burned into the picture."""
    from captions import attach as media

    target = output or media.default_output(video, burn)
    try:
        with _progress(100, "자막 입히기") as advance:
            done = [0]

            def progress(share: float) -> None:
                step = int(share * 100) - done[0]
                for _ in range(max(0, step)):
                    advance()
                done[0] += max(0, step)

            def warn(message: str) -> None:
                typer.echo(f"captions: warning: {message}", err=True)

            result = media.attach(video, subtitles, target, burn=burn, on_progress=progress, on_warning=warn)
    except media.MediaError as e:
        raise _fail(str(e)) from None
    typer.echo(f"{video} + {subtitles} → {result}" + (" (burned in)" if burn else " (Korean soft subtitles)"))


@app.command("profiles")
def list_profiles() -> None:
    """The rule sets there are, with their numbers and where they come from."""
    for p in profiles.PROFILES.values():
        default = " (default)" if p.name == profiles.DEFAULT else ""
        typer.echo(f"{p.describe()}{default}\n    {p.source}")


def main() -> None:
    """Console-script entry point: run the command, then leave without the interpreter's teardown.

    By the time the command returns, every output file is closed and renamed into place, the worker
    processes are joined, and the exit handlers run below; what teardown would still do is free every
    module and object one by one (kss's tables among them: tens of milliseconds a run) for a process
    that is about to end anyway. So standard output and error are flushed and the process exits.
    An exception that is not an exit (a bug) takes the ordinary way out, with its traceback.
    """
    try:
        app()
        code: object = 0
    except SystemExit as e:
        code = e.code
    if code is not None and not isinstance(code, int):  # sys.exit("message"): as Python does it
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code or 0)
