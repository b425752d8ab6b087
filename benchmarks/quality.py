"""Caption quality on the real corpus, graded by an independent morphological analyser (Kiwi).

The product classes breaks with fast suffix rules (``captions.text.breaks``); grading it with the same
rules would only measure their agreement with themselves. Here every break is classed from Kiwi's
part-of-speech tags instead:

- sentence end: the left side ends in a final ending or sentence punctuation (EF, SF);
- clause boundary: a connective ending or a comma (EC, SP);
- phrase boundary: after a particle (J*, but not the genitive 의, JKG);
- bad: after an adnominal ending (ETM), after 의 (JKG), after a determiner (MM), before a dependent
  noun (NNB), or before an auxiliary verb (VX);
- inside a noun phrase: the left word ends in a noun, name, number or foreign word with no particle or
  ending after it (NNG, NNP, NR, SN, SL, SH, or a noun suffix XSN), and the right word starts with one
  (quotes and brackets aside): `보안 | 그룹`, `GitHub | Actions`, `Lambda | 함수`, `10 | GB`;
- anything else is neutral.

Run: ``make quality`` (or ``.venv/bin/python benchmarks/quality.py [CORPUS]``). Prints, per speed, the
share of good and bad breaks between captions inside a segment and between the lines of a caption,
captions that end with the first words of a new sentence, and captions too long, too fast or too short;
the fewest breaks inside a noun phrase or at a place to avoid that any layout of these texts into
lines of the profile's width must make (a lower bound: a noun phrase wider than a line has to break
somewhere); one row per rule of ``captions.text.breaks.RULES`` with the breaks it classed and how Kiwi
grades them; then one row per corpus file: captions, findings and rule breaches. Exits 1 if a target
falls below a gate (see ``TARGETS``).
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
GOOD = ("sentence", "clause", "phrase")
GRADES = ("sentence", "clause", "phrase", "neutral", "noun", "bad")
# figure: (direction, target, gate). The target is what a professional subtitle track should reach
# (issues 4 and 11); the gate is what CI enforces (`make test`), the target itself wherever it is met.
# Two line-break targets of issue 11 are out of reach of any planner with 16-unit lines: planning with
# Kiwi's own classes as an oracle reaches 84.5% good and 9.0% inside a noun phrase (a noun phrase
# wider than a line has to break somewhere, and the other choice is a place to avoid). Their gates
# hold today's figures, so a change that makes them worse fails.
TARGETS = {
    "caption breaks good": (">=", 96.0, 96.0),
    "caption breaks bad": ("<=", 0.5, 0.5),
    "caption breaks inside a noun phrase": ("<=", 1.0, 1.0),
    "line breaks good": (">=", 88.0, 80.0),
    "line breaks bad": ("<=", 2.0, 2.0),
    "line breaks inside a noun phrase": ("<=", 2.0, 12.5),
    "captions ending in a new sentence": ("<=", 2.0, 2.0),
    "captions over 7 s": ("<=", 2.0, 2.0),
    "captions over the reading speed": ("<=", 2.0, 2.0),
    "captions under 5/6 s": ("<=", 2.0, 2.0),
}
_CLOSERS = {"SSC", "SS", "SE", "SO", "SW"}
_OPENERS = {"SSO", "SS"}
_NOUN_END = {"NNG", "NNP", "NR", "SN", "SL", "SH", "XSN"}
_NOUN_START = {"NNG", "NNP", "NR", "SN", "SL", "SH"}


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

    def classify(self, at: int) -> str:
        """Class of the break at the space that starts at offset ``at``."""
        left, right = self._left(at), self._right(at)
        if left is None or right is None:
            return "neutral"
        if left.tag in ("EF", "SF"):
            return "sentence"
        if left.tag in ("ETM", "JKG", "MM") or right.tag in ("NNB", "VX"):
            return "bad"
        if left.tag in ("EC", "SP") or self.text[:at].rstrip().endswith(","):
            return "clause"
        if left.tag.startswith("J"):
            return "phrase"
        first = self._right_word(at)
        if left.tag in _NOUN_END and first is not None and first.tag in _NOUN_START:
            return "noun"
        return "neutral"

    def sentence_end_inside(self, start: int, end: int) -> bool:
        """Whether a sentence ends strictly inside ``[start, end)`` of the text."""
        return any(t.tag in ("SF",) and start <= t.start and t.start + t.len < end - 1 for t in self.tokens)


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def lecture_pairs(corpus: Path) -> list[Path]:
    """The reports that have a matching sidecar (same segment spans): the lectures to grade."""
    sidecars = sorted(corpus.glob("*_segments.json"))
    return [r for r in sorted(corpus.glob("*_improved*.txt")) if readers.matching_sidecar(r, sidecars)]


def _rule_at(text: str, at: int, ends: frozenset[int]) -> str:
    """Name of the product's rule that classes the break at the space at offset ``at``."""
    left, right = text[:at].rsplit(" ", 1)[-1], text[at + 1 :].split(" ", 1)[0]
    return breaks.explain(left, right, any(at - len(left) < e <= at + 1 for e in ends)).name


def fewest_forced(kiwi: Kiwi, texts: list[str], width: int) -> int:
    """Fewest breaks inside a noun phrase or at a place to avoid (Kiwi's classes) that any split of
    ``texts`` into lines of at most ``width`` must make: a dynamic programme over each text's words."""
    forced = 0
    for text in texts:
        words, at = [], 0
        for w in text.split(" "):
            if w:
                words.append((at, sum(profiles.NETFLIX_KO.char_width(c) for c in w)))
            at += len(w) + 1
        if not words:
            continue
        grader = Grader(kiwi, text)
        costly = [False] + [grader.classify(a - 1) in ("noun", "bad") for a, _ in words[1:]]
        best = [0] + [len(words)] * len(words)
        for j in range(1, len(words) + 1):
            span = -profiles.NETFLIX_KO.char_width(" ")
            for i in range(j - 1, -1, -1):
                span += words[i][1] + profiles.NETFLIX_KO.char_width(" ")
                if span > width and i < j - 1:
                    break
                best[j] = min(best[j], best[i] + costly[i])
        forced += best[-1]
    return forced


def grade(corpus: Path) -> dict[str, dict[str, float]]:
    kiwi = Kiwi()
    caption_breaks: Counter[str] = Counter()
    line_breaks: Counter[str] = Counter()
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
            for k, c in enumerate(mine):
                lines = [line_text(line) for line in c.lines]
                start = text.index(lines[0], cursor)
                pos = start
                for i, line in enumerate(lines):
                    pos = text.index(line, pos)
                    if i:
                        line_breaks[grader.classify(pos - 1)] += 1
                        hits[_rule_at(text, pos - 1, ends)][f"line {grader.classify(pos - 1)}"] += 1
                    pos += len(line)
                end = pos
                if k + 1 < len(mine):
                    caption_breaks[grader.classify(end)] += 1
                    hits[_rule_at(text, end, ends)][f"caption {grader.classify(end)}"] += 1
                    if grader.sentence_end_inside(start, end) and grader.classify(end) != "sentence":
                        tails += 1
                cursor = end
                total += 1
        for s, ms in result.measures.items():
            for m in ms:
                rules[s].update(m.violations)
    figures: dict[str, dict[str, float]] = {}
    for s in SPEEDS:
        label = f"{float(s):g}x"
        cb, lb = sum(caption_breaks.values()), sum(line_breaks.values())
        figures[label] = {
            "caption breaks good": _pct(sum(caption_breaks[g] for g in GOOD), cb),
            "caption breaks bad": _pct(caption_breaks["bad"], cb),
            "caption breaks inside a noun phrase": _pct(caption_breaks["noun"], cb),
            "line breaks good": _pct(sum(line_breaks[g] for g in GOOD), lb),
            "line breaks bad": _pct(line_breaks["bad"], lb),
            "line breaks inside a noun phrase": _pct(line_breaks["noun"], lb),
            "captions ending in a new sentence": _pct(tails, total),
            "captions over 7 s": _pct(rules[s]["too-long"], total),
            "captions over the reading speed": _pct(rules[s]["reading-speed"], total),
            "captions under 5/6 s": _pct(rules[s]["too-short"], total),
        }
    figures["rules"] = {name: dict(c) for name, c in hits.items()}
    figures["forced"] = {"breaks": fewest_forced(kiwi, texts, profiles.NETFLIX_KO.max_line_width)}
    figures["counts"] = {
        "captions": total,
        "caption breaks": sum(caption_breaks.values()),
        "line breaks": sum(line_breaks.values()),
        **{f"caption {k}": v for k, v in caption_breaks.items()},
        **{f"line {k}": v for k, v in line_breaks.items()},
    }
    return figures


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
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    figures = grade(corpus)
    missed, below = [], []
    print(f"Lectures with a matching sidecar: {len(lecture_pairs(corpus))}; counts: {figures['counts']}\n")
    speeds = [f for f in figures if f not in ("counts", "rules", "forced")]
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
    made = sum(counts.get(f"{kind} {g}", 0) for kind in ("caption", "line") for g in ("noun", "bad"))
    print(
        f"\nBreaks inside a noun phrase or at a place to avoid: {made} made; any layout into lines of "
        f"{profiles.NETFLIX_KO.max_line_width / 2:g} must make at least {figures['forced']['breaks']}.\n"
    )
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
