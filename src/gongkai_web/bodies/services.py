"""Creating bodies and departments and giving people roles in them."""

from __future__ import annotations

from django.db import transaction

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, BodyKind, Department, Level, Membership, Role


@transaction.atomic
def create_body(*, name: str, kind: BodyKind, parent: Body | None = None, level: Level | None = None) -> Body:
    body = Body(name=name, kind=kind, parent=parent, level=level or "")
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def create_department(*, body: Body, name: str) -> Department:
    department = Department(body=body, name=name)
    department.full_clean()
    department.save()
    return department


@transaction.atomic
def add_member(*, body: Body, user: User, role: Role, department: Department | None = None) -> Membership:
    """Give ``user`` ``role`` in ``body``; a handler needs a department of that body (ValidationError)."""
    membership = Membership(body=body, user=user, role=role, department=department)
    membership.full_clean()
    membership.save()
    return membership
