"""Reads about bodies, departments and memberships."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Department, Membership, Role


def bodies_of(user: User) -> QuerySet[Body]:
    """The bodies where ``user`` holds any role."""
    return Body.objects.filter(memberships__user_id=user.pk).distinct()


def roles_in(user: User, body: Body) -> frozenset[Role]:
    roles = Membership.objects.filter(user_id=user.pk, body=body).values_list("role", flat=True)
    return frozenset(Role(role) for role in roles)


def departments_of(body: Body) -> QuerySet[Department]:
    return Department.objects.filter(body=body)


def members_of(body: Body) -> QuerySet[Membership]:
    return Membership.objects.filter(body=body).select_related("user", "department")
