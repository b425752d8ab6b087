"""Where a Korean line may break: a class for the space between two words, from a table of rules.

A morphological analyser would classify every word exactly, but loading one (Kiwi) costs more than a
whole run of ours (docs/upstream.md; the seed's budget is 2.5× a bare Python start-up); these suffix rules
and small lexicons run in microseconds. Where a word is ambiguous they lean towards calling a break
worse — the planner then only avoids a break it could have taken, which costs little — and
``benchmarks/quality.py`` grades the result with a real analyser (Kiwi). The classes are ordered from
best to worst place to break, following the netflix-ko rules and what professional subtitlers do (see
docs/quality.md, where blind reviews set their costs): a sentence end; a clause's end; a phrase
boundary (after a topic, between two arguments); between the items of a list; between two phrases
joined by 와/과 or -고, which one line may end but one event should not; after a modifier of
several words before a head of several words; a subject and its predicate; anything else; an argument
and the predicate it waits for (Korean is head-final); a genitive whose head is past a modifier of its
own; a modifier, a genitive or a coordination and the head it cannot stand without, which a line may
part and an event may not; inside a noun phrase; the places to avoid — after a one-word modifier or a
determiner, before a dependent noun or an auxiliary verb, inside a postpositional phrase or a fixed
expression; and inside a construction that reads as one (할 수 | 있다, a setting, a number range, a Latin
name).

``RULES`` is the table: the first rule whose test holds gives the class. A new rule goes in one place,
with an example that ``tests/test_text.py`` checks it with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from captions.text.syllables import is_hangul


class Break(IntEnum):
    """Quality of a break between two words, best first."""

    SENTENCE = 0
    CLAUSE = 1
    PHRASE = 2
    LIST = 3  # between the items of a list written with commas: a line may break here, an event rather not
    PAIR = 4  # two phrases joined by 와/과, (이)나 or -고 (랜딩 존 자동화와 | 가드레일): a line may break, an event not
    MODIFIER = 5  # after a relative clause, before its head of several words: a line may break here
    WEAK = 6  # a subject and its predicate: a boundary, but the two read better together
    NEUTRAL = 7
    ARGUMENT = 8  # an argument and the predicate right after it that takes it (명령을 | 받아)
    GENITIVE = 9  # a genitive whose head is past a modifier of its own (패스키의 | 강력한 기술): a line may break
    # here, an event hardly
    HEAD = 10  # a modifier, a genitive or a coordination and the head it cannot stand without (사용하는 | 기업은,
    # AI 기반 | IAM 정책, 여러분의 | 계좌, 정책과 | 규정을): a line may break here, an event must not
    INSIDE = 11  # inside one phrase: taken only when nothing better fits
    BAD = 12
    UNIT = 13  # inside a construction that reads as one (할 수 | 있다, -게 | 되다, 'X'라고 | 하다)
    GLUE = 14  # inside a word too wide for any line: the only breaks that are not at a space


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CLOSERS = "'\"”’)]}」』>…"
_OPENERS = "'\"“‘([{「『<"

_CONNECTIVES = _words(
    "지만 는데 은데 한데 인데 니까 으니 도록 면서 거나 든지 다가 므로 어도 아도 해도 려고 어서 아서 해서 여서 "
    "라서 와서 워서 져서 나서 돼서 되어 하여 하며 으며 이며 고 며 면 듯이 셔서 쳐서 켜서 춰서 려서 혀서 니라 이자 "
    "는지 은지 을지 할지 될지 했는지 됐는지"  # an embedded question ends: 접근할 수 있는지 | 세밀하게
)
_NOT_CONNECTIVE = set(
    _words("창고 최고 참고 광고 경고 재고 사고 보고 신고 측면 화면 반면 전면 표면 내면 단면 방면 이면 면")
)
_PARTICLES = _words(
    "에서는 으로는 에서도 에게서 이라는 으로서 으로써 에서 으로 에게 부터 까지 처럼 보다 마다 조차 밖에 이나 이란 에는 "
    "와는 과는 로서 로써 로는 께서 은 는 이 가 을 를 에 로 와 과 도 만 나 란 께"
)
_NOT_PARTICLE = set(
    _words(
        "전문가 평가 추가 국가 작가 대가 증가 경로 정도 속도 빈도 제도 태도 각도 온도 강도 수만 천만 백만 하나 결과 "
        "효과 성과 통과 초과 부과 차이 사이 길이 높이 깊이 같이 많이 이 그 저 나 바로 곧바로 함께 일일이 끊임없이 "
        "자가 단가 원가 물가 휴가 특가 고가 저가 별도 한도 설계도 시도 불가 도로 심도 지도 용도 "
        "마이크로 매크로 프로 인트로 메트로 게이트웨이 웨이 하이웨이 릴레이 디스플레이 플레이 "
        "새로 주로 서로 따로 별로 절대로 실제로 정말로 스스로 그대로 제로 신뢰도 정확도 민감도 심각도 중요도 만족도 "
        "완성도 가속도"
    )
)
# "-는" after these verb stems is adnominal (관리하는, 있는, 라는); after a noun it is the topic particle
_NEUN_STEMS = set("하되있없않라다주내르시쓰받먹찾놓끄뜨히꾸채닫추두")
# nouns ending in 시 (after which 는 is the topic particle, not the honorific -시는): 캐시는 | 상대적으로
_SI_NOUNS = ("캐시", "해시", "대시", "프록시", "택시", "크래시", "푸시", "플래시", "리프레시", "퍼블리시", "메시")
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
_ADNOMINAL_FINALS = _words("한 된 진 운 던 할 될 볼 갈 낼 킬 릴 른 쁜 픈 든 인 신 난 친 준")
_NOT_ADNOMINAL = set(
    _words(
        "권한 제한 기한 무한 엔진 사진 확인 원인 개인 요인 승인 인 로그인 플러그인 도메인 체인 파이프라인 온라인 "
        "오프라인 가이드라인 디자인 라인 메인 머신 자신 최신 통신 혁신 갱신 송신 수신 발신 재난 비난 곤란 어른 "
        "모델링 운 행운 기본 문신 본인 타인 주인 성인 군인 상인 노인 부인 대신 정신 당신 출신 확신 변신 역할 분할 "
        "추진 전진 기운 최소한 최대한 언제든 어디든 무엇이든 누구든 외부든 내부든 뭐든 기준 수준 표준 조준 비준"
    )
)
_GENITIVE_NOUNS = set(_words("강의 회의 정의 주의 논의 동의 합의 문의 의의 편의 의"))


def _genitive(word: str) -> bool:
    """Whether ``word`` ends in the genitive 의 (`보안의`), not in a noun whose last syllable is 의 (`강의`)."""
    return word.endswith("의") and word not in _GENITIVE_NOUNS


_DETERMINERS = set(
    _words(
        "이 그 저 모든 각 어떤 무슨 몇 여러 이런 그런 저런 이러한 그러한 제 새 두 세 네 한 단 온갖 매 약 총 첫 "
        "다른 어느 전"
    )
)
_DEPENDENT = _words(
    "것 수 때 등 줄 데 바 뿐 만큼 듯 채 적 거 겁 건 게 걸 순간 중 시 내 간 직후 직전 이후 이전 후 뒤 동안 대신 반면"
)
_DEPENDENT_TAILS = set(
    _words(
        "이 가 은 는 을 를 도 만 에 에는 의 으로 로 이다 입니다 이죠 이에요 예요 이나 처럼 과 와 문에 문입니다 "
        "이고 이며 에서 부터 까지 인 인지 일 있 에도 에서는 죠 니다 니까 마다 만으로 만으로는 만으로도"
    )
) | {""}
_AUX_AFTER_GO = _words("있 싶 계 나서 말았 말까 말죠")
_AUX_AFTER_EO = _words("보 봐 봅 봤 본 볼 주 줘 줍 줬 준 있 버리 버려 버린 놓 둔 두고 드리 드릴 드려 드립 드렸 드린")
_EO_ENDINGS = _words("어 아 여 해 워 와 져 쳐 켜 춰 려 러 봐 줘 내 서 어가 아가 해가")
_EO_VOWELS = set("어아여해워와져쳐켜춰려")
_COMPOUND_VERBS = set("가오보나내주두놓")
_AUX_AFTER_JI = _words("않 못 말")
_AUX_AFTER_GE = _words("되 하 만들")
_DO = _words("하 할 한 합 했 해 함")
_POSTPOSITIONAL = set(
    _words(
        "따라 따른 대해 대한 대해서 의해 의한 위해 위한 위해서 관한 관해 통해 통한 비해 걸쳐 걸친 불과 더불어 "
        "향해 향한 인해 인한 인하여 바탕으로 비롯한 비롯해 비롯하여 관련된 관련한 관련해 관련하여 대비해 "
        "대비한 상관없이 더해 덧붙여 맞게 맞춰 맞춰서 걸맞게 걸맞은"
    )
)


# adverbs that place or order the whole sentence, not the word after them
_SENTENCE_ADVERBS = set(_words("이제 먼저 특히 또한 결국 앞으로 이처럼 그래서 여기서 이번에는 다음으로 마지막으로"))
# a conjunction waits for what it joins: an event should not end with it, a line may (`하지만 / 우리 …`)
_CONJUNCTIONS = set(_words("하지만 그리고 그러나 그런데 그래서 또한 또는 및 즉 혹은 게다가 따라서 그러므로"))


_JOIN_NOUNS = set(_words("및 또는 혹은"))


def opens_clause(word: str) -> bool:
    """A conjunction or an adverb of the sentence (`하지만`, `그리고`, `특히`, `이제`), or `바로` pointing at all
    that follows: it opens the whole clause after it, so a short first line may hold it alone (`하지만 / 우리
    같은 현업 담당자들에게`, `바로 / '제로 트러스트 아키텍처'입니다.`); 및, 또는 and 혹은 join nouns inside
    a phrase instead.

    >>> [w for w in ("하지만", "그리고", "특히", "바로", "및", "보안") if opens_clause(w)]
    ['하지만', '그리고', '특히', '바로']
    """
    w = core(word)
    return (w in _CONJUNCTIONS or w in _SENTENCE_ADVERBS or w == "바로") and w not in _JOIN_NOUNS


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


# endings that are also a noun's last syllable and the topic particle (시작은, 목적은, 부담은, 점검은)
_NOUN_LIKE_ENDINGS = _words("적은 검은 담은 작은 남은 받은")


@lru_cache(maxsize=16384)
def _adnominal(word: str) -> bool:
    if word in _NOT_ADNOMINAL or (len(word) < 2 and word != "큰"):
        return False
    if len(word) > 2 and word.endswith(_NOUN_LIKE_ENDINGS):
        return False
    if word.endswith(_ADNOMINAL_ENDINGS) or word.endswith(_NEUN_ENDINGS):
        return True
    if word.endswith("는"):
        # after a final consonant the topic particle is 은, so 넘는, 짓는, 맞는 are verbs; so is a verb
        # compounded on an -어 form (날아오는, 막아보는, 일어나는)
        if _jongseong(word[-2]) or (len(word) >= 3 and word[-3] in _EO_VOWELS and word[-2] in _COMPOUND_VERBS):
            return True
        return word[-2] in _NEUN_STEMS and not word[:-1].endswith(_SI_NOUNS)
    return word.endswith(_ADNOMINAL_FINALS)


_DEPENDENT_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _noun in _DEPENDENT:
    _DEPENDENT_BY_FIRST[_noun[0]] = (*_DEPENDENT_BY_FIRST.get(_noun[0], ()), _noun)


@lru_cache(maxsize=16384)
def _dependent(word: str) -> bool:
    """Whether ``word`` is a dependent noun with at most a particle or copula: a break before one splits
    it from the word it depends on.

    >>> [w for w in ("것이", "수", "때문에", "중인지", "보안", "수업") if _dependent(w)]
    ['것이', '수', '때문에', '중인지']
    """
    w = core(word)
    if w in ("바로", "바로바로"):
        return False  # an adverb, not 바 + 로
    return any(w[len(d) :] in _DEPENDENT_TAILS for d in _DEPENDENT_BY_FIRST.get(w[:1], ()) if w.startswith(d))


# What follows an auxiliary verb's stem: an ending. A noun that begins with the same syllable does not
# go on with one (보안, 보호, 본인, 주의, 준비, 계정, 하드웨어), so `활용하여 | 보안의` is not `해 | 보는`.
_AUX_ENDING_STARTS = frozenset(("", *"다고는면세시신실십셔셨겠았었아어야기자려라니며지죠게요습을은음던으도까거하이"))
_NOT_AUXILIARY = frozenset(_words("보다 주요 보고서"))


def _auxiliary(right: str, stems: tuple[str, ...]) -> bool:
    """Whether ``right`` is a form of the auxiliary verb one of ``stems`` begins: the stem, then nothing
    or an ending (`보겠습니다`, `본`, `계신`, `않도록`), not a noun that starts alike (`보안의`, `계정을`)."""
    word = core(right)
    if word in _NOT_AUXILIARY:
        return False
    return any(word.startswith(stem) and word[len(stem) : len(stem) + 1] in _AUX_ENDING_STARTS for stem in stems)


def _before_auxiliary(left: str, right: str) -> bool:
    if not right:
        return False
    if left.endswith("고") and _auxiliary(right, _AUX_AFTER_GO):
        return True
    if left.endswith(_EO_ENDINGS) and _auxiliary(right, _AUX_AFTER_EO) and len(core(right)) >= 2:
        return True
    if left.endswith(("지", "지는", "지도", "지만은", "지조차")) and _auxiliary(right, _AUX_AFTER_JI):
        return True
    if left.endswith(("야", "야만", "기도", "기만", "기는", "려고", "곤")) and _auxiliary(right, _DO):
        return True  # 해야 | 한다, 누르기만 | 하면
    return left.endswith("게") and _auxiliary(right, _AUX_AFTER_GE)


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
        "이같이 이렇듯 원래 본래 보통 대개 대부분 일반적 마저 더불어 첫째 둘째 셋째 넷째 다섯째 마지막으로 "
        "다음으로 결론적으로 요컨대 최근 현재 오늘날 이때 그때 이번에 요즘 당시"
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


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=16384)
def _pronoun(word: str) -> bool:
    """A pronoun, with at most a plural and a particle (제가 too: 제 is one); a noun that starts like one
    is not.

    >>> [_pronoun(w) for w in ("우리는", "여러분께서", "제가", "우리나라")]
    [True, True, True, False]
    """
    return any(word.startswith(p) and word[len(p) :] in _PRONOUN_TAILS for p in _PRONOUNS)


@lru_cache(maxsize=16384)
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
    if w[0] in _PREDICATE_FIRST or w.startswith("아니") or bare in _DO_FORMS or predicate(bare):
        return False
    return not _dependent(w)


_COPULA_ENDINGS = _words(
    "입니다 입니까 이다 이죠 이고 이며 이면 이라 이라고 이라는 이라면 이에요 이었 이었고 이었습니다 였습니다 였죠 "
    "인데 인데요 인지 인가 인가요 일까요 일지 이지만 이자 이든 이거나 이므로 이니까 예요 이야 라면 이라면 "
    "겁니다 거죠 거예요 건데요 텐데 텐데요 에서 에게 와 과 마다 라는 란"
)
_VERB_IN = set(_words("보인 쌓인 묶인 놓인 쓰인 덮인 섞인 붙인 줄인 높인 늘인 숨긴 담긴 남긴 맡긴 옮긴 생긴"))
_NOT_VERBAL = set(
    _words(
        "필요 중요 주요 개요 수요 마다 때마다 바다 분야 무게 가게 크기 무기 공기 전기 분위기 얘기 위기 초기 동기 주기 "
        "시기 용기 일기 향기 게 거기 여기 저기 누구 보다 다 모두 부터 까지 해 올해 매해 내년 없이 이게 그게 저게 "
        "국내 사내 인증서 간 한 큰 언제든 어디든 무엇이든 누구든 외부든 내부든"
    )
)
_NA_VERB_STEMS = set("하되않있없았었였했겠")


@lru_cache(maxsize=16384)
def predicate(word: str) -> bool:
    """A verb or adjective form — final, connective, adnominal or nominal (`관리할`, `사용하기`, `받아`,
    `알아야`, `안전하게`) — but not a noun with the copula (`보안입니다`, `실질적인`): the word that takes
    the arguments before it.

    >>> [predicate(w) for w in ("관리할", "사용하기", "분석해서", "중요합니다", "받아", "알아야", "안전하게")]
    [True, True, True, True, True, True, True]
    >>> [predicate(w) for w in ("보안", "보안입니다.", "실질적인", "필요", "그리고", "모든", "이미지", "때마다")]
    [False, False, False, False, False, False, False, False]
    """
    w = _head(word)
    if len(w) < 2 or not is_hangul(w[-1]) or not is_hangul(w[0]):
        return w != "한" and (w in _DO_FORMS or (len(w) == 1 and w in "할될된볼본갈둘둔준알뺄낼"))
    if w in _NOT_VERBAL or w in _ADVERBS or w in _CONJUNCTIONS or w in _DETERMINERS or _pronoun(w):
        return False
    if w.endswith(_COPULA_ENDINGS) or w.endswith(("적인", "적이고", "적이며", "적일", "적으로")):
        return False
    if w.endswith("인") and w not in _VERB_IN:
        return False  # 핵심인, 중인: a noun and the copula
    if w in _DO_FORMS or w[0] in _PREDICATE_FIRST or w.startswith("아니") or _adnominal(w):
        return True
    if w not in _NOT_CONNECTIVE and w.endswith(_CONNECTIVES):
        return True
    if w.endswith(_EO_ENDINGS) and not w.endswith(("서", "와", "웨어")) and w not in _NOUNS_IN_EO:
        return True
    if w.endswith("야만"):
        w = w[:-1]  # 구성해야만: 해야 and the particle 만
    if w.endswith("야") and (w[-2] in _EO_VOWELS or w[-2] in "봐돼줘와내"):
        return True  # 해야, 알아야, 봐야
    if w.endswith("지") and (w[-2] in _NA_VERB_STEMS or w[-2] in "는던" or _jongseong(w[-2]) in (4, 8)):
        return True  # 하지, 않는지, 실행할지
    if w.endswith("기") and (w[-2] in "하되지보쓰주두내" or _jongseong(w[-2]) or (len(w) >= 3 and w[-2] == "시")):
        return True  # 사용하기, 만들기, 막기, 유지하시기
    return w.endswith(("다", "니다", "요", "죠", "까", "게", "세요", "시오", "는가", "나요"))


@dataclass(frozen=True)
class Pair:
    """The two words around a space: ``left`` and ``right`` as written, ``bare`` the left word without the
    quotes and brackets that open it and the punctuation that closes it, and ``before``, the word before
    ``left`` ("" at a text's start): what tells a relative clause from a lone adjective; and ``after``, the
    word after ``right``: what tells 다룰 (before 예정) for a verb."""

    left: str
    right: str
    bare: str
    sentence_end: bool
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Rule:
    """One line of the table: the first rule whose ``test`` holds gives the break its ``cls``."""

    name: str
    cls: Break
    test: Callable[[Pair], bool]
    example: str  # "left | right" (or "before left | right"), a pair this rule classes (checked by the tests)


def _whole(p: Pair) -> bool:
    """Nothing closes the left word: no punctuation or quote after it."""
    return p.left.endswith(p.bare)


_INTRODUCERS = set(_words("예컨대 이를테면 가령 말하자면"))


def _introducer(p: Pair) -> bool:
    """A phrase that announces what comes next, with or without its comma (`예를 들어, | 잠시 후에 설명할`,
    `다시 말해 | 공격자가`): it waits for what it introduces, as an argument waits for its verb. Between the
    lines of one event it may stand alone; as an event's end, or a whole event, it leaves the reader hanging."""
    b, before = p.bare.rstrip(","), core(p.before)
    if b in _INTRODUCERS:
        return True
    return (b in ("들어", "들면") and before in ("예를", "예로")) or (b in ("말해", "말해서") and before == "다시")


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
    """X과 함께, X은 물론, 예로 들면, 넘어가기 전에, 작업 중 하나, X에 이르기까지, 만약의 사태: one expression."""
    b, r = p.bare, core(p.right)
    if not _whole(p):
        return False
    if b == "중" and r.startswith("하나"):
        return True  # 가장 골치 아픈 작업 중 | 하나가: "one of" reads as one word
    if b.endswith("에") and r.startswith("이르기"):
        return True  # 런타임 보안에 | 이르기까지: "up to", a postposition in two words
    if b.endswith(("와", "과")) and len(b) >= 2 and r in ("함께", "더불어"):
        return True
    if _topic(b) and r.startswith("물론"):
        return True  # 네트워크 공격은 | 물론이고: "not only", one expression
    if b in ("예로", "예를", "예시로") and r.startswith("들"):
        return True
    if b in ("만약의", "만일의", "유사시의") and r.startswith("사태"):
        return True  # 만약의 | 사태에 대비해: "in case", one expression
    return b.endswith("기") and len(b) >= 2 and r in ("전", "전에", "전까지", "직전", "직전에", "전부터")


_AS_ONE_WITH_HA = ("기반으로", "중심으로", "대상으로", "바탕으로", "목표로", "전제로", "기준으로", "원칙으로")
_QUOTE_VERBS = ("하", "했", "합", "해", "한", "할", "함", "말하", "말했", "부르", "부른", "불러", "불리", "불립")
_AS_ONE_AFTER_E = ("가깝", "가까운", "달하", "달해", "달했", "달한", "불과", "해당")
_NUMERALS = set(_words("수십 수백 수천 수만 수억 수십억 수백만 수천만 수십만 한두 두세 서너 몇 몇십 몇백"))
_NUMERAL_FIRST = {n[0] for n in _NUMERALS}
# particles that are never a word of their own: written apart, they still belong to the word before
_LONE_PARTICLES = set(
    _words("에 에서 으로 로 를 을 와 과 의 에게 까지 부터 처럼 보다 에는 에서는 으로는 은 는 이라는 라는")
)
_RANGE_MARKS = ("에서", "부터", "~", ",", "-", "–", "에서부터")
_BEFORE_NUMBER = set(_words("최대 최소 최고 최저 무려 대략 평균 불과 단 약 총 약간"))


@lru_cache(maxsize=16384)
def _number(word: str) -> bool:
    """A number, written in digits (`20%`, `1.32`, `v1.5.3`) or in words (`수백`), with what follows it.

    >>> [_number(w) for w in ("20%에서", "1.35까지", "수백", "v1.5.3", "보안")]
    [True, True, True, True, False]
    """
    w = _strip(word)
    if w[:1].isdigit() or (w[:1] in "vV" and w[1:2].isdigit()):
        return True
    return w[:1] in _NUMERAL_FIRST and any(w.startswith(n) for n in _NUMERALS)


def _such_as(b: str, r: str) -> bool:
    """X 같은, X와 같은: a name or noun and the 같은 that makes examples of it."""
    if b.endswith(("와", "과")) and len(b) >= 2:
        return r.startswith("같")
    if r not in ("같은", "같이", "같은데요", "같습니다"):
        return False
    return _name(b) or _bare_noun(b) or b in ("우리", "저희", "여러분")


def _unit(p: Pair) -> bool:
    """A construction that reads as one: -ㄹ 수 있다/없다, -게 되다, -고 있다, -에 가깝다 (달하다, 불과하다),
    -라고 하다, a quote and its 라는/이라고 written apart, X만 해도, -을 기반으로 하다, X (와) 같은, 다시 한번,
    더 이상."""
    b, r = p.bare, p.right
    if b in ("수", "수도", "수는", "수만", "줄", "적", "리") and r.startswith(("있", "없", "않")):
        return True
    if b.endswith("게") and len(b) >= 2 and _auxiliary(r, ("되", "돼", "됩", "됐", "된", "될")):
        return True
    if b.endswith("고") and len(b) >= 2 and _auxiliary(r, ("있", "계")) and b not in _NOT_CONNECTIVE:
        return True
    if b.endswith("에") and r.startswith(_AS_ONE_AFTER_E):
        return True
    if _whole(p) and b.endswith(("라고", "다고", "자고", "냐고", "고자")) and core(r).startswith(_QUOTE_VERBS):
        return True
    if p.left[-1:] in "'\"”’" and r.startswith(("라는", "이라는", "라고", "이라고", "란", "이란")):
        return True
    if _whole(p) and b.endswith(_AS_ONE_WITH_HA) and core(r) in ("한", "하는", "하여", "해", "하고", "할", "합니다"):
        return True  # 표준을 기반으로 | 한 키: -을 기반으로 하다, one verb
    if _whole(p) and _such_as(b, core(r)):
        return True  # Trivy나 Snyk | 같은 도구, GitHub와 | 같은, 우리 | 같은: never split from its 같은
    if p.left.endswith(")") and "(" in p.left[1:] and core(r) in ("같은", "같이"):
        return True  # 스크립팅(XSS) | 같은: a gloss in brackets does not end the noun it follows
    if b.endswith("라는") and core(r).startswith("이름"):
        return True  # 'Shai-Hulud'라는 | 이름의 웜: "named", one expression
    if _whole(p) and b.endswith("만") and core(r) in ("해도", "하면", "하더라도"):
        return True  # debug 하나만 | 해도
    return (b, core(r)) in (
        ("다시", "한번"),
        ("다시", "한"),
        ("더", "이상"),
        ("더", "이상의"),
        ("서로", "다른"),
        ("좀", "더"),
        ("한", "번"),
    )


_COUNTING = set(_words("한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 열한 열두 스무 첫 여러")) | _NUMERALS
_CLASSIFIERS = _words(
    "가지 개 개의 명 번째 번 차례 단계 종류 곳 건 배 층 회 차 주 주차 달 개월 해 년 시간 분 초 일 줄 장 권 대 줄기 편"
)


@lru_cache(maxsize=4096)
def _classifier(word: str) -> bool:
    """A counter noun, alone or with its particle (`가지`, `번째로`, `단계를`): what a numeral counts."""
    w = core(word)
    return any(w.startswith(c) and (w == c or w[len(c) :] in _PARTICLES) for c in _CLASSIFIERS)


def _count(p: Pair) -> bool:
    """A numeral and the counter after it (`세 | 가지`, `첫 | 번째`, `3 | 단계`): one word to the reader, a
    number and its unit."""
    left = _strip(p.left)
    return _whole(p) and (p.bare in _COUNTING or left.isdigit()) and _classifier(p.right)


def _key_value(p: Pair) -> bool:
    """Settings written as `key=value;` or `key: value` (`v=DKIM1; | k=rsa;`, `allowPrivilegeEscalation: |
    false`): one token, not a pause."""
    left = p.left.rstrip(_CLOSERS)
    if not _name(left) or not left.endswith((";", ":", ",")):
        return False
    if left.endswith(":") and left[:-1].isidentifier():
        return p.right[:1].isascii() and p.right[:1].isalnum()  # minAvailable: | 50%처럼
    return _name(p.right) and "=" in left and "=" in p.right


def _range(p: Pair) -> bool:
    """Two numbers of one range or list (`20%에서 | 최대 50%까지`, `수십, | 수백 개`, `5.3.1부터 | 5.3.3`)."""
    if not _number(p.left) or not (p.bare.endswith(_RANGE_MARKS) or p.left.rstrip(_CLOSERS).endswith(",")):
        return False
    return _number(p.right) or core(p.right) in _BEFORE_NUMBER


_NOT_ITEMS = set(_words("순간 현재 대신 최근 오늘 지금 이후 이전 결과 반면 한편 예 다음 마지막 끝"))


def _list_item(p: Pair) -> bool:
    """The comma between two items of a list (`캐시, | 쿠키,`, `Security Hub, | Config Rules`) or before an
    apposition (`CloudFront, | 즉 CDN을`): a pause inside one noun phrase."""
    left = p.left.rstrip(_CLOSERS)
    if not left.endswith(","):
        return False
    item = left[:-1]
    if core(p.right) in ("즉", "일명", "이른바") and (_name(item) or _bare_noun(item)):
        return True  # CloudFront, | 즉 CDN을: an apposition
    if predicate(item) or item.endswith(_CONNECTIVES) or item in _ADVERBS or item in _NOT_ITEMS:
        return False
    if _particle(Pair(item, "", core(item).lstrip(_OPENERS), False)):
        return False  # 말처럼, | 100%: a phrase ends
    return (_name(item) or _bare_noun(item)) and (_noun_start(p.right) or _name(p.right))


_COORDINATORS = set(_words("및 또는 혹은 내지 겸"))


def _coordination(p: Pair) -> bool:
    """Two nouns joined by 와/과, (이)나, 및, 또는 (`보안 정책과 | 규정을`, `GKE나 | EKS`, `Hub | 및`): one noun
    phrase, which professionals keep whole in one event (unlike a list written with commas) but split
    between two lines after the joining word."""
    b, r = p.bare, core(p.right)
    if r in _COORDINATORS:
        return _name(p.left) or _bare_noun(p.left)
    if b in _COORDINATORS:
        return _whole(p) and (_noun_start(p.right) or _name(p.right))
    if not _whole(p) or not _particle(p) or not b.endswith(("와", "과", "나", "이나", "랑", "이랑")):
        return False
    return (_noun_start(p.right) or _name(p.right)) and not _verb_right(p)


_FOCUS = set(
    _words(
        "바로 즉 오직 단지 오로지 겨우 무려 불과 거의 단 약 심지어 마치 "  # they point at what follows
        "정말 매우 아주 가장 더 더욱 훨씬 너무 꽤 상당히 무척 극히 지극히 굉장히 대단히 몹시"  # they grade it
    )
)


def _focus(p: Pair) -> bool:
    """An adverb that points at or grades the phrase after it (`바로 | OAC`, `즉 | CDN을`, `정말 | 전례 없는`):
    stranded at a line's end it leaves the reader waiting for what it qualifies."""
    return _whole(p) and p.bare in _FOCUS


_AND_VERBS = ("하고", "되고", "이고", "하며", "되며", "이며")  # a verb that goes on to the next one


def _verb_list(p: Pair) -> bool:
    """Three or more verbs listed with commas before the head they all modify (`빌드하고, | 테스트하고, | 배포하는
    과정`), or two nouns joined by the copula's 이자 (`문화이자 | 프로세스입니다`): one phrase, like a list. Two
    clauses joined by -고, are not (`가시성을 확보하고, | 지능적인 위협에`)."""
    b, r = p.bare, core(p.right)
    if _whole(p) and len(b) >= 3 and b.endswith("이자"):
        return _noun_start(p.right) or _name(p.right)

    def item(word: str) -> bool:
        w = word.rstrip(_CLOSERS)
        return w.endswith(",") and w[:-1].endswith(_AND_VERBS) and len(w) >= 4

    if not item(p.left):
        return False
    if item(p.right):
        return _adnominal(core(p.after))  # 빌드하고, | 테스트하고, 배포하는
    return item(p.before) and _adnominal(r) and not _describes(r)  # not 확보하고, | 지능적인 위협에


def _coordinated_modifiers(p: Pair) -> bool:
    """Two modifiers joined by -고/-며 before one head (`유연하고 | 강력한 OAC`, `안전하고 | 효율적으로`): one
    phrase, like a list, not the end of a clause."""
    b, r = p.bare, core(p.right)
    if not _whole(p) or not b.endswith(_AND_VERBS) or len(b) < 3:
        return False
    return _adnominal(r) or r.endswith(("하게", "적으로", "롭게", "있게"))


def _coordination_of_phrases(p: Pair) -> bool:
    """Two noun phrases of several words joined by 와/과 or (이)나 (`프로그래밍 언어와 | 스크립팅 능력은`): a
    boundary between phrases, where a line may break like between the items of a list. With one word on
    either side (`모바일과 | PC 환경의`), the two nouns likely share the head after them: one phrase."""
    right = core(p.right)
    if not _coordination(p) or p.bare in _COORDINATORS or right in _COORDINATORS:
        return False  # 규제 및 | 컴플라이언스 동향: one word each side of 및 shares the head after them
    left_phrase = bool(p.before) and (_bare_noun(p.before) or _name(p.before) or _adnominal(core(p.before)))
    return left_phrase and _continues(p.right) and not right.endswith("의") and not _adnominal(right)


def _noun_modifier(p: Pair) -> bool:
    """A noun phrase made a modifier by 기반, 관련, 전용 (`AI 기반 | IAM 정책`, `보안 관련 | 뉴스`): a line may
    break here, but an event that ends on it leaves a noun phrase cut in two (`FIDO2 기반 ‖ 하드웨어 키가`)."""
    return (
        _whole(p)
        and p.bare in ("기반", "관련", "전용", "중심", "맞춤", "대상")
        and bool(p.before)
        and _continues(p.right)
    )


def _possessive(p: Pair) -> bool:
    """우리 | 조직, 저희 | 팀, 내 | 스마트폰: a pronoun that modifies the noun after it, like a determiner (내 after
    a noun is 內, "within": 조직 내 | 모든)."""
    if not _whole(p) or not (_noun_start(p.right) or _name(p.right)):
        return False
    before = core(p.before)
    within = (_bare_noun(p.before) or _name(p.before)) and not _particle(Pair(p.before, "", before, False))
    mine = p.bare == "내" and not within
    return mine or p.bare in ("우리", "저희", "여러분")


def _particle(p: Pair) -> bool:
    b = p.bare
    if b in ("건", "걸"):
        return True  # 것은, 것을 contracted: 관리하는 건 | 불가능에
    if b.endswith("만") and len(b) >= 2 and (b[-2] in "천백십억" or b[-2].isdigit()):
        return False  # 8천만, 수백만: a number, not the particle 만
    return b not in _NOT_PARTICLE and b.endswith(_PARTICLES) and len(b) >= 2


@lru_cache(maxsize=16384)
def argument(word: str) -> bool:
    """Whether ``word`` ends in a particle that binds it to a predicate still to come (an object, an
    adverbial, a subject: `Deployment에`, `명령을`), not a topic's (`보안은`): alone on screen it is a
    fragment waiting for its verb.

    >>> [argument(w) for w in ("Deployment에", "명령을", "보안은", "보안", "합니다.")]
    [True, True, False, False, False]
    """
    bare = core(word).lstrip(_OPENERS)
    return word.endswith(bare) and _particle(Pair(word, "", bare, False)) and not _topic(bare)


def _topic(b: str) -> bool:
    return b.endswith(("은", "는")) or b == "건"


def _subject(b: str) -> bool:
    return b.endswith(("이", "가", "께서"))


def _argument(p: Pair) -> bool:
    """An argument and the predicate right after it that takes it (명령을 | 받아, 불가능에 | 가깝습니다,
    DNS에 | 기록된): Korean is head-final, so the two read as one. A topic (은/는) stands outside the
    clause (보안은 | 중요한 문제입니다); a subject is bound only to the relative clause it starts
    (DevSecOps가 | 추구하는)."""
    if not _whole(p) or not _particle(p) or _topic(p.bare):
        return False
    right = core(p.right)
    if not _subject(p.bare) and _manner(right):
        return True  # 가능성을 | 획기적으로 낮추는: the adverb goes with the verb the argument waits for
    if not _verb_right(p) or _describes(right):
        return False
    return not _subject(p.bare) or (_adnominal(right) and not right.endswith(("ㄹ", "할", "될", "을", "를")))


def _subject_predicate(p: Pair) -> bool:
    """A subject and the predicate right after it (활동이 | 발생하면): a boundary, a weak one."""
    return _whole(p) and _particle(p) and _subject(p.bare) and _verb_right(p)


_QUOTED_ADNOMINAL = ("'는", "’는", '"는', "”는")  # a quoted clause made a modifier: '내부자는 안전하다'는
_POSTPOSITIONAL_ADNOMINALS = set(_words("대한 위한 통한 관한 따른 의한 향한 걸친 비롯한 관련된 관련한 대비한 인한"))
# adjectives that describe rather than take arguments: after one a break splits a modifier from its head
_DESCRIPTIVE = set(
    _words(
        "많은 수많은 다양한 새로운 여러 중요한 필요한 가능한 강력한 간단한 복잡한 안전한 위험한 큰 작은 높은 낮은 좋은 "
        "나쁜 다른 적은 넓은 깊은 짧은 긴 빠른 느린 쉬운 어려운 완벽한 정확한 심각한 치명적인 엄청난 대표적인 거대한 "
        "진정한 단순한 민감한 취약한 의심스러운 비정상적인 악의적인 잠재적인 기본적인 핵심적인 효과적인 구체적인"
    )
)


_BOUND_HEADS = ("예정", "계획", "필요", "생각", "준비", "가능성", "방법", "경우", "정도", "만큼", "때문")


def _verb_right(p: Pair) -> bool:
    """Whether the right word is a verb form: ``predicate``, or a word ending in ㄹ before a noun that only
    an adnominal verb precedes (`다룰 | 예정입니다`, `막을 | 수`)."""
    if predicate(p.right):
        return True
    r = core(p.right)
    if len(r) < 2 or not p.after or _jongseong(r[-1]) != 8 or r in _NOT_VERBAL or _name(r):
        return False
    return _dependent(p.after) or core(p.after).startswith(_BOUND_HEADS)


def _manner(word: str) -> bool:
    """An adverb of manner or degree, which goes with the verb after it (`획기적으로`, `안전하게`, `다시`)."""
    return (word in _ADVERBS and word not in _CONJUNCTIONS and word not in _FOCUS) or (
        len(word) >= 3 and word.endswith(("적으로", "하게", "롭게", "스럽게", "히"))
    )


def _describes(word: str) -> bool:
    """An adjective that describes the noun after it (수많은, 핵심적인), not a verb taking what came before."""
    return word in _DESCRIPTIVE or word.endswith(("적인", "적일"))


@lru_cache(maxsize=16384)
def verbal(word: str) -> bool:
    """A verb form or a dependent noun bound to one (`가깝습니다.`, `할`, `수`, `있습니다`): a caption of only
    these is a predicate without its arguments.

    >>> [verbal(w) for w in ("존재할", "수", "있습니다.", "보안", "컨테이너를")]
    [True, True, True, False, False]
    """
    return predicate(word) or _dependent(word)


@lru_cache(maxsize=16384)
def _continues(word: str) -> bool:
    """Whether the noun phrase goes on after ``word``: a noun or name with nothing closing it, or another
    modifier (`클라우드`, `보안`, `자동화된`, `Kubernetes의`), not the head with its particle (`역할을`)."""
    w = core(word)
    if w != word.rstrip(_CLOSERS.replace(")", "")) or argument(w) or _topic(w):
        return False
    if _adnominal(w) or _genitive(w):
        return True
    return (_name(w) or _bare_noun(w)) and (w.endswith("기") or not predicate(w)) and not _dependent(w)


def _in_modifier(before: str, genitive: bool) -> bool:
    """Whether ``before``, the word before a modifier, belongs to it: a noun, an adverb, an argument or a verb
    form that the modifier's clause goes on from (`대체 | 불가능한`, `더 | 스마트한`, `흩어져 | 있는`), not a
    boundary before it (a topic, a conjunction, a postposition, a clause's end: `통해 | 세밀한`)."""
    if not before or before.rstrip(_CLOSERS)[-1:] in ".,!?;:":
        return False
    b = core(before).lstrip(_OPENERS)
    if (_topic(b) and not _adnominal(b)) or b in _CONJUNCTIONS or b in _POSTPOSITIONAL or b in _DETERMINERS:
        return False
    if b in _SENTENCE_ADVERBS:
        return False  # 이처럼 | 신속한 WAF 규칙: an adverb of the sentence, not of the modifier
    if b in _CLASSIFIERS or b == "몇":
        return False  # 몇 가지 | 중요한 리소스 단위: a count of the whole phrase, not part of the modifier
    if b in ("등", "등등") or (not genitive and _genitive(b)):
        return False  # SOC, PCI-DSS 등 | 다양한; 패스키의 | 강력한: a list, a genitive of their own before it
    if b.endswith(_CONNECTIVES) and b not in _NOT_CONNECTIVE:
        return False
    return genitive or not _adnominal(b)


def _modifier_of_phrase(p: Pair) -> bool:
    """After a modifier of more than one word whose head spans several words: a relative clause or an
    adjective phrase before a noun phrase that goes on (`대체 불가능한 | 클라우드 보안 전문가로`, `저장소에 대한 |
    쓰기 권한을`), a genitive phrase before one (`인스턴스 내부의 | 악성 행위 패턴`). The modifier qualifies the
    whole phrase, not the next word: professionals break lines here, unlike after a modifier of one word
    (`중요한 | 역할을`, `통해 세밀한 | 권한 제어`), and `X 같은` (`Trivy나 Snyk 같은 | 오픈소스 도구`)."""
    right = core(p.right)
    if p.left.endswith(_QUOTED_ADNOMINAL) and p.right == right and _adnominal(right):
        return True  # '내부자는 안전하다'는 | 낡은 신뢰 모델: a quoted clause, then a modifier of its own
    if not _whole(p) or len(p.bare) < 2 or p.bare in _DETERMINERS:
        return False
    genitive = _genitive(p.bare)
    if not _continues(p.right):
        return False
    if p.bare == "같은":
        return _name(p.before) or _bare_noun(p.before)
    if not (genitive or _adnominal(p.left)):
        return False
    return p.bare in _POSTPOSITIONAL_ADNOMINALS or _in_modifier(p.before, genitive)


def _genitive_before_modifier(p: Pair) -> bool:
    """A genitive whose head is past a modifier of its own (`보안의 | 가장 큰 화두는`, `패스키의 | 강력한 기술`,
    `사태의 | 핵심인 SIM 스와핑`): a line may break here, as after a modifier of several words. An event that
    ends on it fares worse with reviewers (a quarter accepted, against half after other modifiers): dearer
    than an argument between events, but not as dear as a head of one word, which would leave lone
    predicates instead (`덜어줍니다.`)."""
    if not _whole(p) or len(p.bare) < 2 or not _genitive(p.bare):
        return False
    right = core(p.right)
    graded = p.right == right and (right in _FOCUS or right in _DETERMINERS or right in _COUNTING)
    return graded or _adnominal(right)


def _clause_head(p: Pair) -> bool:
    """A relative clause with an argument of its own, or a name given with 라는, before a head of one word
    (`단일 클라우드만 사용하는 | 기업은 거의 없습니다`, `웹 보안 강화라는 | 과제가 있습니다`): reviewers break the
    lines here rather than inside the clause; between events the head would be left without its modifier."""
    if core(p.before) in _SENTENCE_ADVERBS:
        return False  # 이처럼 | 신속한: 처럼 here makes an adverb of the sentence, not an argument of the clause
    if not _whole(p) or not _adnominal(p.left) or _describes(p.bare):
        return False  # 의존성에 새로운 | 취약점이: an adjective that describes takes no argument before it
    return argument(p.before) or p.bare.endswith("라는")


def _serial_verb(p: Pair) -> bool:
    """A verb in -아/-어 that ends its clause before the next one starts (`명령을 받아 | 컨테이너를 실행하고`,
    `이용해 | 다른`); an auxiliary after it was caught before (`해 | 보는`)."""
    b = p.bare
    if not _whole(p) or len(b) < 2 or b in _POSTPOSITIONAL or not b.endswith(_EO_ENDINGS):
        return False
    return predicate(b) and not b.endswith(("서", "와")) and not _verb_right(p)


_GRADED = set(_words("더 더욱 덜 잘 많이 빨리 쉽게 크게 오래 자주 멀리 일찍 늦게 적게 빠르게 느리게 안전하게"))


def _adverb_verb(p: Pair) -> bool:
    """An adverb and the verb it modifies (체계적으로 | 관리할, 쉽게 | 찾을), or the adverb it grades
    (조금 | 더); a focus or degree adverb (가장 | 중요한) was caught before."""
    b = p.bare
    if not _whole(p):
        return False
    if core(p.right) in _GRADED and ((b in _ADVERBS and b not in _CONJUNCTIONS) or b.endswith("적으로")):
        return True  # 상대적으로 | 오래 유지되기: the adverb grades the next one, not the verb
    if not _verb_right(p):
        return False
    if b in _ADVERBS:
        return b not in _CONJUNCTIONS
    return len(b) >= 2 and b.endswith(("적으로", "게", "히"))


def _adverbial_clause(p: Pair) -> bool:
    """A clause made adverbial by a dependent noun (`데이터로 증명하는 데 | 매우 유용합니다`, `저장하는 데 |
    사용되지만`, `와일드카드를 남발하는 대신 | 필요한 작업만`, `관리하는 동안 | 로그를`): "in doing so", "instead of
    doing so", a phrase that ends before the predicate it qualifies, like a postposition."""
    return _whole(p) and p.bare in ("데", "대신", "반면", "동안") and _adnominal(core(p.before))


def _inside_name(p: Pair) -> bool:
    """Two words of one name in Latin letters (`Extended Threat | Detection`, `Origin Access | Control입니다`):
    a term the reader takes in as one."""
    left, right = _head(p.left), _strip(p.right)
    if not left or not right or p.left.rstrip(_CLOSERS)[-1:] in ".,!?;:" or p.right[:1] in "([{":
        return False  # Network Load Balancer | (NLB): the name ends, its abbreviation follows
    letters_ascii = all(c.isascii() for c in left if c.isalpha())
    return _name(left) and letters_ascii and left[-1].isalnum() and right[0].isascii() and right[0].isalpha()


def _inside_noun_phrase(p: Pair) -> bool:
    """Two nouns of one compound, a name's words, a name and the noun it heads, a number and its unit; or a
    noun and the verb made from a noun right after it (`자가 | 복제하는`, `리포트 | 받을`): one term."""
    if not (_name(p.left) or _bare_noun(p.left)) or p.left.rstrip(_CLOSERS)[-1:] in ".!?,;:":
        return False
    if _verb_right(p):
        return not _dependent(p.right) and not _describes(core(p.right))
    return _noun_start(p.right)


RULES: tuple[Rule, ...] = (
    Rule("sentence-end", Break.SENTENCE, lambda p: p.sentence_end, "합니다. | 그리고"),
    Rule("key-value", Break.UNIT, _key_value, "v=DKIM1; | k=rsa;"),
    Rule("range", Break.UNIT, _range, "20%에서 | 최대"),
    Rule("introducer", Break.ARGUMENT, _introducer, "예를 들어, | 잠시"),
    Rule(
        "opener",  # 자, 그럼: one signal that a new part begins, its comma no pause
        Break.BAD,
        lambda p: p.left in ("자,", "자") and core(p.right) in ("그럼", "이제", "그러면", "그렇다면"),
        "자, | 그럼",
    ),
    Rule("verb-list", Break.LIST, _verb_list, "빌드하고, 테스트하고, | 배포하는"),
    Rule("list-item", Break.LIST, _list_item, "캐시, | 쿠키,"),
    Rule("pause", Break.CLAUSE, _pause, "안녕하세요, | 여러분"),
    Rule("punctuation-only", Break.NEUTRAL, lambda p: not p.bare, '" | 그리고'),
    Rule(
        "stop-inside",  # an abbreviation or a sentence kss kept together: a pause all the same
        Break.CLAUSE,
        lambda p: not _whole(p) and p.left.rstrip(_CLOSERS).endswith((".", "!", "?")),
        "v1.0. | 버전",
    ),
    Rule("bracket-edge", Break.BAD, _opener_left, "키( | API"),
    Rule("before-particle", Break.UNIT, lambda p: core(p.right) in _LONE_PARTICLES, "example.com | 에"),
    Rule("unit", Break.UNIT, _unit, "수 | 있는"),
    Rule("count", Break.UNIT, _count, "세 | 가지"),
    Rule("before-auxiliary", Break.BAD, lambda p: _before_auxiliary(p.bare, p.right), "해 | 보는"),
    Rule("before-dependent-noun", Break.BAD, lambda p: _dependent(p.right), "있는 | 것이"),
    Rule(
        "postpositional-phrase",
        Break.BAD,
        lambda p: (
            core(p.right) in _POSTPOSITIONAL
            or (
                (
                    p.bare.endswith(("이", "가"))
                    and _auxiliary(p.right, ("되", "돼", "됩", "됐", "된", "될", "아니", "아닌", "아닙"))
                )
                or (p.bare.endswith(("은", "는", "도")) and _auxiliary(p.right, ("아니", "아닌", "아닙")))
            )
        ),
        "원칙에 | 따라",
    ),
    Rule("genitive-before-modifier", Break.GENITIVE, _genitive_before_modifier, "패스키의 | 강력한"),
    Rule("modifier-of-phrase", Break.MODIFIER, _modifier_of_phrase, "대체 불가능한 | 클라우드"),
    Rule("noun-modifier", Break.HEAD, _noun_modifier, "AI 기반 | IAM"),
    Rule("fixed-expression", Break.BAD, _fixed, "여러분과 | 함께"),
    Rule(
        "after-genitive",
        Break.HEAD,
        lambda p: _genitive(p.bare) and _whole(p),
        "여러분의 | 계좌",
    ),
    Rule("after-determiner", Break.BAD, lambda p: _whole(p) and p.bare in _DETERMINERS, "모든 | 컨테이너"),
    Rule(
        "before-number",
        Break.INSIDE,
        lambda p: _whole(p) and p.bare in _BEFORE_NUMBER and _number(p.right),
        "최대 | 50%까지",
    ),
    Rule("possessive", Break.INSIDE, _possessive, "우리 | DevSecOps"),
    Rule("focus-adverb", Break.INSIDE, _focus, "바로 | OAC,"),
    Rule("coordinated-modifiers", Break.PAIR, _coordinated_modifiers, "유연하고 | 강력한"),
    Rule("coordination-of-phrases", Break.PAIR, _coordination_of_phrases, "프로그래밍 언어와 | 스크립팅"),
    Rule(
        "before-coordinator",
        Break.INSIDE,
        lambda p: core(p.right) in _COORDINATORS and _coordination(p),
        "인증 | 및",  # a line that starts with 및 or 또는 reads as a fragment: break after it
    ),
    Rule("coordination", Break.HEAD, _coordination, "정책과 | 규정을"),
    Rule("after-conjunction", Break.ARGUMENT, lambda p: _whole(p) and p.bare in _CONJUNCTIONS, "하지만 | 우리"),
    Rule("clause-head", Break.HEAD, _clause_head, "클라우드만 사용하는 | 기업은"),
    Rule(
        "after-adnominal",
        Break.BAD,
        lambda p: (_whole(p) or p.left.endswith(_QUOTED_ADNOMINAL)) and _adnominal(p.left),
        "중요한 | 역할",
    ),
    Rule(
        "connective",
        Break.CLAUSE,
        lambda p: p.bare not in _NOT_CONNECTIVE and p.bare.endswith(_CONNECTIVES) and len(p.bare) >= 2,
        "보장하지만 | 우리는",
    ),
    Rule("serial-verb", Break.CLAUSE, _serial_verb, "받아 | 컨테이너를"),
    Rule("after-postposition", Break.PHRASE, lambda p: p.bare in _POSTPOSITIONAL, "위해 | 반드시"),
    Rule("adverbial-clause", Break.PHRASE, _adverbial_clause, "증명하는 데 | 매우"),
    Rule("adverb-verb", Break.HEAD, _adverb_verb, "체계적으로 | 관리할"),
    Rule("argument-predicate", Break.ARGUMENT, _argument, "명령을 | 받아"),
    Rule("subject-predicate", Break.WEAK, _subject_predicate, "활동이 | 발생하면"),
    Rule("particle", Break.PHRASE, _particle, "Docker는 | 이미"),
    Rule("inside-name", Break.UNIT, _inside_name, "Threat | Detection"),
    Rule("noun-phrase", Break.INSIDE, _inside_noun_phrase, "보안 | 그룹"),
    Rule("anything-else", Break.NEUTRAL, lambda p: True, "혹시 | 모를"),
)


def explain(left: str, right: str, sentence_end: bool = False, before: str = "", after: str = "") -> Rule:
    """The rule that classes the break between the words ``left`` and ``right`` (both without spaces),
    ``before`` being the word before ``left`` and ``after`` the word after ``right``."""
    pair = Pair(left, right, core(left).lstrip(_OPENERS), sentence_end, before, after)
    return next(rule for rule in RULES if rule.test(pair))


def classify(left: str, right: str, sentence_end: bool = False, before: str = "", after: str = "") -> Break:
    """Class of the break between the words ``left`` and ``right`` (both without spaces)."""
    return explain(left, right, sentence_end, before, after).cls
