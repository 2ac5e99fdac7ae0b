"""The experts' scoring (第九条), every write: sheets, the review's opening, scores, deadlines, the conclusion.

Each action is atomic, checks what it may do inside its transaction and
appends its audit row (``experts.actions.common.log``); the Department's
confirmation is the workflow step ``confirm_expert_conclusion``, which
moves the application exactly as a conclusion recorded from paper does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent, Judgement
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.evaluations.models import ExpertConclusion
from smartmfg.experts.actions.assignment import remove_seat, serving_experts
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.models import Draw, Expert, Seat, SeatStatus
from smartmfg.lib.choices import current_lang
from smartmfg.lib.events import emit
from smartmfg.rules.experts.aggregate import Aggregate, aggregate
from smartmfg.rules.experts.scoring import InvalidSheet, Sheet, default_sheet, format_points, read_scores
from smartmfg.rules.text import Text
from smartmfg.scoring.events import DeadlineExtended, RemindersDue, ReviewOpened
from smartmfg.scoring.models import Conclusion, Extension, Reminder, ReviewRound, Score, ScoringSheet
from smartmfg.workflow.transition import transition

# ------------------------------------------------------------------ sheets


def sheet_for(call: Call, tier: str) -> ScoringSheet:
    """The call's sheet for ``tier``, made from the default of the Rules' articles the first time it is asked for."""
    sheet, _created = ScoringSheet.objects.get_or_create(
        call=call, tier=tier, defaults={"content": default_sheet(tier).to_json()}
    )
    return sheet


def do_update_sheet(sheet: ScoringSheet, content: Mapping[str, Any], *, actor: User) -> ScoringSheet:
    """Replace a sheet's criteria and vetoes; refused once frozen, and when the sheet does not total 100."""
    try:
        parsed = Sheet.from_json(content)
    except InvalidSheet as error:
        raise ValidationError({"content": [p.render(current_lang()) for p in error.problems]}) from None
    with transaction.atomic():
        locked = ScoringSheet.objects.select_for_update().get(pk=sheet.pk)
        if locked.frozen_at is not None:
            raise ValidationError({"content": _("评分已启动，评分表已锁定，不能再修改")})
        locked.content = parsed.to_json()
        locked.updated_by = actor
        locked.save(update_fields=["content", "updated_by", "updated_at"])
        log(actor, "update_sheet", locked, _("修改%(tier)s评分表") % {"tier": locked.get_tier_display()})
    return locked


def do_reset_sheet(sheet: ScoringSheet, *, actor: User) -> ScoringSheet:
    """Back to the default sheet of the tier (before the review opens)."""
    return do_update_sheet(sheet, default_sheet(sheet.tier).to_json(), actor=actor)


# ----------------------------------------------------------------- opening


def do_open_review(draw: Draw, *, due_at: dt.datetime, actor: User) -> ReviewRound:
    """Open the scoring of a draw's panels: the sheets of its tiers freeze, the experts are told.

    Needs a committed assignment and a deadline in the future; the rule of
    aggregation and the outlier threshold are the call's policy at this moment.
    """
    if due_at <= timezone.now():
        raise ValidationError({"due_at": _("评分截止时间须晚于现在")})
    with transaction.atomic():
        locked = Draw.objects.select_for_update().select_related("call").get(pk=draw.pk)
        if ReviewRound.objects.filter(draw=locked).exists():
            raise ValidationError({"due_at": _("该抽取的评分已启动")})
        seats = list(locked.seats.filter(status=SeatStatus.ACTIVE).select_related("application"))
        if not seats:
            raise ValidationError({"due_at": _("尚未确认分配方案，不能启动评分")})
        policy = locked.call.get_policy()
        review = ReviewRound.objects.create(
            draw=locked,
            due_at=due_at,
            rule=policy.aggregation_rule,
            outlier_threshold=Decimal(policy.outlier_threshold),
            opened_by=actor,
        )
        for tier in sorted({s.application.tier for s in seats}):
            sheet = sheet_for(locked.call, tier)
            if sheet.frozen_at is None:
                sheet.frozen_at = timezone.now()
                sheet.save(update_fields=["frozen_at"])
                log(actor, "freeze_sheet", sheet, _("锁定%(tier)s评分表") % {"tier": sheet.get_tier_display()})
        log(
            actor,
            "open_review",
            locked,
            _("启动专家评分，截止 %(due)s") % {"due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M")},
        )
        emit(ReviewOpened(review.pk))
    return review


def review_of(seat: Seat) -> ReviewRound | None:
    return ReviewRound.objects.filter(draw_id=seat.draw_id).first()


def dues_of(review: ReviewRound) -> dict[int, dt.datetime]:
    """Every seated expert's deadline in one query (for the Department's progress table)."""
    dues: dict[int, dt.datetime] = {}
    for extension in review.extensions.order_by("granted_at", "id"):
        dues[extension.expert_id] = extension.due_at
    return dues


# ------------------------------------------------------------------ scores


def score_of(seat: Seat) -> Score | None:
    return Score.objects.filter(seat=seat).select_related("sheet").first()


def _writable(seat: Seat, actor: User) -> tuple[ReviewRound, Score]:
    """The locked score of a seat its own expert may still change (inside the transaction)."""
    locked = Seat.objects.select_for_update().select_related("application__call", "expert").get(pk=seat.pk)
    if locked.expert.user_id != actor.pk or locked.status != SeatStatus.ACTIVE:
        raise PermissionDenied(_("只有分配到该项申报的专家本人可以评分"))
    if locked.declared_at is None:
        raise PermissionDenied(_("请先声明与该企业无利害关系"))
    review = ReviewRound.objects.filter(draw_id=locked.draw_id).first()
    if review is None:
        raise PermissionDenied(_("省工信厅尚未启动评分"))
    if timezone.now() > review.due_for(locked.expert):
        raise PermissionDenied(_("评分截止时间已过，如需延期请联系省工信厅"))
    score, _created = Score.objects.get_or_create(
        seat=locked, defaults={"round": review, "sheet": sheet_for(locked.application.call, locked.application.tier)}
    )
    score = Score.objects.select_for_update().select_related("sheet").get(pk=score.pk)
    if score.is_submitted:
        raise PermissionDenied(_("评分已提交，不能再修改"))
    return review, score


def do_save_score(
    seat: Seat,
    *,
    points: Mapping[str, str],
    comments: Mapping[str, str],
    vetoes: Iterable[str],
    opinion: str,
    technical_merit: bool | None,
    recommended: bool | None,
    actor: User,
) -> Score:
    """Save a draft (blanks allowed; a score given is checked). Saving a draft is not an event of the history."""
    with transaction.atomic():
        _review, score = _writable(seat, actor)
        sheet = score.sheet.sheet
        reading = read_scores(sheet, points, comments, complete=False)
        if reading.errors:
            raise ValidationError(score_errors(reading.errors))
        known = {v.key for v in sheet.vetoes}
        score.points = {key: format_points(value) for key, value in reading.scores.items()}
        score.comments = reading.comments
        score.vetoes = sorted(set(vetoes) & known)
        score.opinion = opinion.strip()
        score.technical_merit = technical_merit
        score.recommended = recommended
        score.total = sum(reading.scores.values(), Decimal(0)) if reading.scores else None
        score.save()
    return score


def submission_problems(score: Score) -> dict[str, str]:
    """What stands between a draft and its submission, by field: the check-your-answers page lists them."""
    sheet = score.sheet.sheet
    reading = read_scores(sheet, score.points, score.comments, complete=True)
    problems = score_errors(reading.errors)
    if not score.opinion:
        problems["opinion"] = _("请填写总体评审意见")
    if score.technical_merit is None:
        problems["technical_merit"] = _("请判断是否达到相应的技术水平（第五条至第七条第3款）")
    if score.recommended is None:
        problems["recommended"] = _("请选择推荐意见")
    elif score.recommended and score.vetoes:
        problems["recommended"] = _("已选择一票否决项，推荐意见只能为“不推荐”")
    elif score.recommended and score.technical_merit is False:
        problems["recommended"] = _("判断未达到相应的技术水平，推荐意见只能为“不推荐”")
    return problems


def do_submit_score(seat: Seat, *, actor: User) -> Score:
    """Submit and lock the expert's scores, after the check-your-answers step."""
    with transaction.atomic():
        _review, score = _writable(seat, actor)
        problems = submission_problems(score)
        if problems:
            raise ValidationError(problems)
        score.submitted_at = timezone.now()
        score.save(update_fields=["submitted_at"])
        log(
            actor,
            "submit_score",
            score.seat.draw,
            _("%(code)s 提交 %(ref)s 的评分：%(total)s 分")
            % {"code": score.seat.expert.code, "ref": score.seat.application.reference, "total": score.total},
        )
    return score


def score_errors(errors: Mapping[str, Text]) -> dict[str, str]:
    """The core's errors by criterion as the form's fields: a missing comment on its comment, the rest on the score."""
    lang = current_lang()
    return {
        f"{'comment' if text.key == 'comment' else 'points'}_{key}": text.render(lang) for key, text in errors.items()
    }


# --------------------------------------------------------- the Department


def do_extend_deadline(
    review: ReviewRound, expert: Expert, *, due_at: dt.datetime, reason: str, actor: User
) -> Extension:
    """Give one expert more time to score (a new deadline later than now and than their current one)."""
    reason = required(reason, "reason", _("请填写延期理由"))
    with transaction.atomic():
        if not review.draw.seats.filter(expert=expert, status=SeatStatus.ACTIVE).exists():
            raise ValidationError({"expert": _("该专家在本次评分中没有评审任务")})
        if due_at <= max(timezone.now(), review.due_for(expert)):
            raise ValidationError({"due_at": _("延期后的截止时间须晚于现在和原截止时间")})
        extension = Extension.objects.create(
            round=review, expert=expert, due_at=due_at, reason=reason, granted_by=actor
        )
        log(
            actor,
            "extend_deadline",
            review.draw,
            _("%(code)s 的评分截止时间延至 %(due)s")
            % {"code": expert.code, "due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M")},
            reason=reason,
        )
        emit(DeadlineExtended(extension.pk))
    return extension


def do_replace_scorer(seat: Seat, *, reason: str, actor: User) -> Seat | None:
    """Take an expert who cannot score off one application: the seat is refilled and the new expert starts afresh.

    A submitted score stays on record but no longer counts (only standing seats do).
    """
    reason = required(reason, "reason", _("请填写更换理由"))
    with transaction.atomic():
        locked = Seat.objects.select_for_update().select_related("application", "expert", "draw").get(pk=seat.pk)
        if locked.status != SeatStatus.ACTIVE:
            raise ValidationError({"reason": _("该专家已不在此项申报的评审中")})
        if Conclusion.objects.filter(application=locked.application, confirmed_at__isnull=False).exists():
            raise ValidationError({"reason": _("专家推荐结论已确认，不能再更换评审专家")})
        return remove_seat(locked, reason=reason, actor=actor)


def do_appoint_leader(review: ReviewRound, expert: Expert, *, actor: User) -> ReviewRound:
    """组长: one of the experts who accepted the draw, appointed (or changed) by the Department."""
    if expert not in serving_experts(review.draw):
        raise ValidationError({"expert": _("组长须从接受邀请的评审专家中指定")})
    with transaction.atomic():
        locked = ReviewRound.objects.select_for_update().get(pk=review.pk)
        locked.leader = expert
        locked.save(update_fields=["leader"])
        log(actor, "appoint_leader", locked.draw, _("指定 %(code)s 为专家组组长") % {"code": expert.code})
    return locked


# ------------------------------------------------------------- aggregation


def standing_scores(review: ReviewRound, application: Application) -> list[Score]:
    """The scores that count for one application: those of its standing seats."""
    return list(
        Score.objects.filter(round=review, seat__application=application, seat__status=SeatStatus.ACTIVE)
        .select_related("seat__expert")
        .order_by("seat__expert__code")
    )


def aggregate_of(review: ReviewRound, scores: Sequence[Score]) -> Aggregate | None:
    totals = [s.total for s in scores if s.is_submitted and s.total is not None]
    if not totals:
        return None
    return aggregate(totals, review.rule, review.outlier_threshold)


def panel_applications(review: ReviewRound) -> QuerySet[Application]:
    ids = review.draw.seats.filter(status=SeatStatus.ACTIVE).values("application_id")
    return Application.objects.filter(pk__in=ids).select_related("enterprise", "call").order_by("reference")


def do_propose_conclusion(
    review: ReviewRound, application: Application, *, recommended: bool, opinion: str, actor: User
) -> Conclusion:
    """The panel leader proposes the conclusion, once every standing seat has submitted (a new proposal supersedes)."""
    opinion = required(opinion, "opinion", _("请填写专家组评审意见"))
    with transaction.atomic():
        locked = ReviewRound.objects.select_for_update(of=("self",)).select_related("leader").get(pk=review.pk)
        if locked.leader is None or locked.leader.user_id != actor.pk:
            raise PermissionDenied(_("只有专家组组长可以提出推荐结论"))
        if application.status != Status.EXPERT_REVIEW:
            raise ValidationError({"recommended": _("该申报已不在专家评审环节")})
        scores = standing_scores(locked, application)
        seats = review.draw.seats.filter(application=application, status=SeatStatus.ACTIVE).count()
        submitted = [s for s in scores if s.is_submitted]
        if not seats or len(submitted) < seats:
            raise ValidationError(
                {"recommended": _("还有专家未提交评分（%(done)s/%(all)s）") % {"done": len(submitted), "all": seats}}
            )
        vetoed = sorted({v for s in submitted for v in s.vetoes})
        if recommended and vetoed:
            raise ValidationError({"recommended": _("有专家选择了一票否决项，结论只能为“不推荐”")})
        result = aggregate_of(locked, submitted)
        assert result is not None
        conclusion = Conclusion.objects.create(
            round=locked,
            application=application,
            recommended=recommended,
            opinion=opinion,
            aggregate=_figures(result, submitted, vetoed),
            proposed_by=locked.leader,
        )
        log(
            actor,
            "propose_conclusion",
            locked.draw,
            _("组长提出 %(ref)s 的结论：%(verdict)s（%(value)s 分）")
            % {"ref": application.reference, "verdict": _yes_no(recommended), "value": result.value},
        )
    return conclusion


def _figures(result: Aggregate, scores: Sequence[Score], vetoed: Sequence[str]) -> dict[str, Any]:
    return {
        "rule": result.rule,
        "rule_applied": result.rule_applied,
        "statement": result.statement("zh"),
        "value": str(result.value),
        "mean": str(result.mean),
        "median": str(result.median),
        "spread": str(result.spread),
        "stdev": str(result.stdev),
        "totals": [{"expert": s.seat.expert.code, "total": str(s.total)} for s in scores],
        "outliers": [scores[i].seat.expert.code for i in result.outliers],
        "dropped": [scores[i].seat.expert.code for i in result.dropped],
        "vetoes": list(vetoed),
    }


def standing_conclusion(review: ReviewRound, application: Application) -> Conclusion | None:
    return Conclusion.objects.filter(round=review, application=application).order_by("-proposed_at", "-id").first()


def do_confirm_conclusion(conclusion: Conclusion, *, actor: User) -> ApplicationEvent:
    """The Department confirms the panel's proposal as the experts' recommendation conclusion (第九条)."""
    if conclusion.confirmed_at is not None:
        raise ValidationError({"conclusion": _("该结论已确认")})
    if standing_conclusion(conclusion.round, conclusion.application) != conclusion:
        raise ValidationError({"conclusion": _("组长已提出新的结论，请确认最新的结论")})
    target = Status.EXPERT_RECOMMENDED if conclusion.recommended else Status.EXPERT_NOT_RECOMMENDED
    value = Decimal(conclusion.aggregate["value"])

    def conclude(locked: Application, event: ApplicationEvent) -> None:
        confirmed = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
        if confirmed.confirmed_at is not None:
            raise ValidationError({"conclusion": _("该结论已确认")})
        confirmed.confirmed_by = actor
        confirmed.confirmed_at = timezone.now()
        confirmed.event = event
        confirmed.save(update_fields=["confirmed_by", "confirmed_at", "event"])
        ExpertConclusion.objects.create(
            application=locked,
            score=value.quantize(Decimal("0.01")),
            recommended=conclusion.recommended,
            summary=conclusion.opinion,
            recorded_by=actor,
            event=event,
        )
        Judgement.objects.create(
            application=locked,
            rule="technical_merit",
            result=Judgement.Result.PASS if conclusion.recommended else Judgement.Result.FAIL,
            note=conclusion.opinion,
            judged_by=actor,
            role=Role.DEPARTMENT.value,
        )
        refresh_verdict(locked)  # the experts' judgement is part of the verdict

    event = transition(
        conclusion.application,
        "confirm_expert_conclusion",
        actor,
        reason=conclusion.opinion,
        data={
            "aggregate": conclusion.aggregate["value"],
            "recommended": conclusion.recommended,
            "rule": conclusion.aggregate["statement"],
        },
        to=target,
        record=conclude,
    )
    conclusion.refresh_from_db()
    return event


def _yes_no(recommended: bool) -> str:
    return str(_("推荐") if recommended else _("不推荐"))


# --------------------------------------------------------------- reminders


def send_scoring_reminders(now: dt.datetime | None = None) -> list[Reminder]:
    """3 and 1 days (the policy) before an expert's deadline, to each expert with unsubmitted scores; once each."""
    now = now or timezone.now()
    sent: list[Reminder] = []
    for review in ReviewRound.objects.select_related("draw__call"):
        policy = review.draw.call.get_policy()
        days = sorted({policy.scoring_first_reminder_days, policy.scoring_last_reminder_days})
        dues = dues_of(review)
        seats = review.draw.seats.filter(status=SeatStatus.ACTIVE).select_related("expert")
        pending: dict[int, Expert] = {}
        submitted = set(
            Score.objects.filter(round=review, submitted_at__isnull=False).values_list("seat_id", flat=True)
        )
        for seat in seats:
            if seat.pk not in submitted:
                pending[seat.expert_id] = seat.expert
        for expert in pending.values():
            due = dues.get(expert.pk, review.due_at)
            if due <= now:
                continue
            left = due - now
            for before in days:
                if left <= dt.timedelta(days=before):
                    try:
                        with transaction.atomic():
                            sent.append(
                                Reminder.objects.create(round=review, expert=expert, due_at=due, days_before=before)
                            )
                    except IntegrityError:
                        pass  # sent already
                    break  # the nearest one only: a run that comes late does not send both at once
    if sent:
        with transaction.atomic():
            for reminder in sent:
                log(
                    None,
                    "scoring_reminder",
                    reminder.round.draw,
                    _("提醒 %(code)s：评分截止前%(days)s天")
                    % {"code": reminder.expert.code, "days": reminder.days_before},
                )
            emit(RemindersDue(tuple(r.pk for r in sent)))
    return sent
