"""The experts' report of a visit (第九条): the checklist as a draft, photos, signatures, the report.

Any member changes the draft until the first signature; each change bumps
the visit's ``revision``, and a member saves or signs only the revision
their page showed, so nobody signs what they did not see. The last
signature reports the visit: the workflow step ``report_visit`` with the
last signer as actor, the ``SpotCheck`` filled in, the PDF report attached
to the step's event. Any item "does not match" means the materials were
found untrue: the application becomes 专家未推荐 with the findings.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_edit_visit, can_sign_visit, require
from smartmfg.accounts.models import User
from smartmfg.applications.actions import stored_files
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind
from smartmfg.applications.states import Status
from smartmfg.applications.uploads import check_upload
from smartmfg.evaluations.models import SpotCheck
from smartmfg.experts.actions.common import log
from smartmfg.lib.actions import save_with_file, upload_facts
from smartmfg.lib.events import emit
from smartmfg.visits.documents import report_file
from smartmfg.visits.events import VisitReported
from smartmfg.visits.models import ChecklistItem, ItemResult, Visit, VisitPhoto, VisitStatus
from smartmfg.workflow.transition import transition

Entry = tuple[str, str]  # (result, note)


def do_save_visit_items(visit: Visit, entries: Mapping[int, Entry], *, revision: int, actor: User) -> int:
    """Save the draft checklist (item id -> result and note); return how many items changed.

    All or nothing: an unknown result, or "does not match" without a note,
    is refused naming the item (``result_<id>``, ``note_<id>``).
    """
    with transaction.atomic():
        locked = _locked(visit)
        require(can_edit_visit(actor, locked))
        _same_revision(locked, revision)
        items = {item.pk: item for item in locked.items.select_for_update()}
        errors = _problems(items, entries)
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        changed = 0
        for pk, (result, note) in entries.items():
            item = items[pk]
            if (item.result, item.note) == (result, note.strip()):
                continue
            item.result, item.note, item.updated_by, item.updated_at = result, note.strip(), actor, now
            item.save(update_fields=["result", "note", "updated_by", "updated_at"])
            changed += 1
        if changed:
            _bump(locked)
        return changed


def _problems(items: Mapping[int, ChecklistItem], entries: Mapping[int, Entry]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for pk, (result, note) in entries.items():
        item = items.get(pk)
        if item is None:
            errors.setdefault("__all__", []).append(_("抽查事项 %(id)s 不属于该项抽查") % {"id": pk})
        elif result not in ItemResult.values:
            errors[f"result_{pk}"] = [_("第%(n)d项：请选择核查结果") % {"n": item.position}]
        elif result == ItemResult.MISMATCH and not note.strip():
            errors[f"note_{pk}"] = [
                _("第%(n)d项“%(subject)s”不相符，请说明发现的情况") % {"n": item.position, "subject": item.subject}
            ]
    return errors


def do_add_visit_photo(item: ChecklistItem, upload: UploadedFile, *, actor: User) -> VisitPhoto:
    """A photo of one item: an image by its content, no larger than the call's attachments."""
    visit = item.visit
    content_type = check_upload(upload, max_mb=visit.application.call.max_attachment_mb, field="photo")
    if not content_type.startswith("image/"):
        raise ValidationError(
            {"photo": _("现场照片须为JPEG或PNG图片（按文件内容识别为：%(found)s）") % {"found": content_type}}
        )
    facts = upload_facts(upload, fallback="photo")
    with stored_files() as written, transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        require(can_edit_visit(actor, locked))
        photo = VisitPhoto(item=item, content_type=content_type, uploaded_by=actor, **facts)
        save_with_file(photo, upload, written, fallback="photo")
        _bump(locked)
        return photo


def do_remove_visit_photo(photo: VisitPhoto, *, actor: User) -> None:
    """Take a photo off its item before the first signature (its row and file stay, marked removed)."""
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=photo.item.visit_id)
        require(can_edit_visit(actor, locked))
        if VisitPhoto.objects.filter(pk=photo.pk, removed_at__isnull=True).update(removed_at=timezone.now()):
            _bump(locked)


def do_sign_visit(visit: Visit, *, revision: int, actor: User) -> Visit:
    """Sign the report as it stands (我已核实以上抽查情况，同意签署); the last signature reports it."""
    with transaction.atomic():
        locked = _locked(visit)
        require(can_sign_visit(actor, locked))
        _same_revision(locked, revision)
        member = locked.members.select_for_update().get(expert__user=actor)
        member.signed_at = timezone.now()
        member.save(update_fields=["signed_at"])
        if locked.status == VisitStatus.SCHEDULED:
            locked.status = VisitStatus.SIGNING  # from now on the checklist is what everyone signs
            locked.save(update_fields=["status"])
        log(actor, "sign_visit", locked, _("签署现场抽查报告：%(ref)s") % {"ref": locked.application.reference})
        if not locked.members.filter(signed_at__isnull=True).exists():
            _report(locked, actor)
        return locked


def _report(visit: Visit, actor: User) -> None:
    """The last signature: the findings, the step ``report_visit``, the spot check's record, the PDF."""
    items = list(visit.items.order_by("position"))
    mismatches = [i for i in items if i.result == ItemResult.MISMATCH]
    now = timezone.now()
    visit.passed = not mismatches
    visit.findings = findings_text(items)
    visit.status = VisitStatus.REPORTED
    visit.reported_at = now
    visit.save(update_fields=["passed", "findings", "status", "reported_at"])
    application = Application.objects.get(pk=visit.application_id)
    members = visit.members.select_related("expert").order_by("id")
    inspectors = "、".join(m.expert.name for m in members)[:255]

    def record(locked: Application, event: ApplicationEvent) -> None:
        updated = SpotCheck.objects.filter(pk=visit.spot_check_id, passed__isnull=True).update(
            visited_on=visit.visit_on,
            inspectors=inspectors,
            findings=visit.findings,
            passed=visit.passed,
            recorded_by=actor,
            recorded_at=now,
            event=event,
        )
        if updated != 1:
            raise ValidationError(_("该现场抽查已录入结果"))

    transition(
        application,
        "report_visit",
        actor,
        reason=visit.findings,
        files=[report_file(visit)],
        file_kind=AttachmentKind.SPOT_CHECK_REPORT,
        data={"visit": visit.pk, "passed": visit.passed},
        to=application.status if visit.passed else Status.EXPERT_NOT_RECOMMENDED,
        record=record,
    )
    outcome = _("相符") if visit.passed else _("不符，转为专家未推荐")
    summary = _("提交现场抽查报告：%(ref)s，%(outcome)s") % {"ref": application.reference, "outcome": outcome}
    log(actor, "report_visit", visit, summary)
    emit(VisitReported(visit.pk))


def findings_text(items: list[ChecklistItem]) -> str:
    """The findings as the history and the spot check keep them: each item not matching, with its note."""
    mismatches = [i for i in items if i.result == ItemResult.MISMATCH]
    unchecked = sum(1 for i in items if i.result == ItemResult.NOT_CHECKED)
    if not mismatches:
        text = _("现场抽查 %(count)d 项，与申报材料相符。") % {"count": len(items) - unchecked}
        if unchecked:
            text += _("另有 %(count)d 项未核查。") % {"count": unchecked}
        return text
    lines = [_("现场抽查发现 %(count)d 项与申报材料不符：") % {"count": len(mismatches)}]
    lines += [f"{i.position}. {i.subject}：{i.note}" for i in mismatches]
    return "\n".join(lines)


def _locked(visit: Visit) -> Visit:
    return Visit.objects.select_for_update().select_related("application__call").get(pk=visit.pk)


def _same_revision(visit: Visit, revision: int) -> None:
    """The page the member acted on showed the checklist as it stands (two members may edit at once)."""
    if visit.revision != revision:
        raise ValidationError(_("其他专家刚刚修改了抽查情况，请刷新页面核对后再办理"))


def _bump(visit: Visit) -> None:
    Visit.objects.filter(pk=visit.pk).update(revision=F("revision") + 1)
