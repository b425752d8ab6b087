"""SAMI (``.smi``), which Korean desktop players (PotPlayer, KMPlayer, GOM) still prefer.

pysubs2 1.8 reads SAMI but cannot write it (its ``sami`` format raises ``NotImplementedError`` on
write), so this module writes the small subset those players read — one ``<SYNC Start=ms>`` per cue
with a Korean class (``KRCC``), ``<br>`` between lines, ``<b>`` for emphasis, and an empty ``&nbsp;``
cue wherever the screen should go blank — and the tests read every file back with pysubs2's reader.
SAMI has start times only: a cue lasts until the next ``SYNC``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from captions.caption import Caption, Line

HEAD = """<SAMI>
<HEAD>
<TITLE>{title}</TITLE>
<STYLE TYPE="text/css">
<!--
P {{ margin-left: 8pt; margin-right: 8pt; margin-bottom: 2pt; margin-top: 2pt; text-align: center;
    font-size: 20pt; font-family: "Noto Sans CJK KR", "Malgun Gothic", sans-serif; font-weight: normal;
    color: white; background-color: black; }}
.KRCC {{ Name: 한국어; lang: ko-KR; SAMIType: CC; }}
-->
</STYLE>
</HEAD>
<BODY>
"""
BLANK = "&nbsp;"


def _line(line: Line) -> str:
    return "".join(
        f"<b>{html.escape(r.text, quote=False)}</b>" if r.bold else html.escape(r.text, quote=False) for r in line
    )


def write(captions: Sequence[Caption], title: str = "captions") -> str:
    """SAMI text for ``captions`` (times as given), with a blank cue after each caption that no cue follows at once."""
    out = [HEAD.format(title=html.escape(title))]
    for i, c in enumerate(captions):
        out.append(f"<SYNC Start={c.start_ms}><P Class=KRCC>{'<br>'.join(_line(line) for line in c.lines)}\n")
        following = captions[i + 1].start_ms if i + 1 < len(captions) else None
        if following is None or following > c.end_ms:
            out.append(f"<SYNC Start={c.end_ms}><P Class=KRCC>{BLANK}\n")
    out.append("</BODY>\n</SAMI>\n")
    return "".join(out)
