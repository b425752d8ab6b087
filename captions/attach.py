"""Subtitles into a copy of the rendered lecture, with ffmpeg: soft (muxed) or burned into the picture.

MP4/MOV get a ``mov_text`` stream, MKV keeps the subtitle file as it is (ASS styling included); both
are tagged Korean (``kor``) and default. ``burn`` renders the ASS (or any subtitle file) into the
picture with libass, re-encoding the video and copying the audio. The input video is never touched:
the result is written to a temporary file beside the output and renamed when ffmpeg succeeds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from captions.errors import CaptionsError, MediaError
from captions.formats import playable_suffixes, read_path
from captions.sync import duration_ms, has_picture, tool
from captions.writers import create_temporary

__all__ = ["MediaError", "attach", "command", "default_output", "duration_ms", "overrun"]  # the CLI reaches them here

SOFT_CODECS = {".mp4": "mov_text", ".m4v": "mov_text", ".mov": "mov_text", ".mkv": "copy"}


def default_output(video: Path, burn: bool) -> Path:
    """``lecture.captioned.mp4`` beside the video, or ``lecture.burned.mp4`` with ``--burn``."""
    suffix = video.suffix.lower() if video.suffix.lower() in SOFT_CODECS else ".mp4"
    return video.with_name(f"{video.stem}.{'burned' if burn else 'captioned'}{suffix}")


def overrun(video: Path, subtitles: Path, length: int | None = None) -> str | None:
    """A warning when the subtitles run on past the end of the video — most often the 1x file given with
    the 1.5x render: the subtitles' own last end (read as ``check`` reads them: ffprobe tells no length
    for a subtitle file) against the video's ``length`` (ffprobe's, unless given). None when they fit, or
    either length is unknown."""
    length = duration_ms(video) if length is None else length
    try:
        cues = read_path(subtitles).captions
    except CaptionsError:
        return None  # ffmpeg may still read it; attach says so if it cannot
    last = max((c.end_ms for c in cues), default=0)
    if length is None or last <= length + 1000:
        return None
    return (
        f"{subtitles} runs to {last / 1000:.1f} s, past the end of {video} ({length / 1000:.1f} s): "
        "is it the file for this video's speed (STEM.srt for a 1x video, STEM.1.5x.srt for a 1.5x one)?"
    )


def command(video: Path, subtitles: Path, output: Path, burn: bool, subtitle_name: str | None = None) -> list[str]:
    """The ffmpeg arguments (after ``ffmpeg``) that attach ``subtitles`` to ``video`` as ``output``."""
    common = ["-hide_banner", "-nostdin", "-y", "-progress", "pipe:1", "-nostats", "-loglevel", "error"]
    if burn:
        # the filter reads a file name of its own syntax: the caller runs ffmpeg where it is a plain name
        return [
            *common, "-i", str(video), "-map", "0:v:0", "-map", "0:a?",
            "-vf", f"subtitles={subtitle_name or subtitles.name}",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
            "-c:a", "copy", "-movflags", "+faststart", str(output),
        ]  # fmt: skip
    codec = SOFT_CODECS.get(output.suffix.lower())
    if codec is None:
        raise MediaError(f"{output}: soft subtitles need an .mp4, .m4v, .mov or .mkv output (or use --burn)")
    return [
        *common, "-i", str(video), "-i", str(subtitles),
        "-map", "0:v?", "-map", "0:a?", "-map", "1:0",
        "-c:v", "copy", "-c:a", "copy", "-c:s", codec,
        "-metadata:s:s:0", "language=kor", "-disposition:s:0", "default", str(output),
    ]  # fmt: skip


def attach(
    video: Path,
    subtitles: Path,
    output: Path,
    burn: bool = False,
    on_progress: Callable[[float], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Path:
    """Run ffmpeg and put the result at ``output``; never overwrites the video or an existing file.
    ``on_warning`` hears of subtitles that outlast the video (``overrun``), once the inputs are found usable."""
    ffmpeg = tool("ffmpeg")
    for path, what in ((video, "video"), (subtitles, "subtitle file")):
        if not path.is_file():
            raise MediaError(f"{path}: no such {what}")
    suffixes = playable_suffixes()
    if subtitles.suffix.lower() not in suffixes:
        raise MediaError(f"{subtitles}: not a subtitle file ffmpeg reads ({', '.join(sorted(suffixes))})")
    if output.exists():
        same = output.resolve() == video.resolve()
        raise MediaError(f"{output}: {'is the input video' if same else 'already exists'}; choose another name with -o")
    if not has_picture(video):
        raise MediaError(f"{video}: no moving picture in it (a still image, audio only, or not media): give the video")
    total = duration_ms(video)
    if on_warning is not None and (warning := overrun(video, subtitles, total)):
        on_warning(warning)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = create_temporary(output.parent, output.stem, output.suffix)
    os.close(fd)
    workdir = Path(tempfile.mkdtemp(prefix="captions-attach-"))
    try:
        name = None
        if burn:
            name = "subtitles" + subtitles.suffix.lower()
            shutil.copyfile(subtitles, workdir / name)
        cmd = [ffmpeg, *command(video.resolve(), subtitles.resolve(), tmp.resolve(), burn, name)]
        _run(cmd, workdir, total, on_progress)
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return output


def _run(cmd: list[str], cwd: Path, total_ms: int | None, on_progress: Callable[[float], None] | None) -> None:
    """Run ffmpeg, reporting the share done from its ``-progress`` output; its last error line on failure."""
    with subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and total_ms and on_progress and value.isdigit():
                on_progress(min(1.0, int(value) / 1000 / total_ms))
        errors = proc.stderr.read()
    if proc.returncode != 0:
        last = (errors.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise MediaError(f"ffmpeg failed: {last[:200]}")
    if on_progress:
        on_progress(1.0)
