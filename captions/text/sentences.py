"""Korean sentence boundaries from kss, without paying for all of kss.

``import kss`` runs kss's package ``__init__``, which imports every kss module and costs about
4 s; the sentence splitter on its own needs a fraction of that. So the splitter module is loaded
below a bare package object for ``kss`` (the real ``__init__`` never runs), with the morpheme
analysers it does not need for the ``punct`` backend (pecab, mecab, konlpy) hidden for the length
of the import: kss then sees them as not installed, which it handles, and which keeps numpy and
its advice banner about mecab away. The ``punct`` backend gives the same sentences as pecab on
the real reports, in milliseconds instead of seconds.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import types
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from functools import lru_cache
from typing import Protocol, overload

_UNNEEDED = ("pecab", "mecab", "MeCab", "konlpy")
_FALLBACK = re.compile(r"(?<=[.!?。])[\"'”’)\]]*\s+")


class _Split(Protocol):
    """kss's ``split_sentences`` as called here: a string gives its sentences, a list of strings the
    sentences of each (kss declares both as one ``Union`` return)."""

    @overload
    def __call__(self, text: str, *, backend: str) -> list[str]: ...
    @overload
    def __call__(self, text: list[str], *, backend: str, num_workers: int) -> list[list[str]]: ...


@lru_cache(maxsize=1)
def _splitter() -> _Split | None:
    """kss's ``split_sentences``, imported the cheap way; ``None`` when kss is not installed."""
    if "kss" not in sys.modules:
        spec = importlib.util.find_spec("kss")
        if spec is None or not spec.submodule_search_locations:
            return None
        package = types.ModuleType("kss")
        package.__path__ = list(spec.submodule_search_locations)
        package.__spec__ = spec
        sys.modules["kss"] = package
    hidden = {name: sys.modules.get(name) for name in _UNNEEDED}
    try:
        for name in _UNNEEDED:
            if hidden[name] is None:
                sys.modules[name] = None  # type: ignore[assignment]  # import of it now fails fast
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            module = importlib.import_module("kss._modules.sentences.split_sentences")
    finally:
        for name, mod in hidden.items():
            if mod is None:
                sys.modules.pop(name, None)
    found: _Split = module.split_sentences  # a module imported by name: mypy sees it as Any
    return found


def warm_up() -> None:
    """Load kss's splitter and run it once, before a fork: the children start warm."""
    split(["준비."])


def split(texts: Sequence[str]) -> list[list[str]]:
    """Sentences of each text, in order; every sentence is a stripped substring of its text."""
    fn = _splitter()
    if fn is None:
        return [[s for s in _FALLBACK.split(t) if s] for t in texts]
    wanted = [t for t in texts if t.strip()]
    if not wanted:
        return [[] for _ in texts]
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        # kss answers a one-item list as it answers a string: with a flat list of sentences
        out = fn(wanted, backend="punct", num_workers=1) if len(wanted) > 1 else [fn(wanted[0], backend="punct")]
    found = iter(out)
    return [list(next(found)) if t.strip() else [] for t in texts]


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
