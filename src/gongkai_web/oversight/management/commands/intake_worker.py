from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai_web.oversight.services import resume_interrupted


class Command(BaseCommand):
    help = (
        "后台读取进程：先把未读完的批次（含读取进程中断时留下的文件）重新排队，"
        "再运行 django-tasks 的数据库队列（db_worker）读取上传的年度报告。--batch 读完队列后退出。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch", action="store_true", help="读完队列中的任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时每隔多少秒查看一次")

    def handle(self, *args: Any, **options: Any) -> None:
        resumed = resume_interrupted()
        if resumed:
            self.stdout.write(f"已重新排队 {resumed} 个未读完的批次")
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
