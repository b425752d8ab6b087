"""Markup, width, sentences and break classes: properties first, then the rules docs/upstream.md names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from captions.text import sentences
from captions.text.breaks import RULES, Break, classify, explain
from captions.text.markup import parse
from captions.text.width import width
from captions.timeline import ms_from_float, ms_from_text

MARKUP = set("*`# \t\n")


@given(st.text(alphabet=st.sampled_from(list("가나다 abc*`#-\t\n.,'\"")), max_size=60))
def test_markup_keeps_every_other_character_in_order(raw):
    rich = parse(raw)
    kept = [c for c in rich.text if c not in MARKUP]
    source = [c for c in raw if c not in MARKUP]
    # characters other than markup and whitespace survive, in order (a rule like '---' may go)
    it = iter(source)
    assert all(any(c == s for s in it) for c in kept)
    assert "  " not in rich.text and rich.text == rich.text.strip()
    for a, b in rich.bold:
        assert 0 <= a < b <= len(rich.text)


@given(st.text(alphabet=st.sampled_from(list("가나다라 abcXYZ0123.,?!'\"()")), max_size=80))
def test_text_without_markup_passes_through(raw):
    assert parse(raw).text == " ".join(raw.split())


def test_markup_examples():
    r = parse("첫째, **이미지**는 `etcd`와   **노드**")
    assert r.text == "첫째, 이미지는 etcd와 노드"
    assert [r.text[a:b] for a, b in r.bold] == ["이미지", "노드"]
    assert parse("---").text == ""
    assert parse("# 제목입니다").text == "제목입니다"
    assert parse("짝 없는 ** 별").text == "짝 없는 별"


def test_width_counts_hangul_one_and_the_rest_half():
    assert width("안녕하세요") == 10
    assert width("DevSecOps") == 9
    assert width("가 a.") == 5


def test_times_are_integer_milliseconds_from_their_decimal_text():
    assert ms_from_text("13.80") == 13_800
    assert ms_from_text("0.00") == 0
    assert ms_from_float(532.9999999999999) == 533_000
    assert ms_from_float(232.39999999999998) == 232_400
    with pytest.raises(ValueError):
        ms_from_text("-1.0")
    with pytest.raises(ValueError):
        ms_from_text("abc")


def test_sentences_are_found_in_the_text():
    text = "안녕하세요, 여러분. 오늘은 Docker를 배웁니다! 준비되셨나요? 시작하죠"
    [split] = sentences.split([text])
    assert len(split) == 4
    ends = sentences.sentence_ends(text, split)
    assert {text[e - 1] for e in ends} == {".", "!", "?"}


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("중요한", "역할", Break.BAD),
        ("관리하는", "방법", Break.BAD),
        ("여러분의", "계좌", Break.HEAD),  # a genitive and its head: two lines may part them, events not
        ("만약의", "사태에", Break.BAD),  # a fixed expression
        ("모든", "컨테이너", Break.BAD),
        ("할", "수", Break.BAD),
        ("있는", "것이", Break.BAD),
        ("실행하고", "있죠", Break.UNIT),
        ("해", "보는", Break.BAD),
        ("원칙에", "따라", Break.BAD),
        ("수", "있는", Break.UNIT),
        ("치명적인", "취약점이", Break.BAD),
        ("한다'는", "통제", Break.BAD),
        ("대응해야", "하는지", Break.BAD),
        ("책임지고", "계신", Break.UNIT),
        ("실행", "중인지", Break.BAD),
        ("바로", "적용할", Break.INSIDE),
        # a conjunction waits for what it joins: a line may end with it (`하지만 / 우리 DevSecOps 전문가의
        # 시선은`), an event should not (`NodePool 구성, 그리고` ‖ …)
        ("하지만", "우리", Break.ARGUMENT),
        ("우리", "같은", Break.UNIT),  # 우리 같은 전문가: X 같은, one expression
        ("스크립팅(XSS)", "같이", Break.UNIT),  # a gloss in brackets does not end the noun before 같은/같이
        ("예외는", "아니었는데요,", Break.BAD),  # -은 아니다, as -이 아니다
        ("극히", "제한적으로만", Break.INSIDE),  # a degree adverb and what it grades
        ("기반으로", "한", Break.UNIT),  # -을 기반으로 하다: one verb
        ("공격은", "물론이고,", Break.BAD),  # X은 물론이고: "not only X"
        ("심장,", "컨테이너", Break.LIST),  # an apposition: a pause inside one noun phrase
        ("안녕하세요,", "여러분", Break.CLAUSE),
        ("패키징하고", "Kubernetes는", Break.CLAUSE),
        ("보장하지만", "우리는", Break.CLAUSE),
        ("Docker는", "이미", Break.PHRASE),
        ("환경에서", "컨테이너가", Break.PHRASE),
        ("이미지를", "스캔하고", Break.ARGUMENT),
        ("전문가", "여러분", Break.NEUTRAL),
        # inside a noun phrase: compounds, names, a name and its noun, a number and its unit
        ("보안", "그룹", Break.INSIDE),
        ("위협", "탐지", Break.INSIDE),
        ("온라인", "강의", Break.INSIDE),
        ("GitHub", "Actions를", Break.UNIT),  # a name in Latin letters reads as one
        ("IAM", "Identity", Break.UNIT),
        ("Lambda", "함수", Break.INSIDE),
        ("10", "GB", Break.UNIT),
        ("가능성을", "획기적으로", Break.ARGUMENT),  # the adverb goes with the verb the argument waits for
        ("여기에", "더해", Break.BAD),
        ("'제로", "트러스트(Zero", Break.INSIDE),
        ("'Critical'", "등급의", Break.INSIDE),  # a quote after a letter closes: not an opener
        ("요청(Request)", "헤더를", Break.INSIDE),
        ("오늘", "우리는", Break.NEUTRAL),  # a pronoun starts a new phrase
        ("이용해", "다른", Break.CLAUSE),  # a verb in -어 ends its clause
        ("받아", "컨테이너를", Break.CLAUSE),
        ("AWS", "및", Break.INSIDE),
        # fixed expressions
        ("Microsoft와", "같은", Break.UNIT),  # reviewers struck every `X / 같은 도구를`
        ("여러분과", "함께", Break.BAD),
        ("예로", "들어보겠습니다.", Break.BAD),
        ("부른다고", "합니다.", Break.UNIT),
        ("넘어가기", "전에", Break.BAD),
        ("중", "하나가", Break.BAD),
        ("보안에", "이르기까지", Break.BAD),
        # what announces the next words waits for them (issue 21: `예를 들어,` alone or ending an event)
        ("예컨대", "AWS", Break.ARGUMENT),
        ("자,", "그럼", Break.BAD),  # one opener
        ("서로", "다른", Break.UNIT),
        # a numeral and its counter read as one word (issue 21: `세 / 가지 핵심 단계를` was delivered changed)
        ("세", "가지", Break.UNIT),
        ("첫", "번째로", Break.UNIT),
        ("3", "단계를", Break.UNIT),
        ("세", "가지고", Break.BAD),  # the verb 가지다 after a determiner: no counter
        # an argument and the predicate right after it; a topic stays outside the clause, a subject is bound
        # only to the relative clause it starts (issue 21)
        ("DNS에", "기록된", Break.ARGUMENT),
        ("AWS에", "최적화된", Break.ARGUMENT),
        ("명령을", "받아", Break.ARGUMENT),
        ("불가능에", "가까운", Break.UNIT),  # -에 가깝다 reads as one
        ("리소스를", "알아야", Break.ARGUMENT),
        ("컨테이너를", "두는", Break.ARGUMENT),
        ("도구를", "활용하면,", Break.ARGUMENT),
        ("리포트", "받을", Break.INSIDE),  # a noun and the verb after it: one term
        ("자가", "복제하는", Break.INSIDE),
        ("환경에", "맞게", Break.BAD),
        ("정말", "전례", Break.INSIDE),
        ("DevSecOps가", "추구하는", Break.ARGUMENT),
        ("활동이", "발생하면", Break.WEAK),
        ("보안은", "중요한", Break.PHRASE),
        ("건", "불가능에", Break.PHRASE),  # 것은: a topic
        ("Pod에", "하나의", Break.PHRASE),  # two arguments of one predicate
        ("라이브러리에", "수많은", Break.PHRASE),  # an adjective describes, it does not take the argument
        # constructions that read as one
        ("있게", "되었죠.", Break.UNIT),
        ("수도", "있습니다.", Break.UNIT),
        ("심장이라고", "할", Break.UNIT),
        ("'컨테이너'", "라는", Break.UNIT),
        ("하나만", "해도", Break.UNIT),
        ("다시", "한번", Break.UNIT),
        ("이미지로", "만든", Break.ARGUMENT),  # X로 만들다 takes its argument; it is no auxiliary
        # lists: a line may break there, an event rather not; a coordination stays whole
        ("Hub,", "Config", Break.LIST),
        ("정책과", "규정을", Break.HEAD),  # a coordination is one noun phrase: two lines may part it, events not
        ("GKE나", "EKS와", Break.HEAD),
        ("및", "GuardDuty의", Break.HEAD),
        ("Hub", "및", Break.INSIDE),  # a line that starts with 및 reads as a fragment
        ("있는지", "세밀하게", Break.CLAUSE),  # an embedded question ends
        ("minAvailable:", "50%처럼", Break.UNIT),
        ("말처럼,", "100%", Break.CLAUSE),  # a phrase with its particle ends: no list item
        ("CloudFront,", "즉", Break.LIST),  # an apposition follows
        ("첫째,", "이미지는", Break.CLAUSE),  # an ordinal is a sentence adverbial
        # things that never break: settings, ranges
        ("v=DKIM1;", "k=rsa;", Break.UNIT),
        ("allowPrivilegeEscalation:", "false", Break.UNIT),
        ("20%에서", "최대", Break.UNIT),
        ("최대", "50%까지", Break.INSIDE),
        ("수십,", "수백", Break.UNIT),
        ("5.3.1부터", "5.3.3까지", Break.UNIT),
        ("Trivy", "같은", Break.UNIT),
        ("selector._domainkey.example.com", "에", Break.UNIT),  # a particle written apart stays with its word
        ("우리", "DevSecOps", Break.INSIDE),
        # an adverb and the verb it modifies: kept together when they fit
        ("넘는", "이", Break.BAD),  # 는 after a final consonant: an adnominal verb, not a topic
        ("날아오는", "청구서를", Break.BAD),
        ("8천만", "회,", Break.INSIDE),  # a number, not the particle 만
        ("넘어가", "보겠습니다.", Break.BAD),
        # a noun that starts like an auxiliary verb is not one (보안 is not 보다, 계정 not 계시다)
        ("활용하여", "보안의", Break.CLAUSE),
        ("설정하고", "계정을", Break.CLAUSE),
        ("방문해", "본인", Break.CLAUSE),
        ("문제가", "아니라", Break.BAD),
        ("선택이", "아닌", Break.BAD),  # 선택이 아닌 필수
        # verb forms that take the argument before them: -준, honorific -시기, -야만
        ("중요한지를", "보여준", Break.ARGUMENT),
        ("역할을", "맡기시기", Break.ARGUMENT),
        ("환경을", "구성해야만", Break.ARGUMENT),
        ("공통", "기준", Break.INSIDE),  # 기준 is a noun, not 기주 + -ㄴ
        ("저장하지는", "않습니다.", Break.BAD),
        # a manner adverb and the verb it modifies: a modifier and its head, dearer than the argument before
        # them, so that a line breaks before the adverb (`S3 버킷에 / 안전하게 보관해야 합니다.`)
        ("체계적으로", "관리할", Break.HEAD),
        ("상업적으로", "사용하기", Break.HEAD),
        ("버킷에", "안전하게", Break.ARGUMENT),
        # a clause made adverbial by 데 ends before the predicate it qualifies
        ("데", "사용되지만,", Break.NEUTRAL),  # without the verb before it, 데 is just a word
        ("체계적으로", "보안을", Break.PHRASE),
        # the end of a postpositional phrase is a phrase boundary
        ("위해", "반드시", Break.PHRASE),
        ("통해", "코드와", Break.PHRASE),
    ],
)
def test_break_classes_follow_the_profile_rules(left, right, expected):
    assert classify(left, right) == expected


def test_every_rule_classes_its_own_example():
    """The table documents itself: each rule's example is classed by that rule, not an earlier one."""
    for rule in RULES:
        head, right = rule.example.split(" | ")
        *before, left = head.split(" ")
        found = explain(left, right, rule.cls is Break.SENTENCE, before[-1] if before else "")
        assert found is rule, (rule.name, found.name)


@pytest.mark.parametrize(
    ("before", "left", "right", "expected"),
    [
        ("프로그래밍", "언어와", "스크립팅", Break.PAIR),  # two phrases joined
        ("남발하는", "대신", "필요한", Break.PHRASE),  # V-는 대신: an adverbial clause ends, as after V-는 데
        ("가지", "중요한", "리소스", Break.BAD),  # 몇 가지 counts the whole phrase: 중요한 is a modifier of one word
        ("", "모바일과", "PC", Break.HEAD),  # two nouns sharing the head after them
        ("수준의", "마이크로", "세그멘테이션,", Break.INSIDE),  # a loanword, no particle
        # after a modifier of several words whose head spans several words: a place a line may break
        ("대체", "불가능한", "클라우드", Break.MODIFIER),
        ("저장소에", "대한", "쓰기", Break.MODIFIER),
        ("인스턴스", "내부의", "악성", Break.MODIFIER),
        ("Snyk", "같은", "오픈소스", Break.MODIFIER),
        ("이처럼", "신속한", "WAF", Break.BAD),  # an adverb of the sentence is no part of the modifier
        ("바로", "'Shai-Hulud'라는", "이름의", Break.UNIT),  # -라는 이름의: "named"
        ("엔드포인트", "보안의", "가장", Break.GENITIVE),  # the genitive's head is past a modifier of its own
        ("우리는", "패스키의", "강력한", Break.GENITIVE),  # even a genitive of one word
        ("패스키의", "강력한", "피싱", Break.BAD),  # the genitive is a modifier of its own, not the adjective's
        ("등", "다양한", "컴플라이언스", Break.BAD),  # SOC, PCI-DSS 등: the list before is not the modifier's
        ("'내부자는", "안전하다'는", "낡은", Break.MODIFIER),  # a quoted clause, then a modifier of its own
        ("수", "있는", "보안", Break.MODIFIER),
        # a modifier of one word, or a head of one word, stays a place to avoid
        ("통해", "세밀한", "권한", Break.BAD),
        ("", "중요한", "역할", Break.BAD),
        ("가장", "중요한", "역할을", Break.BAD),
        ("", "여러분의", "클라우드", Break.HEAD),
    ],
)
def test_a_modifier_of_a_long_phrase_is_where_a_line_may_break(before, left, right, expected):
    assert classify(left, right, before=before) == expected


@pytest.mark.parametrize(
    ("before", "left", "right", "expected"),
    [
        ("예를", "들어,", "잠시", Break.ARGUMENT),  # 예를 들어 waits for its example
        ("예를", "들어", "'mybank.com'이라는", Break.ARGUMENT),
        ("다시", "말해", "공격자가", Break.ARGUMENT),
        ("손을", "들어", "올리면", Break.NEUTRAL),  # the verb 들다, not the phrase
        # a relative clause with an argument of its own, or a name given with 라는, before a head of one word:
        # a line may break there, an event must not (`단일 클라우드만 사용하는 / 기업은 거의 없습니다.`)
        ("클라우드만", "사용하는", "기업은", Break.HEAD),
        ("강화라는", "과제가", "있습니다.", Break.WEAK),  # the head and its verb: a subject and its predicate
        ("보안", "강화라는", "과제가", Break.HEAD),
        ("Autopilot과", "같은", "도구를", Break.HEAD),
        ("가장", "중요한", "역할을", Break.BAD),  # an adverb and an adjective: no clause, one modifier
        ("의존성에", "새로운", "취약점이", Break.BAD),  # 의존성에 belongs to the verb after, not to 새로운
        ("사태로", "내", "스마트폰도", Break.INSIDE),  # 내 스마트폰: "my", like 우리
        ("조직", "내", "모든", Break.NEUTRAL),  # 조직 내: "within"
        # verbs listed before the head they share, nouns joined by 이자: one phrase
        ("빌드하고,", "테스트하고,", "배포하는", Break.LIST),
        ("책임지는", "문화이자", "프로세스입니다.", Break.LIST),
        ("가시성을", "확보하고,", "지능적인", Break.CLAUSE),  # two clauses
    ],
)
def test_what_waits_for_the_next_words(before, left, right, expected):
    assert classify(left, right, before=before) == expected


@pytest.mark.parametrize(
    ("before", "left", "right", "after", "expected"),
    [
        # an argument and the relative clause's verb: reviewers keep the clause's head with its verb
        # (`보안과 비용의 균형을 / 고려한 의사결정을`), so this stays an argument's break (docs/quality.md)
        ("비용의", "균형을", "고려한", "의사결정을", Break.ARGUMENT),
        ("이", "내용을", "다룰", "예정입니다.", Break.ARGUMENT),  # a bound head: the clause is the predicate
        ("차단하는", "정책을", "구현할", "수", Break.ARGUMENT),  # a dependent noun: no head noun
        ("새로운", "프로젝트를", "시작할", "때마다", Break.ARGUMENT),  # 때마다: an adverbial clause, no head
        ("계정을", "생성할", "때마다", "미리", Break.BAD),
        ("번으로", "끝나는", "게", "아닙니다.", Break.BAD),  # 게 = 것이, a dependent noun
        ("항목만", "나열하는", "것만으로는", "", Break.BAD),
        ("DNS", "캐시는", "상대적으로", "오래", Break.PHRASE),  # 캐시 is a noun: 는 is its topic particle
        ("캐시는", "상대적으로", "오래", "유지되기", Break.HEAD),  # an adverb grading the next one
    ],
)
def test_the_words_after_a_verb_tell_what_it_heads(before, left, right, after, expected):
    assert classify(left, right, before=before, after=after) == expected


@pytest.mark.parametrize(("before", "right"), [("저장하는", "사용되지만,"), ("증명하는", "매우"), ("예방하는", "큰")])
def test_a_clause_made_adverbial_by_de_ends_a_phrase(before, right):
    """`민감 정보를 저장하는 데 / 사용되지만,`: reviewers break after 데, not between the object and its verb."""
    assert classify("데", right, before=before) == Break.PHRASE


@given(
    st.text(alphabet=st.sampled_from(list("가나다는을의고게히 aZ09'\"().,")), min_size=1, max_size=12),
    st.text(alphabet=st.sampled_from(list("가나다는을의 aZ09'\"().,")), min_size=1, max_size=12),
)
def test_any_pair_of_words_gets_a_class(left, right):
    """Every pair gets its class from one rule of the table (``explain(...).cls in Break`` alone could not
    fail: every rule's class is a Break); only a sentence end is SENTENCE, and a sentence end always is."""
    left, right = left.replace(" ", "") or "가", right.replace(" ", "") or "가"
    rule = explain(left, right)
    assert rule in RULES and classify(left, right) is rule.cls
    assert rule.cls is not Break.SENTENCE
    assert explain(left, right, sentence_end=True).name == "sentence-end"


def test_sentence_end_wins():
    assert classify("합니다.", "그리고", sentence_end=True) == Break.SENTENCE
