"""Output writers registered by name, and the one place that puts files on disk (atomically)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from captions.writers import ass, remotion, smi, srt, vtt


@dataclass(frozen=True)
class Format:
    """A subtitle format: the file extension it is written with and its writer."""

    extension: str
    write: Callable[..., str]


FORMATS: dict[str, Format] = {
    "srt": Format("srt", srt.write),
    "vtt": Format("vtt", vtt.write),
    "ass": Format("ass", ass.write),
    "smi": Format("smi", smi.write),
    "remotion": Format("captions.json", remotion.write),
}
DEFAULT_FORMATS = ("srt", "vtt", "ass")


class OutputError(Exception):
    """An output that must not or could not be written; nothing of the run is left behind."""


def identities(paths: Iterable[Path]) -> set[object]:
    """What the paths are on disk, for ``write_files(protected=…)``: worked out once per run."""
    return {_identity(p) for p in paths}


def write_files(out_dir: Path, files: Mapping[str, str], protected: Collection[object] = frozenset()) -> list[Path]:
    """Write every file or none: each to a temporary file in ``out_dir``, then all renamed into place.

    A file that already exists is replaced whole (never truncated and rewritten); an output that
    would land on one of the ``protected`` files (``identities`` of the inputs) is refused before anything
    is written.
    """
    targets = [out_dir / name for name in files]
    for target in targets:
        if _identity(target) in protected:
            raise OutputError(f"{target}: refusing to overwrite an input file")
        if target.exists() and not target.is_file():
            raise OutputError(f"{target}: exists and is not a file; refusing to replace it")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    created_dir = not out_dir.exists()
    temps: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, content in zip(targets, files.values(), strict=True):
            fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{target.name}.", suffix=".tmp")
            temps.append(Path(tmp))
            os.fchmod(fd, file_mode())
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
        for tmp, target in zip(temps, targets, strict=True):
            os.replace(tmp, target)
    except OSError as e:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if created_dir:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise OutputError(f"{e.filename or out_dir}: cannot write: {e.strerror or e}") from None
    return targets


def file_mode() -> int:
    """Permissions a new file gets here (0o666 less the umask): a temporary file starts at 0o600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _identity(path: Path) -> object:
    """What makes two paths the same file: device and inode when it exists, else the resolved path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return str(path.resolve())
