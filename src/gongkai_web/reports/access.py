"""Who may read, draft and publish a body's annual report.

条例 第四条 makes the disclosure office compile the report: its registrars (登记) and handlers
(承办) draft it, the office head (负责人) publishes it, the reviewers (审核) read it. Administrators
manage the system, not reports; an officer of another body has no access to any of it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Membership, Role

DRAFTS = frozenset({Role.REGISTRAR, Role.HANDLER, Role.HEAD})
PUBLISHES = frozenset({Role.HEAD})
READS = DRAFTS | {Role.REVIEWER}


def roles_at(user: User | AnonymousUser, body: Body) -> frozenset[Role]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Role(role)
        for role in Membership.objects.filter(user_id=user.pk, body=body).values_list("role", flat=True)
    )


def may_read(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_at(user, body) & READS)


def may_draft(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_at(user, body) & DRAFTS)


def may_publish(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_at(user, body) & PUBLISHES)


def readable_bodies(user: User | AnonymousUser) -> QuerySet[Body]:
    """The bodies whose reports ``user`` may open, by name."""
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    roles = [role.value for role in READS]
    return (
        Body.objects.filter(memberships__user_id=user.pk, memberships__role__in=roles)
        .distinct()
        .order_by("name")
    )
