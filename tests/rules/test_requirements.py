"""Which rules each step requires (domain.md §6): what stands in the way, and the words of the refusal."""

from __future__ import annotations

from decimal import Decimal

from smartmfg.rules import judge
from smartmfg.rules.facts import ManualJudgement, Violation
from smartmfg.rules.requirements import (
    ENTERPRISE_DATA_RULES,
    EVALUATION,
    INITIAL_REVIEW,
    SUBMISSION,
    problem,
    refusal,
)

from .builders import application, d, item

OPERATIONS = ManualJudgement("operations_finance", "pass", "经营正常")
MERIT = ManualJudgement("technical_merit", "pass", "推荐")


def rules(checks) -> list[str]:
    return [c.rule for c in checks]


def test_submission_needs_what_the_enterprise_enters_and_not_the_records_the_bureau_adds() -> None:
    no_credit = judge(application(credit_check=None))
    assert no_credit.eligible is False  # credit_rating and credit_lists fail without a check on file
    assert SUBMISSION.unmet(no_credit) == ()
    short = judge(application(investments=(item("19999999.99"),)))
    assert rules(SUBMISSION.unmet(short)) == ["investment_threshold"]
    assert "investment_threshold" in ENTERPRISE_DATA_RULES and "credit_rating" not in ENTERPRISE_DATA_RULES


def test_submission_is_refused_for_a_ban_as_for_the_enterprises_own_data() -> None:
    from smartmfg.rules.facts import Revocation

    banned = judge(application(revocations=(Revocation(d("2025-01-01"), "弄虚作假"),)))
    assert rules(SUBMISSION.unmet(banned)) == ["not_banned"]


def test_the_initial_review_needs_every_rule_and_operations_judged() -> None:
    unjudged = judge(application())
    assert rules(INITIAL_REVIEW.unmet(unjudged)) == ["operations_finance"]
    assert [c.result for c in INITIAL_REVIEW.unmet(unjudged)] == ["manual"]
    judged = judge(application(judgements=(OPERATIONS,)))
    assert INITIAL_REVIEW.unmet(judged) == ()
    no_credit = judge(application(credit_check=None, judgements=(OPERATIONS,)))
    assert rules(INITIAL_REVIEW.unmet(no_credit)) == ["credit_rating", "credit_lists"]
    fined = judge(application(violations=(Violation(d("2025-06-01"), "处罚"),), judgements=(OPERATIONS,)))
    assert rules(INITIAL_REVIEW.unmet(fined)) == ["no_violations"]


def test_evaluation_needs_the_experts_judgement_too() -> None:
    reviewed = judge(application(judgements=(OPERATIONS,)))
    assert rules(EVALUATION.unmet(reviewed)) == ["technical_merit"]
    evaluated = judge(application(judgements=(OPERATIONS, MERIT)))
    assert EVALUATION.unmet(evaluated) == ()
    refused = judge(application(judgements=(OPERATIONS, ManualJudgement("technical_merit", "fail", "不推荐"))))
    assert rules(EVALUATION.unmet(refused)) == ["technical_merit"]
    short = judge(application(investments=(item(Decimal("100.00")),), judgements=(OPERATIONS, MERIT)))
    assert rules(EVALUATION.unmet(short)) == ["investment_threshold"]


def test_a_refusal_names_each_rule_its_article_and_message_and_says_what_to_do() -> None:
    verdict = judge(application(investments=(item("19999999.99"),), credit_check=None))
    checks = INITIAL_REVIEW.unmet(verdict)
    line = problem(verdict.check("investment_threshold")).render("zh")
    assert line.startswith("不符合“软硬件完成投资”（第五条第1款）：")
    assert "1,999.999999万元" in line
    unjudged = problem(verdict.check("operations_finance")).render("zh")
    assert unjudged.startswith("“生产运营和财务状况良好”（第四条）尚未判断")
    text = refusal(checks).render("zh")
    assert text.startswith("不符合认定条件，不能办理：")
    assert "没有例外审批" in text and "请先更正该记录" in text
    assert "There is no override" in refusal(checks).render("en")
    assert "investment threshold (第五条第1款) not met" in refusal(checks).render("en")
