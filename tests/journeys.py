"""Moving applications through the procedure, through the real steps and actions.

One place for every test that needs an application further along than
submitted: the bureau's review and letter (``pass_review``, ``recommended``),
then the Department's stages up to publication (``advance``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.evaluations.actions import Ruling, do_record_deliberation, do_record_expert_conclusion
from smartmfg.notices.actions import do_end_notice, do_publish, do_start_notice, in_notice
from smartmfg.notices.models import Publication, PublicNotice
from smartmfg.reviews.actions import LetterDraft, do_draft_letter, do_record_judgement, do_send_letter
from smartmfg.reviews.models import RecommendationLetter
from smartmfg.workflow.transition import transition
from tests import factories


def pass_review(application: Application, reviewer: User) -> Application:
    """Judge operations and finances in good order, then pass the initial review (Art. 4, 8)."""
    do_record_judgement(application, "operations_finance", "pass", "经营正常", actor=reviewer)
    transition(application, "bureau_pass", reviewer)
    application.refresh_from_db()
    return application


def draft(reviewer: User, applications: Sequence[Application], **fields: str) -> RecommendationLetter:
    return do_draft_letter(
        applications[0].call,
        LetterDraft(
            title=fields.get("title", "关于推荐申报项目的函"),
            body=fields.get("body", "现将初审通过的申报项目推荐上报，请予审核。"),
            applications=list(applications),
        ),
        actor=reviewer,
    )


def send(letter: RecommendationLetter, reviewer: User) -> RecommendationLetter:
    letter.refresh_from_db()
    do_send_letter(letter, actor=reviewer, revision=letter.revision)
    letter.refresh_from_db()
    return letter


def recommended(application: Application, reviewer: User) -> RecommendationLetter:
    """Pass ``application`` and send it to the Department in a letter of its own."""
    pass_review(application, reviewer)
    return send(draft(reviewer, [application]), reviewer)


SHANGHAI = ZoneInfo("Asia/Shanghai")

STAGES = (
    "recommended",
    "expert_review",
    "expert_recommended",
    "approved",
    "in_notice",
    "notice_passed",
    "published",
)


def today() -> dt.date:
    return timezone.localdate()


def reviewer_of(cast, application: Application) -> User:
    return cast.changchun if application.jurisdiction.code.startswith("2201") else cast.jilin


def recommend(cast, application: Application) -> Application:
    """Initial review passed (operations judged in good order) and reported to the Department by letter."""
    recommended(application, reviewer_of(cast, application))
    application.refresh_from_db()
    return application


def conclude(cast, application: Application, *, score: str = "86.50", recommended: bool = True) -> Application:
    do_record_expert_conclusion(
        application,
        score=Decimal(score),
        recommended=recommended,
        summary="系统集成度高，数据贯通",
        files=[factories.pdf_upload("专家评审结论.pdf")],
        actor=cast.dept,
    )
    return application


def deliberate(cast, call: Call, *applications: Application) -> None:
    do_record_deliberation(
        call,
        {a.pk: Ruling(True) for a in applications},
        meeting="厅长办公会",
        held_on=today(),
        minutes="",
        actor=cast.dept,
    )


def start_notice(cast, call: Call, *applications: Application, ended: bool = True) -> PublicNotice:
    """A notice over ``applications``, starting today; ``ended``: then the clock moves past its period
    (the morning after its last day), so it may be ended now."""
    notice = do_start_notice(
        call,
        [a.pk for a in applications],
        title="拟认定名单公示",
        starts_on=today(),
        contact="规划处 0431-88888888",
        actor=cast.dept,
    )
    if ended:
        past_period(cast, notice)
    return notice


def past_period(cast, notice: PublicNotice) -> None:
    """Move the clock to 09:00 on the day after the notice's last day (Art. 10: it ends only then)."""
    if today() <= notice.ends_on:
        morning = dt.datetime.combine(notice.ends_on + dt.timedelta(days=1), dt.time(9), tzinfo=SHANGHAI)
        cast.clock.move_to(morning, tick=True)


def end_notice(cast, notice: PublicNotice) -> PublicNotice:
    past_period(cast, notice)
    return do_end_notice(notice, [a.pk for a in in_notice(notice)], actor=cast.dept)


def document_number(sequence: int, code: str = "吉工信规划") -> str:
    """A document number of this year, as GB/T 9704-2012 writes it."""
    return f"{code}〔{today().year}〕{sequence}号"


def publish(cast, call: Call, *applications: Application, number: str | None = None) -> Publication:
    return do_publish(
        call,
        [a.pk for a in applications],
        document_number=number or document_number(100),
        title="关于公布2026年度名单的通知",
        published_on=today(),
        actor=cast.dept,
    )


def advance(cast, application: Application, stage: str) -> Application:
    """Take ``application`` (submitted) to ``stage`` of ``STAGES``, one step after another."""
    call = application.call
    steps = {
        "recommended": lambda: recommend(cast, application),
        "expert_review": lambda: transition(application, "requalify_pass", cast.dept),
        "expert_recommended": lambda: conclude(cast, application),
        "approved": lambda: deliberate(cast, call, application),
        "in_notice": lambda: start_notice(cast, call, application),
        "notice_passed": lambda: end_notice(cast, PublicNotice.objects.filter(applications=application).latest("id")),
        "published": lambda: publish(cast, call, application, number=document_number(application.pk)),
    }
    for name in STAGES[: STAGES.index(stage) + 1]:
        steps[name]()
        application.refresh_from_db()
    return application


def cultivation_application(cast, *, division: str = "220104") -> Application:
    """A third enterprise's project under construction, due before the call's deadline: track cultivation."""
    company = factories.enterprise("长春丙在建项目有限公司", division)
    applicant = factories.enterprise_user("ent_c", company)
    application = factories.submitted_application(
        cast.call,
        applicant,
        reviewer=cast.changchun,
        construction_status="under_construction",
        production_started_on=None,
        expected_completion_on=today() + dt.timedelta(days=120),
    )
    assert application.track == "cultivation", application.verdict_results
    return application
