"""The two real seed reports, copied into tests/data so the suite stands alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
WEIHUI_2022 = SEEDS / "000_90c37852d1e90522.txt"  # 卫辉市民政局 2022, 2021 format, tab-separated
LINGLING_2021 = SEEDS / "004_262844189358657c.txt"  # 零陵区民政局 2021, 2019 format, cell per line


def expected(seed: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data
