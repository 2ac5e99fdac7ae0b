"""分配 (第九条): share the review list among the accepted experts, optimally, with hard bounds.

The Department computes a proposal (``rules.experts.assignment``: one joint
min-cost flow, every conflict a missing arc), previews it, then commits it
in one transaction: the seats are written, each application takes the step
``assign_experts`` and the experts are told on commit. A seat lost later (a
conflict declared after assignment) is refilled with every other seat kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.enterprises.industries import DIVISIONS
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.conflicts import Pair, conflicts_between
from smartmfg.experts.events import SeatsAssigned
from smartmfg.experts.lists import review_list
from smartmfg.experts.models import (
    Draw,
    DrawStatus,
    Expert,
    InvitationStatus,
    PairRule,
    Proposal,
    Seat,
    SeatStatus,
)
from smartmfg.lib.choices import current_lang
from smartmfg.lib.events import emit
from smartmfg.rules.experts.affinity import ExpertFacts, SubjectFacts, affinity_matrix
from smartmfg.rules.experts.assignment import Capacity, Infeasible, Instance, Slot, solve
from smartmfg.workflow.batch import Move, take_batch

SECTION_OF = {code: section for code, (section, _name) in DIVISIONS.items()}


@dataclass(frozen=True)
class Problem:
    """A draw's assignment problem as the platform sees it, with the rows behind the solver's ids."""

    applications: list[Application]
    experts: list[Expert]
    affinity: list[list[float]]
    conflicts: dict[Pair, list[str]]


def serving_experts(draw: Draw) -> list[Expert]:
    """The drawn experts who accepted, in draw order."""
    rows = draw.invitations.filter(status=InvitationStatus.ACCEPTED).select_related("expert__group")
    return [i.expert for i in rows.order_by("position")]


def problem_of(draw: Draw) -> Problem:
    applications = list(review_list(draw))
    experts = serving_experts(draw)
    weights = draw.call.get_policy().affinity_weight
    subjects = [
        SubjectFacts(
            division=a.enterprise.industry,
            section=a.enterprise.industry_section,
            manufacturing=a.enterprise.manufacturing_type,
            tier=a.tier,
        )
        for a in applications
    ]
    facts = [
        ExpertFacts(
            industries=frozenset(e.industries),
            manufacturing=frozenset(e.manufacturing),
            group_tiers=frozenset(e.group.tiers),
            group_manufacturing=frozenset(e.group.manufacturing),
        )
        for e in experts
    ]
    matrix = affinity_matrix(subjects, facts, weights, section_of=SECTION_OF).tolist()
    conflicts = conflicts_between(experts, applications, today=timezone.localdate())
    for rule in draw.pair_rules.filter(kind=PairRule.Kind.FORBID):
        conflicts.setdefault((rule.application_id, rule.expert_id), []).append("forbidden")
    return Problem(applications, experts, matrix, conflicts)


def do_compute_proposal(draw: Draw, *, actor: User) -> Proposal:
    """Solve the draw's assignment and keep it as a proposal to preview; nothing is assigned yet."""
    if draw.status != DrawStatus.DRAWN:
        raise ValidationError(_("请先完成专家抽取"))
    if draw.seats.exists():
        raise ValidationError(_("本次抽取的分配方案已确认；之后的变动逐席补位"))
    problem = problem_of(draw)
    if not problem.experts:
        raise ValidationError(_("还没有专家接受邀请，无法分配"))
    forced = set(draw.pair_rules.filter(kind=PairRule.Kind.FORCE).values_list("application_id", "expert_id"))
    instance = Instance(
        applications=[Slot(str(a.pk), draw.reviews_per_application) for a in problem.applications],
        experts=[Capacity(str(e.pk), draw.min_load, draw.max_load) for e in problem.experts],
        affinity=problem.affinity,
        conflicts={(str(a), str(e)) for a, e in problem.conflicts},
        forced={(str(a), str(e)) for a, e in forced},
    )
    try:
        solution = solve(instance)
    except Infeasible as error:
        raise ValidationError(_("无法分配：%(reason)s") % {"reason": error.reason.render(current_lang())}) from None
    column = {e.pk: j for j, e in enumerate(problem.experts)}
    row = {a.pk: i for i, a in enumerate(problem.applications)}
    pairs = [
        [int(a), int(e), round(problem.affinity[row[int(a)]][column[int(e)]], 4)]
        for a, experts in solution.assignment.items()
        for e in experts
    ]
    with transaction.atomic():
        proposal = Proposal.objects.create(
            draw=draw, pairs=pairs, total_affinity=round(solution.total_affinity, 4), computed_by=actor
        )
        log(
            actor,
            "compute_proposal",
            draw,
            _("计算分配方案，匹配度合计 %(total).2f") % {"total": proposal.total_affinity},
        )
    return proposal


def do_commit_proposal(proposal: Proposal, *, actor: User) -> list[Seat]:
    """Write the seats of the latest proposal, all or nothing, and tell the experts on commit."""
    draw = proposal.draw
    by_application: dict[int, list[tuple[int, float]]] = {}
    for application_id, expert_id, affinity in proposal.pairs:
        by_application.setdefault(application_id, []).append((expert_id, affinity))
    written: list[Seat] = []

    def seats(applications: list[Application]) -> Proposal:
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.committed_at is not None or draw.proposals.filter(pk__gt=locked.pk).exists():
            raise ValidationError(_("该分配方案已确认或已有更新的方案，请刷新后重试"))
        if draw.seats.exists():
            raise ValidationError(_("本次抽取的分配方案已确认"))
        if {a.pk for a in applications} != {a.pk for a in review_list(draw)}:
            raise ValidationError(_("评审名单在计算方案后有变化，请重新计算"))
        accepted = {e.pk for e in serving_experts(draw)}
        if any(e not in accepted for pairs in by_application.values() for e, _a in pairs):
            raise ValidationError(_("参加评审的专家在计算方案后有变化，请重新计算"))
        written.extend(
            Seat.objects.bulk_create(
                [
                    Seat(draw=draw, application_id=a, expert_id=e, proposal=locked, affinity=affinity)
                    for a, pairs in sorted(by_application.items())
                    for e, affinity in pairs
                ]
            )
        )
        locked.committed_at = timezone.now()
        locked.save(update_fields=["committed_at"])
        log(actor, "commit_proposal", draw, _("确认分配方案：%(count)d 个评审席位") % {"count": len(written)})
        return locked

    moves = {a: Move("assign_experts") for a in by_application}
    take_batch(
        moves,
        expected=Status.EXPERT_REVIEW,
        actor=actor,
        call=draw.call,
        document=seats,
        data_key="proposal",
        data={"reviews": draw.reviews_per_application},
    )
    emit(SeatsAssigned(tuple(s.pk for s in written)))
    return written


def do_set_pair_rule(
    draw: Draw, application: Application, expert: Expert, kind: str, *, reason: str, actor: User
) -> PairRule:
    """Force or forbid one pair before the proposal is computed, with the reason."""
    reason = required(reason, "reason", _("请填写指定或排除的理由"))
    with transaction.atomic():
        rule, _created = PairRule.objects.update_or_create(
            draw=draw,
            application=application,
            expert=expert,
            defaults={"kind": kind, "reason": reason, "recorded_by": actor},
        )
        log(
            actor,
            f"{kind}_pair",
            draw,
            f"{rule.get_kind_display()} {expert.code} / {application.reference}",
            reason=reason,
        )
        return rule


def remove_seat(seat: Seat, *, reason: str, actor: User | None) -> Seat | None:
    """Take an expert off one application and fill that one seat again (inside the transaction).

    With every other seat fixed, the best refill is the free expert of the
    highest affinity who is not conflicted and has room under the maximum
    load: re-solving the whole flow would give the same. Returns the new
    seat, or None when nobody can take it (the Department is told on the
    draw's page).
    """
    seat.status = SeatStatus.REMOVED
    seat.removed_at = timezone.now()
    seat.removed_reason = reason[:255]
    seat.save(update_fields=["status", "removed_at", "removed_reason"])
    draw = seat.draw
    problem = problem_of(draw)
    loads = Counter(draw.seats.filter(status=SeatStatus.ACTIVE).values_list("expert_id", flat=True))
    sitting = set(draw.seats.filter(application=seat.application_id).values_list("expert_id", flat=True))
    row = next((i for i, a in enumerate(problem.applications) if a.pk == seat.application_id), None)
    candidates = [
        (problem.affinity[row][j], -e.pk, e)
        for j, e in enumerate(problem.experts)
        if row is not None
        and e.pk not in sitting
        and loads[e.pk] < draw.max_load
        and (seat.application_id, e.pk) not in problem.conflicts
    ]
    code = seat.expert.code
    if not candidates:
        log(
            actor,
            "seat_unfilled",
            draw,
            _("%(code)s 撤出 %(ref)s 后无专家可补位") % {"code": code, "ref": seat.application.reference},
        )
        return None
    affinity, _key, expert = max(candidates, key=lambda c: (c[0], c[1]))
    proposal = Proposal.objects.create(
        draw=draw,
        pairs=[[seat.application_id, expert.pk, round(affinity, 4)]],
        total_affinity=round(affinity, 4),
        computed_by=actor or seat.proposal.computed_by,
        committed_at=timezone.now(),
    )
    new = Seat.objects.create(
        draw=draw,
        application_id=seat.application_id,
        expert=expert,
        proposal=proposal,
        affinity=affinity,
        replaces=seat,
    )
    log(
        actor,
        "replace_seat",
        draw,
        _("%(ref)s：%(old)s 撤出，由 %(new)s 补位")
        % {"ref": seat.application.reference, "old": code, "new": expert.code},
        reason=reason,
    )
    emit(SeatsAssigned((new.pk,)))
    return new


def proposal_changes(proposal: Proposal) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs added and dropped since the draw's previous proposal."""
    previous = proposal.draw.proposals.filter(pk__lt=proposal.pk, committed_at__isnull=True).first()
    now = {(a, e) for a, e, _x in proposal.pairs}
    before = {(a, e) for a, e, _x in previous.pairs} if previous else set()
    return now - before, before - now if previous else set()


def seats_of(applications: Sequence[Application]) -> dict[int, list[Seat]]:
    result: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(application__in=applications, status=SeatStatus.ACTIVE).select_related("expert"):
        result.setdefault(seat.application_id, []).append(seat)
    return result
