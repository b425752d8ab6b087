"""A caption as every writer and check sees it: integer-ms span, lines of emphasised runs, and the words it
says with the time each is heard (for word-level outputs: Remotion word tokens, ASS karaoke, WebVTT cue
timestamps)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of one line's text, emphasised or not."""

    text: str
    bold: bool = False


Line = tuple[Run, ...]


def line_text(line: Line) -> str:
    """The plain text of a line."""
    return "".join(r.text for r in line)


@dataclass(frozen=True)
class Word:
    """One word of a caption: its text, when it is heard (integer ms: from its start to the next word's or
    the caption's end), how sure that time is (``timing``: 1 heard in the media; below 1 estimated by
    weight — between the words that were heard, or alone without media — and lowest where the media was
    heard elsewhere than its neighbours allow), whether a space comes before it (a piece of a word cut
    because it was wider than a line has none), and where aligning the media heard it, if it did."""

    text: str
    start_ms: int
    end_ms: int
    confidence: float
    spaced: bool = True
    heard_ms: int | None = None  # where aligning the media heard it begin, if it did (a time at the same speed)

    def with_times(self, start_ms: int, end_ms: int, heard_ms: int | None = None) -> Word:
        return Word(self.text, start_ms, end_ms, self.confidence, self.spaced, heard_ms)


@dataclass(frozen=True)
class Caption:
    """One cue: the segment it belongs to (numbered from 1), its span, its lines, and its words with their
    times when it was planned here (a caption read from a file has none; they take no part in equality)."""

    segment: int
    start_ms: int
    end_ms: int
    lines: tuple[Line, ...]
    words: tuple[Word, ...] = field(default=(), compare=False)

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    @property
    def text(self) -> str:
        """Plain text, lines joined by newlines."""
        return "\n".join(line_text(line) for line in self.lines)

    def with_times(self, start_ms: int, end_ms: int, words: tuple[Word, ...] | None = None) -> Caption:
        """The same caption at other times (its words kept as they are unless given)."""
        return Caption(self.segment, start_ms, end_ms, self.lines, self.words if words is None else words)
