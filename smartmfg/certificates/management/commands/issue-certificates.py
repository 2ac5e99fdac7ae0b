"""``smartmfg issue-certificates CALL_ID [--actor USERNAME]``: number the call's published lists.

For publications made before numbering existed, or whose numbering failed
when they were published (the ``publish`` step numbers its list on commit).
Idempotent: a line already numbered keeps its number; running it twice
issues nothing the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartmfg.accounts.models import User
from smartmfg.calls.models import Call
from smartmfg.certificates.actions import do_issue_certificates


class Command(BaseCommand):
    help = "为申报批次已发文公布的名单发放认定编号和证书（按名单顺序、同类别连续编号）；已有编号的不变，可重复执行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("call", type=int, metavar="CALL_ID", help="申报批次ID")
        parser.add_argument("--actor", metavar="USERNAME", help="办理的省工信厅工作人员账号；不填则为各名单的发布人")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call = Call.objects.get(pk=options["call"])
        except Call.DoesNotExist:
            raise CommandError(f"没有ID为{options['call']}的申报批次") from None
        actor = self._actor(options["actor"])
        publications = list(call.publications.select_related("call", "published_by").order_by("published_on", "id"))
        if not publications:
            self.stdout.write(f"{call.title}：尚无发文公布的名单")
            return
        for publication in publications:
            try:
                issued = do_issue_certificates(publication, actor=actor or publication.published_by)
            except (PermissionDenied, ValidationError) as refused:
                raise CommandError(f"{publication.document_number}：{_message(refused)}") from None
            if issued:
                self.stdout.write(f"{publication.document_number}：发放 {len(issued)} 个认定编号")
                for certificate in issued:
                    self.stdout.write(
                        f"  {certificate.number}  {certificate.enterprise_name}  {certificate.project_name}"
                    )
            else:
                self.stdout.write(f"{publication.document_number}：名单各行均已有认定编号")

    def _actor(self, username: str | None) -> User | None:
        if username is None:
            return None
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"没有名为“{username}”的有效账号") from None


def _message(error: PermissionDenied | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)
