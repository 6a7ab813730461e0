"""The core's cross-year checks (C6, C8–C10, C12) on a body's received reports of two years.

A reading keeps what the checks found in one document alone; whether it agrees with the year
before depends on which report of that year is the body's latest, which may arrive, be replaced
or be reassigned after the reading. So these findings are computed when a page is shown, from
the two readings the pages use (`queries.latest_files`), and never stored.
"""

from __future__ import annotations

from typing import Any

from gongkai.annual.checks import RULES, CrossYearRule, check_report
from gongkai_web.oversight.tables import report_of

CROSS_YEAR_CODES = frozenset(
    code.value for rule in RULES if isinstance(rule, CrossYearRule) for code in rule.codes
)


def cross_year_findings(report_json: str, previous_json: str) -> list[dict[str, Any]]:
    """What the cross-year rules find in a report (its canonical JSON) against the year before's,
    as a reading's findings are kept (`Finding.to_json`)."""
    report, previous = report_of(report_json), report_of(previous_json)
    found = (finding.to_json() for finding in check_report(report, previous=previous))
    return [finding for finding in found if finding["code"] in CROSS_YEAR_CODES]
