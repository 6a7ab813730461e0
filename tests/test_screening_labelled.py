"""The labelled set: every record's hits are exactly its labels (kind and offsets), less the
labels marked as known misses (the documented limits)."""

from __future__ import annotations

import pytest

from gongkai.screening import Kind, scan
from screeningdata import Labelled, labelled_set

RECORDS = labelled_set()


def test_the_labelled_set_holds_every_kind_and_48_texts_without_personal_data() -> None:
    kinds = {expected.kind for record in RECORDS for expected in record.expected}
    assert kinds == {kind.code for kind in Kind if kind.found_in_text}
    assert (len(RECORDS), sum(not record.expected for record in RECORDS)) == (61, 48)
    misses = [(e.kind, e.text) for record in RECORDS for e in record.expected if e.known_miss]
    assert [kind for kind, _ in misses] == [
        "mobile_phone",
        "resident_id",
        "personal_address",
        "landline_phone",
    ]


@pytest.mark.parametrize("record", RECORDS, ids=[record.id for record in RECORDS])
def test_a_labelled_text_yields_exactly_its_labelled_hits_less_the_known_misses(record: Labelled) -> None:
    assert all(record.text[e.start : e.end] == e.text for e in record.expected)
    hits = scan(record.text, allow=record.allow, negative_terms=record.negative_terms)
    found = [(e.kind, e.start, e.end) for e in record.expected if not e.known_miss]
    assert [(hit.code, hit.start, hit.end) for hit in hits] == found
