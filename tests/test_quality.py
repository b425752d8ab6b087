"""The caption-quality grading itself (benchmarks/quality.py): Kiwi's classes of the examples issue 21 names,
its fragments, and the trade-off any layout must make. A grader that drifts would let the gate pass what a
professional would change."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import quality  # a benchmark script, not a package

pytestmark = pytest.mark.slow  # Kiwi takes about 3 s to load


@pytest.fixture(scope="module")
def kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


@pytest.mark.parametrize(
    ("text", "left", "expected"),
    [
        ("컨트롤 플레인의 명령을 받아 컨테이너를 실행하고", "명령을", "argument"),
        ("이걸 관리하는 건 불가능에 가깝습니다.", "불가능에", "unit"),
        ("바로 적용할 수 있는 보안 강화 방안까지", "수", "unit"),
        ("사용할 수 있게 되었죠.", "있게", "unit"),
        ("심장이라고 할 수 있는 도구", "심장이라고", "unit"),
        ("Security Hub, Config Rules, GuardDuty를", "Hub,", "list"),
        ("보안 정책과 규정을 준수하는", "정책과", "list"),
        ("대체 불가능한 클라우드 보안 전문가로", "불가능한", "modifier"),
        ("가장 중요한 역할을 합니다.", "중요한", "bad"),
        ("여러분의 계좌를 위협하는", "여러분의", "bad"),
        ("보안 그룹을 설정하고", "보안", "noun"),
        ("Docker는 이미 수많은 기업의", "Docker는", "phrase"),
        ("의심스러운 활동이 발생하면 즉시", "활동이", "subject"),
        ("보장하지만 우리는", "보장하지만", "clause"),
        ("합니다. 그리고 우리는", "합니다.", "sentence"),
        ("3배 이상 향상되었다는 것입니다.", "이상", "neutral"),  # a noun made a verb takes what comes before
    ],
)
def test_kiwi_classes_the_examples_of_the_issue(kiwi, text, left, expected):
    at = text.index(left) + len(left)
    assert quality.Grader(kiwi, text).classify(at) == expected


@pytest.mark.parametrize(
    ("text", "caption", "begins", "ends", "expected"),
    [
        ("이걸 사람이 일일이 관리하는 건 불가능에 가깝습니다.", "가깝습니다.", False, True, "short"),
        ("주요 내용을 완벽하게 정리해 드리겠습니다.", "완벽하게 정리해 드리겠습니다.", False, True, "predicate"),
        ("대신 Deployment에 선언하면", "Deployment에", True, False, "argument"),
        ("감사합니다.", "감사합니다.", True, True, None),
        ("보통은 하나의 Pod에 하나의 컨테이너를 둡니다.", "보통은 하나의 Pod에", True, False, None),
    ],
)
def test_fragments_are_pieces_that_are_not_a_whole_sentence(kiwi, text, caption, begins, ends, expected):
    start = text.index(caption)
    grader = quality.Grader(kiwi, text)
    assert grader.fragment(start, start + len(caption), begins, ends) == expected


def test_the_trade_off_counts_what_the_cheapest_layout_makes():
    """Three words of 10 half-units each in lines of 20: one break is forced, before word 1 (a noun-phrase
    split) or before word 2 (an argument | predicate break). Which one the programme takes depends on the
    weight of argument breaks; the duality bounds follow."""
    layouts: quality.Layouts = [([10, 10, 10], ["", "noun", "argument"])]
    assert quality.fewest(layouts, 21, 0.001) == (0, 1)  # arguments nearly free: break before word 2
    assert quality.fewest(layouts, 21, 5.0) == (1, 0)  # arguments dear: split the noun phrase
    traded = quality.tradeoff(layouts, 21, caption_breaks=100, line_breaks=0)
    assert traded["bound"] == 0 and traded["allowed arguments"] == 1
    assert traded["arguments at the bound"] == 1  # with no noun-phrase split, the argument break is forced
    assert traded["avoid at the argument targets"] == 0  # one argument break is allowed: none is forced
