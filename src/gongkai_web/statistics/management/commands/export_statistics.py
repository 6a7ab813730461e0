from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.cases import RecordError
from gongkai_web.bodies.models import Body
from gongkai_web.statistics.queries import statistics_for


class Command(BaseCommand):
    help = (
        "Print sections 三 and 四 of a body's annual report on a year, counted from its cases, as "
        "canonical report JSON; what the check engine finds goes to standard error."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--body", type=int, required=True, help="the body's id")
        parser.add_argument("--year", type=int, required=True, help="the report year, e.g. 2025")

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(pk=options["body"]).first()
        if body is None:
            raise CommandError(f"没有编号为 {options['body']} 的机关")
        try:
            statistics = statistics_for(body=body, year=options["year"])
        except RecordError as error:
            raise CommandError(error.message) from error
        self.stdout.write(statistics.dumps())
        for finding in statistics.findings:
            self.stderr.write(f"{finding.severity.label} {finding.code} {finding.where}：{finding.message}")
