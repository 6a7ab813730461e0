"""Reading the lists of 建议 or 提案 that the 人大常委会 or 政协 office sends with the assignment.

Layout (the header row names the columns, in any order; ``docs/proposals.md``): 编号, 标题,
代表或委员, 届次, 主办单位, 协办单位 (选填; several separated by 、，, ; or spaces), 交办日期,
办理期限 (选填: blank is three months after 交办日期, `gongkai.proposals.lead_due`), 协办期限
(选填: blank is one month after 交办日期). One file holds one kind, chosen when importing.

The file is read as the registers read theirs (`registers.imports`: CSV in UTF-8 or GBK, XLSX,
size and row limits, dates in the usual spellings). Every bad row is reported (row, column,
code, message) and a file with any bad row imports nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from gongkai.proposals import ProposalKind, lead_due
from gongkai_web.bodies.models import Department
from gongkai_web.proposals.models import NUMBER_LENGTH, PROPOSER_LENGTH, SESSION_LENGTH, TITLE_LENGTH
from gongkai_web.proposals.services import ProposalFields
from gongkai_web.registers.imports import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Column,
    ImportFileError,
    Parsed,
    RowError,
    _CellError,
    _header,
    _Row,
    parse_date,
    read_table,
)

NUMBER = Column("编号", ("建议号", "提案号", "案号", "序号", "建议编号", "提案编号"))
TITLE = Column("标题", ("案由", "题目", "建议标题", "提案标题", "建议题目", "提案题目"))
PROPOSER = Column(
    "代表或委员", ("领衔代表", "代表", "代表姓名", "委员", "提案人", "第一提案人", "提出人", "提案者")
)
SESSION = Column("届次", ("会议", "会议届次", "届次会议"))
LEAD = Column("主办单位", ("主办", "主办股室", "主办部门"))
CO = Column("协办单位", ("协办", "协办股室", "协办部门"), required=False)
ASSIGNED = Column("交办日期", ("交办时间",))
DUE = Column("办理期限", ("答复期限", "办结期限", "办理时限"), required=False)
CO_DUE = Column("协办期限", ("协办意见期限",), required=False)
COLUMNS = (NUMBER, TITLE, PROPOSER, SESSION, LEAD, CO, ASSIGNED, DUE, CO_DUE)

_SEPARATORS = re.compile(r"[、，,;；\s]+")


def _limited(length: int, what: str) -> Callable[[str], str]:
    def read(text: str) -> str:
        if len(text) > length:
            raise _CellError("value_too_long", f"{what}不能超过 {length} 个字")
        return text

    return read


def _department(departments: Mapping[str, Department]) -> Callable[[str], Department]:
    def read(text: str) -> Department:
        try:
            return departments[text]
        except KeyError:
            raise _CellError("department_unknown", f"本机关没有名为“{text}”的股室") from None

    return read


def _departments(departments: Mapping[str, Department]) -> Callable[[str], tuple[Department, ...]]:
    one = _department(departments)

    def read(text: str) -> tuple[Department, ...]:
        return tuple(one(name) for name in _SEPARATORS.split(text) if name)

    return read


def parse_proposals(
    content: bytes, *, kind: ProposalKind, departments: Mapping[str, Department]
) -> Parsed[tuple[int, ProposalFields]]:
    """Every row of a list as a registration, or the errors of the bad ones (raises `ImportFileError`).

    ``departments``: the body's departments by name, the only ones a row may name.
    """
    positions, data = _header(read_table(content), COLUMNS)
    rows: list[tuple[int, ProposalFields]] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in data:
        row = _Row(number, cells, positions)
        proposal_number = row.read(NUMBER, _limited(NUMBER_LENGTH, "编号"))
        title = row.read(TITLE, _limited(TITLE_LENGTH, "标题"))
        proposer = row.read(PROPOSER, _limited(PROPOSER_LENGTH, "代表或委员"))
        session = row.read(SESSION, _limited(SESSION_LENGTH, "届次"))
        lead = row.read(LEAD, _department(departments))
        co = row.read(CO, _departments(departments)) or ()
        assigned_on = row.read(ASSIGNED, parse_date)
        due_on = row.read(DUE, parse_date)
        co_due_on = row.read(CO_DUE, parse_date)
        if lead is not None and lead in co:
            row.fail(CO, "lead_also_co_handling", f"{lead.name}已是主办单位，不能同时协办")
        if len(set(co)) != len(co):
            row.fail(CO, "co_handling_repeated", "同一股室重复列为协办")
        if assigned_on is not None:
            for column, day in ((DUE, due_on), (CO_DUE, co_due_on)):
                if day is not None and day < assigned_on:
                    row.fail(
                        column, "due_before_assigned", f"{column.header} {day} 早于交办日期 {assigned_on}"
                    )
        if session and proposal_number:
            first = seen.setdefault((session, proposal_number), number)
            if first != number:
                row.fail(
                    NUMBER, "duplicate_in_file", f"{session}第“{proposal_number}”号已在第 {first} 行出现"
                )
        if row.errors:
            errors.extend(row.errors)
            continue
        fields = ProposalFields(
            kind=kind, session=session, number=proposal_number, title=title, proposer=proposer,
            assigned_on=assigned_on, due_on=due_on or lead_due(assigned_on), lead_department=lead,
            co_departments=co, co_due_on=co_due_on,
        )  # fmt: skip
        rows.append((number, fields))
    return Parsed(rows, errors)


__all__ = ["MAX_FILE_BYTES", "MAX_ROWS", "ImportFileError", "RowError", "parse_proposals"]
