"""A caption as every writer and check sees it: integer-ms span, lines of emphasised runs."""

from __future__ import annotations

from dataclasses import dataclass


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
class Caption:
    """One cue: the segment it belongs to (numbered from 1), its span and its lines."""

    segment: int
    start_ms: int
    end_ms: int
    lines: tuple[Line, ...]

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    @property
    def text(self) -> str:
        """Plain text, lines joined by newlines."""
        return "\n".join(line_text(line) for line in self.lines)

    def with_times(self, start_ms: int, end_ms: int) -> Caption:
        return Caption(self.segment, start_ms, end_ms, self.lines)
