"""Where a Korean line may break: a class for the space between two words, from suffix rules.

A morphological analyser would classify every word exactly, but costs seconds a lecture
(DESIGN.md); these suffix rules run in microseconds. Where a word is ambiguous they lean towards
calling a break bad — the planner then only avoids a break it could have taken, which costs little —
and ``benchmarks/quality.py`` grades the result with a real analyser (Kiwi). The classes are ordered
from best to worst place to break, following the netflix-ko rules: a sentence end; a comma or
connective ending; after a particle; anywhere else (between nouns, after an adverb); and the places to
avoid — after an adnominal form, after the genitive 의, after a determiner, before a dependent noun,
before an auxiliary verb, inside a postpositional phrase.
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


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CLOSERS = "'\"”’)]}」』>…"
_OPENERS = "'\"“‘([{「『<"

_CONNECTIVES = _words(
    "지만 는데 은데 한데 인데 니까 으니 도록 면서 거나 든지 다가 므로 어도 아도 해도 려고 어서 아서 해서 여서 "
    "라서 와서 워서 져서 나서 돼서 되어 하여 하며 으며 이며 고 며 면 듯이"
)
_NOT_CONNECTIVE = set(
    _words("창고 최고 참고 광고 경고 재고 사고 보고 신고 측면 화면 반면 전면 표면 내면 단면 방면 이면 면")
)
_PARTICLES = _words(
    "에서는 으로는 에서도 에게서 이라는 에서 으로 에게 부터 까지 처럼 보다 마다 조차 밖에 이나 이란 에는 와는 과는 "
    "로는 께서 은 는 이 가 을 를 에 로 와 과 도 만 나 란 께"
)
_NOT_PARTICLE = set(
    _words(
        "전문가 평가 추가 국가 작가 대가 증가 경로 정도 속도 빈도 제도 태도 각도 온도 강도 수만 천만 백만 하나 결과 "
        "효과 성과 통과 초과 부과 차이 사이 길이 높이 깊이 같이 많이 이 그 저 나 바로 곧바로 함께 일일이 끊임없이 "
        "새로 주로 서로 따로 별로 절대로 실제로 정말로 스스로 그대로 제로 신뢰도 정확도 민감도 심각도 중요도 만족도 "
        "완성도 가속도"
    )
)
# "-는" after these verb stems is adnominal (관리하는, 있는, 라는); after a noun it is the topic particle
_NEUN_STEMS = set("하되있없않라다주내르시쓰받먹찾놓끄뜨히꾸채닫")
_NEUN_ENDINGS = _words(
    "어지는 아지는 해지는 워지는 책임지는 다지는 가지는 지키는 시키는 일으키는 지나는 나타나는 끝나는 벗어나는 떠나는 "
    "만나는 나가는 들어가는 나아가는 이어가는 살아가는 넘어가는 흔드는 만드는 어드는 나오는 가져오는 들어오는 "
    "배우는 채우는 키우는 세우는 보이는 줄이는 높이는 미치는 끼치는 알리는 걸리는 돌리는 살펴보는 해보는 "
    "'는 \"는 ’는 ”는"
)
_ADNOMINAL_ENDINGS = _words(
    "같은 많은 좋은 작은 높은 낮은 받은 넓은 깊은 적은 짧은 얕은 옳은 싫은 않은 찾은 읽은 남은 담은 얻은 잃은 붙은 "
    "묶은 놓은 낡은 늦은 젊은 검은 맑은 만든 쓴 큰 있을 없을 같을 받을 않을 적인 바꿀"
)
_ADNOMINAL_FINALS = _words("한 된 진 운 던 할 될 볼 갈 낼 킬 릴 른 쁜 픈 든 인 신 난 친")
_NOT_ADNOMINAL = set(
    _words(
        "권한 제한 기한 무한 엔진 사진 확인 원인 개인 요인 승인 인 로그인 플러그인 도메인 체인 파이프라인 온라인 "
        "오프라인 가이드라인 디자인 라인 메인 머신 자신 최신 통신 혁신 갱신 송신 수신 발신 재난 비난 곤란 어른 "
        "모델링 운 행운 기본 문신"
    )
)
_GENITIVE_NOUNS = set(_words("강의 회의 정의 주의 논의 동의 합의 문의 의의 편의 의"))
_DETERMINERS = set(
    _words(
        "이 그 저 모든 각 어떤 무슨 몇 여러 이런 그런 저런 이러한 그러한 제 새 두 세 네 한 단 온갖 매 약 총 첫 "
        "다른 어느 전"
    )
)
_DEPENDENT = _words("것 수 때 등 줄 데 바 뿐 만큼 듯 채 적 거 순간 중 시 내 간")
_DEPENDENT_TAILS = set(
    _words(
        "이 가 은 는 을 를 도 만 에 에는 의 으로 로 이다 입니다 이죠 이에요 예요 이나 처럼 과 와 문에 문입니다 "
        "이고 이며 에서 부터 까지 인 인지 일 있 에도 에서는"
    )
) | {""}
_AUX_AFTER_GO = _words("있 싶 계 나서 말")
_AUX_AFTER_EO = _words("보 봐 봅 봤 본 볼 주 줘 줍 줬 준 있 버리 버려 버린 놓 둔 두고")
_EO_ENDINGS = _words("어 아 여 해 워 와 져 쳐 켜 춰 려 러 봐 줘 내 서")
_AUX_AFTER_JI = _words("않 못 말")
_AUX_AFTER_GE = _words("되 하 만들")
_DO = _words("하 할 한 합 했 해 함")
_MAKE = _words("만들 만드 만든")
_POSTPOSITIONAL = set(
    _words(
        "따라 따른 대해 대한 대해서 의해 의한 위해 위한 위해서 관한 관해 통해 통한 비해 걸쳐 걸친 불과 더불어 향해 향한"
    )
)


# a conjunction at a line's end leaves the reader waiting: break before it, not after
_CONJUNCTIONS = set(_words("하지만 그리고 그러나 그런데 그래서 또한 또는 및 즉 혹은 게다가 따라서 그러므로"))


def core(word: str) -> str:
    """The word without the punctuation and quotes that close it."""
    return word.rstrip(_CLOSERS + ".,!?;:")


def _adnominal(word: str) -> bool:
    if word in _NOT_ADNOMINAL or (len(word) < 2 and word != "큰"):
        return False
    if word.endswith(_ADNOMINAL_ENDINGS) or word.endswith(_NEUN_ENDINGS):
        return True
    if word.endswith("는"):
        return word[-2] in _NEUN_STEMS
    return word.endswith(_ADNOMINAL_FINALS)


_DEPENDENT_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _noun in _DEPENDENT:
    _DEPENDENT_BY_FIRST[_noun[0]] = (*_DEPENDENT_BY_FIRST.get(_noun[0], ()), _noun)


def _dependent(word: str) -> bool:
    """Whether ``word`` is a dependent noun with at most a particle or copula (것이, 수, 때문에, 중인지)."""
    w = core(word)
    return any(w[len(d) :] in _DEPENDENT_TAILS for d in _DEPENDENT_BY_FIRST.get(w[:1], ()) if w.startswith(d))


def _before_auxiliary(left: str, right: str) -> bool:
    if not right:
        return False
    if left.endswith("고") and right.startswith(_AUX_AFTER_GO):
        return True
    if left.endswith(_EO_ENDINGS) and right.startswith(_AUX_AFTER_EO) and len(core(right)) >= 2:
        return True
    if left.endswith("지") and right.startswith(_AUX_AFTER_JI):
        return True
    if left.endswith(("야", "기도", "기만", "기는", "려고", "곤")) and right.startswith(_DO):
        return True  # 해야 | 한다, 누르기만 | 하면
    if left.endswith(("도록", "게", "로", "으로")) and right.startswith(_MAKE):
        return True  # 진행되도록 | 만드는, 문화로 | 만드는
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
    if bare in ("수", "줄", "적", "리") and right.startswith(("있", "없", "않")):
        return Break.BAD  # 할 수 | 있다: a dependent noun and its predicate
    if core(right) in _POSTPOSITIONAL or (bare.endswith(("이", "가")) and right.startswith(("되", "돼", "아니"))):
        return Break.BAD  # "원칙에 | 따라", "막기 | 위해", "기본이 | 되는": one phrase
    if bare.endswith("의") and bare not in _GENITIVE_NOUNS and left == bare:
        return Break.BAD
    if left in _DETERMINERS:
        return Break.BAD
    if left in _CONJUNCTIONS:
        return Break.NEUTRAL
    if (left == bare or left.endswith(("'는", "’는", '"는', "”는"))) and _adnominal(left):
        return Break.BAD
    if bare not in _NOT_CONNECTIVE and bare.endswith(_CONNECTIVES) and len(bare) >= 2:
        return Break.CLAUSE
    if bare not in _NOT_PARTICLE and bare.endswith(_PARTICLES) and len(bare) >= 2:
        return Break.PHRASE
    return Break.NEUTRAL
