"""``smartmfg seed-demo-stages``: spread the demo's applications over the Department's stages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from smartmfg.evaluations.demo import seed_demo_stages


class Command(BaseCommand):
    help = "在演示数据上办理到省工信厅各环节（资格复审、专家评审、审议、公示），便于查看工作台。先运行 seed-demo。"

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("仅用于演示环境（DEBUG 开启时）")
        moved = seed_demo_stages()
        if not moved:
            self.stdout.write("没有可办理的演示申报（需要至少 3 项待初审的申报；已办理过则不再重复）。")
            return
        self.stdout.write(self.style.SUCCESS("已办理：" + "、".join(a.reference for a in moved)))
