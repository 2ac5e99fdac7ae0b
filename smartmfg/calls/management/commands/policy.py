"""``smartmfg policy show [--call ID]``: the default policy, or a call's, as JSON.

The output is what ``smartmfg eligibility --policy FILE`` accepts, so a call's
parameters can be used to judge files outside the platform.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartmfg.calls.models import Call
from smartmfg.rules.policy import DEFAULT_POLICY, InvalidPolicy


class Command(BaseCommand):
    help = "以JSON输出细则规定的默认参数，或某一申报批次的认定条件参数（可作为 smartmfg eligibility --policy 的输入）。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["show"], help="show：输出参数")
        parser.add_argument("--call", type=int, metavar="ID", help="申报批次ID；不给出时输出细则默认值")

    def handle(self, *args: Any, **options: Any) -> None:
        policy = DEFAULT_POLICY
        if options["call"] is not None:
            try:
                call = Call.objects.get(pk=options["call"])
            except Call.DoesNotExist:
                raise CommandError(f"没有ID为{options['call']}的申报批次") from None
            try:
                policy = call.get_policy()
            except InvalidPolicy as invalid:
                raise CommandError(f"批次{call.pk}的参数无效：{invalid.render('zh')}") from None
        self.stdout.write(json.dumps(policy.to_dict(), ensure_ascii=False, indent=2))
