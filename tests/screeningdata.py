"""The labelled set of the publication gate's scanner (``tests/data/screening/labelled.jsonl``),
read for the tests and for ``benchmarks/screening.py``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "screening" / "labelled.jsonl"


@dataclass(frozen=True)
class Expected:
    kind: str
    start: int
    end: int
    text: str
    known_miss: bool = False  # a documented limit of the scanner (docs/screening.md)


@dataclass(frozen=True)
class Labelled:
    id: str
    note: str
    text: str
    allow: tuple[str, ...]
    negative_terms: tuple[str, ...]
    expected: tuple[Expected, ...]


def labelled_set() -> list[Labelled]:
    """Every record; a record naming a ``file`` (a corpus report) reads it from tests/data."""
    records = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"] if "text" in item else (DATA / item["file"]).read_text(encoding="utf-8")
        records.append(
            Labelled(
                id=item["id"],
                note=item["note"],
                text=text,
                allow=tuple(item.get("allow", ())),
                negative_terms=tuple(item.get("negative_terms", ())),
                expected=tuple(Expected(**expected) for expected in item["expected"]),
            )
        )
    return records
