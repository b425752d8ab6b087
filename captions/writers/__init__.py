"""The one place that puts files on disk: a set of outputs written whole and atomically, or not at all.

What goes into the files is made elsewhere (``captions.formats``, ``writers.report``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from captions.errors import OutputError


def identities(paths: Iterable[Path]) -> set[object]:
    """What the paths are on disk, for ``write_files(protected=…)``: worked out once per run."""
    return {_identity(p) for p in paths}


TEMP_SUFFIX = ".tmp"
# In every temporary's name, so that a run stopped by a signal removes its own leftovers and never
# another run's; forked workers inherit it.
RUN_TOKEN = os.urandom(4).hex()  # not ``secrets``: it imports hmac and OpenSSL, 3 ms a run for the same bytes


def create_temporary(directory: Path, name: str, suffix: str = TEMP_SUFFIX) -> tuple[int, Path]:
    """A new, empty file beside where ``name`` will go, open for writing, hidden and unique.

    Created with mode 0o666 so the kernel applies the umask at once: the file has its final
    permissions from the start (``tempfile.mkstemp`` makes 0o600, and reading the umask to fix that
    later means setting it, a race with every other thread that creates files).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        path = directory / f".{name}.{RUN_TOKEN}{os.urandom(4).hex()}{suffix}"
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {directory}")  # pragma: no cover


def write_files(out_dir: Path, files: Mapping[str, str], protected: Collection[object] = frozenset()) -> list[Path]:
    """Write every file or none: each to a temporary file in ``out_dir``, then all put in place as a set.

    A file that already exists is replaced whole (never truncated and rewritten). Before a file is
    replaced, the old one is kept under a second name (a hard link, so it never disappears), and if
    any rename fails — or the run is interrupted — every file already replaced gets its old content
    back and every new one is removed: the folder holds the old set or the new set, never a mix. An
    output that would land on one of the ``protected`` files (``identities`` of the inputs) is refused
    before anything is written.
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
    placed: list[tuple[Path, Path, Path | None]] = []  # (temporary, target, its old content or None if new)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, content in zip(targets, files.values(), strict=True):
            fd, tmp = create_temporary(out_dir, target.name)
            temps.append(tmp)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
        for tmp, target in zip(temps, targets, strict=True):
            placed.append((tmp, target, _keep_old(target)))
            os.replace(tmp, target)
    except BaseException as e:
        _roll_back(placed, temps)
        if created_dir:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        if isinstance(e, OSError):
            raise OutputError(f"{e.filename or out_dir}: cannot write: {e.strerror or e}") from None
        raise
    for _, _, old in placed:
        if old is not None:
            with contextlib.suppress(OSError):
                old.unlink()
    return targets


def remove_temporaries(out_dir: Path) -> int:
    """Remove the temporary files this run left in ``out_dir`` (a worker stopped mid-write); how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for path in out_dir.glob(f".*.{RUN_TOKEN}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def _keep_old(target: Path) -> Path | None:
    """A second name for the file now at ``target`` (None when there is none), to restore it from."""
    if not target.exists():
        return None
    fd, backup = create_temporary(target.parent, target.name, ".old")
    os.close(fd)
    os.unlink(backup)
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: a copy serves
        shutil.copy2(target, backup)
    return backup


def _roll_back(placed: list[tuple[Path, Path, Path | None]], temps: list[Path]) -> None:
    """Undo a partly placed set: old files back, new ones and every temporary removed."""
    for tmp, target, old in reversed(placed):
        with contextlib.suppress(OSError):
            if old is not None:
                os.replace(old, target)
                old.unlink(missing_ok=True)  # renaming a link onto the same file does nothing: it stays
            elif not tmp.exists():
                target.unlink()  # it was new, and its temporary is gone: it was put in place
    for tmp in temps:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _identity(path: Path) -> object:
    """What makes two paths the same file: device and inode when it exists, else the resolved path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return str(path.resolve())
