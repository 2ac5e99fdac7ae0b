"""``smartmfg send-reminders``: the reminders due today, and the expert invitations left unanswered (run once a day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from smartmfg.evaluations.actions import send_cultivation_reminders
from smartmfg.experts.actions import do_expire_invitations
from smartmfg.scoring.actions import send_scoring_reminders


class Command(BaseCommand):
    help = (
        "发送今天到期的提醒（培育项目建成投产期限前30天和7天），并将逾期未答复的评审邀请按谢绝处理、邀请替补专家；"
        "向评分截止前3天和1天仍有评分未提交的专家发送提醒；每天运行一次，重复运行不会重复发送"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_cultivation_reminders()
        for reminder in sent:
            self.stdout.write(f"{reminder.application.reference}\t{reminder.deadline}\t-{reminder.days_before}")
        self.stdout.write(self.style.SUCCESS(f"已发送 {len(sent)} 条提醒"))
        expired = do_expire_invitations()
        self.stdout.write(self.style.SUCCESS(f"逾期未答复的评审邀请 {expired} 份，已邀请替补专家"))
        reminded = send_scoring_reminders()
        self.stdout.write(self.style.SUCCESS(f"评分截止提醒 {len(reminded)} 条"))
