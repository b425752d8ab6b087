"""Our sentences are plain kss's: ``kss.split_sentences(text, backend="punct")`` on the whole text.

``sentences.split`` cuts each text where kss certainly splits and asks kss only about the rest; any
difference from plain kss fails here, on every text of the corpus and on generated text that
crowds the boundaries with what kss makes exceptions for. Plain kss is the real package (its 4 s
``__init__``, once); our loader is pointed at the same copy, because kss remembers the URLs of
earlier texts and its answers depend on them: two copies fed different texts could differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from conftest import CORPUS, ROOT, corpus_files, examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from captions import readers
from captions.text import markup, sentences

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


@pytest.mark.slow
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


@pytest.mark.slow
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


SPLITTER_ONLY_WHEN_ASKED = """
import sys
from captions.text import sentences
assert sentences.split(["하나입니다. ‘둘’입니다."]) == [["하나입니다.", "‘둘’입니다."]]
assert sentences.load.cache_info().currsize == 0, "kss's splitter loaded for a text kss need not see"
assert sentences._emoji.cache_info().currsize == 0, "kss's emoji loaded for a text that cannot hold one"
assert "multiprocessing" not in sys.modules and "emoji" not in sys.modules  # what the two bring
assert sentences.split(["v1.2. 다음 :) 끝"]) == [["v1.2. 다음 :) 끝"]]  # an emoticon: kss decides
assert sentences.load.cache_info().currsize == 1
assert sentences.split(["좋아요 😀. 다음"]) == [["좋아요 😀.", "다음"]]  # an emoji: kss decides
assert sentences._emoji.cache_info().currsize == 1
fn = sentences.load().split_sentences
preprocessor = sentences._loaded["kss._modules.sentences.sentence_preprocessor"]
const = sentences._loaded["kss._utils.const"]
assert preprocessor.jamo is const.jamo, "the splitter imported kss's tables again"
assert not [n for n in sys.modules if n == "kss" or n.startswith("kss.")]
"""


def test_kss_splitter_and_emoji_load_only_when_a_text_needs_them():
    """Most lectures (the seed) need only kss's tables: its emoji list (the emoji package's four languages)
    loads for a text with a character that could be one, its splitter module (multiprocessing, logging,
    kss's sanity checks) when a piece needs kss, each among the modules the tables were read from."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-c", SPLITTER_ONLY_WHEN_ASKED], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr


@pytest.mark.slow
def test_the_rules_know_every_character_kss_tags(kss):
    """The rules classify characters from sets built once out of kss's character sets, by a mirror of its
    tag table, and from its emoji list; every character must get kss's own tag (a new mark in kss, or a
    change to its table, would fail here), no emoji may be ASCII or Hangul (``_may_hold_emoji`` passes
    those by), and the emoji that kss's sets hold must be tagged before the table's EMOJI test. The
    constants of kss's SentenceSplitter the rules mirror must be kss's own."""
    from kss._modules.sentences.sentence_preprocessor import SentencePreprocessor
    from kss._modules.sentences.sentence_splitter import SentenceSplitter
    from kss._utils import const

    # the constants of kss's SentenceSplitter the rules mirror
    assert SentenceSplitter._all_s_poses == sentences._SKIP_TAGS
    assert SentenceSplitter._all_s_exclude == sentences._SKIP_EXCEPT
    assert SentenceSplitter.unavailable_next == sentences._UNAVAILABLE_NEXT

    rules = sentences.load().rules
    table = list(SentencePreprocessor._correction.items())
    mirror = sentences._tags(const)
    emoji = sentences._emoji()
    wrong = []
    for cp in [*range(0xD800), *range(0xE000, 0x10000), *range(0x1F000, 0x1FB00)]:
        c = chr(cp)
        tag = next((t for test, t in table if test(c, "-")), "-")
        ours = "EMOJI" if c in emoji else mirror.get(c, "-")
        flags = (c in rules.not_plain or c in emoji, c in rules.sp, c in rules.sf)
        if ours != tag or flags != (tag != "-", tag == "SP", tag == "SF") or (c in rules.tagged) != (c in mirror):
            wrong.append((c, tag, ours))
        if c in emoji and (c.isascii() or "가" <= c <= "힣" or c in rules.tagged):
            wrong.append((c, "an emoji the rules would pass by", ours))
    assert not wrong


# --- the corpus ------------------------------------------------------------------------------------


def corpus_texts() -> list[str]:
    """Every segment text the pipeline splits (reports and sidecars, as ``markup.parse`` leaves them),
    and every non-empty line of every script in the corpus as it stands."""
    texts = []
    for path in corpus_files("*_improved*.txt") + corpus_files("*_segments.json"):
        texts += [markup.parse(seg.text).text for seg in readers.read_path(path).segments]
    for path in corpus_files("*.txt"):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.mark.corpus
@pytest.mark.slow
def test_every_corpus_text_splits_as_plain_kss(kss):
    texts = corpus_texts()
    assert len(texts) > 2000, f"too few texts in {CORPUS}"
    got = sentences.split(texts)  # one call, as the pipeline makes it
    want = [plain(kss, t) for t in texts]
    diff = [(t, g, w) for t, g, w in zip(texts, got, want, strict=True) if g != w]
    assert not diff, diff[:3]


@pytest.mark.corpus
def test_most_of_the_corpus_needs_no_kss():
    """What the pre-split is for: most characters never reach kss (the seed lecture: about 8%)."""
    rules = sentences.load().rules
    texts = corpus_texts()
    asked = sum(len(piece) for t in texts for piece, ask in sentences.pieces(t, rules) if ask)
    assert asked < 0.3 * sum(map(len, texts))


# --- generated text --------------------------------------------------------------------------------


def words(line: str) -> list[str]:
    return line.split()


WORDS = [
    *words("안녕하세요 여러분 오늘은 Docker를 배웁니다 컨테이너 입니다 했다 Kubernetes 보안 요청 헤더를"),
    *words("이 그 전 또 첫 내 각 a B x 가 요 죠 까 다 3 10 v1 ㅋㅋ ㄱ ㅎ OK"),
    *words("에서 라고 하며 의 에도 하는데 할텐데 시피 거나 하여서 라서"),  # kss does not split before these
    *words("Mr Dr Prof St no No vol p pp e.g etc i.e n.p 3항 5조 2장"),  # its abbreviations, and others
    *words("Node.js 3.5 v1.5.3 1.5배 v1.2.3을 a.b ½ ３ ① → * † ㆍ – - , / : ; … ~"),
    *words("다.(참고) 다.ㅋㅋ 다.'인용' 요.[1] 끝.) .( ?[ !ㅎ .「 다.“인용”"),  # a mark glued to what follows
    "This is it",
    "Hello world",
    "[1]",
    "[편집]",
    "(참고)",
    "(Zero Trust)",
    "1)",
    "'설정'",
    "‘내부자’",
    "“인용”",
    '"Docker"',
    "`kubectl`",
]
RARE = [
    "https://example.com",
    "www.test.org",
    "a@b.com",
    "mybank.com",
    "don't",
    "It's",
    "rock 'n' roll",
    "George D. Beauchamp",
    ":)",
    "^^",
    "😀",
    "¶",
]
ENDS = [".", ".", "?", "!", "다.", "요.", "죠?", "까?", "...", "…", "?!", "!!", "..", "?.", ". .", "!?"]
GAPS = [" ", " ", " ", " ", "  ", "\n", "\t", "\r\n", "", "\u200b", "\xa0", "\u3000", "\n\n"]
QUOTES = ["'", '"', "`", "″", "‘", "’", "“", "”", "(", ")", "[", "]", "{", "}", "<", ">", "「", "」", "《", "》"]
PAIRS = [("'", "'"), ('"', '"'), ("`", "`"), ("‘", "’"), ("“", "”"), ("(", ")"), ("[", "]"), ("「", "」"), ("<", ">")]

word = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(PAIRS), st.sampled_from(WORDS), st.sampled_from(["", "는", "를", "입니다"])).map(
        lambda p: p[0][0] + p[1] + p[0][1] + p[2]
    ),
    st.tuples(st.sampled_from(QUOTES), st.sampled_from(WORDS)).map("".join),
    st.sampled_from(RARE),
)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """Words and an ending, sometimes all in quotes or brackets (balanced or not)."""
    text = " ".join(draw(st.lists(word, min_size=1, max_size=6))) + draw(st.sampled_from(ENDS))
    if draw(st.integers(0, 9)) == 0:
        a, b = draw(st.sampled_from(PAIRS))
        text = a + text + draw(st.sampled_from([b, b, ""]))
    return text


prose = st.lists(st.tuples(sentence(), st.sampled_from(GAPS)), min_size=1, max_size=8).map(
    lambda parts: "".join(s + g for s, g in parts)
)
noise = st.lists(st.sampled_from(WORDS + RARE + ENDS + GAPS + QUOTES), max_size=30).map("".join)
texts = st.one_of(prose, prose, noise)


@pytest.mark.slow
@settings(max_examples=examples(400))
@given(texts)
@example("다.\u200bMr. [1] 각주")  # no abbreviation behind a zero-width space
@example("다. Mr. X는 갔다. 끝")
@example("A. x. y는 다음")  # exception 7, both ways
@example("그렇다. b! 다음 문장")
@example("버전 3. 다음")
@example("v1.5.3. 다음 버전")
@example("값은 ½. 다음")
@example("끝났다. 에서 시작한다. 그리고")
@example("'인용. 문장' 다음. 끝")
@example("(괄호. 안) 다음. 끝")
@example("1) 첫째. 2) 둘째.")
@example("좋아요 :) 다음. 끝")
@example("ㅋㅋ. 다음. 끝")
@example("다. [1] 각주. 끝")
@example("다. † 주석. 끝")
@example("다. * 별표. 끝")
@example("끝?. 다음 문장")
@example("Hello world. This is it. 안녕")
@example("줄\n바꿈. 다음\n줄. 끝")
@example('말했다. "인용" 다음')
@example("다. ‘인용’ 다음")
@example("https://example.com. 다음 문장")
@example("don't. 다음")
@example("다. p. 3을 보세요. 끝")
@example("예: e.g. 이것. 다음")
@example("다.   이 강의는 끝. 네")
@example("1.5배속으로 봅니다. 다음.(참고) 끝. 그리고")  # no split at 1.5, one at .(
@example("(예: Nginx/1.20) 문장입니다. 다음")
def test_split_is_plain_kss_on_generated_text(kss, text):
    want = plain(kss, text)
    assert ours([text]) == ([want] if isinstance(want, list) else want)


@pytest.mark.slow
@settings(max_examples=examples(60))
@given(st.lists(texts, max_size=6))
def test_a_list_splits_as_each_text_alone(kss, batch):
    """The pieces of many texts go to kss in one call, in order: each text's sentences are still its own."""
    got = ours(batch)
    want = [plain(kss, t) for t in batch]
    failed = [w for w in want if not isinstance(w, list)]
    assert got == (failed[0] if failed else want)


@pytest.mark.slow
def test_a_url_kss_saw_in_an_earlier_text_is_no_cut(kss):
    """kss hides every URL it has seen, in every later text, even where its patterns would not find it
    (after a letter): the hidden digits then stop the full stop splitting. So no cut after such a word."""
    kss.split_sentences("주소는 mybank.com 입니다.", backend="punct")
    text = "접속하세요. 가mybank.com. 다음 문장입니다."
    assert sentences.split([text]) == [plain(kss, text)]
