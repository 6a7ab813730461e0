"""Injected errors: a batch of the corpus's balanced reports plus deliberately broken copies.

The balanced reports are not listed by hand: every labelled document of the corpus (and the
seed reports) is read and checked, and those with no error finding are kept (one per distinct
set of tables: 005, 016 and 023 are the same report in three renderings). Each is then broken
in each of the ways below, the broken copy written out through the renderers as text, HTML
and Word, and the whole folder — originals, faithful renderings and broken copies — read and
checked by the batch machinery (`run_batch`, two workers), as an office would run it.

Every broken copy must get a finding (error or warning) at the place the error was put:

======================== ==================================================== ==========================
kind                     what is changed                                      found at
======================== ==================================================== ==========================
count-applications       one cell of section 三 by a non-zero delta            the cell's row or column
count-review-litigation  one cell of section 四 by a non-zero delta            the cell's row or column
sign                     a non-zero count of any table printed negative       the cell itself (C4)
fee-unit                 二（八） fee typed in 元 into the 万元 column            the cell itself (C15)
swap                     two different cells of a section 三 row exchanged     either cell's column
row-deleted              one row of section 二 or 三 left out of the document  the row (ROW-MISSING)
format-mixed             section 三 in the 2019 layout (（六） as one row)       the report (FORMAT-MIXED)
======================== ==================================================== ==========================

and no original and no faithful rendering may get an error finding. Cells and rows are
chosen by a seeded random generator, a different choice for each report and file format.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from gongkai.annual.audit import audit, load_report
from gongkai.annual.batch import plan_batch, run_batch
from gongkai.annual.model import AnnualReport, Table
from gongkai.annual.parse.limits import DEFAULT_LIMITS
from gongkai.annual.render import RENDERERS
from gongkai.formats import FORMAT_2019, MoneyUnit, TableId, TableSpec, ValueKind
from gongkai.formats.national import OTHER_HANDLING

SEED = 20261207
DATA = Path(__file__).parent / "data"
FILE_FORMATS = ("txt", "html", "docx")
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".pdf"}
FEE = ("fees", "amount_wan_yuan")
WAN_YUAN_IN_YUAN = MoneyUnit.WAN_YUAN.in_yuan
FEE_TYPED_IN_YUAN = 251_000  # 25.1 万元 typed as 元, for a body that reports no fee
TOTAL = "total"
WHOLE_REPORT = ""


def corpus_documents() -> list[Path]:
    labelled = [
        path
        for path in sorted((DATA / "corpus").iterdir())
        if path.suffix in DOCUMENT_SUFFIXES and path.with_name(f"{path.stem}.expected.json").exists()
    ]
    return labelled + sorted((DATA / "seeds").glob("*.txt"))


def balanced_documents() -> list[tuple[Path, AnnualReport]]:
    """Documents whose reading and checking give no error finding, one per distinct set of tables.

    Each report is rendered as read, narrative included: the reader leaves a table's lines out
    of its section's text (even from a document flattened out of a PDF, one cell per line, as
    corpus 005), so a rendering prints each table once, the changed one.
    """
    kept: list[tuple[Path, AnnualReport]] = []
    seen: set[tuple[Table, ...]] = set()
    for path in corpus_documents():
        checked = audit(load_report(path))
        if checked.has_errors or checked.report.tables in seen:
            continue
        seen.add(checked.report.tables)
        kept.append((path, checked.report))
    return kept


# -- where a finding must be -------------------------------------------------------------------


def row_or_column(spec: TableSpec, row_id: str, column_id: str) -> frozenset[str]:
    """Every cell in the same row or the same column of a table."""
    same_row = {spec.where(row_id, column) for column in spec.row(row_id).column_ids}
    same_column = {spec.where(row.id, column_id) for row in spec.rows if column_id in row.column_ids}
    return frozenset(same_row | same_column)


def column_of(spec: TableSpec, column_id: str) -> frozenset[str]:
    return frozenset(spec.where(row.id, column_id) for row in spec.rows if column_id in row.column_ids)


@dataclass(frozen=True)
class Broken:
    """A broken copy: the report to render, an edit of the rendered document, and where it must be found."""

    description: str
    report: AnnualReport
    places: frozenset[str]  # canonical locations at which a finding counts
    code: str | None = None  # the code the finding must carry, when only one code fits
    edit: Callable[[bytes, str], bytes] | None = None  # (document, file format) -> document


Injection = Callable[[AnnualReport, random.Random], Broken | None]


def numbers(table: Table, *, nonzero: bool = False) -> list[tuple[str, str, int]]:
    return [
        (row.id, column_id, cell.value)
        for row, column_id, cell in table.items()
        if isinstance(cell.value, int)
        and row.column(column_id).kind is ValueKind.COUNT
        and (cell.value or not nonzero)
    ]


def changed_count(table_id: TableId) -> Injection:
    def inject(report: AnnualReport, rng: random.Random) -> Broken | None:
        table = report.table(table_id)
        if table is None:
            return None
        row_id, column_id, value = rng.choice(numbers(table))
        delta = rng.randint(1, 9)
        if value >= delta and rng.random() < 0.5:
            delta = -delta
        return Broken(
            f"{table.spec.where(row_id, column_id)} {value} → {value + delta}",
            report.with_cell(table_id, row_id, column_id, value + delta),
            row_or_column(table.spec, row_id, column_id),
        )

    return inject


def printed_negative(report: AnnualReport, rng: random.Random) -> Broken | None:
    cells = [(table, cell) for table in report.tables for cell in numbers(table, nonzero=True)]
    if not cells:
        return None
    table, (row_id, column_id, value) = rng.choice(cells)
    where = table.spec.where(row_id, column_id)
    return Broken(
        f"{where} {value} → {-value}",
        report.with_cell(table.id, row_id, column_id, -value),
        frozenset({where}),
        code="C4",
    )


def fee_typed_in_yuan(report: AnnualReport, rng: random.Random) -> Broken | None:
    table = report.proactive
    if table is None or FEE not in table.spec.index:
        return None
    fee = table[FEE].amount_in(MoneyUnit.WAN_YUAN) or 0
    typed = fee * WAN_YUAN_IN_YUAN if fee else FEE_TYPED_IN_YUAN
    return Broken(
        f"{table.spec.where(*FEE)} {fee} → {typed}",
        report.with_cell(TableId.PROACTIVE, *FEE, table[FEE].number(typed, MoneyUnit.WAN_YUAN)),
        frozenset({table.spec.where(*FEE)}),
        code="C15",
    )


def swapped_cells(report: AnnualReport, rng: random.Random) -> Broken | None:
    table = report.applications
    if table is None:
        return None
    pairs = [
        (row.id, first, second)
        for row in table.spec.rows
        for first in row.column_ids
        for second in row.column_ids
        if TOTAL not in (first, second)
        and first < second
        and table.value(row.id, first) != table.value(row.id, second)
    ]
    if not pairs:
        return None
    row_id, first, second = rng.choice(pairs)
    broken = report.with_cell(TableId.APPLICATIONS, row_id, first, table[(row_id, second)]).with_cell(
        TableId.APPLICATIONS, row_id, second, table[(row_id, first)]
    )
    return Broken(
        f"{table.spec.where(row_id, first)} ⇄ {second}",
        broken,
        column_of(table.spec, first) | column_of(table.spec, second),
    )


def deleted_row(report: AnnualReport, rng: random.Random) -> Broken | None:
    """A row left out of the document, as a careless conversion does. Only rows printed on a line of
    their own (label first, then one figure per column) can go without taking other rows with them."""
    lines = RENDERERS["txt"].render(report).decode("utf-8").split("\n")
    rows = [
        (table.spec, row)
        for table in (report.proactive, report.applications)
        if table is not None
        for row in table.spec.rows
        if any(
            line.split("\t")[0] == row.label.text and line.count("\t") == len(row.columns) for line in lines
        )
    ]
    spec, row = rng.choice(rows)
    return Broken(
        f"{spec.where(row.id)} left out",
        report,
        frozenset({spec.where(row.id)}),
        code="ROW-MISSING",
        edit=lambda document, kind: DELETE_ROW[kind](document, row.label.text),
    )


def mixed_format(report: AnnualReport, rng: random.Random) -> Broken | None:
    """Section 三 in the 2019 layout: the three （六） rows printed as one (the 洪泽区 template)."""
    table = report.applications
    if table is None or table.spec is FORMAT_2019.applications:
        return None
    spec_2019 = FORMAT_2019.applications
    other_rows = [row.id for row in table.spec.rows_in(OTHER_HANDLING.id)]
    rows: dict[str, dict[str, Any]] = {}
    for row in spec_2019.rows:
        for column_id in row.column_ids:
            if row.id == OTHER_HANDLING.id:
                value = sum(table.count(other, column_id) for other in other_rows)
            else:
                value = table[(row.id, column_id)]
            rows.setdefault(row.id, {})[column_id] = value
    return Broken(
        "section 三 in the 2019 layout",
        report.with_table(Table.from_rows(spec_2019, rows)),
        frozenset({WHOLE_REPORT}),
        code="FORMAT-MIXED",
    )


INJECTIONS: dict[str, Injection] = {
    "count-applications": changed_count(TableId.APPLICATIONS),
    "count-review-litigation": changed_count(TableId.REVIEW_LITIGATION),
    "sign": printed_negative,
    "fee-unit": fee_typed_in_yuan,
    "swap": swapped_cells,
    "row-deleted": deleted_row,
    "format-mixed": mixed_format,
}


# -- leaving a row out of a rendered document --------------------------------------------------


def _delete_text_row(document: bytes, label: str) -> bytes:
    lines = document.decode("utf-8").split("\n")
    kept = [line for line in lines if line.split("\t")[0] != label]
    assert len(kept) == len(lines) - 1, label
    return "\n".join(kept).encode("utf-8")


def _delete_html_row(document: bytes, label: str) -> bytes:
    page = lxml.html.document_fromstring(document.decode("utf-8"))
    rows = [
        row
        for row in page.iter("tr")
        if (cells := row.xpath("./th|./td")) and cells[0].text_content() == label
    ]
    assert len(rows) == 1, label
    rows[0].getparent().remove(rows[0])
    return lxml.html.tostring(page, encoding="unicode", doctype="<!DOCTYPE html>").encode("utf-8")


def _delete_word_row(document: bytes, label: str) -> bytes:
    word = WordDocument(io.BytesIO(document))
    rows = [
        row
        for table in word.tables
        for row in table._tbl.tr_lst
        if (cells := [cell for cell in row.tc_lst if cell.vMerge != "continue"])
        and "".join(text.text or "" for text in cells[0].iter(qn("w:t"))) == label
    ]
    assert len(rows) == 1, label
    rows[0].getparent().remove(rows[0])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


DELETE_ROW: dict[str, Callable[[bytes, str], bytes]] = {
    "txt": _delete_text_row,
    "html": _delete_html_row,
    "docx": _delete_word_row,
}


# -- the batch ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """A file put in the batch folder, and what its record must show."""

    original: str
    kind: str | None  # the injection, or None for an original or a faithful rendering
    file_format: str
    broken: Broken | None = None


def plant(folder: Path, balanced: list[tuple[Path, AnnualReport]]) -> Iterator[tuple[Path, Planted]]:
    for source, report in balanced:
        original = source.stem
        copy = folder / "originals" / source.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
        yield copy, Planted(original, None, source.suffix[1:])
        for file_format in FILE_FORMATS:
            rendered = folder / "rendered" / f"{original}.{file_format}"
            rendered.parent.mkdir(exist_ok=True)
            rendered.write_bytes(RENDERERS[file_format].render(report))
            yield rendered, Planted(original, None, file_format)
            for kind, inject in INJECTIONS.items():
                broken = inject(report, random.Random(f"{SEED}/{original}/{kind}/{file_format}"))
                if broken is None:
                    continue
                document = RENDERERS[file_format].render(broken.report)
                if broken.edit is not None:
                    document = broken.edit(document, file_format)
                path = folder / "broken" / f"{original}.{kind}.{file_format}"
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(document)
                yield path, Planted(original, kind, file_format, broken)


@pytest.fixture(scope="module")
def balanced() -> list[tuple[Path, AnnualReport]]:
    return balanced_documents()


@pytest.fixture(scope="module")
def batch(balanced, tmp_path_factory) -> list[tuple[Planted, dict[str, Any]]]:
    """Every planted file with its record, read and checked by the batch machinery."""
    folder = tmp_path_factory.mktemp("injected")
    planted = {str(path): what for path, what in plant(folder / "documents", balanced)}
    plan = plan_batch([folder / "documents"], folder / "results.jsonl", max_bytes=DEFAULT_LIMITS.max_bytes)
    assert len(plan.todo) == len(planted)
    for _ in run_batch(plan, jobs=2, limits=DEFAULT_LIMITS, check=True):
        pass
    records = [
        json.loads(line) for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return [(planted[record["file"]], record) for record in records]


def test_the_corpus_gives_distinct_balanced_reports_to_break(balanced):
    names = [path.stem for path, _ in balanced]
    # At least a county government (001), a city government (005 or a rendering of it) and a
    # bureau (the 卫辉市民政局 seed), so that every injection has something to work on.
    assert len(names) >= 3, names
    assert {"001", "000_90c37852d1e90522"} <= set(names), names


def test_no_original_and_no_faithful_rendering_gets_an_error_finding(batch):
    faithful = [(planted, record) for planted, record in batch if planted.kind is None]
    errors = {
        f"{planted.original}.{planted.file_format}": [
            (found["code"], found["where"])
            for found in record.get("findings", [])
            if found["severity"] == "error"
        ]
        for planted, record in faithful
    }

    assert all("error" not in record for _, record in faithful)
    assert {name: found for name, found in errors.items() if found} == {}
    assert len(faithful) == len({planted.original for planted, _ in faithful}) * (1 + len(FILE_FORMATS))


@pytest.mark.parametrize("file_format", FILE_FORMATS)
@pytest.mark.parametrize("kind", list(INJECTIONS))
def test_every_injected_error_is_found_at_its_location(batch, kind, file_format):
    cases = [
        (planted, record)
        for planted, record in batch
        if (planted.kind, planted.file_format) == (kind, file_format)
    ]
    missed = []
    for planted, record in cases:
        broken = planted.broken
        assert broken is not None
        assert "error" not in record, record["error"]
        hits = [
            found
            for found in record["findings"]
            if found["severity"] in {"error", "warning"}
            and found["where"] in broken.places
            and (broken.code is None or found["code"] == broken.code)
        ]
        if not hits:
            missed.append(
                (planted.original, broken.description, [(f["code"], f["where"]) for f in record["findings"]])
            )

    assert cases, f"no report could be broken by {kind}"
    assert missed == []
