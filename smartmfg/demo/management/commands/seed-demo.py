"""``smartmfg seed-demo``: load the demo data (idempotent) and print the logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "载入演示数据（可重复执行，不会重复创建），并列出各角色的演示账号。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="DEBUG 关闭时也载入（演示账号使用公开的密码，切勿用于生产环境）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "演示账号的密码是公开的：DEBUG 关闭时请勿载入演示数据（确需载入请加 --allow-production）"
            )
        # The demo's steps tell the people concerned, as real ones do: in the inbox,
        # but not by email (every demo address is made up).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。演示账号（密码均为 {DEMO_PASSWORD}）："))
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.username.ljust(width)}  {account.role}  {account.name}")
