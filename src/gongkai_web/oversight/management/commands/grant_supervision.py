from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.services import grant_supervision


class Command(BaseCommand):
    help = "让用户监督某机关及其全部下级机关的年度报告（监督检查）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("body", help="机关名称，如：淮安市人民政府")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为 {options['username']} 的用户")
        body = Body.objects.filter(name=options["body"]).first()
        if body is None:
            raise CommandError(f"没有名为“{options['body']}”的机关")
        grant_supervision(user=user, body=body)
        self.stdout.write(f"{user.username} 监督{body.name}及其下级机关")
