"""Segment text → caption chunks → lines, under a profile, for every requested speed at once.

Breaks fall only at spaces (a word wider than a whole line is the one exception, cut where it
must be and reported). A dynamic programme over the words of a segment picks the chunking with the
lowest cost: each caption costs a little (fewer, fuller captions read better), each break costs by
its class (``text.breaks``), a caption whose duration would break the profile at any requested
speed costs a lot, and so does a caption that ends with the first words of a new sentence. Each
chunk is laid out on as few lines as fit, a two-line layout choosing the best-classed, most even
line break. The duration of a chunk is its share of the segment, in proportion to its width
(see ``timing``), so durations are known while planning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, pairwise

from captions.caption import Line, Run
from captions.profiles import Profile
from captions.text.breaks import Break, classify
from captions.text.markup import Rich

# Costs, tuned on the corpus against an independent grader (benchmarks/quality.py, Kiwi's tags):
# syntax first — a break between nouns or after an adverb costs far more than an uneven pair of lines.
# A noun phrase wider than a line must break somewhere: between captions that costs more than between
# the lines of one caption (a reader sees the two halves together), and a place to avoid more still.
CAPTION_COST = 8.0
BREAK_COST = {
    Break.SENTENCE: 0.0,
    Break.CLAUSE: 3.0,
    Break.PHRASE: 10.0,
    Break.WEAK: 30.0,
    Break.NEUTRAL: 48.0,
    Break.INSIDE: 160.0,
    Break.BAD: 200.0,
    Break.GLUE: 400.0,
}
LINE_COST = {
    Break.SENTENCE: 0.0,
    Break.CLAUSE: 1.0,
    Break.PHRASE: 2.0,
    Break.WEAK: 15.0,
    Break.NEUTRAL: 34.0,
    Break.INSIDE: 60.0,
    Break.BAD: 90.0,
    Break.GLUE: 200.0,
}
QUOTE_COST = 10.0  # splitting a quoted or parenthesised phrase
IMBALANCE_COST = 0.03  # per half-unit between the widest and narrowest line
ORPHAN_SHARE = 0.4  # a line narrower than this share of the widest looks orphaned
ORPHAN_COST = 0.1  # per half-unit it falls short
TAIL_COST = 40.0  # a caption ending with the first words of the next sentence
HEAD_COST = 20.0  # a caption starting with the last words of the previous sentence
RULE_COST = 250.0  # a duration the profile forbids, at some speed: worse than any break
COMFORT_MS = 1200  # below this at the fastest speed a caption flashes by, even if allowed


@dataclass(frozen=True)
class Chunk:
    """One planned caption: its lines, and its share of the segment's time in half-units."""

    lines: tuple[Line, ...]
    weight: int


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    glue: bool  # continues the previous word with no space between


def _words(text: str, widths: list[int], max_width: int) -> list[_Word]:
    """Words of ``text``; one wider than ``max_width`` is cut into pieces that fit, after ``/-_.=`` if it can."""
    words: list[_Word] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        j = text.find(" ", i)
        j = n if j < 0 else j
        start, glue = i, False
        while widths[j] - widths[start] > max_width:
            cut = start + 1
            while cut < j and widths[cut + 1] - widths[start] <= max_width:
                cut += 1
            soft = max((k + 1 for k in range(start, cut - 1) if text[k] in "/-_.=:?&"), default=0)
            if soft > start + (cut - start) // 2:
                cut = soft
            words.append(_Word(start, cut, glue))
            start, glue = cut, True
        words.append(_Word(start, j, glue))
        i = j
    return words


def _quote_flags(text: str, words: list[_Word]) -> list[bool]:
    """For each break position i (before word i), whether it lies inside quotes or parentheses."""
    pairs = {"(": ")", "“": "”", "‘": "’", "「": "」", "『": "』", "[": "]"}
    closing = {v: k for k, v in pairs.items()}
    depth = dict.fromkeys(pairs, 0)
    toggles = {'"': 0, "'": 0}
    states: list[tuple[dict[str, int], dict[str, int]]] = []
    for w in words:
        states.append((dict(depth), dict(toggles)))
        for ch in text[w.start : w.end]:
            if ch in pairs:
                depth[ch] += 1
            elif ch in closing and depth[closing[ch]] > 0:
                depth[closing[ch]] -= 1
            elif ch in toggles:
                toggles[ch] ^= 1
    balanced = {k for k, v in toggles.items() if v == 0} | {k for k, v in depth.items() if v == 0}
    return [
        any(v > 0 and k in balanced for k, v in d.items()) or any(v and k in balanced for k, v in t.items())
        for d, t in states
    ]


def plan(
    rich: Rich,
    sentence_ends: frozenset[int],
    duration_ms: int,
    profile: Profile,
    speeds: Sequence[Fraction],
) -> list[Chunk]:
    """Chunks and lines for one segment's text, in order; empty for a segment with no text."""
    text = rich.text
    if not text:
        return []
    prefix = [0, *accumulate(profile.char_width(c) for c in text)]
    limit = profile.max_line_width
    words = _words(text, prefix, limit)
    n = len(words)
    total = prefix[-1]
    starts = [w.start for w in words] + [len(text)]

    kinds: list[Break] = [Break.SENTENCE]
    for k in range(1, n):
        left, right = words[k - 1], words[k]
        if right.glue:
            kinds.append(Break.GLUE)
            continue
        at_end = any(left.end <= e <= right.start for e in sentence_ends)
        kinds.append(classify(text[left.start : left.end], text[right.start : right.end], at_end))
    quoted = _quote_flags(text, words)
    sentence_count = list(accumulate((1 if k == Break.SENTENCE else 0 for k in kinds), initial=0))

    fastest, slowest = float(max(speeds)), float(min(speeds))
    # costs are floats (times stay integers): per-break costs are looked up once, not per candidate
    line_cost = [LINE_COST[k] + (QUOTE_COST / 2 if q else 0.0) for k, q in zip(kinds, quoted, strict=True)]
    break_cost = [BREAK_COST[k] + (QUOTE_COST if q else 0.0) for k, q in zip(kinds, quoted, strict=True)]
    starts_at = [prefix[w.start] for w in words]
    ends_at = [prefix[w.end] for w in words]
    spoken = [prefix[s] for s in starts]
    ms_per_unit = duration_ms / total
    min_ms, max_ms = profile.min_duration_ms, profile.max_duration_ms

    def layout(i: int, j: int, lines_left: int) -> tuple[float, tuple[int, ...], int, int] | None:
        """Cheapest split of words i..j-1 into ≤ lines_left lines: (cost, breaks, widest, narrowest)."""
        start, end = starts_at[i], ends_at[j - 1]
        if end - start <= limit:
            return 0.0, (), end - start, end - start
        if lines_left < 2:
            return None
        best: tuple[float, tuple[int, ...], int, int] | None = None
        best_total = 0.0
        for k in range(i + 1, j):
            first = ends_at[k - 1] - start
            if first > limit:
                break
            if lines_left == 2:  # the common case, without recursion
                second = end - starts_at[k]
                if second > limit:
                    continue
                rest: tuple[float, tuple[int, ...], int, int] | None = (0.0, (), second, second)
            else:
                rest = layout(k, j, lines_left - 1)
                if rest is None:
                    continue
            widest, narrowest = max(first, rest[2]), min(first, rest[3])
            cost = rest[0] + line_cost[k]
            short = ORPHAN_SHARE * widest - narrowest
            total_cost = cost + IMBALANCE_COST * (widest - narrowest) + (ORPHAN_COST * short if short > 0 else 0.0)
            if best is None or total_cost < best_total:
                best, best_total = (cost, (k, *rest[1]), widest, narrowest), total_cost
        return best

    def caption_cost(i: int, j: int) -> float:
        ms = ms_per_unit * (spoken[j] - spoken[i])
        fast, slow = ms / fastest, ms / slowest
        cost = CAPTION_COST
        if fast < min_ms:
            cost += RULE_COST + (min_ms - fast) / 20
        if slow > max_ms:
            cost += RULE_COST + (slow - max_ms) / 20
        if fast < COMFORT_MS:
            cost += (COMFORT_MS - fast) / 100
        if sentence_count[j] - sentence_count[i + 1] > 0:  # a sentence ends inside
            if j < n and kinds[j] != Break.SENTENCE:
                cost += TAIL_COST
            if i > 0 and kinds[i] != Break.SENTENCE:
                cost += HEAD_COST
        return cost

    cap = profile.max_lines * (limit + 1)
    best = [0.0] + [float("inf")] * n
    back: list[tuple[int, tuple[int, ...]]] = [(0, ())] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if ends_at[j - 1] - starts_at[i] > cap:
                break
            lay = layout(i, j, profile.max_lines)
            if lay is None:
                continue
            cost = best[i] + caption_cost(i, j) + lay[0] + _uneven(lay[2], lay[3])
            if i > 0:
                cost += break_cost[i]
            if cost < best[j]:
                best[j] = cost
                back[j] = (i, lay[1])
    spans: list[tuple[int, int, tuple[int, ...]]] = []
    j = n
    while j > 0:
        i, line_breaks = back[j]
        spans.append((i, j, line_breaks))
        j = i
    spans.reverse()
    chunks = []
    for i, j, line_breaks in spans:
        edges = (i, *line_breaks, j)
        lines = tuple(_runs(rich, words[a].start, words[b - 1].end) for a, b in pairwise(edges))
        chunks.append(Chunk(lines, prefix[starts[j]] - prefix[starts[i]]))
    return chunks


def _uneven(widest: int, narrowest: int) -> float:
    """Cost of lines of unequal width: a little for any difference, more for an orphaned short line."""
    return IMBALANCE_COST * (widest - narrowest) + ORPHAN_COST * max(0.0, ORPHAN_SHARE * widest - narrowest)


def _runs(rich: Rich, a: int, b: int) -> Line:
    """Text from ``a`` to ``b`` as runs split where emphasis starts or stops."""
    cuts = {a, b}
    for s, e in rich.bold:
        if a < s < b:
            cuts.add(s)
        if a < e < b:
            cuts.add(e)
    edges = sorted(cuts)
    return tuple(Run(rich.text[x:y], rich.is_bold(x)) for x, y in pairwise(edges) if x < y)
