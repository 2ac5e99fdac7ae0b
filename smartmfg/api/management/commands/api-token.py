"""``smartmfg api-token``: issue, list and revoke API tokens for integrators.

    smartmfg api-token create --user USERNAME --name 用途 --actor ADMIN [--days N]
    smartmfg api-token list [--user USERNAME]
    smartmfg api-token revoke ID --actor ADMIN

The key is printed once, at creation; only its hash is kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.api.actions import do_issue_api_token, do_revoke_api_token
from smartmfg.api.models import ApiToken


class Command(BaseCommand):
    help = "签发、列出或吊销接口令牌（令牌以其用户的身份和权限调用接口，只在签发时显示一次）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("token", nargs="?", type=int, help="revoke：令牌ID")
        parser.add_argument("--user", metavar="USERNAME", help="令牌代表的用户")
        parser.add_argument("--name", default="", help="用途，如“长春市工信局业务系统”")
        parser.add_argument("--days", type=int, help="有效天数（不给出则长期有效，直到吊销）")
        parser.add_argument("--actor", metavar="USERNAME", help="办理的系统管理员账号")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from None

    def _create(self, options: dict[str, Any]) -> None:
        if not options["name"].strip():
            raise CommandError("请用 --name 写明令牌的用途")
        user, actor = _user(options["user"], "--user"), _user(options["actor"], "--actor")
        expires = timezone.now() + dt.timedelta(days=options["days"]) if options["days"] else None
        token, key = do_issue_api_token(user, name=options["name"], expires_at=expires, actor=actor)
        self.stdout.write(
            f"已签发令牌 {token.pk}（{token.name}，代表 {user.username}）。令牌只显示这一次，请妥善保存："
        )
        self.stdout.write(key)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        for token in tokens:
            state = "已吊销" if token.revoked_at else ("有效" if token.is_valid else "已过期")
            used = timezone.localtime(token.last_used_at).strftime("%Y-%m-%d %H:%M") if token.last_used_at else "未使用"
            self.stdout.write(f"{token.pk}\t{token.hint}…\t{token.user.username}\t{token.name}\t{state}\t{used}")

    def _revoke(self, options: dict[str, Any]) -> None:
        actor = _user(options["actor"], "--actor")
        try:
            token = ApiToken.objects.select_related("user").get(pk=options["token"])
        except ApiToken.DoesNotExist:
            raise CommandError(f"没有ID为{options['token']}的令牌") from None
        if do_revoke_api_token(token, actor=actor):
            self.stdout.write(f"已吊销令牌 {token.pk}。")
        else:
            self.stdout.write(f"令牌 {token.pk} 此前已吊销。")


def _user(username: str | None, option: str) -> User:
    if not username:
        raise CommandError(f"请给出 {option} 账号")
    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(f"没有名为“{username}”的有效账号") from None
