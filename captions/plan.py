"""Segment text → caption chunks → lines, under a profile, for every requested speed at once.

Breaks fall only at spaces (a word wider than a whole line is the one exception, cut where it
must be and reported). A dynamic programme over the words of a segment picks the chunking with the
lowest cost: each caption costs a little (fewer, fuller captions read better), each break costs by
its class (``text.breaks``) — one price between captions, another between the two lines of one —, a
caption whose duration would break the profile at any requested speed costs a lot, and so do a caption
that ends with the first words of a new sentence and one that reads as a fragment. Each
chunk is laid out on as few lines as fit, a two-line layout choosing the best-classed, most even
line break. The duration of a chunk is its share of the segment, in proportion to its width
(see ``timing``), so durations are known while planning.

``plan`` is four pure steps, each testable alone: ``prepare`` measures the text once (``Prepared``),
``price`` looks each break's cost up once under a ``Costs`` (``Prices``), ``choose`` runs the
programme (``layout`` and ``caption_cost`` price one candidate caption), and ``assemble`` turns the
chosen spans into ``Chunk``s. Every cost lives in one ``Costs`` value; ``plan`` takes ``COSTS``
unless given another, so a benchmark can try a cost without touching this module.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, pairwise
from types import MappingProxyType

from captions.caption import Line, Run
from captions.profiles import Profile
from captions.text.breaks import Break, argument, classify, opens_clause, verbal
from captions.text.markup import Rich


@dataclass(frozen=True, slots=True)
class Costs:
    """Every cost the planner weighs, in one value, so that a benchmark or a test can plan under other
    costs (``dataclasses.replace(COSTS, tail=0.0)``) instead of patching module globals.

    Costs are floats (times stay integers); ``comfort_ms`` is a time, in integer milliseconds.
    """

    caption: float  # each caption: fewer, fuller captions read better
    breaks: Mapping[Break, float]  # a break between two captions, by class
    lines: Mapping[Break, float]  # a break between the lines of one caption, by class
    quote: float  # splitting a quoted or parenthesised phrase between captions (half of it between lines)
    imbalance: float  # per half-unit between the widest and narrowest line
    orphan_share: float  # a line narrower than this share of the widest looks orphaned
    orphan: float  # per half-unit it falls short
    orphan_top: float  # the same for a first line: `자, / 이렇게 안전한 환경을 구축했다면,` reads well, where a short
    # last line strands a predicate (`자, 이렇게 안전한 환경을 / 구축했다면,`)
    tail: float  # a caption ending with the first words of the next sentence
    head: float  # a caption starting with the last words of the previous sentence
    rule: float  # a duration the profile forbids, at some speed: worse than any break
    comfort_ms: int  # below this at the fastest speed a caption flashes by, even if allowed
    fragment: float  # a caption that is not a whole sentence and is short, only a predicate, or one argument
    fragment_width: int  # half-units: a caption this narrow that is not a whole sentence is a fragment
    loose_width: int  # half-units: so is one phrase this narrow that ends inside a clause (그리고 많은 분들이)


# Fitted to blind reviews (docs/quality.md): about 50 × the log-odds a break class costs an event a
# professional would otherwise leave as it is, twice that between captions (such a break touches two
# events), the places to avoid kept dear where the reviews are thin. Syntax first: between captions
# anything but a clause's end costs; between lines an argument and its verb may part, a noun phrase not.
COSTS = Costs(
    caption=15.0,
    breaks=MappingProxyType(
        {
            Break.SENTENCE: 0.0,
            Break.CLAUSE: 3.0,
            Break.PHRASE: 70.0,
            Break.LIST: 100.0,
            Break.PAIR: 145.0,
            Break.MODIFIER: 165.0,
            Break.WEAK: 145.0,
            Break.NEUTRAL: 120.0,
            Break.ARGUMENT: 195.0,
            Break.GENITIVE: 280.0,
            Break.HEAD: 450.0,
            Break.INSIDE: 450.0,
            Break.BAD: 450.0,
            Break.UNIT: 550.0,
            Break.GLUE: 650.0,
        }
    ),
    lines=MappingProxyType(
        {
            Break.SENTENCE: 0.0,
            Break.CLAUSE: 1.0,
            Break.PHRASE: 2.0,
            Break.LIST: 2.0,
            Break.PAIR: 2.0,
            Break.MODIFIER: 20.0,
            Break.WEAK: 33.0,
            Break.NEUTRAL: 43.0,
            Break.ARGUMENT: 25.0,
            Break.GENITIVE: 20.0,
            Break.HEAD: 30.0,
            Break.INSIDE: 92.0,
            Break.BAD: 90.0,
            Break.UNIT: 180.0,
            Break.GLUE: 220.0,
        }
    ),
    quote=80.0,
    imbalance=0.03,
    orphan_share=0.4,
    orphan=5.0,
    orphan_top=1.0,
    tail=90.0,
    head=45.0,
    rule=400.0,
    comfort_ms=1200,
    fragment=50.0,
    fragment_width=14,
    loose_width=20,
)


@dataclass(frozen=True)
class Chunk:
    """One planned caption: its lines, its share of the segment's time in half-units (``weight``), and its
    words: each one's text, weight (its width up to the next word, so the weights add up to ``weight``)
    and whether a space comes before it (not for the pieces of a word cut to fit a line)."""

    lines: tuple[Line, ...]
    weight: int
    words: tuple[tuple[str, int, bool], ...] = ()


def running_widths(text: str, profile: Profile) -> tuple[int, ...]:
    """Entry ``k`` is the width of ``text[:k]`` (half-units, as ``profile`` counts): measured in one pass,
    so that the width of any span is one subtraction. ``text`` is one line (a ``Rich`` text)."""
    return (0, *accumulate(map(profile.char_width, text)))


def next_word(text: str, at: int) -> int:
    """Where the word at or after offset ``at`` starts (``len(text)`` if none does): a piece of text that
    ends at ``at`` owns the spaces after it."""
    while at < len(text) and text[at] == " ":
        at += 1
    return at


def weight(text: str, widths: Sequence[int], start: int, end: int) -> int:
    """The weight of what ``text[start:end]`` says (``Chunk.weight``, ``sync.Spoken``): its width up to the
    next word, the spaces after it included. Time runs on through the pause between two words, and the
    weights of the pieces of a text add up to the whole text's. ``widths`` is ``running_widths(text, …)``."""
    return widths[next_word(text, end)] - widths[start]


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a segment's text, as offsets into it."""

    start: int
    end: int
    glue: bool  # continues the previous word with no space between


@dataclass(frozen=True, slots=True)
class Prepared:
    """One segment's text measured once for planning, whatever the costs and speeds: the words and, for
    each, the break before it and the widths at its edges. Break ``k`` is the one before word ``k``
    (break 0, the segment's start, counts as a sentence start)."""

    text: str
    widths: tuple[int, ...]  # running_widths(text): widths[c] is the width of text[:c]
    words: tuple[Word, ...]
    kinds: tuple[Break, ...]  # the class of break k
    quoted: tuple[bool, ...]  # whether break k lies inside quotes or brackets
    sentences: tuple[int, ...]  # sentences[k]: how many of breaks 0..k-1 are sentence breaks (n + 1 entries)
    phrases: tuple[int, ...]  # phrases[k]: how many of breaks 0..k-1 end a phrase or better (n + 1 entries)
    clause_before: tuple[int, ...]  # the last break at or before k that ends a clause or a sentence
    clause_after: tuple[int, ...]  # the first break at or after k that does (n if none; n + 1 entries)
    predicates: tuple[int, ...]  # predicates[k]: how many of words 0..k-1 are ``verbal`` (n + 1 entries)
    arguments: tuple[bool, ...]  # whether word k ends in a particle that waits for its predicate (``argument``)
    opens: tuple[bool, ...]  # whether break k ends a phrase or better, or follows a comma, a conjunction or
    # an adverb of the sentence: a short first line may end there (`자, /`, `이 사건은 /`, `하지만 /`), not
    # inside a phrase (`반드시 /`, `사용자의 /`)
    starts: tuple[int, ...]  # width before word k, and the whole text's width at k = n
    ends: tuple[int, ...]  # width up to the end of word k
    limit: int  # the profile's line width
    max_lines: int


@dataclass(frozen=True, slots=True)
class Prices:
    """A segment's breaks priced under one ``Costs``, as line breaks and as caption breaks: looked up once
    per segment, not once per candidate in the hot loops (quotes add ``quote`` between captions, half of
    it between lines). ``costs`` carries the rest."""

    costs: Costs
    line: tuple[float, ...]
    caption: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Pace:
    """What a caption's time depends on: milliseconds per half-unit at 1x, the fastest and slowest speed
    planned for, and the profile's shortest and longest caption (integer ms)."""

    ms_per_unit: float
    fastest: float
    slowest: float
    min_ms: int
    max_ms: int


# cost of its line breaks, the breaks, the widest and the narrowest line, and the first line's width where
# it may be short (``Prepared.opens``; -1 elsewhere)
Layout = tuple[float, tuple[int, ...], int, int, int]
Span = tuple[int, int, tuple[int, ...]]  # one caption: words i..j-1, its line breaks (word indices)


def _words(text: str, widths: Sequence[int], max_width: int) -> list[Word]:
    """Words of ``text``; one wider than ``max_width`` is cut into pieces that fit, after ``/-_.=`` if it can."""
    words: list[Word] = []
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
            words.append(Word(start, cut, glue))
            start, glue = cut, True
        words.append(Word(start, j, glue))
        i = j
    return words


def _kinds(said: Sequence[str], words: Sequence[Word], sentence_ends: frozenset[int]) -> list[Break]:
    """The class of the break before each word (``said``: the words' text): a cut inside a word is glue, the
    rest ``classify``'s (given the words on either side of the pair too)."""
    kinds: list[Break] = [Break.SENTENCE]
    ends = sorted(sentence_ends)  # looked up, not scanned, for each word: linear in a long segment
    for k in range(1, len(words)):
        left, right = words[k - 1], words[k]
        if right.glue:
            kinds.append(Break.GLUE)
            continue
        first = bisect_left(ends, left.end)
        at_end = first < len(ends) and ends[first] <= right.start
        before = said[k - 2] if k >= 2 else ""
        after = said[k + 1] if k + 1 < len(words) else ""
        kinds.append(classify(said[k - 1], said[k], at_end, before, after))
    return kinds


def _quote_flags(text: str, words: Sequence[Word]) -> list[bool]:
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


def _clause_after(kinds: Sequence[Break]) -> tuple[int, ...]:
    """Entry k is the first break at or after k that ends a clause or a sentence, ``len(kinds)`` if none."""
    after = [len(kinds)] * (len(kinds) + 1)
    for k in range(len(kinds) - 1, -1, -1):
        after[k] = k if kinds[k] <= Break.CLAUSE else after[k + 1]
    return tuple(after)


def prepare(text: str, sentence_ends: frozenset[int], profile: Profile) -> Prepared:
    """Measure a non-empty segment text once: its words, their breaks and widths (see ``Prepared``)."""
    widths = running_widths(text, profile)
    words = _words(text, widths, profile.max_line_width)
    said = [text[w.start : w.end] for w in words]
    kinds = _kinds(said, words, sentence_ends)
    return Prepared(
        text=text,
        widths=widths,
        words=tuple(words),
        kinds=tuple(kinds),
        quoted=tuple(_quote_flags(text, words)),
        sentences=tuple(accumulate((1 if k == Break.SENTENCE else 0 for k in kinds), initial=0)),
        phrases=tuple(accumulate((1 if k <= Break.PHRASE else 0 for k in kinds), initial=0)),
        clause_before=tuple(accumulate((k if c <= Break.CLAUSE else 0 for k, c in enumerate(kinds)), max)),
        clause_after=_clause_after(kinds),
        predicates=tuple(accumulate((1 if verbal(w) else 0 for w in said), initial=0)),
        arguments=tuple(argument(w) for w in said),
        opens=tuple(
            k <= Break.PHRASE or (n > 0 and (said[n - 1].endswith(",") or opens_clause(said[n - 1])))
            for n, k in enumerate(kinds)
        ),
        starts=(*(widths[w.start] for w in words), widths[-1]),
        ends=tuple(widths[w.end] for w in words),
        limit=profile.max_line_width,
        max_lines=profile.max_lines,
    )


def price(seg: Prepared, costs: Costs) -> Prices:
    """Each break of ``seg`` priced under ``costs`` (see ``Prices``)."""
    pairs = list(zip(seg.kinds, seg.quoted, strict=True))
    return Prices(
        costs,
        tuple(costs.lines[k] + (costs.quote / 2 if q else 0.0) for k, q in pairs),
        tuple(costs.breaks[k] + (costs.quote if q else 0.0) for k, q in pairs),
    )


def pace_for(duration_ms: int, total: int, profile: Profile, speeds: Sequence[Fraction]) -> Pace:
    """The ``Pace`` of a segment of ``duration_ms`` and ``total`` half-units (> 0), at ``speeds``."""
    return Pace(
        duration_ms / total, float(max(speeds)), float(min(speeds)), profile.min_duration_ms, profile.max_duration_ms
    )


def uneven(widest: int, narrowest: int, costs: Costs, base: float = 0.0, first: int = -1) -> float:
    """``base`` plus the cost of lines of unequal width: a little for any difference, more for an orphaned
    short line, less when the short line is the first and ends a phrase (``first``, its width): blind
    reviewers deliver `둘째, / 비정상적으로 많은 요청을 보내` and change `둘째, 비정상적으로 / 많은 요청을 보내`,
    but also `반드시 / 알아야 할 중요한 교훈입니다.` (docs/quality.md).
    Added to ``base`` term by term, left to right, so that a layout's candidates compare exactly as they
    always have (floats: the order of a sum decides its last bit, and so ties)."""
    short = costs.orphan_share * widest - narrowest
    if short <= 0:
        return base + costs.imbalance * (widest - narrowest) + 0.0
    rate = costs.orphan_top if first == narrowest else costs.orphan
    return base + costs.imbalance * (widest - narrowest) + rate * short


def layout(seg: Prepared, i: int, j: int, lines_left: int, prices: Prices) -> Layout | None:
    """Cheapest split of words i..j-1 into at most ``lines_left`` lines of ``seg.limit``; None if none fits.

    One line if it fits, at no cost. Otherwise each place for the first line break is tried, the rest
    laid out the same way, and the split with the lowest line-break cost plus ``uneven`` wins (the first
    of equals). The returned cost leaves ``uneven`` out: the caller adds it for the whole caption.
    """
    starts, ends, limit = seg.starts, seg.ends, seg.limit
    start, end = starts[i], ends[j - 1]
    if end - start <= limit:
        return 0.0, (), end - start, end - start, end - start
    if lines_left < 2:
        return None
    line_cost, costs = prices.line, prices.costs
    best: Layout | None = None
    best_total = 0.0
    for k in range(i + 1, j):
        first = ends[k - 1] - start
        if first > limit:
            break
        rest: Layout
        if lines_left == 2:  # the common case, without recursion
            second = end - starts[k]
            if second > limit:
                continue
            rest = (0.0, (), second, second, second)
        else:
            deeper = layout(seg, k, j, lines_left - 1, prices)
            if deeper is None:
                continue
            rest = deeper
        widest, narrowest = max(first, rest[2]), min(first, rest[3])
        cost = rest[0] + line_cost[k]
        top = first if seg.opens[k] else -1
        total_cost = uneven(widest, narrowest, costs, cost, top)
        if best is None or total_cost < best_total:
            best, best_total = (cost, (k, *rest[1]), widest, narrowest, top), total_cost
    return best


def caption_cost(seg: Prepared, i: int, j: int, pace: Pace, costs: Costs) -> float:
    """What a caption of words i..j-1 costs for being one, apart from its breaks and lines: ``caption``,
    ``rule`` plus a little per ms for a duration the profile forbids at the fastest or the slowest speed,
    a little per ms under ``comfort_ms`` at the fastest, ``tail``/``head`` when a sentence ends inside
    it but it ends (starts) away from a sentence break, and ``fragment`` when it is not a whole sentence
    and reads as a piece of one: at most ``fragment_width`` wide (``loose_width`` if it is one phrase that
    does not end at a clause: `그리고 많은 분들이`, `더욱 진화했습니다.`, not `보통은 하나의 Pod에`), only verb
    forms (`가깝습니다.`, `알아야 합니다.`), or one phrase waiting for its verb (`Deployment에`,
    `Device Trust Assessment로`); ``fragment`` again for a short piece of the next clause at its end
    (`적용하면, Karpenter가` ‖ `노드를 종료할 때`) or of the previous one at its start, when it ends (starts)
    inside a clause."""
    ms = pace.ms_per_unit * (seg.starts[j] - seg.starts[i])
    fast, slow = ms / pace.fastest, ms / pace.slowest
    cost = costs.caption
    if fast < pace.min_ms:
        cost += costs.rule + (pace.min_ms - fast) / 20
    if slow > pace.max_ms:
        cost += costs.rule + (slow - pace.max_ms) / 20
    if fast < costs.comfort_ms:
        cost += (costs.comfort_ms - fast) / 100
    sentences, kinds = seg.sentences, seg.kinds
    starts_one = kinds[i] == Break.SENTENCE
    ends_one = j == len(kinds) or kinds[j] == Break.SENTENCE
    if sentences[j] - sentences[i + 1] > 0:  # a sentence ends inside
        if not ends_one:
            cost += costs.tail
        if i > 0 and not starts_one:
            cost += costs.head
    width = seg.ends[j - 1] - seg.starts[i]
    if not (starts_one and ends_one) and (
        width <= costs.fragment_width
        or (
            width <= costs.loose_width
            and (ends_one or kinds[j] > Break.CLAUSE)
            and seg.phrases[j] == seg.phrases[i + 1]
        )
        or seg.predicates[j] - seg.predicates[i] == j - i
        or (seg.arguments[j - 1] and not ends_one and kinds[j] > Break.CLAUSE and seg.phrases[j] == seg.phrases[i + 1])
        or (i > 0 and kinds[i] > Break.CLAUSE and seg.clause_after[i + 1] == j and width <= costs.loose_width)
    ):
        cost += costs.fragment
    if not ends_one and kinds[j] > Break.CLAUSE:  # it ends inside a clause: its last words may belong there
        m = seg.clause_before[j - 1]
        if m > i and seg.ends[j - 1] - seg.starts[m] <= costs.loose_width:
            cost += costs.fragment  # 적용하면, / Karpenter가 ‖ 노드를 종료할 때
    if i > 0 and kinds[i] > Break.CLAUSE:  # it starts inside one: its first words may belong to it
        m = seg.clause_after[i + 1]
        if m < j and seg.ends[m - 1] - seg.starts[i] <= costs.loose_width:
            cost += costs.fragment
    return cost


_SLACK = 1e-6  # a bound this close to the best is checked in full: a sum's rounding must not decide a tie


def choose(seg: Prepared, pace: Pace, prices: Prices) -> tuple[float, tuple[Span, ...]]:
    """The cheapest chunking of ``seg``'s words into captions, and its cost: a dynamic programme over the
    words, each caption costing ``caption_cost``, its ``layout`` and ``uneven`` lines, and the caption
    break before it. A caption wider than ``max_lines`` full lines is never tried, nor one whose start
    alone already costs more than the best found; of equal costs the caption that starts latest wins."""
    starts, ends, max_lines = seg.starts, seg.ends, seg.max_lines
    costs, break_cost = prices.costs, prices.caption
    n = len(seg.words)
    cap = max_lines * (seg.limit + 1)
    best = [0.0] + [float("inf")] * n
    back: list[tuple[int, tuple[int, ...]]] = [(0, ())] * (n + 1)
    first = 0  # the earliest word a caption ending at word j may start with: the widest it can be
    for j in range(1, n + 1):
        while ends[j - 1] - starts[first] > cap:
            first += 1
        for i in range(first, j):  # the latest start wins a tie: ``<=`` as i grows
            if best[i] + costs.caption + break_cost[i] * (i > 0) > best[j] + _SLACK:
                continue  # every other part of a caption's cost is >= 0: it cannot win
            lay = layout(seg, i, j, max_lines, prices)
            if lay is None:
                continue
            cost = best[i] + caption_cost(seg, i, j, pace, costs) + lay[0] + uneven(lay[2], lay[3], costs, 0.0, lay[4])
            if i > 0:
                cost += break_cost[i]
            if cost <= best[j]:
                best[j] = cost
                back[j] = (i, lay[1])
    spans: list[Span] = []
    j = n
    while j > 0:
        i, line_breaks = back[j]
        spans.append((i, j, line_breaks))
        j = i
    return best[n], tuple(reversed(spans))


def assemble(rich: Rich, seg: Prepared, spans: Sequence[Span]) -> list[Chunk]:
    """The chunks of ``spans``: their lines as runs of ``rich`` (emphasis kept) and their ``weight``."""
    words = seg.words
    chunks = []
    for i, j, line_breaks in spans:
        edges = (i, *line_breaks, j)
        lines = tuple(_runs(rich, words[a].start, words[b - 1].end) for a, b in pairwise(edges))
        said = tuple(
            (seg.text[w.start : w.end], weight(seg.text, seg.widths, w.start, w.end), not w.glue) for w in words[i:j]
        )
        chunks.append(Chunk(lines, weight(seg.text, seg.widths, words[i].start, words[j - 1].end), said))
    return chunks


def plan(
    rich: Rich,
    sentence_ends: frozenset[int],
    duration_ms: int,
    profile: Profile,
    speeds: Sequence[Fraction],
    costs: Costs = COSTS,
) -> list[Chunk]:
    """Chunks and lines for one segment's text, in order; empty for a segment with no text."""
    if not rich.text:
        return []
    seg = prepare(rich.text, sentence_ends, profile)
    _, spans = choose(seg, pace_for(duration_ms, seg.starts[-1], profile, speeds), price(seg, costs))
    return assemble(rich, seg, spans)


def _runs(rich: Rich, a: int, b: int) -> Line:
    """Text from ``a`` to ``b`` as runs split where emphasis starts or stops (the spans are in order and
    apart: only those that can touch ``a``…``b`` are looked at)."""
    cuts = {a, b}
    spans = rich.bold
    for s, e in spans[max(0, bisect_left(spans, (a, a)) - 1) : bisect_left(spans, (b, b))]:
        if a < s < b:
            cuts.add(s)
        if a < e < b:
            cuts.add(e)
    edges = sorted(cuts)
    return tuple(Run(rich.text[x:y], rich.is_bold(x)) for x, y in pairwise(edges) if x < y)
