"""What a supervisor does: import the hierarchy of bodies, give supervision, take in reports.

Each service runs in one transaction: a refused import or upload leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight import hierarchy
from gongkai_web.oversight.models import Supervision
from gongkai_web.registers.imports import RowError


class HierarchyError(GongkaiError):
    """A hierarchy file with bad rows: nothing was imported; ``errors`` says where and why."""

    code = "hierarchy_rejected"

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"文件未导入：{len(errors)} 处错误", code=self.code)
        self.errors = errors


@dataclass(frozen=True, slots=True)
class HierarchySummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"新增 {self.created} 个机关，更新 {self.updated} 个，未变 {self.unchanged} 个"


@transaction.atomic
def import_hierarchy(*, content: bytes, within: frozenset[int] | None) -> HierarchySummary:
    """Create or update the bodies a hierarchy file lists (`hierarchy`), all or none.

    A body is known by its name: importing the same file again changes nothing. ``within`` limits
    the rows to a supervisor's bodies (None for the administrator). Raises `HierarchyError`
    with every bad row, or `registers.imports.ImportFileError` for a file that is no table.
    """
    rows, errors = hierarchy.read_rows(content)
    stored = hierarchy.stored_bodies()
    errors += hierarchy.check_rows(rows, stored, within=within)
    if errors:
        raise HierarchyError(sorted(errors, key=lambda error: (error.row, error.column)))
    created = updated = unchanged = 0
    bodies = {name: Body.objects.get(pk=body.pk) for name, body in stored.items() if name in _names(rows)}
    for row in _parents_first(rows):
        parent = bodies.get(row.parent) or (Body.objects.get(name=row.parent) if row.parent else None)
        body = bodies.get(row.name)
        if body is None:
            body = Body(name=row.name)
            created += 1
        elif (body.kind, body.level, body.parent_id) == (row.kind, row.level, parent.pk if parent else None):
            unchanged += 1
            continue
        else:
            updated += 1
        body.kind, body.level, body.parent = row.kind, row.level, parent
        body.full_clean()
        body.save()
        bodies[row.name] = body
    return HierarchySummary(created, updated, unchanged)


def _names(rows: list[hierarchy.BodyRow]) -> set[str]:
    return {row.name for row in rows} | {row.parent for row in rows if row.parent}


def _parents_first(rows: list[hierarchy.BodyRow]) -> list[hierarchy.BodyRow]:
    """The rows ordered so that a body's parent from the same file is saved before it (no cycles here)."""
    in_file = {row.name: row for row in rows}
    depth: dict[str, int] = {}

    def depth_of(name: str) -> int:
        if name not in depth:
            parent = in_file[name].parent
            depth[name] = depth_of(parent) + 1 if parent in in_file else 0
        return depth[name]

    return sorted(rows, key=lambda row: (depth_of(row.name), row.row))


@transaction.atomic
def grant_supervision(*, user: User, body: Body) -> Supervision:
    """Make ``user`` a supervisor of ``body`` and the bodies below it (again: no change)."""
    supervision, _ = Supervision.objects.get_or_create(user=user, body=body)
    return supervision
