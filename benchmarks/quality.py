"""Caption quality on the real corpus, graded by an independent morphological analyser (Kiwi).

The product classes breaks with fast suffix rules (``captions.text.breaks``); grading it with the same
rules would only measure their agreement with themselves. Here every break is classed from Kiwi's
part-of-speech tags instead:

- sentence end: the left side ends in a final ending or sentence punctuation (EF, SF);
- clause boundary: a connective ending or a comma (EC, SP);
- phrase boundary: after a particle (J*, but not the genitive 의, JKG);
- subject: a subject and the predicate right after it (JKS, then V*): a phrase boundary the issue counts as
  good, reported apart because between captions professionals treat it like an argument's;
- unit: inside a construction that reads as one (a place to avoid, counted with the bad ones too):
  `-ㄹ 수 | 있다/없다`, `-게 | 되다`, `-고 | 있다`, `-에 | 가깝다` (달하다, 불과하다, 해당하다), a quote and its
  `라고 | 하다`, a closing quote and a `라는/이라는` written apart;
- modifier: after an adnominal form or 의 (ETM, JKG) whose head spans several words — the word after
  it is a noun, name or modifier with nothing closing it (`대체 불가능한 | 클라우드 보안 전문가로`,
  `인스턴스 내부의 | 악성 행위 패턴`): the modifier qualifies the whole phrase, where professionals break
  lines, unlike a modifier of one word (`중요한 | 역할을`: bad);
- bad: after an adnominal ending (ETM), after 의 (JKG), after a determiner (MM), before a dependent
  noun (NNB), or before an auxiliary verb (VX);
- argument: an argument cut from the predicate right after it — the left word ends in an object,
  adverbial or complement particle (JKO, JKB, JKC, or an adverbial 까지/부터/처럼/만큼…), and the right
  word is a verb or adjective (V*, or a noun made one by 하다/되다: XSV, XSA): `명령을 | 받아`,
  `불가능에 | 가깝습니다`, `DNS에 | 기록된`. After a topic or subject (은/는, 이/가) it stays a phrase
  boundary;
- inside a noun phrase: the left word ends in a noun, name, number or foreign word with no particle or
  ending after it (NNG, NNP, NR, SN, SL, SH, or a noun suffix XSN), and the right word starts with one
  (quotes and brackets aside): `보안 | 그룹`, `GitHub | Actions`, `Lambda | 함수`, `10 | GB`;
- anything else is neutral.

Run: ``make quality`` (or ``.venv/bin/python benchmarks/quality.py [CORPUS] [--show KIND]``). Prints, per
speed, the share of each class of break between captions inside a segment and between the lines of a
caption, fragments, captions with any flaw Kiwi sees, captions that end with the first words of a new
sentence, and captions too long, too fast or too short; what any layout of these texts into lines of
the profile's width must make (``tradeoff``: the fewest breaks inside a noun phrase or at a place to
avoid, and what keeping those near their minimum costs in argument–predicate breaks); one row per rule
of ``captions.text.breaks.RULES`` with the breaks it classed and how Kiwi grades them; then one row per
corpus file: captions, findings and rule breaches. Exits 1 if a figure falls below its gate (see
``TARGETS``). ``--show "caption argument"`` (or ``"line noun"``, ``"fragment short"``, ``flawed``…) lists
every break or caption of that kind instead.
"""

from __future__ import annotations

import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

from kiwipiepy import Kiwi

from captions import pipeline, profiles, readers
from captions.caption import line_text
from captions.text import breaks, sentences
from captions.text.markup import parse

ROOT = Path(__file__).resolve().parents[1]
SPEEDS = (Fraction(1), Fraction(3, 2))
GOOD = ("sentence", "clause", "phrase", "subject")  # between captions
GOOD_LINES = (*GOOD, "list", "modifier")  # between the lines of one caption a list or a relative clause may end
GRADES = ("sentence", "clause", "phrase", "subject", "list", "modifier", "neutral", "argument", "noun", "bad", "unit")
AVOID = ("bad", "unit")
# what a professional would change in a caption, as far as Kiwi's tags can tell (the blind review is the judge)
CAPTION_FLAWS = ("list", "argument", "noun", "bad", "unit")  # a break before or after the caption
LINE_FLAWS = ("argument", "noun", "bad", "unit")  # places to avoid: a unit is one too, counted apart as well
# figure: (direction, target, gate). The target is what a professional subtitle track should reach
# (issues 4, 11 and 21); the gate is what CI enforces (`make test`): today's figure with a little room, so
# a change that makes one worse fails. Issue 21 graded arguments, subjects, lists, modifiers and units
# apart (a break after any particle used to count as a phrase boundary), so "good" shrank for the same
# captions; under this grading the planner before issue 21 made 76.5% / 57.7% good breaks, 12.7% /
# 23.7% argument–predicate breaks and 3.4% fragments. Two sets of targets exclude each other, as the
# trade-off line that `main` prints proves for these texts: with noun-phrase and avoided breaks near
# their minimum, any layout into 16-unit lines makes far more argument–predicate breaks than 1% and 3%
# allow. Blind reviews (docs/quality.md) prefer an argument–predicate line break to the other two. Kiwi
# grades a line break after a relative clause with an argument of its own before a head of one word as
# "bad" (an ETM before a short head), and so `Semgrep이나 SonarQube 같은 / 도구를`; blind reviewers
# preferred both to a break inside the clause or before 같은 (36% -> 60% of the events the first changed;
# the second is the layout they proposed each time), so the gate for line breaks at a place to avoid
# moved from 5.3% to 6.0%. A short first line at a phrase's end (`둘째, / 비정상적으로 많은 요청을 보내`) costs
# less than a short last one since e08a473; the events it re-split hold three more lone predicates
# (`시작하겠습니다.`), where a noun phrase cut between events (`즉 제로 ‖ 트러스트`) or a lone `2주차에는`
# stood before, and blind reviewers delivered 64% of the events it changed against 47% before (seed
# 1022), so the gate for fragments moved from 1.4% to 1.5%.
TARGETS = {
    "caption breaks good": (">=", 96.0, 80.0),
    "caption breaks bad": ("<=", 0.5, 0.8),
    "caption breaks inside a noun phrase": ("<=", 1.0, 1.0),
    "caption breaks argument–predicate": ("<=", 1.0, 4.5),
    "caption breaks inside a unit": ("<=", 0.0, 0.1),
    "line breaks good": (">=", 88.0, 62.0),
    "line breaks bad": ("<=", 2.0, 6.0),
    "line breaks inside a noun phrase": ("<=", 2.0, 5.7),
    "line breaks argument–predicate": ("<=", 3.0, 23.5),
    "line breaks inside a unit": ("<=", 0.0, 0.2),
    "fragments": ("<=", 0.3, 1.5),
    "captions with a flaw Kiwi sees": ("<=", 15.0, 38.5),
    "captions ending in a new sentence": ("<=", 2.0, 2.0),
    "captions over 7 s": ("<=", 2.0, 2.0),
    "captions over the reading speed": ("<=", 2.0, 2.0),
    "captions under 5/6 s": ("<=", 2.0, 2.0),
}
_CLOSERS = {"SSC", "SS", "SE", "SO", "SW"}
_OPENERS = {"SSO", "SS"}
_NOUN_END = {"NNG", "NNP", "NR", "SN", "SL", "SH", "XSN"}
_NOUN_START = {"NNG", "NNP", "NR", "SN", "SL", "SH"}


_ARGUMENT_TAGS = {"JKO", "JKB", "JKC"}
_COORDINATORS = {"및", "또는", "혹은", "내지"}
_NOT_ITEMS = {"순간", "현재", "대신", "최근", "오늘", "지금", "이후", "이전", "결과", "반면", "한편", "예"}
_ADVERBIAL_JX = {"까지", "부터", "처럼", "만큼", "마다", "조차", "마저", "밖에", "보다"}
_VERB_SUFFIX = {"XSV", "XSA"}
_AS_ONE_AFTER_E = ("가깝", "달하", "달해", "달했", "불과", "해당", "이르", "이른")
_QUOTE_VERB = ("하", "했", "합", "해", "한", "할", "말하", "말했", "부르", "불러", "불리")


class Grader:
    """Kiwi's tokens of a text, and the class of the break at any space in it."""

    def __init__(self, kiwi: Kiwi, text: str) -> None:
        self.text = text
        self.tokens = kiwi.tokenize(text) if text else []

    def _left(self, at: int):
        before = [t for t in self.tokens if t.start + t.len <= at]
        while before and before[-1].tag in _CLOSERS and before[-1].form not in ".?!":
            before.pop()
        return before[-1] if before else None

    def _right(self, at: int):
        return next((t for t in self.tokens if t.start >= at), None)

    def _right_word(self, at: int):
        """The first token of the right word that is not an opening quote or bracket."""
        return next((t for t in self.tokens if t.start >= at and t.tag not in _OPENERS), None)

    def word_tokens(self, start: int):
        """The tokens of the word that starts at offset ``start``, opening quotes and brackets aside."""
        end = self.text.find(" ", start)
        end = len(self.text) if end < 0 else end
        return [t for t in self.tokens if start <= t.start < end and t.tag not in _OPENERS]

    def predicate_word(self, start: int) -> bool:
        """Whether the word at ``start`` is a verb or adjective form: V*, or a noun (root) made one by 하다/되다."""
        toks = self.word_tokens(start)
        if not toks:
            return False
        if toks[0].tag.startswith("V"):
            return True
        if toks[0].tag == "XPN":
            toks = toks[1:]
        if not toks or toks[0].tag not in ("NNG", "NNP", "XR", "SL", "NR"):
            return False
        rest = [t for t in toks[1:] if t.tag != "XSN"]  # 자동/NNG 화/XSN 되/XSV: a noun made a verb
        return bool(rest) and rest[0].tag in _VERB_SUFFIX

    def _unit(self, at: int, left, right) -> bool:
        word = self.text[at + 1 :].split(" ", 1)[0].lstrip("'\"“‘([")
        lword = self.text[:at].rsplit(" ", 1)[-1]
        if left.tag == "NNB" and left.form in ("수", "줄", "리") and right.tag.startswith("V"):
            return word.startswith(("있", "없"))
        if left.tag == "EC" and left.form == "게" and right.tag.startswith("V") and right.form in ("되", "하"):
            return True
        if left.tag == "EC" and left.form == "고" and right.tag == "VX" and right.form in ("있", "계"):
            return True
        if left.tag == "JKB" and left.form == "에" and word.startswith(_AS_ONE_AFTER_E):
            return True
        if left.tag in ("EC", "JKQ") and lword.rstrip(",.").endswith(("라고", "다고", "자고", "냐고")):
            return word.startswith(_QUOTE_VERB)
        return lword[-1:] in "'\"”’" and word.startswith(("라는", "이라는", "라고", "이라고"))

    def classify(self, at: int) -> str:
        """Class of the break at the space that starts at offset ``at``."""
        left, right = self._left(at), self._right(at)
        if left is None or right is None:
            return "neutral"
        if left.tag in ("EF", "SF"):
            return "sentence"
        if self._unit(at, left, right):
            return "unit"
        if left.tag in ("ETM", "JKG") and right.tag not in ("NNB", "VX") and self._long_head(at):
            return "modifier"
        if left.tag in ("ETM", "JKG", "MM") or right.tag in ("NNB", "VX"):
            return "bad"
        first = self._right_word(at)
        if self._list(at, left, first):
            return "list"
        if left.tag in ("EC", "SP") or self.text[:at].rstrip().endswith(","):
            return "clause"
        argument = left.tag in _ARGUMENT_TAGS or (left.tag == "JX" and left.form in _ADVERBIAL_JX)
        if argument and self.predicate_word(at + 1):
            return "argument"
        if left.tag == "JKS" and self.predicate_word(at + 1):
            return "subject"
        if left.tag.startswith("J"):
            return "phrase"
        if left.tag in _NOUN_END and first is not None and first.tag in _NOUN_START and not self.predicate_word(at + 1):
            return "noun"  # not 3배 이상 | 향상되었다는: a noun made a verb takes what comes before
        return "neutral"

    def _long_head(self, at: int) -> bool:
        """Whether the noun phrase after the space at ``at`` goes on past its first word: that word ends in a
        noun, name or number with nothing closing it, or is itself a modifier (ETM, JKG, or a determiner, MM:
        `발생하는 | 모든 행위를`) — so a modifier before it qualifies a head of several words (`대체 불가능한 |
        클라우드 보안 전문가로`)."""
        word = [t for t in self.word_tokens(at + 1) if t.tag not in _CLOSERS]
        if not word or self.text[at + 1 :].split(" ", 1)[0].rstrip("'\"”’]").endswith((",", ".", "?", "!")):
            return False
        return word[-1].tag in _NOUN_END or word[-1].tag in ("ETM", "JKG", "ETN", "MM")

    def _list(self, at: int, left, first) -> bool:
        """Between the items of a list or a coordination: a comma after a noun, 와/과/(이)나 joining nouns
        (JC), or either side of 및/또는/혹은 (`캐시, | 쿠키`, `정책과 | 규정을`, `Hub | 및 GuardDuty`)."""
        if first is None:
            return False
        if left.tag == "JC" and first.tag in _NOUN_START:
            return True
        if left.form in _COORDINATORS and left.tag.startswith("MA"):
            return True
        if first.form in _COORDINATORS and first.tag.startswith("MA"):
            return left.tag in _NOUN_END
        if left.tag == "SP" and left.form == ",":
            before = [t for t in self.tokens if t.start + t.len <= left.start]
            while before and before[-1].tag in _CLOSERS:
                before.pop()
            if not before or before[-1].tag not in _NOUN_END or before[-1].form.endswith("째"):
                return False  # 첫째, …: a sentence adverbial, not an item
            return before[-1].form not in _NOT_ITEMS and first.tag in _NOUN_START
        return False

    def sentence_end_inside(self, start: int, end: int) -> bool:
        """Whether a sentence ends strictly inside ``[start, end)`` of the text."""
        return any(t.tag in ("SF",) and start <= t.start and t.start + t.len < end - 1 for t in self.tokens)

    def fragment(self, start: int, end: int, begins: bool, ends: bool) -> str | None:
        """What kind of fragment the caption ``text[start:end]`` is, if it is one: ``short`` (at most 7
        characters, weighted, and not beginning a sentence), ``predicate`` (only verb forms, not a whole
        sentence: `가깝습니다.`, `알아야 합니다.`, `감시하다가,`) or ``argument`` (one word with a particle,
        alone: `Deployment에`)."""
        if begins and ends:
            return None
        text = self.text[start:end]
        if not begins and profiles.NETFLIX_KO.width(text) <= 14:
            return "short"
        starts = [start] + [start + i + 1 for i, c in enumerate(text) if c == " "]
        if all(self.predicate_word(s) for s in starts):
            return "predicate"
        if len(starts) == 1 and not ends:
            toks = self.word_tokens(start)
            closing = [t for t in toks if t.tag not in _CLOSERS and t.tag not in ("SP", "SF")]
            if closing and closing[-1].tag.startswith("J") and closing[-1].tag != "JX":
                return "argument"
        return None


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def lecture_pairs(corpus: Path) -> list[Path]:
    """The reports that have a matching sidecar (same segment spans): the lectures to grade."""
    sidecars = sorted(corpus.glob("*_segments.json"))
    return [r for r in sorted(corpus.glob("*_improved*.txt")) if readers.matching_sidecar(r, sidecars)]


def _rule_at(text: str, at: int, ends: frozenset[int]) -> str:
    """Name of the product's rule that classes the break at the space at offset ``at``."""
    head, left = text[:at].rsplit(" ", 1) if " " in text[:at] else ("", text[:at])
    right, *rest = text[at + 1 :].split(" ", 2)
    before, after = head.rsplit(" ", 1)[-1], rest[0] if rest else ""
    return breaks.explain(left, right, any(at - len(left) < e <= at + 1 for e in ends), before, after).name


Layouts = list[tuple[list[int], list[str]]]  # each text: its words' widths, and Kiwi's class of each break


def breakable(kiwi: Kiwi, texts: list[str]) -> Layouts:
    """Each text's word widths and Kiwi's class of the break before each word (the first: none)."""
    out: Layouts = []
    for text in texts:
        words, at = [], 0
        for w in text.split(" "):
            if w:
                words.append((at, sum(profiles.NETFLIX_KO.char_width(c) for c in w)))
            at += len(w) + 1
        if words:
            grader = Grader(kiwi, text)
            out.append(([n for _, n in words], [""] + [grader.classify(a - 1) for a, _ in words[1:]]))
    return out


def fewest(layouts: Layouts, width: int, lam: float) -> tuple[int, int]:
    """Over every split of every text into lines of at most ``width`` (caption or line breaks alike), the
    one that minimises (breaks inside a noun phrase or at a place to avoid) + ``lam`` × (breaks between an
    argument and its predicate): its two counts. A dynamic programme over each text's words."""
    space = profiles.NETFLIX_KO.char_width(" ")
    avoid = total_args = 0
    for widths, classes in layouts:
        n = len(widths)
        best: list[tuple[float, int, int]] = [(0.0, 0, 0)] + [(float("inf"), 0, 0)] * n
        for j in range(1, n + 1):
            span = -space
            for i in range(j - 1, -1, -1):
                span += widths[i] + space
                if span > width and i < j - 1:
                    break
                bad, arg = int(classes[i] in ("noun", *AVOID)), int(classes[i] == "argument")
                cand = (best[i][0] + bad + lam * arg, best[i][1] + bad, best[i][2] + arg)
                if cand[0] < best[j][0] - 1e-9:
                    best[j] = cand
        avoid += best[n][1]
        total_args += best[n][2]
    return avoid, total_args


def tradeoff(layouts: Layouts, width: int, caption_breaks: int, line_breaks: int) -> dict[str, float]:
    """What any layout into lines of ``width`` must make, by weak duality over ``fewest``: the fewest breaks
    inside a noun phrase or at a place to avoid (``bound``); with at most 10% more of those, the fewest
    argument | predicate breaks (``arguments at the bound``); and with no more argument | predicate
    breaks than the targets allow (1% of caption breaks and 3% of line breaks), the fewest inside a noun
    phrase or at a place to avoid (``avoid at the argument targets``). For every lam, avoid + lam × args
    >= L(lam) holds for every layout, so each minimum is at least the best of these lines."""
    bound = fewest(layouts, width, 0.001)[0]
    budget = round(1.1 * bound)
    allowed = int(0.01 * caption_breaks + 0.03 * line_breaks)
    args_needed = avoid_needed = 0.0
    for lam in (0.5, 0.7, 1.0, 1.5):
        avoid, args = fewest(layouts, width, lam)
        dual = avoid + lam * args
        args_needed = max(args_needed, (dual - budget) / lam)
        avoid_needed = max(avoid_needed, dual - lam * allowed)
    return {
        "bound": bound,
        "budget": budget,
        "arguments at the bound": int(args_needed + 0.999),
        "allowed arguments": allowed,
        "avoid at the argument targets": int(avoid_needed + 0.999),
    }


def grade(corpus: Path) -> dict[str, dict[str, float]]:
    kiwi = Kiwi()
    caption_breaks: Counter[str] = Counter()
    line_breaks: Counter[str] = Counter()
    fragments: Counter[str] = Counter()
    flawed: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = {r.name: Counter() for r in breaks.RULES}
    texts: list[str] = []
    tails = total = 0
    rules: dict[Fraction, Counter[str]] = {s: Counter() for s in SPEEDS}
    for path in lecture_pairs(corpus):
        result = pipeline.build(readers.read_path(path), profiles.NETFLIX_KO, SPEEDS)
        for seg in result.timeline.segments:
            mine = [c for c in result.captions if c.segment == seg.number]
            if not mine:
                continue
            text = parse(seg.text).text
            texts.append(text)
            ends = frozenset(sentences.sentence_ends(text, sentences.split([text])[0]))
            grader = Grader(kiwi, text)
            cursor = 0
            begins = True
            before = "sentence"
            for k, c in enumerate(mine):
                flaws = []
                lines = [line_text(line) for line in c.lines]
                start = text.index(lines[0], cursor)
                pos = start
                for i, line in enumerate(lines):
                    pos = text.index(line, pos)
                    if i:
                        line_breaks[grader.classify(pos - 1)] += 1
                        if grader.classify(pos - 1) in LINE_FLAWS:
                            flaws.append(f"line {grader.classify(pos - 1)}")
                        _show(f"line {grader.classify(pos - 1)}", text[start : start + len(" / ".join(lines))], lines)
                        hits[_rule_at(text, pos - 1, ends)][f"line {grader.classify(pos - 1)}"] += 1
                    pos += len(line)
                end = pos
                after = grader.classify(end) if k + 1 < len(mine) else "sentence"
                if k + 1 < len(mine):
                    caption_breaks[after] += 1
                    _show(f"caption {after}", f"{' / '.join(lines)} ‖ {line_text(mine[k + 1].lines[0])}")
                    hits[_rule_at(text, end, ends)][f"caption {after}"] += 1
                    if grader.sentence_end_inside(start, end) and after != "sentence":
                        tails += 1
                kind = grader.fragment(start, end, begins, after == "sentence")
                if kind:
                    fragments[kind] += 1
                    _show(f"fragment {kind}", " / ".join(lines))
                    flaws.append(f"fragment {kind}")
                flaws += [f"caption {g}" for g in (before, after) if g in CAPTION_FLAWS]
                widths = [profiles.NETFLIX_KO.width(line) for line in lines]
                if len(widths) > 1 and 3 * min(widths) < max(widths):
                    flaws.append("orphan line")
                flawed.update(set(flaws))
                flawed["any"] += bool(flaws)
                if flaws:
                    _show("flawed", f"{' / '.join(lines)}   [{', '.join(flaws)}]")
                before = after
                begins = after == "sentence"
                cursor = end
                total += 1
        for s, ms in result.measures.items():
            for m in ms:
                rules[s].update(m.violations)
    figures: dict[str, dict[str, float]] = {}
    cb, lb = sum(caption_breaks.values()), sum(line_breaks.values())
    for s in SPEEDS:
        label = f"{float(s):g}x"
        figures[label] = {
            "caption breaks good": _pct(sum(caption_breaks[g] for g in GOOD), cb),
            "caption breaks bad": _pct(sum(caption_breaks[g] for g in AVOID), cb),
            "caption breaks inside a noun phrase": _pct(caption_breaks["noun"], cb),
            "caption breaks argument–predicate": _pct(caption_breaks["argument"], cb),
            "caption breaks inside a unit": _pct(caption_breaks["unit"], cb),
            "line breaks good": _pct(sum(line_breaks[g] for g in GOOD_LINES), lb),
            "line breaks bad": _pct(sum(line_breaks[g] for g in AVOID), lb),
            "line breaks inside a noun phrase": _pct(line_breaks["noun"], lb),
            "line breaks argument–predicate": _pct(line_breaks["argument"], lb),
            "line breaks inside a unit": _pct(line_breaks["unit"], lb),
            "fragments": _pct(sum(fragments.values()), total),
            "captions with a flaw Kiwi sees": _pct(flawed["any"], total),
            "captions ending in a new sentence": _pct(tails, total),
            "captions over 7 s": _pct(rules[s]["too-long"], total),
            "captions over the reading speed": _pct(rules[s]["reading-speed"], total),
            "captions under 5/6 s": _pct(rules[s]["too-short"], total),
        }
    figures["rules"] = {name: dict(c) for name, c in hits.items()}
    figures["forced"] = tradeoff(breakable(kiwi, texts), profiles.NETFLIX_KO.max_line_width, cb, lb)
    figures["counts"] = {
        "captions": total,
        "caption breaks": cb,
        "line breaks": lb,
        **{f"caption {k}": v for k, v in caption_breaks.items()},
        **{f"line {k}": v for k, v in line_breaks.items()},
        **{f"fragment {k}": v for k, v in fragments.items()},
    }
    figures["flaws"] = dict(flawed)
    return figures


SHOWN: dict[str, list[str]] | None = None  # ``--show KIND``: every break or fragment of that kind, listed


def _show(kind: str, text: str, lines: list[str] | None = None) -> None:
    if SHOWN is not None and kind in SHOWN:
        SHOWN[kind].append(" / ".join(lines) if lines else text)


def rules_table(hits: dict[str, dict[str, int]]) -> list[str]:
    """One row per rule, in the table's order: its class, and Kiwi's grades of the breaks it classed."""
    rows = [
        "| rule | class | caption breaks | line breaks | Kiwi: " + " / ".join(GRADES) + " |",
        "|---|---|---|---|---|",
    ]
    for rule in breaks.RULES:
        c = hits.get(rule.name, {})
        caps = sum(v for k, v in c.items() if k.startswith("caption"))
        lines = sum(v for k, v in c.items() if k.startswith("line"))
        graded = " / ".join(str(c.get(f"caption {g}", 0) + c.get(f"line {g}", 0)) for g in GRADES)
        rows.append(f"| {rule.name} | {rule.cls.name.lower()} | {caps} | {lines} | {graded} |")
    return rows


def files_table(corpus: Path) -> list[str]:
    rows = [
        "| file | kind | segments | captions | findings | breaches 1x | breaches 1.5x |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in sorted(corpus.glob("*_improved*.txt")) + sorted(corpus.glob("*_segments.json")):
        result = pipeline.build(readers.read_path(path), profiles.NETFLIX_KO, SPEEDS)
        ms = result.measures
        kinds = Counter(f.kind for f in result.findings)
        breaches = [sum(len(m.violations) for m in ms[s]) for s in SPEEDS]
        rows.append(
            f"| {path.name[:48]}… | {result.timeline.kind} | {len(result.timeline.segments)} | "
            f"{len(result.captions)} | "
            f"{sum(kinds.values())} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or '-'}) | "
            f"{breaches[0]} | {breaches[1]} |"
        )
    return rows


def _meets(op: str, bar: float, value: float) -> bool:
    return value >= bar if op == ">=" else value <= bar


def main() -> int:
    global SHOWN
    args = sys.argv[1:]
    if "--show" in args:  # --show "caption argument" lists those breaks (kinds: "caption G", "line G", "fragment K")
        at = args.index("--show")
        SHOWN = {args[at + 1]: []}
        del args[at : at + 2]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    figures = grade(corpus)
    if SHOWN is not None:
        for kind, found in SHOWN.items():
            print(f"{kind}: {len(found)}")
            print("\n".join(found))
        return 0
    missed, below = [], []
    print(f"Lectures with a matching sidecar: {len(lecture_pairs(corpus))}; counts: {figures['counts']}\n")
    speeds = [f for f in figures if f not in ("counts", "rules", "forced", "flaws")]
    print("| figure | target | gate | " + " | ".join(speeds) + " |")
    print("|---|---|---|" + "---|" * len(speeds))
    for name, (op, target, gate) in TARGETS.items():
        cells = []
        for speed in speeds:
            value = figures[speed][name]
            hit, held = _meets(op, target, value), _meets(op, gate, value)
            missed += [] if hit else [f"{name} at {speed}"]
            below += [] if held else [f"{name} at {speed}"]
            cells.append(f"{value:.1f}%" + ("" if hit else " ✗") + ("" if held else " (below the gate)"))
        print(f"| {name} | {op} {target:g}% | {op} {gate:g}% | " + " | ".join(cells) + " |")
    counts = figures["counts"]
    made = sum(counts.get(f"{kind} {g}", 0) for kind in ("caption", "line") for g in ("noun", *AVOID))
    made_args = sum(counts.get(f"{kind} argument", 0) for kind in ("caption", "line"))
    forced, width = figures["forced"], profiles.NETFLIX_KO.max_line_width / 2
    print(
        f"\nBreaks inside a noun phrase or at a place to avoid: {made} made; any layout into lines of {width:g} "
        f"must make at least {forced['bound']}. Argument–predicate breaks: {made_args} made; any layout with at "
        f"most {forced['budget']} of the former must make at least {forced['arguments at the bound']} of these, "
        f"and any with at most {forced['allowed arguments']} of these (the 1% and 3% targets) at least "
        f"{forced['avoid at the argument targets']} of the former: the two targets exclude each other.\n"
    )
    print("Flaws Kiwi sees, in captions: " + ", ".join(f"{k} {v}" for k, v in sorted(figures["flaws"].items())) + "\n")
    print("\n".join(rules_table(figures["rules"])))
    print()
    print("\n".join(files_table(corpus)))
    if missed:
        print("\ntargets missed: " + "; ".join(missed), file=sys.stderr)
    if below:
        print("\nbelow a gate: " + "; ".join(below), file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
