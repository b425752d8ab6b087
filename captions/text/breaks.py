"""Where a Korean line may break: a class for the space between two words, from suffix rules.

A morphological analyser would classify every word exactly, but costs seconds a lecture
(DESIGN.md); these suffix rules run in microseconds and err towards "neutral" where a word is
ambiguous (``정보는`` is a noun and topic particle, ``하는`` an adnominal form). The classes are
ordered from best to worst place to break, following the netflix-ko rules: a sentence end; a comma
or connective ending; after a particle; anywhere else; and the places to avoid — after an adnominal
form, after the genitive 의, after a determiner, before a dependent noun, before an auxiliary verb.
"""

from __future__ import annotations

from enum import IntEnum


class Break(IntEnum):
    """Quality of a break between two words, best first."""

    SENTENCE = 0
    CLAUSE = 1
    PHRASE = 2
    NEUTRAL = 3
    BAD = 4
    GLUE = 5  # inside a word too wide for any line: the only breaks that are not at a space


_CLOSERS = "'\"”’)]}」』>…"
_OPENERS = "'\"“‘([{「『<"

_CONNECTIVES = (
    "지만",
    "는데",
    "은데",
    "한데",
    "인데",
    "니까",
    "으니",
    "도록",
    "면서",
    "거나",
    "든지",
    "다가",
    "므로",
    "어도",
    "아도",
    "해도",
    "려고",
    "어서",
    "아서",
    "해서",
    "여서",
    "라서",
    "와서",
    "워서",
    "져서",
    "나서",
    "돼서",
    "되어",
    "하여",
    "하며",
    "으며",
    "이며",
    "고",
    "며",
    "면",
    "듯이",
)
_NOT_CONNECTIVE = {
    "창고",
    "최고",
    "참고",
    "광고",
    "경고",
    "재고",
    "사고",
    "보고",
    "신고",
    "측면",
    "화면",
    "반면",
    "전면",
    "표면",
    "내면",
    "단면",
    "방면",
    "이면",
    "면",
}
_PARTICLES = (
    "에서는",
    "으로는",
    "에서도",
    "에게서",
    "이라는",
    "에서",
    "으로",
    "에게",
    "부터",
    "까지",
    "처럼",
    "보다",
    "마다",
    "조차",
    "밖에",
    "이나",
    "이란",
    "에는",
    "와는",
    "과는",
    "로는",
    "께서",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "나",
    "란",
    "께",
)
_NOT_PARTICLE = {
    "전문가",
    "평가",
    "추가",
    "국가",
    "작가",
    "대가",
    "증가",
    "경로",
    "정도",
    "속도",
    "빈도",
    "제도",
    "태도",
    "각도",
    "온도",
    "강도",
    "수만",
    "천만",
    "백만",
    "하나",
    "결과",
    "효과",
    "성과",
    "통과",
    "초과",
    "부과",
    "차이",
    "사이",
    "길이",
    "높이",
    "깊이",
    "같이",
    "많이",
    "이",
    "그",
    "저",
    "나",
}
_ADNOMINAL_NEUN_STEMS = set("하되있없않라다주내르시쓰받먹찾놓끄뜨")
_ADNOMINAL_WORDS = {
    "같은",
    "많은",
    "좋은",
    "작은",
    "높은",
    "낮은",
    "받은",
    "넓은",
    "깊은",
    "적은",
    "짧은",
    "얕은",
    "옳은",
    "싫은",
    "괜찮은",
    "않은",
    "찾은",
    "읽은",
    "남은",
    "담은",
    "얻은",
    "잃은",
    "붙은",
    "묶은",
    "만든",
    "쓴",
    "있을",
    "없을",
    "같을",
    "받을",
    "않을",
    "만드는",
    "나오는",
    "가져오는",
    "들어오는",
    "끝나는",
    "나타나는",
    "배우는",
    "채우는",
    "키우는",
    "세우는",
    "보이는",
    "줄이는",
    "높이는",
    "지키는",
    "일으키는",
    "미치는",
    "끼치는",
    "알리는",
    "걸리는",
    "돌리는",
    "살펴보는",
    "해보는",
}
_NOT_ADNOMINAL = {"권한", "제한", "기한", "무한", "엔진", "사진"}
_ADNOMINAL_FINALS = ("한", "된", "진", "운", "던", "할", "될", "볼", "갈", "낼", "킬", "릴")
_GENITIVE_NOUNS = {"강의", "회의", "정의", "주의", "논의", "동의", "합의", "문의", "의의", "편의", "의"}
_DETERMINERS = {
    "이",
    "그",
    "저",
    "모든",
    "각",
    "어떤",
    "무슨",
    "몇",
    "여러",
    "이런",
    "그런",
    "저런",
    "이러한",
    "그러한",
    "제",
    "새",
    "두",
    "세",
    "네",
    "한",
    "단",
    "온갖",
    "매",
    "약",
    "총",
    "첫",
    "다른",
    "어느",
}
_DEPENDENT = ("것", "수", "때", "등", "줄", "데", "바", "뿐", "만큼", "듯", "채", "적", "거")
_DEPENDENT_TAILS = {
    "",
    "이",
    "가",
    "은",
    "는",
    "을",
    "를",
    "도",
    "만",
    "에",
    "에는",
    "의",
    "으로",
    "로",
    "이다",
    "입니다",
    "이죠",
    "이에요",
    "예요",
    "이나",
    "처럼",
    "과",
    "와",
    "문에",
    "문입니다",
    "이고",
    "이며",
    "에서",
    "부터",
    "까지",
    "인",
    "일",
    "있",
}
_AUX_AFTER_GO = ("있", "싶", "계시", "나서", "말")
_AUX_AFTER_EO = (
    "보",
    "봐",
    "봅",
    "봤",
    "본",
    "볼",
    "주",
    "줘",
    "줍",
    "줬",
    "준",
    "있",
    "버리",
    "버려",
    "버린",
    "놓",
    "둔",
    "두고",
)
_EO_ENDINGS = ("어", "아", "여", "해", "워", "와", "져", "쳐", "켜", "춰", "려", "러", "봐", "줘", "내", "서")
_AUX_AFTER_JI = ("않", "못", "말")
_POSTPOSITIONAL = (
    "따라",
    "따른",
    "대해",
    "대한",
    "대해서",
    "의해",
    "의한",
    "위해",
    "위한",
    "위해서",
    "관한",
    "관해",
    "통해",
    "통한",
    "비해",
    "걸쳐",
    "걸친",
    "불과",
    "더불어",
    "향해",
    "향한",
)
_AUX_AFTER_GE = ("되", "하", "만들")


def core(word: str) -> str:
    """The word without the punctuation and quotes that close it."""
    return word.rstrip(_CLOSERS + ".,!?;:")


def _adnominal(word: str) -> bool:
    if word in _ADNOMINAL_WORDS:
        return True
    if word in _NOT_ADNOMINAL or len(word) < 2:
        return False
    if word.endswith("는"):
        return word[-2] in _ADNOMINAL_NEUN_STEMS or word.endswith(("어지는", "아지는", "해지는", "워지는"))
    return word.endswith(_ADNOMINAL_FINALS)


def _dependent(word: str) -> bool:
    w = core(word)
    return any(w.startswith(d) and w[len(d) :] in _DEPENDENT_TAILS for d in _DEPENDENT)


def _before_auxiliary(left: str, right: str) -> bool:
    if not right:
        return False
    if left.endswith("고") and right.startswith(_AUX_AFTER_GO):
        return True
    if left.endswith(_EO_ENDINGS) and right.startswith(_AUX_AFTER_EO) and len(core(right)) >= 2:
        return True
    if left.endswith("지") and right.startswith(_AUX_AFTER_JI):
        return True
    return left.endswith("게") and right.startswith(_AUX_AFTER_GE)


def classify(left: str, right: str, sentence_end: bool = False) -> Break:
    """Class of the break between the words ``left`` and ``right`` (both without spaces)."""
    if sentence_end:
        return Break.SENTENCE
    bare = core(left)
    if left.rstrip(_CLOSERS).endswith((",", ";", ":", "…", "...")) or left.endswith(("—", "–")):
        return Break.CLAUSE
    if not bare:
        return Break.NEUTRAL
    if left != bare and left.rstrip(_CLOSERS).endswith((".", "!", "?")):
        return Break.CLAUSE  # an abbreviation or a sentence kss kept together: a pause all the same
    if right[:1] in ")]}>" or left[-1:] in _OPENERS:
        return Break.BAD
    if _before_auxiliary(bare, right) or _dependent(right):
        return Break.BAD
    if core(right) in _POSTPOSITIONAL or (bare.endswith(("이", "가")) and right.startswith(("되", "돼", "아니"))):
        return Break.BAD  # "원칙에 | 따라", "막기 | 위해", "기본이 | 되는": one phrase
    if bare.endswith("의") and bare not in _GENITIVE_NOUNS and left == bare:
        return Break.BAD
    if left in _DETERMINERS:
        return Break.BAD
    if left == bare and _adnominal(bare):
        return Break.BAD
    if bare not in _NOT_CONNECTIVE and bare.endswith(_CONNECTIVES) and len(bare) >= 2:
        return Break.CLAUSE
    if bare not in _NOT_PARTICLE and bare.endswith(_PARTICLES) and len(bare) >= 2:
        return Break.PHRASE
    return Break.NEUTRAL
