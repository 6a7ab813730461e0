from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai_web.accounts.models import User
from gongkai_web.api.services import issue_api_token


class Command(BaseCommand):
    help = (
        "Issue an API token for USERNAME and print it once (only its hash is stored). "
        "The token acts as the user, with the user's roles; revoke it in the admin."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument("--name", default="", help="what the token is for, e.g. the client system")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为 {options['username']} 的用户")
        if not user.is_active:
            raise CommandError(f"用户 {user.username} 已停用，不能为其生成令牌")
        issued = issue_api_token(user=user, name=options["name"])
        self.stderr.write(
            f"已为 {user.username} 生成接口令牌 {issued.token.prefix}；令牌只显示这一次，请妥善保存："
        )
        self.stdout.write(issued.value)
