"""The time of ``sentences.split`` alone, over every distinct segment text of the corpus.

Each text is the segment text the pipeline splits (``markup.parse`` of every report's and sidecar's
segments), each one once: kss keeps its last 500 answers, and a text seen twice would be answered
from there. kss is loaded and run once before the clock starts, and ``split`` is timed on one call
(a second call would again find kss's answers kept), so run the script several times, each in a
fresh process, and quote the median. Also prints the share of characters that still go to kss,
when ``sentences.pieces`` (the pre-split) exists.

Run: ``.venv/bin/python benchmarks/sentences.py [CORPUS]`` (default ``../shared/corpus``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from captions import readers
from captions.text import markup, sentences

ROOT = Path(__file__).resolve().parents[1]


def segment_texts(corpus: Path) -> list[str]:
    """Every distinct segment text of the corpus's reports and sidecars, in file order."""
    paths = sorted(corpus.glob("*_improved*.txt")) + sorted(corpus.glob("*_segments.json"))
    texts = (markup.parse(seg.text).text for path in paths for seg in readers.read_path(path).segments)
    return list(dict.fromkeys(texts))


def share_to_kss(texts: list[str]) -> float | None:
    """The share of characters that ``split`` still hands to kss; ``None`` without a pre-split."""
    pieces = getattr(sentences, "pieces", None)
    if pieces is None:
        return None
    rules = sentences.load().rules
    asked = sum(len(piece) for text in texts for piece, ask in pieces(text, rules) if ask)
    return asked / sum(map(len, texts))


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    texts = segment_texts(corpus)
    sentences.warm_up()
    start = time.perf_counter()
    found = sentences.split(texts)
    took = time.perf_counter() - start
    share = share_to_kss(texts)
    print(
        f"split: {took * 1000:.1f} ms for {len(texts)} texts, {sum(map(len, texts))} characters, "
        f"{sum(map(len, found))} sentences"
        + ("" if share is None else f"; {share:.1%} of the characters still go to kss")
    )


if __name__ == "__main__":
    main()
