"""Where a Korean line may break: a class for the space between two words, from a table of rules.

A morphological analyser would classify every word exactly, but loading one (Kiwi) costs more than a
whole run of ours (docs/upstream.md; the seed's budget is 2.5× a bare Python start-up); these suffix rules
and small lexicons run in microseconds. Where a word is ambiguous they lean towards calling a break
worse — the planner then only avoids a break it could have taken, which costs little — and
``benchmarks/quality.py`` grades the result with a real analyser (Kiwi). The classes are ordered from
best to worst place to break, following the netflix-ko rules and what professional subtitlers do: a
sentence end; a comma or connective ending; after a particle or a postpositional phrase; anywhere else
(after an adverb, a conjunction); inside a phrase (between the nouns of a compound, the words of a
name, a number and its unit, an adverb and its verb, a relative clause's argument and its verb); and
the places to avoid — after an adnominal form, after the genitive 의, after a determiner, before a
dependent noun, before an auxiliary verb, inside a postpositional phrase or a fixed expression.

``RULES`` is the table: the first rule whose test holds gives the class. A new rule goes in one place,
with an example that ``tests/test_text.py`` checks it with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from captions.text.syllables import is_hangul


class Break(IntEnum):
    """Quality of a break between two words, best first."""

    SENTENCE = 0
    CLAUSE = 1
    PHRASE = 2
    WEAK = 3  # a particle or adverb bound to the verb that follows: not a boundary, not inside a noun phrase
    NEUTRAL = 4
    INSIDE = 5  # inside one phrase: taken only when nothing better fits
    BAD = 6
    GLUE = 7  # inside a word too wide for any line: the only breaks that are not at a space


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CLOSERS = "'\"”’)]}」』>…"
_OPENERS = "'\"“‘([{「『<"

_CONNECTIVES = _words(
    "지만 는데 은데 한데 인데 니까 으니 도록 면서 거나 든지 다가 므로 어도 아도 해도 려고 어서 아서 해서 여서 "
    "라서 와서 워서 져서 나서 돼서 되어 하여 하며 으며 이며 고 며 면 듯이 셔서 쳐서 켜서 춰서 려서 혀서 니라 이자"
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
_NEUN_STEMS = set("하되있없않라다주내르시쓰받먹찾놓끄뜨히꾸채닫추")
_NEUN_ENDINGS = _words(
    "어지는 아지는 해지는 워지는 책임지는 다지는 가지는 지키는 시키는 일으키는 지나는 나타나는 끝나는 벗어나는 떠나는 "
    "만나는 나가는 들어가는 나아가는 이어가는 살아가는 넘어가는 흔드는 만드는 어드는 나오는 가져오는 들어오는 "
    "배우는 채우는 키우는 세우는 보이는 줄이는 높이는 미치는 끼치는 알리는 걸리는 돌리는 살펴보는 해보는 다루는 려는 "
    "'는 \"는 ’는 ”는"
)
_ADNOMINAL_ENDINGS = _words(
    "같은 많은 좋은 작은 높은 낮은 받은 넓은 깊은 적은 짧은 얕은 옳은 싫은 않은 찾은 읽은 남은 담은 얻은 잃은 붙은 "
    "묶은 놓은 낡은 늦은 젊은 검은 맑은 만든 쓴 큰 있을 없을 같을 받을 않을 적인 바꿀 었을 았을 였을 했을 됐을"
)
_ADNOMINAL_FINALS = _words("한 된 진 운 던 할 될 볼 갈 낼 킬 릴 른 쁜 픈 든 인 신 난 친")
_NOT_ADNOMINAL = set(
    _words(
        "권한 제한 기한 무한 엔진 사진 확인 원인 개인 요인 승인 인 로그인 플러그인 도메인 체인 파이프라인 온라인 "
        "오프라인 가이드라인 디자인 라인 메인 머신 자신 최신 통신 혁신 갱신 송신 수신 발신 재난 비난 곤란 어른 "
        "모델링 운 행운 기본 문신 본인 타인 주인 성인 군인 상인 노인 부인 대신 정신 당신 출신 확신 변신 역할 분할 "
        "추진 전진 기운 최소한 최대한"
    )
)
_GENITIVE_NOUNS = set(_words("강의 회의 정의 주의 논의 동의 합의 문의 의의 편의 의"))
_DETERMINERS = set(
    _words(
        "이 그 저 모든 각 어떤 무슨 몇 여러 이런 그런 저런 이러한 그러한 제 새 두 세 네 한 단 온갖 매 약 총 첫 "
        "다른 어느 전"
    )
)
_DEPENDENT = _words("것 수 때 등 줄 데 바 뿐 만큼 듯 채 적 거 겁 건 순간 중 시 내 간")
_DEPENDENT_TAILS = set(
    _words(
        "이 가 은 는 을 를 도 만 에 에는 의 으로 로 이다 입니다 이죠 이에요 예요 이나 처럼 과 와 문에 문입니다 "
        "이고 이며 에서 부터 까지 인 인지 일 있 에도 에서는 죠 니다 니까"
    )
) | {""}
_AUX_AFTER_GO = _words("있 싶 계 나서 말")
_AUX_AFTER_EO = _words("보 봐 봅 봤 본 볼 주 줘 줍 줬 준 있 버리 버려 버린 놓 둔 두고 드리 드릴 드려 드립 드렸 드린")
_EO_ENDINGS = _words("어 아 여 해 워 와 져 쳐 켜 춰 려 러 봐 줘 내 서 어가 아가 해가")
_EO_VOWELS = set("어아여해워와져쳐켜춰려")
_COMPOUND_VERBS = set("가오보나내주두놓")
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


def _jongseong(ch: str) -> int:
    """Index of the final consonant of a Hangul syllable (0: none, 4: ㄴ, 8: ㄹ): what tells 넘는 (a verb)
    from 보안은's topic particle.

    >>> _jongseong("가"), _jongseong("간"), _jongseong("갈"), _jongseong("a")
    (0, 4, 8, 0)
    """
    return (ord(ch) - 0xAC00) % 28 if is_hangul(ch) else 0


def core(word: str) -> str:
    """The word without the punctuation and quotes that close it."""
    return word.rstrip(_CLOSERS + ".,!?;:")


def _adnominal(word: str) -> bool:
    if word in _NOT_ADNOMINAL or (len(word) < 2 and word != "큰"):
        return False
    if word.endswith(_ADNOMINAL_ENDINGS) or word.endswith(_NEUN_ENDINGS):
        return True
    if word.endswith("는"):
        # after a final consonant the topic particle is 은, so 넘는, 짓는, 맞는 are verbs; so is a verb
        # compounded on an -어 form (날아오는, 막아보는, 일어나는)
        if _jongseong(word[-2]) or (len(word) >= 3 and word[-3] in _EO_VOWELS and word[-2] in _COMPOUND_VERBS):
            return True
        return word[-2] in _NEUN_STEMS
    return word.endswith(_ADNOMINAL_FINALS)


_DEPENDENT_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _noun in _DEPENDENT:
    _DEPENDENT_BY_FIRST[_noun[0]] = (*_DEPENDENT_BY_FIRST.get(_noun[0], ()), _noun)


def _dependent(word: str) -> bool:
    """Whether ``word`` is a dependent noun with at most a particle or copula: a break before one splits
    it from the word it depends on.

    >>> [w for w in ("것이", "수", "때문에", "중인지", "보안", "수업") if _dependent(w)]
    ['것이', '수', '때문에', '중인지']
    """
    w = core(word)
    return any(w[len(d) :] in _DEPENDENT_TAILS for d in _DEPENDENT_BY_FIRST.get(w[:1], ()) if w.startswith(d))


def _before_auxiliary(left: str, right: str) -> bool:
    if not right:
        return False
    if left.endswith("고") and right.startswith(_AUX_AFTER_GO):
        return True
    if left.endswith(_EO_ENDINGS) and right.startswith(_AUX_AFTER_EO) and len(core(right)) >= 2:
        return True
    if left.endswith(("지", "지는", "지도", "지만은", "지조차")) and right.startswith(_AUX_AFTER_JI):
        return True
    if left.endswith(("야", "야만", "기도", "기만", "기는", "려고", "곤")) and right.startswith(_DO):
        return True  # 해야 | 한다, 누르기만 | 하면
    if left.endswith(("도록", "게", "로", "으로")) and right.startswith(_MAKE):
        return True  # 진행되도록 | 만드는, 문화로 | 만드는
    return left.endswith("게") and right.startswith(_AUX_AFTER_GE)


# Words that are not nouns although nothing in their ending says so. Adverbs: a break after one is
# ordinary, but it is not inside a noun phrase (가장 | 중요한, 바로 | 적용할).
_ADVERBS = set(
    _words(
        "대폭 널리 즉시 단연 다소 달리 앞서 한번 하나씩 가득 고스란히 마구 몰래 살짝 슬쩍 쭉 푹 꽉 딱 막 곧장 "
        "가장 매우 아주 정말 진짜 너무 잘 더 덜 또 다시 바로 곧바로 이미 아직 모두 다 함께 같이 먼저 이제 지금 특히 "
        "항상 늘 반드시 꼭 계속 거의 약간 조금 좀 많이 훨씬 점점 곧 즉 또한 및 혹은 또는 오히려 비록 만약 만일 아마 "
        "물론 결국 사실 실제로 전혀 절대 절대로 단지 오직 그냥 이렇게 그렇게 저렇게 어떻게 왜 언제 어디 얼마나 마치 "
        "마침내 드디어 역시 여전히 우선 일단 흔히 자주 가끔 종종 혹시 심지어 무려 겨우 단순히 한층 더욱 활짝 새로 "
        "주로 서로 따로 별로 정말로 스스로 그대로 일일이 끊임없이 미리 이어서 방금 "
        "늘상 아무리 비로소 도대체 그럼 그러면 자 네 예 아니요 그래도 한편 반면 대신 직접 제대로 결코 모든 "
        "바로바로 각각 게다가 그런데 그리고 그러나 하지만 그래서 따라서 그러므로 무엇보다 특별히 과연 이처럼 "
        "이같이 이렇듯 원래 본래 보통 대개 대부분 일반적 마저 더불어"
    )
)
_PRONOUNS = set(_words("여러분 우리 저희 나 너 저 그 이 그녀 그들 이것 그것 저것 여기 거기 저기 누구 무엇 뭐 내 제 네"))
_PREDICATE_FIRST = set("있없않되돼됩됐된될같")
_DO_FORMS = set(
    _words(
        "하 한 할 함 해 했 합 하는 하고 하면 하며 하여 하지 하기 하게 하다 한다 합니다 했다 했습니다 해야 해서 해요 "
        "하죠 하니 하나 하던 하려 하려면 하도록 하면서 하지만 한데 했고 했던 했지만 해도 해줍니다"
    )
)


def _strip(word: str) -> str:
    """The word without quotes and brackets around it."""
    return word.strip(_CLOSERS + _OPENERS + ".,!?;:")


def _head(word: str) -> str:
    """The part of a left word that meets the next word: a gloss in brackets aside, or what follows an
    opening bracket left open; quotes stripped.

    >>> _head("요청(Request)"), _head("래디우스(Blast"), _head("'제로")
    ('요청', 'Blast', '제로')
    """
    w = word.rstrip(_CLOSERS.replace(")", "") + ".,!?;:")
    if w.endswith(")") and "(" in w:
        w = w[: w.rindex("(")]
    elif "(" in w:
        w = w[w.rindex("(") + 1 :]
    return w.strip(_CLOSERS + _OPENERS)


def _name(word: str) -> bool:
    """A Latin name or term, a number or a code: no Hangul at all.

    >>> [_name(w) for w in ("GitHub", "CI/CD", "5.3.3", "'Shai-Hulud'", "GitHub의", "보안")]
    [True, True, True, True, False, False]
    """
    w = _head(word)
    return bool(w) and not any(is_hangul(c) for c in w) and any(c.isalnum() for c in w)


_NOUNS_IN_EO = set(
    _words("제어 방어 언어 단어 용어 영어 국어 레이어 미디어 아이디어 아시아 피해 이해 침해 방해 손해 올해 재해")
)
_VERB_FINALS = (
    "다",
    "죠",
    "까",
    "게",
    "히",
    "니",
    "든",
    "듯",
    "록",
    "려",
    "어",
    "아",
    "워",
    "여",
    "춰",
    "져",
    "쳐",
    "켜",
    "해",
)


def _bare_noun(word: str) -> bool:
    """A Hangul word that ends in a noun: no particle, ending or adverb suffix the rules before found.

    What is left after the rules above is mostly nouns; the exceptions are adverbs, pronouns and the verb
    forms no earlier rule names, told by their ending.

    >>> [_bare_noun(w) for w in ("보안", "접근", "탐지")], [_bare_noun(w) for w in ("만들어", "이용해", "실행할지")]
    ([True, True, True], [False, False, False])
    """
    w = _head(word)
    if not w or not is_hangul(w[-1]) or word.rstrip(_CLOSERS)[-1:] in ".,!?;:":
        return False
    if w in _ADVERBS or w in _PRONOUNS or w in _DETERMINERS or w in _CONJUNCTIONS or w in _DEPENDENT:
        return False
    if w in _NOUNS_IN_EO or w.endswith("웨어"):
        return True
    if w.endswith("지") and len(w) >= 2 and (w[-2] in "는던" or _jongseong(w[-2]) in (4, 8)):
        return False  # 감염되었는지, 실행할지: "whether"
    return not w.endswith(_VERB_FINALS)


_PRONOUN_TAILS = set(_PARTICLES) | {"", "의", "들", "들은", "들이", "들을", "들의", "들에게", "께서", "에게"}


def _pronoun(word: str) -> bool:
    """A pronoun, with at most a plural and a particle (제가 too: 제 is one); a noun that starts like one
    is not.

    >>> [_pronoun(w) for w in ("우리는", "여러분께서", "제가", "우리나라")]
    [True, True, True, False]
    """
    return any(word.startswith(p) and word[len(p) :] in _PRONOUN_TAILS for p in _PRONOUNS)


def _noun_start(word: str) -> bool:
    """Whether the word starts with a noun, a name or a number, not with a verb, adverb or pronoun."""
    w = _strip(word)
    if not w:
        return False
    if not is_hangul(w[0]):
        return w[0].isalnum()
    bare = core(w)
    if bare in _ADVERBS or bare in _DETERMINERS or bare in _CONJUNCTIONS or _pronoun(bare):
        return False
    if w[0] in _PREDICATE_FIRST or w.startswith("아니") or bare in _DO_FORMS:
        return False
    return not _dependent(w)


def _predicate(word: str) -> bool:
    """A verb or adjective form: adnominal, connective or final.

    >>> [_predicate(w) for w in ("관리할", "사용하기", "분석해서", "중요합니다", "보안")]
    [True, True, True, True, False]
    """
    w = core(word)
    if len(w) < 2 or not is_hangul(w[-1]):
        return False
    if _adnominal(w) or w in _DO_FORMS or w[0] in _PREDICATE_FIRST:
        return True
    if w not in _NOT_CONNECTIVE and w.endswith(_CONNECTIVES):
        return True
    return w.endswith(("다", "니다", "요", "죠", "기", "까", "네")) and w not in _NOT_PARTICLE


@dataclass(frozen=True)
class Pair:
    """The two words around a space: ``left`` and ``right`` as written, ``bare`` the left word without the
    quotes and brackets that open it and the punctuation that closes it."""

    left: str
    right: str
    bare: str
    sentence_end: bool


@dataclass(frozen=True)
class Rule:
    """One line of the table: the first rule whose ``test`` holds gives the break its ``cls``."""

    name: str
    cls: Break
    test: Callable[[Pair], bool]
    example: str  # "left | right", a pair this rule classes (checked by the tests)


def _whole(p: Pair) -> bool:
    """Nothing closes the left word: no punctuation or quote after it."""
    return p.left.endswith(p.bare)


def _pause(p: Pair) -> bool:
    return p.left.rstrip(_CLOSERS).endswith((",", ";", ":", "…", "...")) or p.left.endswith(("—", "–"))


def _opener_left(p: Pair) -> bool:
    """A closing bracket starts the right word, or an opening bracket or quote ends the left one."""
    if p.right[:1] in ")]}>":
        return True
    last = p.left[-1:]
    if last in "“‘([{「『<":
        return True
    return last in "'\"" and (len(p.left) == 1 or p.left[-2] in _OPENERS)  # a quote after a letter closes


def _fixed(p: Pair) -> bool:
    """X와 같은, X과 함께, 예로 들면, -라고 하다, -고자 하다: one expression."""
    b, r = p.bare, core(p.right)
    if not _whole(p):
        return False
    if b.endswith(("와", "과")) and len(b) >= 2 and (r.startswith("같") or r in ("함께", "더불어")):
        return True
    if b in ("예로", "예를", "예시로") and r.startswith("들"):
        return True
    if b.endswith("기") and len(b) >= 2 and r in ("전", "전에", "전까지", "직전", "직전에", "전부터"):
        return True  # 넘어가기 | 전에
    return b.endswith(("라고", "다고", "자고", "냐고", "고자")) and r in _DO_FORMS


def _particle(p: Pair) -> bool:
    b = p.bare
    if b.endswith("만") and len(b) >= 2 and (b[-2] in "천백십억" or b[-2].isdigit()):
        return False  # 8천만, 수백만: a number, not the particle 만
    return b not in _NOT_PARTICLE and b.endswith(_PARTICLES) and len(b) >= 2


def _relative_argument(p: Pair) -> bool:
    """A particle whose word belongs to the relative clause the next word closes (DNS에 | 기록된 레코드).

    A topic (은/는) stands outside the clause (보안은 | 중요한 문제입니다), so it keeps its phrase break."""
    return (
        _whole(p)
        and _particle(p)
        and not p.bare.endswith(("은", "는"))
        and p.right == core(p.right)
        and _adnominal(p.right)
    )


def _adverb_verb(p: Pair) -> bool:
    """An adverb and the verb it modifies (체계적으로 | 관리할, 가장 | 중요한, 쉽게 | 찾을)."""
    b = p.bare
    if not _whole(p) or not _predicate(p.right):
        return False
    if b in _ADVERBS:
        return b not in _CONJUNCTIONS
    return len(b) >= 2 and b.endswith(("적으로", "게", "히"))


def _inside_noun_phrase(p: Pair) -> bool:
    """Two nouns of one compound, a name's words, a name and the noun it heads, a number and its unit."""
    return (_name(p.left) or _bare_noun(p.left)) and p.left.rstrip(_CLOSERS)[-1:] not in ".!?" and _noun_start(p.right)


RULES: tuple[Rule, ...] = (
    Rule("sentence-end", Break.SENTENCE, lambda p: p.sentence_end, "합니다. | 그리고"),
    Rule("pause", Break.CLAUSE, _pause, "심장, | 컨테이너"),
    Rule("punctuation-only", Break.NEUTRAL, lambda p: not p.bare, '" | 그리고'),
    Rule(
        "stop-inside",  # an abbreviation or a sentence kss kept together: a pause all the same
        Break.CLAUSE,
        lambda p: not _whole(p) and p.left.rstrip(_CLOSERS).endswith((".", "!", "?")),
        "v1.0. | 버전",
    ),
    Rule("bracket-edge", Break.BAD, _opener_left, "키( | API"),
    Rule("before-auxiliary", Break.BAD, lambda p: _before_auxiliary(p.bare, p.right), "실행하고 | 있죠"),
    Rule("before-dependent-noun", Break.BAD, lambda p: _dependent(p.right), "있는 | 것이"),
    Rule(
        "dependent-predicate",  # 할 수 | 있다
        Break.BAD,
        lambda p: p.bare in ("수", "줄", "적", "리") and p.right.startswith(("있", "없", "않")),
        "수 | 있는",
    ),
    Rule(
        "postpositional-phrase",
        Break.BAD,
        lambda p: (
            core(p.right) in _POSTPOSITIONAL
            or (p.bare.endswith(("이", "가")) and p.right.startswith(("되", "돼", "아니")))
        ),
        "원칙에 | 따라",
    ),
    Rule("fixed-expression", Break.BAD, _fixed, "GitHub와 | 같은"),
    Rule(
        "after-genitive",
        Break.BAD,
        lambda p: p.bare.endswith("의") and p.bare not in _GENITIVE_NOUNS and _whole(p),
        "여러분의 | 계좌",
    ),
    Rule("after-determiner", Break.BAD, lambda p: _whole(p) and p.bare in _DETERMINERS, "모든 | 컨테이너"),
    Rule("after-conjunction", Break.NEUTRAL, lambda p: _whole(p) and p.bare in _CONJUNCTIONS, "하지만 | 우리"),
    Rule(
        "after-adnominal",
        Break.BAD,
        lambda p: (_whole(p) or p.left.endswith(("'는", "’는", '"는', "”는"))) and _adnominal(p.left),
        "중요한 | 역할",
    ),
    Rule(
        "connective",
        Break.CLAUSE,
        lambda p: p.bare not in _NOT_CONNECTIVE and p.bare.endswith(_CONNECTIVES) and len(p.bare) >= 2,
        "보장하지만 | 우리는",
    ),
    Rule("after-postposition", Break.PHRASE, lambda p: p.bare in _POSTPOSITIONAL, "위해 | 반드시"),
    Rule("adverb-verb", Break.INSIDE, _adverb_verb, "체계적으로 | 관리할"),
    Rule("relative-argument", Break.WEAK, _relative_argument, "DNS에 | 기록된"),
    Rule("particle", Break.PHRASE, _particle, "Docker는 | 이미"),
    Rule("noun-phrase", Break.INSIDE, _inside_noun_phrase, "보안 | 그룹"),
    Rule("anything-else", Break.NEUTRAL, lambda p: True, "혹시 | 모를"),
)


def explain(left: str, right: str, sentence_end: bool = False) -> Rule:
    """The rule that classes the break between the words ``left`` and ``right`` (both without spaces)."""
    pair = Pair(left, right, core(left).lstrip(_OPENERS), sentence_end)
    return next(rule for rule in RULES if rule.test(pair))


def classify(left: str, right: str, sentence_end: bool = False) -> Break:
    """Class of the break between the words ``left`` and ``right`` (both without spaces)."""
    return explain(left, right, sentence_end).cls
