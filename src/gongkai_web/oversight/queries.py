"""Reads for the oversight pages: the supervised hierarchy, the batches, the dashboard, a report."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai_web.bodies.models import Body


@dataclass(frozen=True, slots=True)
class Placed:
    """A body in the hierarchy shown as a tree: its depth below the supervised body at the top."""

    body: Body
    depth: int


def tree(roots: list[Body], ids: frozenset[int]) -> list[Placed]:
    """The bodies of ``ids`` under ``roots``, depth first; below a body its governments, then departments."""
    children: dict[int | None, list[Body]] = {}
    for body in Body.objects.filter(pk__in=sorted(ids)).order_by("name"):
        children.setdefault(body.parent_id, []).append(body)
    placed: list[Placed] = []
    seen: set[int] = set()

    def walk(body: Body, depth: int) -> None:
        if body.pk in seen:
            return
        seen.add(body.pk)
        placed.append(Placed(body, depth))
        for child in sorted(
            children.get(body.pk, []), key=lambda b: (b.kind != "peoples_government", b.name)
        ):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return placed
