"""How many syllables a voice says reading a text: the unit of a speech rate.

A Hangul block is one syllable. The rest is estimated the way a Korean voice reads it: a Latin word
has one syllable per vowel group (``Docker`` 2, ``Kubernetes`` 4), an acronym of capitals is read
letter by letter (``AWS`` 3), and a digit is about one syllable (``2025`` read 이천이십오 is five, ``5`` is
one). Only a rate is made of this count — whether the media can be this lecture's, and at which
speed it plays — so an estimate within a few percent is enough.
"""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = re.compile(r"[aeiouyAEIOUY]+")
_DIGIT = re.compile(r"[0-9]")


def is_hangul(ch: str) -> bool:
    """Whether ``ch`` is a precomposed Hangul syllable (가–힣), the one test every module uses.

    >>> is_hangul("가"), is_hangul("힣"), is_hangul("ㄱ"), is_hangul("A")  # a lone jamo is not a syllable
    (True, True, False, False)
    """
    return "\uac00" <= ch <= "\ud7a3"


def count(text: str) -> int:
    """Syllables spoken reading ``text``, as the module's docstring estimates them.

    >>> count("Docker"), count("Kubernetes"), count("AWS"), count("컨테이너")
    (2, 4, 3, 4)
    >>> count("5"), count("2025")  # 이천이십오 is five: within the few percent a rate needs
    (1, 4)
    """
    total = len(_HANGUL.findall(text)) + len(_DIGIT.findall(text))
    for word in _LATIN_WORD.findall(text):
        if word.isupper() and len(word) <= 5:
            total += len(word)
        else:
            total += max(1, len(_VOWELS.findall(word)))
    return total
