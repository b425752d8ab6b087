"""Korean sentence boundaries from kss, without paying for all of kss.

kss's ``punct`` splitter decides every boundary, but most of its time goes to boundaries that are
not in doubt: per character it tries 13 tag tests, backs up apostrophes that are mostly not there,
and at every full stop it walks its abbreviation list. So each text is first cut where kss's own
rules leave no choice (``_cuts``: a ``.?!`` run, a space, and a word, outside quotes, not after a
number or one of kss's abbreviations, mirroring ``SentenceSplitter._sf`` exception by exception);
a piece in which no split can start (no ``.?!`` before a space, bracket or jamo, ``_sf``'s own
trigger) is one sentence, and only the other pieces go to kss. The
sentences are exactly what ``kss.split_sentences(text, backend="punct")`` gives for the whole text
(tests/test_sentences.py compares them on the corpus and on generated text). Whatever the cut rule
cannot vouch for (emoji, URLs, emoticons, apostrophes inside words, unbalanced quotes, a bracket
closed after a full stop) goes to kss whole.

kss is loaded the cheap way: ``import kss`` runs kss's package ``__init__``, which imports every
kss module and costs about 4 s, so the splitter module is imported below a stand-in package object
with the morpheme analysers the ``punct`` backend does not need (pecab, mecab, konlpy) hidden, and
all of it is taken out of ``sys.modules`` again afterwards. A later ``import kss`` in the same
process then gets the real package, with its analysers, as if we had never been there. If kss
moves its splitter, loading fails with an error naming kss's version: there is no fallback.

It is loaded in steps, each when first needed: the tables the cut rule reads (``tables``), which
every split needs; kss's emoji, which only a text with a character outside kss's own character sets
and Hangul needs (``_emoji``); and the splitter itself (``load``), which only a piece kss must see
needs. Most lectures need the tables alone: none of the seed's texts needs the rest. The tables are
kss's character sets (``kss._utils.const``); what the cut rule needs of kss's classes is mirrored,
not imported: the tag table of ``SentencePreprocessor`` (``_tag_tests``), whose module imports kss's
emoji list, which builds the ``emoji`` package's dictionaries in four languages (about 8 ms, a
twentieth of a run), and three constants of ``SentenceSplitter``, whose module brings kss's syllable
classes and its processor's tables (about 3.5 ms). The splitter module itself brings multiprocessing,
logging and kss's sanity checks (about 7 ms more). tests/test_sentences.py compares every mirror with
kss's own: the tag table on every character of the BMP.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import types
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SPLITTER = "kss._modules.sentences.split_sentences"  # where kss 6.0 keeps split_sentences
_CONST = "kss._utils.const"
_EMOJIS = "kss._utils.emojis"
# What the cut rule needs of kss's SentenceSplitter (kss 6.0), mirrored (see the module's docstring):
_SKIP_TAGS = ("SP", "SF", "SY", "SE", "SSC", "QTC", "QTN", "EMOJI", "JAMO")  # ``_all_s_poses``: tags it skips
_SKIP_EXCEPT = ("QTO",)  # ``_all_s_exclude``: and the tags it does not
_UNAVAILABLE_NEXT = frozenset(  # ``unavailable_next``: word starts after which it does not split
    {"시피", "거나", "의 ", "에서", "에선", "에는", "에도 ", "할텐데"}
    | {"라" + end for end in ("서", "는", "도 ", "던", "지만", "고", "건", "거나", "며", "면서")}
    | {"하" + end for end in ("여서", "여도", "였", "고는 ", "고서 ", "곤 ", "다는", "는데.", "며")}
)
_UNNEEDED = ("pecab", "mecab", "MeCab", "konlpy")


class KssUnavailable(ImportError):
    """kss's sentence splitter could not be loaded: kss is missing, or a release moved it."""


@dataclass(frozen=True)
class Rules:
    """What the cut rule needs from kss, read from kss's own tables so that it follows kss."""

    spaces: str  # what kss strips from each sentence
    sp: frozenset[str]  # tagged SP: what kss's rules skip as space
    sf: frozenset[str]  # tagged SF: the marks that end a sentence (.?!)
    whitespaces: frozenset[str]  # the spaces its abbreviation list is written with
    tagged: frozenset[str]  # the characters of kss's character sets, and ASCII: each has its tag in ``not_plain``
    not_plain: frozenset[str]  # every one of those kss tags as anything but an ordinary letter (emoji: ``_emoji``)
    starts: frozenset[str]  # the marks besides letters a cut-off sentence may begin with
    skipped: frozenset[str]  # what kss skips after a full stop to find the next word
    unavailable: tuple[str, ...]  # word starts after which kss does not split ("에서", "라고", ...)
    abbreviations: tuple[str, ...]  # kss's sf_exception: " Mr", " p", " 3항", ...
    longest: int  # the longest of them
    single_quotes: frozenset[str]  # the quotes kss's EmbracingProcessor counts
    double_quotes: frozenset[str]
    opens: frozenset[str]  # tagged SSO/QTO: the openers its postprocessor merges sentences on
    close_to_open: dict[str, str]  # tagged SSC/QTC: each closer and its opener
    whole: frozenset[str]  # characters of kss's sets that send a text to kss whole (¶, ^, ㏂…); emoji too (``_emoji``)
    backup_keys: re.Pattern[str]  # the emoticons and names kss hides before splitting
    apostrophe: re.Pattern[str]  # a letter, an apostrophe, a letter: kss hides those too
    url: re.Pattern[str]
    email: re.Pattern[str]
    candidate: re.Pattern[str]  # a run of .?! followed by spaces
    bracket: re.Pattern[str]
    start: re.Pattern[str]  # where kss may start a split: a .?! before a space, bracket or jamo; a ¶
    quote: re.Pattern[str]
    single: re.Pattern[str]  # a piece that is one sentence: no split may start in it but at its end


@dataclass(frozen=True)
class Kss:
    """kss's splitter function and the rules read from the same copy of kss (unless a real ``kss`` was
    imported in between, whose tables are the same)."""

    split_sentences: Callable[..., Any]
    rules: Rules

    @property
    def version(self) -> str:
        return _kss_version()


def _kss_version() -> str:
    """kss's installed version, read from its metadata only when asked (importing ``importlib.metadata``
    costs about 10 ms, a twentieth of a run)."""
    import importlib.metadata

    try:
        return importlib.metadata.version("kss")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _import_cheaply(
    names: Sequence[str], reuse: Mapping[str, types.ModuleType] | None = None
) -> tuple[dict[str, types.ModuleType], dict[str, types.ModuleType]]:
    """kss's modules ``names`` without its package ``__init__``, leaving ``sys.modules`` as it was; and
    every kss module that import took part in (to give as ``reuse`` to a later call).

    A real ``kss`` already imported is used as it is. Otherwise a stand-in package object carries
    the import, pecab/mecab/konlpy look uninstalled meanwhile (kss handles that; numpy and kss's
    advice banner stay away), and every ``kss`` module this added is removed again afterwards, so
    that a later ``import kss`` builds the real package instead of finding the stand-in. The modules
    of ``reuse`` (an earlier call's) are put back for the time of the import, so that what they hold
    is not imported, and run, a second time: the splitter then sees the very tables the rules were
    read from.
    """
    if "kss" in sys.modules:
        return {name: importlib.import_module(name) for name in names}, {}
    spec = importlib.util.find_spec("kss")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'kss'")
    present = set(sys.modules)
    earlier = {name: module for name, module in (reuse or {}).items() if name not in present}
    package = earlier.get("kss")
    if package is None:
        package = types.ModuleType("kss")
        package.__path__ = list(spec.submodule_search_locations)
        package.__spec__ = spec
    hidden = [name for name in _UNNEEDED if name not in present]
    sys.modules.update(earlier)
    sys.modules["kss"] = package
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # an import of it now fails fast
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            return {name: importlib.import_module(name) for name in names}, {
                n: m for n, m in sys.modules.items() if (n == "kss" or n.startswith("kss.")) and n not in present
            }
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
        for name in [n for n in sys.modules if (n == "kss" or n.startswith("kss.")) and n not in present]:
            del sys.modules[name]


def _tag_tests(k: Any) -> list[tuple[str, tuple[Collection[str], ...]]]:
    """kss's tag table on the punct backend, ``SentencePreprocessor._correction`` (kss 6.0), test by test in
    its order: a character gets the tag of the first test one of whose collections of ``kss._utils.const``
    (``k``) holds it, as kss tests them (``in`` a string, a set or a list). The backend tags every
    character "-" first, so the table's one test on a morpheme tag (요 after EC or JX) never holds; its
    EMOJI test also holds for kss's emoji, which none of these collections holds (``_emoji``)."""
    return [
        ("SN", (k.circle_bracket_charaters,)),
        ("PF", (k.special_symbols_for_split, k.daggers)),
        ("SF", ("!?.",)),
        ("SC", (",:/ㆍ",)),
        ("SSO", ("".join(k.bracket_open_to_close),)),
        ("SSC", ("".join(k.bracket_close_to_open),)),
        ("QTN", ("`'\"″",)),
        ("QTO", ("".join(k.quotes_open_to_close),)),
        ("QTC", ("".join(k.quotes_close_to_open),)),
        ("JAMO", (k.jamo,)),
        ("EMOJI", ("^", k.special_symbols_for_suffix)),
        ("SP", (k.spaces,)),
    ]


def _tags(const: Any) -> dict[str, str]:
    """kss's tag, on the punct backend, of ASCII and of every character of the sets its tag table tests.

    Every other character is ``-`` to kss, but for its emoji (``_emoji``: EMOJI); tests/test_sentences.py
    checks both against kss's own table over the BMP."""
    pool = {chr(i) for i in range(128)} | {"ㆍ", "¶"}
    for name in (
        "spaces",
        "special_symbols_for_split",
        "special_symbols_for_suffix",
        "daggers",
        "circle_bracket_charaters",
        "brackets",
        "quotes",
        "jamo",
    ):
        pool.update(c for item in getattr(const, name) for c in item)
    tags = dict.fromkeys(pool, "-")
    for tag, collections in reversed(_tag_tests(const)):  # so that the first test to hold is the last written
        for members in collections:
            # one character is ``in`` a string if it is one of its characters, in a set or a list if it is an item
            held = set(members) if isinstance(members, str) else {m for m in members if len(m) == 1}
            tags.update(dict.fromkeys(held & pool, tag))
    return tags


@lru_cache(maxsize=1)
def _emoji() -> frozenset[str]:
    """kss's emoji of one character that none of its character sets holds: each sends a text to kss whole.

    Loaded only for a text with a character that is not in those sets (``Rules.tagged``) and not a Hangul
    syllable (``_may_hold_emoji``): kss's list is the ``emoji`` package's four languages (about 8 ms)."""
    try:
        emojis: Mapping[str, object] = _import((_EMOJIS,))[_EMOJIS]._emojis
    except Exception as exc:  # any way an upgrade breaks this must stop us, loudly
        raise _unavailable("emoji list", exc) from exc
    return frozenset(k for k in emojis if len(k) == 1) - tables().tagged


def _may_hold_emoji(text: str, rules: Rules) -> bool:
    """Whether ``text`` has a character that could be one of kss's emoji: none is in its character sets or
    ASCII (``Rules.tagged``, whose tags are known) or a Hangul syllable (tests/test_sentences.py checks)."""
    return any(c not in rules.tagged and not "가" <= c <= "힣" for c in set(text))


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _rules(const: Any) -> Rules:
    """The cut rule's view of kss, built once from kss's tables (``const``: ``kss._utils.const``)."""
    tags = _tags(const)
    by_tag: dict[str, set[str]] = {}
    for c, tag in tags.items():
        by_tag.setdefault(tag, set()).add(c)
    sp, sf = frozenset(by_tag["SP"]), frozenset(by_tag["SF"])
    skipped_tags = {t for t in by_tag if any(p in t for p in _SKIP_TAGS) and not any(e in t for e in _SKIP_EXCEPT)}
    letters = "".join(sorted(const.alphabet_with_quotes))
    apostrophes = {key[1] for keys in const.alphabet_with_quotes.values() for key in keys}
    opens = frozenset(by_tag.get("SSO", set()) | by_tag.get("QTO", set()))
    # what may follow a .?! for SentenceSplitter._sf to start a split: a space, or a tag of its list
    # (SY, SSO, EMOJI, JAMO); emoji leave out, as a text with any goes to kss whole
    after = sp | {c for c, tag in tags.items() if tag in ("SY", "SSO", "JAMO")}
    closes = (by_tag.get("SSC", set()) | by_tag.get("QTC", set())) & set(const.quotes_or_brackets_close_to_open)
    return Rules(
        spaces=const.spaces,
        sp=sp,
        sf=sf,
        whitespaces=frozenset(const.whitespaces),
        tagged=frozenset(tags),
        not_plain=frozenset(c for c, tag in tags.items() if tag != "-"),
        starts=frozenset(by_tag.get("QTN", set()) | opens) - {"["},
        skipped=frozenset(c for c, t in tags.items() if t in skipped_tags),
        unavailable=tuple(sorted(_UNAVAILABLE_NEXT)),
        abbreviations=tuple(const.sf_exception),
        longest=max(map(len, const.sf_exception)),
        single_quotes=frozenset(const.single_quotes_wo_direction),
        double_quotes=frozenset(const.double_quotes_wo_direction),
        opens=opens,
        close_to_open={c: const.quotes_or_brackets_close_to_open[c] for c in closes},
        whole=frozenset(by_tag.get("EMOJI", set())) | {"¶"},
        backup_keys=re.compile("|".join(map(re.escape, sorted(const.backup_normal)))),
        apostrophe=re.compile(f"[{re.escape(letters)}]{_char_class(apostrophes)}[{re.escape(letters)}]"),
        url=const.url_pattern,
        email=const.email_pattern,
        candidate=re.compile(f"({_char_class(sf)}+){_char_class(sp)}+"),
        bracket=re.compile(_char_class(opens | closes)),
        start=re.compile(f"{_char_class(sf)}(?={_char_class(after)})|¶"),
        quote=re.compile(_char_class(const.single_quotes_wo_direction | const.double_quotes_wo_direction)),
        single=re.compile(
            f"(?:[^{''.join(map(re.escape, sorted(sf)))}]|{_char_class(sf)}(?!{_char_class(after)}))*"
            f"{_char_class(sf)}*{_char_class(sp)}*"
        ),
    )


_loaded: dict[str, types.ModuleType] = {}  # every kss module imported the cheap way so far (``_import``)


def _import(names: Sequence[str]) -> dict[str, types.ModuleType]:
    """kss's modules ``names``, imported the cheap way among those imported before, which are not run twice:
    the splitter then works on the very tables the rules were read from."""
    modules, loaded = _import_cheaply(names, _loaded)
    _loaded.update(loaded)
    return modules


def _unavailable(what: str, exc: Exception) -> KssUnavailable:
    return KssUnavailable(
        f"captions could not load kss's {what} from kss {_kss_version()}: "
        f"{type(exc).__name__}: {exc}. captions supports kss>=6.0.6,<6.1."
    )


@lru_cache(maxsize=1)
def tables() -> Rules:
    """The cut rule's view of kss, read from kss's tables without loading its splitter or its emoji: all
    ``split`` needs for a text none of whose pieces kss must see and with no character that could be one."""
    try:
        return _rules(_import((_CONST,))[_CONST])
    except Exception as exc:  # any way an upgrade breaks this must stop us, loudly
        raise _unavailable("tables", exc) from exc


@lru_cache(maxsize=1)
def load() -> Kss:
    """kss's ``split_sentences`` and the rules, imported the cheap way; a clear error if kss moved them."""
    rules = tables()
    try:
        modules = _import((SPLITTER,))
        fn = modules[SPLITTER].split_sentences
        if not callable(fn):
            raise TypeError(f"{SPLITTER}.split_sentences is not a function")
        return Kss(fn, rules)
    except Exception as exc:  # any way an upgrade breaks this must stop us, loudly
        raise _unavailable(f"sentence splitter ({SPLITTER})", exc) from exc


def warm_up() -> None:
    """Load kss's splitter and run it once, before a fork: the children start warm (``split`` alone
    might not call kss at all)."""
    _ask(load().split_sentences, ["준비 1. 시작"])


def split(texts: Sequence[str]) -> list[list[str]]:
    """Sentences of each text, in order: what ``kss.split_sentences(text, backend="punct")`` gives.

    Each text is cut where kss certainly splits; pieces that are one sentence are stripped as kss
    strips them, and the rest go to kss in one call, in text order (kss remembers the URLs it has
    seen, so the order of its calls is kept as plain kss would see them).
    """
    rules = tables()
    plans = [pieces(t, rules) for t in texts]
    asked = [piece for plan in plans for piece, ask in plan if ask]
    answers = iter(_ask(load().split_sentences, asked) if asked else [])  # the splitter loads only if asked
    out: list[list[str]] = []
    for plan in plans:
        found: list[str] = []
        for piece, ask in plan:
            found.extend(next(answers) if ask else alone(piece, rules))
        out.append(found)
    return out


def _ask(fn: Callable[..., Any], texts: list[str]) -> list[list[str]]:
    """kss on each text, in one call; kss's list is copied (it caches and returns the same one)."""
    if not texts:
        return []
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        # kss answers a one-item list as it answers a string: with a flat list of sentences
        out = fn(texts, backend="punct", num_workers=1) if len(texts) > 1 else [fn(texts[0], backend="punct")]
    return [list(sentences) for sentences in out]


def alone(piece: str, rules: Rules) -> list[str]:
    """What kss gives for a piece in which no split can start but at its end: the piece, stripped.

    kss strips with its own space set, and drops a sentence that ``str.strip`` finds empty."""
    stripped = piece.strip(rules.spaces)
    return [stripped] if stripped and piece.strip() else []


def pieces(text: str, rules: Rules) -> list[tuple[str, bool]]:
    """``text`` cut where kss certainly splits, each piece with whether kss must still see it."""
    quoted = _quoted_spans(text, rules)
    if quoted is None or not _plain_enough(text, rules) or not _brackets_close_in_sentence(text, rules):
        return [(text, True)]
    out: list[str] = []
    start = 0
    for end, restart in _cuts(text, rules, quoted):
        out.append(text[start:end])
        start = restart
    out.append(text[start:])
    return [(piece, rules.single.fullmatch(piece) is None) for piece in out]


def _plain_enough(text: str, rules: Rules) -> bool:
    """No emoji or ¶, and nothing kss hides before splitting (emoticons, URLs, e-mail, "don't").

    kss swaps those for digits and back: around them its decisions depend on the swap, and on
    the URLs of earlier texts, which the cut rule does not model."""
    return (
        rules.whole.isdisjoint(text)
        and (not _may_hold_emoji(text, rules) or _emoji().isdisjoint(text))
        and rules.backup_keys.search(text) is None
        and rules.apostrophe.search(text) is None
        and rules.url.search(text) is None
        and ("@" not in text or rules.email.search(text) is None)  # every e-mail address has one
    )


def _brackets_close_in_sentence(text: str, rules: Rules) -> bool:
    """Whether no split can start between any closing bracket and its latest opener.

    kss's postprocessor merges the sentences between an opener and a later closer, across the
    whole text (even a closer in one piece with an opener in another); with no split possible
    between them, there is nothing to merge, anywhere."""
    last: dict[str, int] = {}
    for m in rules.bracket.finditer(text):
        c, at = m.group(), m.start()
        if c in rules.opens:
            last[c] = at
        elif (opened := last.get(rules.close_to_open[c])) is not None and rules.start.search(text, opened, at):
            return False
    return True


def _quoted_spans(text: str, rules: Rules) -> tuple[list[int], list[int]] | None:
    """Where kss's quote stacks are not empty: ``(starts, ends)`` of positions ``p`` for which the
    quotes in ``text[:p]`` are open; ``None`` when some are still open at the end (kss then
    re-splits around the last quote, which the pieces would not reproduce).

    Mirrors ``EmbracingProcessor._push_pop_symbol``: a quote closes the one on top of its stack if it
    is the same character, and otherwise opens."""
    stacks: dict[bool, list[str]] = {True: [], False: []}
    starts: list[int] = []
    ends: list[int] = []
    for m in rules.quote.finditer(text):
        c = m.group()
        stack = stacks[c in rules.single_quotes]
        was_open = bool(stacks[True] or stacks[False])
        if stack and stack[-1] == c:
            stack.pop()
        else:
            stack.append(c)
        now_open = bool(stacks[True] or stacks[False])
        if now_open and not was_open:
            starts.append(m.end())
        elif was_open and not now_open:
            ends.append(m.end())
    if stacks[True] or stacks[False]:
        return None
    return starts, ends


def _cuts(text: str, rules: Rules, quoted: tuple[list[int], list[int]]) -> list[tuple[int, int]]:
    """``(end, restart)`` of each certain boundary: a sentence ends at ``end``, the next begins at ``restart``."""
    starts, ends = quoted
    out = []
    for m in rules.candidate.finditer(text):
        run, end, restart = m.start(), m.end(1), m.end()
        k = bisect_right(starts, restart) - 1
        if (k < 0 or restart >= ends[k]) and splits_here(text, run, end, restart, rules):
            out.append((end, restart))
    return out


def splits_here(text: str, run: int, end: int, restart: int, rules: Rules) -> bool:
    """Whether kss splits between ``text[run:end]`` (a ``.?!`` run) and ``text[restart:]``, whatever else
    the text holds, given the whole-text conditions of ``pieces``.

    Mirrors ``SentenceSplitter._sf``, which starts a split at the run's last mark, with each of its
    exceptions that can fire on the punct backend (there are no morpheme tags, so those on verbs,
    particles and adverbs cannot); then ``check_split_end``, which ends the split at the next word;
    and the postprocessor's moves of a sentence's start into the previous sentence, which must not
    apply to the next piece's first sentence. Any doubt is a ``False``: kss then decides.
    """
    if run == 0 or text[restart - 1] not in rules.whitespaces:
        return False
    before = text[run - 1]
    if before in rules.sp or before.isnumeric():  # exception 1: a number (3.5, v1.5.3) or a gap
        return False
    if not _opens_sentence(text, restart, rules):
        return False
    if _full_stop_two_back(text, end - 2, rules):  # exception 7: "x. y." and "A. b!"
        return False
    if _next_word_is_unavailable(text, restart, rules):  # exception 8: "다. 에서" and the like
        return False
    if text[end - 1] == "." and _is_abbreviation(text, end - 1, rules):  # exception 9: " Mr." " p." " 3항."
        return False
    return _word_is_kept(text, run, rules)


def _opens_sentence(text: str, restart: int, rules: Rules) -> bool:
    """The next text begins a sentence kss leaves alone: a word, or a quote or bracket and a word.

    The first character ends kss's split (it is no space, mark or closer) and is nothing its
    postprocessor would move back into the previous sentence (a footnote ``[``, a dagger, jamo).
    The next character but spaces is no ``.?!``: that would be exception 7 ("A. x. y"), and rules
    looking back from it would reach into the previous piece."""
    if restart + 1 >= len(text):
        return False
    first = text[restart]
    k = restart + 1
    while k < len(text) and text[k] in rules.sp:
        k += 1
    if k == len(text) or text[k] in rules.sf:
        return False
    return _plain(first, rules) or (first in rules.starts and k == restart + 1 and _plain(text[k], rules))


def _plain(c: str, rules: Rules) -> bool:
    """A letter to kss (tagged ``-``) that is no space to Python either."""
    return c not in rules.not_plain and not c.isspace()


def _full_stop_two_back(text: str, at: int, rules: Rules) -> bool:
    """kss's exception 7 looking back: the mark's previous character is no full stop, but the one
    before that (spaces skipped) is."""
    if text[at] == ".":
        return False
    k = at - 1
    while k >= 0 and text[k] in rules.sp:
        k -= 1
    return k >= 0 and text[k] == "."


def _next_word_is_unavailable(text: str, restart: int, rules: Rules) -> bool:
    """kss's exception 8: after the spaces and quotes, the next word begins with a continuation."""
    k = restart
    while k < len(text) and text[k] in rules.skipped:
        k += 1
    return text.startswith(rules.unavailable, k)


def _is_abbreviation(text: str, stop: int, rules: Rules) -> bool:
    """kss's exception 9: the full stop ends one of its abbreviations, preceded by a space (kss puts
    a space before the text, so one at the start counts)."""
    tail = text[max(0, stop - rules.longest) : stop]
    if stop <= rules.longest:
        tail = " " + tail
    return tail.endswith(rules.abbreviations)


def _word_is_kept(text: str, run: int, rules: Rules) -> bool:
    """The word before the marks holds nothing a URL kss saw in an earlier text could cover.

    kss keeps every URL it has seen and hides each one in every later text, as digits: a digit before
    the full stop is then exception 1. Every URL kss's patterns find holds ``.``, ``:``, ``@``,
    ``http`` or ``mailto``, so a word without them is safe from any of them."""
    k = run
    while k > 0 and text[k - 1] not in rules.sp:
        k -= 1
    word = text[k:run]
    return not any(c in word for c in ".:@") and "http" not in (low := word.lower()) and "mailto" not in low


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
