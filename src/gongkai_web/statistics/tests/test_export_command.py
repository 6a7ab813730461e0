"""`export_statistics --body <id> --year <y>` prints the canonical JSON of sections 三 and 四."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai_web.personas import Office
from gongkai_web.statistics.queries import statistics_for

from .conftest import CountyCases


def test_the_command_prints_the_bodys_statistics_as_canonical_json(
    county_cases: CountyCases, office: Office
) -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "export_statistics", "--body", str(office.county.pk), "--year", "2025", stdout=out, stderr=err
    )
    assert json.loads(out.getvalue()) == statistics_for(body=office.county, year=2025).to_json()
    assert err.getvalue() == ""  # nothing found


def test_an_unknown_body_is_an_error_in_chinese(office: Office) -> None:
    with pytest.raises(CommandError, match="没有编号为 999999 的机关"):
        call_command("export_statistics", "--body", "999999", "--year", "2025")


def test_a_year_without_a_national_format_is_an_error(office: Office) -> None:
    with pytest.raises(CommandError, match="无法统计 2018 年"):
        call_command("export_statistics", "--body", str(office.county.pk), "--year", "2018")
