"""Our sentences are plain kss's: ``kss.split_sentences(text, backend="punct")`` on the whole text.

Plain kss is the real package (its 4 s ``__init__``, once); our loader is pointed at the same copy,
because kss remembers the URLs of earlier texts and its answers depend on them: two copies fed
different texts could differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from conftest import ROOT

from captions.text import sentences

SPLITTER = "kss._modules.sentences.split_sentences"


@pytest.fixture(scope="module")
def kss() -> Any:
    """The real kss package, which our loader then shares (it uses a kss already imported)."""
    import kss as real

    sentences.load.cache_clear()
    assert sentences.load().split_sentences is real.split_sentences
    return real


def plain(kss: Any, text: str) -> list[str] | type[BaseException]:
    """Plain kss on one whole text, the documented way; the error's type if kss fails on it."""
    try:
        return list(kss.split_sentences(text, backend="punct"))
    except Exception as exc:  # kss has index errors on some odd input: then we must fail alike
        return type(exc)


def ours(texts: list[str]) -> list[list[str]] | type[BaseException]:
    try:
        return sentences.split(texts)
    except Exception as exc:
        return type(exc)


# --- the loader ------------------------------------------------------------------------------------


def test_the_loader_loads_kss_own_splitter():
    """An upgrade that moves or renames kss's splitter must fail here, not fall back to something else."""
    fn = sentences.load().split_sentences
    assert (fn.__module__, fn.__name__) == (SPLITTER, "split_sentences")
    assert sentences.load().version.startswith("6.0.")


def test_our_split_is_kss_on_a_few_texts(kss):
    few = [
        "하나입니다. 둘입니다.",
        "안녕하세요, 여러분. 오늘은 Docker를 배웁니다! 준비되셨나요? 시작하죠",
        "Mr. Kim은 3.5배 빠릅니다.",
    ]
    for text in few:
        assert sentences.split([text]) == [plain(kss, text)]


CHEAP_THEN_REAL = """
import sys
from captions.text import sentences
got = sentences.split(["하나입니다. 둘입니다."])
assert got == [["하나입니다.", "둘입니다."]], got
left = [n for n in sys.modules if n == "kss" or n.startswith("kss.")]
assert not left, f"kss modules left behind: {left}"
assert "pecab" not in sys.modules and "numpy" not in sys.modules
import kss
from kss import split_sentences
assert kss.split_sentences("하나입니다. 둘입니다.", backend="punct") == ["하나입니다.", "둘입니다."]
assert split_sentences is kss.split_sentences
assert "kss._modules.augmentation.augment" in sys.modules  # the real __init__ ran this time
assert sentences.split(["셋입니다. 넷입니다."]) == [["셋입니다.", "넷입니다."]]
"""


def test_kss_loads_cheaply_and_a_later_import_kss_still_works():
    """Our cheap load runs no kss ``__init__`` and leaves nothing in ``sys.modules`` that would stop the
    real package: in a fresh process, ``import kss`` afterwards works as if we had not been there."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", CHEAP_THEN_REAL], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_a_moved_splitter_fails_loudly_naming_kss_and_its_version(monkeypatch):
    monkeypatch.setattr(sentences, "SPLITTER", "kss._modules.sentences.moved_away")
    with pytest.raises(sentences.KssUnavailable, match=r"kss 6\.0\.\d+.*moved_away"):
        sentences.load.__wrapped__()


def test_a_missing_kss_fails_loudly(monkeypatch):
    monkeypatch.delitem(sys.modules, "kss", raising=False)
    monkeypatch.setattr(sentences.importlib.util, "find_spec", lambda name: None)  # as if kss were not installed
    with pytest.raises(sentences.KssUnavailable, match="No module named 'kss'"):
        sentences.load.__wrapped__()
