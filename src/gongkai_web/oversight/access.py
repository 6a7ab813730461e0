"""Whose reports a supervisor sees: each supervised body and every body below it, nothing else.

The hierarchy is read once per question as (id, parent) pairs, a few thousand at most for a
province, and walked in memory; a cycle (which the import refuses) cannot make the walk loop.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import Supervision


def below(roots: Iterable[int]) -> frozenset[int]:
    """The ids of ``roots`` and of every body below them."""
    children: dict[int, list[int]] = {}
    for body_id, parent_id in Body.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(body_id)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        body_id = todo.pop()
        if body_id not in found:
            found.add(body_id)
            todo.extend(children.get(body_id, ()))
    return frozenset(found)


def supervised_roots(user: User | AnonymousUser) -> QuerySet[Body]:
    """The bodies ``user`` was given to supervise (each with everything below it)."""
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    return Body.objects.filter(supervisions__user_id=user.pk).order_by("name")


def is_supervisor(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return Supervision.objects.filter(user_id=user.pk).exists()


def supervised_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The ids of every body whose reports ``user`` sees."""
    return below(supervised_roots(user).values_list("pk", flat=True))


def supervised_bodies(user: User | AnonymousUser) -> QuerySet[Body]:
    return Body.objects.filter(pk__in=sorted(supervised_ids(user)))


def require_supervisor(user: User | AnonymousUser) -> frozenset[int]:
    """The ids ``user`` supervises; PermissionDenied for a user who supervises nothing."""
    ids = supervised_ids(user)
    if not ids:
        raise PermissionDenied(f"{user} 没有监督检查的职责")
    return ids


def require_supervises(user: User | AnonymousUser, body: Body) -> None:
    if body.pk not in supervised_ids(user):
        raise PermissionDenied(f"{user} 无权查看{body.name}的年度报告")
