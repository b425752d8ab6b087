"""Korean sentence boundaries from kss, without paying for all of kss.

``import kss`` runs kss's package ``__init__``, which imports every kss module and costs about
4 s; the sentence splitter on its own needs a fraction of that. So the splitter module is imported
below a stand-in package object with the morpheme analysers the ``punct`` backend does not need
(pecab, mecab, konlpy) hidden, and all of it is taken out of ``sys.modules`` again afterwards. A
later ``import kss`` in the same process then gets the real package, with its analysers, as if we
had never been there. kss is a declared dependency: if a release moves its splitter, loading fails
with an error naming kss's version, rather than falling back to something that splits otherwise.
The ``punct`` backend gives the same sentences as pecab on the real reports, in milliseconds
instead of seconds.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import io
import sys
import types
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SPLITTER = "kss._modules.sentences.split_sentences"  # where kss 6.0 keeps split_sentences
_UNNEEDED = ("pecab", "mecab", "MeCab", "konlpy")


class KssUnavailable(ImportError):
    """kss's sentence splitter could not be loaded: kss is missing, or a release moved it."""


@dataclass(frozen=True)
class Kss:
    """kss's splitter function, and the version of kss it came from."""

    split_sentences: Callable[..., Any]
    version: str


def _kss_version() -> str:
    try:
        return importlib.metadata.version("kss")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _import_cheaply(names: Sequence[str]) -> dict[str, types.ModuleType]:
    """kss's modules ``names`` without its package ``__init__``, leaving ``sys.modules`` as it was.

    A real ``kss`` already imported is used as it is. Otherwise a stand-in package object carries
    the import, pecab/mecab/konlpy look uninstalled meanwhile (kss handles that; numpy and kss's
    advice banner stay away), and every ``kss`` module this added is removed again afterwards, so
    that a later ``import kss`` builds the real package instead of finding the stand-in.
    """
    if "kss" in sys.modules:
        return {name: importlib.import_module(name) for name in names}
    spec = importlib.util.find_spec("kss")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'kss'")
    package = types.ModuleType("kss")
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    present = set(sys.modules)
    hidden = [name for name in _UNNEEDED if name not in present]
    sys.modules["kss"] = package
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # an import of it now fails fast
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            return {name: importlib.import_module(name) for name in names}
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
        for name in [n for n in sys.modules if (n == "kss" or n.startswith("kss.")) and n not in present]:
            del sys.modules[name]


@lru_cache(maxsize=1)
def load() -> Kss:
    """kss's ``split_sentences``, imported the cheap way; a clear error if kss moved it."""
    version = _kss_version()
    try:
        fn = _import_cheaply((SPLITTER,))[SPLITTER].split_sentences
        if not callable(fn):
            raise TypeError(f"{SPLITTER}.split_sentences is not a function")
        return Kss(fn, version)
    except Exception as exc:  # any way an upgrade breaks this must stop us, loudly
        raise KssUnavailable(
            f"captions could not load kss's sentence splitter ({SPLITTER}) from kss {version}: "
            f"{type(exc).__name__}: {exc}. captions supports kss>=6.0.6,<6.1."
        ) from exc


def warm_up() -> None:
    """Load kss's splitter and run it once, before a fork: the children start warm."""
    split(["준비. 시작"])


def split(texts: Sequence[str]) -> list[list[str]]:
    """Sentences of each text, in order: what ``kss.split_sentences(text, backend="punct")`` gives."""
    wanted = [t for t in texts if t.strip()]
    found = iter(_ask(load().split_sentences, wanted))
    return [next(found) if t.strip() else [] for t in texts]


def _ask(fn: Callable[..., Any], texts: list[str]) -> list[list[str]]:
    """kss on each text, in one call; kss's list is copied (it caches and returns the same one)."""
    if not texts:
        return []
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        # kss answers a one-item list as it answers a string: with a flat list of sentences
        out = fn(texts, backend="punct", num_workers=1) if len(texts) > 1 else [fn(texts[0], backend="punct")]
    return [list(sentences) for sentences in out]


def sentence_ends(text: str, sentences: Sequence[str]) -> frozenset[int]:
    """Character offsets in ``text`` at which a sentence ends (the end of each sentence but the last).

    kss returns sentence strings, not positions; each is found in order from where the last one
    ended. A sentence kss has altered (it should not, with ``strip`` only) is skipped rather than
    guessed at, so a boundary may be missed but never misplaced.

    >>> sorted(sentence_ends("하나. 둘! 셋", ["하나.", "둘!", "셋"]))
    [3, 6]
    >>> sorted(sentence_ends("하나. 둘! 셋", ["하나.", "두울!", "셋"]))  # an altered sentence: its end is missed
    [3]
    """
    ends: set[int] = set()
    cursor = 0
    for sentence in sentences:
        at = text.find(sentence, cursor)
        if at < 0:
            continue
        cursor = at + len(sentence)
        ends.add(cursor)
    ends.discard(len(text))
    return frozenset(ends)
