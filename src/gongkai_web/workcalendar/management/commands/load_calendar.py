from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.workdays import YearNotCoveredError
from gongkai_web.workcalendar.services import import_years_from_package


class Command(BaseCommand):
    help = (
        "Store the holiday arrangement of the years the installed chinese-calendar package covers "
        "(or the years given). Safe to run again; a year entered by an administrator is never overwritten."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("years", nargs="*", type=int, metavar="YEAR", help="only these years")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = import_years_from_package(years=options["years"] or None)
        except YearNotCoveredError as error:
            raise CommandError(
                f"已安装的 chinese-calendar 不含 {error.year} 年的节假日安排，请由管理员按国务院通知录入"
            ) from error
        for result in results:
            self.stdout.write(f"{result.year} {result.outcome} ({result.source})")
