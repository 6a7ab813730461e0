"""The two real seed reports, copied into tests/data so the suite stands alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gongkai.annual.jsonio import report_from_dict
from gongkai.annual.model import AnnualReport, Cell
from gongkai.formats import TableId

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
WEIHUI_2022 = SEEDS / "000_90c37852d1e90522.txt"  # 卫辉市民政局 2022, 2021 format, tab-separated
LINGLING_2021 = SEEDS / "004_262844189358657c.txt"  # 零陵区民政局 2021, 2019 format, cell per line


def expected(seed: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data


def hand_checked(seed: Path) -> AnnualReport:
    """The report as hand-checked values (its expected JSON), without reading the document."""
    return report_from_dict(expected(seed))


def weihui_distinguishable(review_cell: tuple[str, str, int], granted: int = 7) -> AnnualReport:
    """卫辉市民政局 2022 (2021 format) is all zeros; a few cells changed make rendered cells tell apart:
    a number, a printed word, a blank, and one section 四 cell given by the test."""
    row, column, value = review_cell
    return (
        hand_checked(WEIHUI_2022)
        .with_cell(TableId.APPLICATIONS, "granted", "natural_person", granted)
        .with_cell(TableId.APPLICATIONS, "withheld.third_party_rights", "commercial", Cell.printed("增"))
        .with_cell(TableId.APPLICATIONS, "new_received", "research", None)
        .with_cell(TableId.REVIEW_LITIGATION, row, column, value)
    )
