"""What each role may do, in one table, and the one question every view and endpoint asks: ``can``.

A Django superuser has no implicit rights here: access to cases comes from memberships only.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Department, Membership, Role


class Duty(StrEnum):
    REGISTER = "register"  # 登记: enter applications received by the body
    HANDLE = "handle"  # 承办: work a case assigned to a department
    REVIEW = "review"  # 审核: approve extensions and decisions
    OVERSEE = "oversee"  # see every case of the body
    ADMINISTER = "administer"  # departments, members, letter templates, the calendar


DUTIES: dict[Role, frozenset[Duty]] = {
    Role.REGISTRAR: frozenset({Duty.REGISTER}),
    Role.HANDLER: frozenset({Duty.HANDLE}),
    Role.REVIEWER: frozenset({Duty.REVIEW, Duty.OVERSEE}),
    Role.HEAD: frozenset({Duty.REVIEW, Duty.OVERSEE}),
    Role.ADMIN: frozenset({Duty.ADMINISTER, Duty.OVERSEE}),
}

# Duties held only within the member's own department; every other duty covers the whole body.
DEPARTMENT_BOUND = frozenset({Duty.HANDLE})


def can(
    user: User | AnonymousUser,
    duty: Duty,
    body: Body,
    department: Department | None = None,
) -> bool:
    """Whether ``user`` may perform ``duty`` for ``body`` (and, for a department-bound duty, ``department``).

    A department-bound duty asked without a department is refused. A department of another body
    is a programming error and raises ValueError.
    """
    if department is not None and department.body_id != body.pk:
        raise ValueError(f"department {department.pk} does not belong to body {body.pk}")
    if not user.is_authenticated or not user.is_active:
        return False
    for membership in Membership.objects.filter(user_id=user.pk, body=body):
        if duty not in DUTIES[Role(membership.role)]:
            continue
        if duty not in DEPARTMENT_BOUND:
            return True
        if department is not None and membership.department_id == department.pk:
            return True
    return False


_MAX_ID_DIGITS = 18  # a bigint primary key; longer digit strings are not ids


def bodies_where(user: User | AnonymousUser, duty: Duty) -> QuerySet[Body]:
    """The bodies where ``user`` holds ``duty``, as `can` decides; for duties held body-wide only.

    A department-bound duty (HANDLE) is a question about one department: ask `can`.
    """
    if duty in DEPARTMENT_BOUND:
        raise ValueError(f"{duty.value} is held per department; ask can() with the department")
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    roles = [role.value for role, duties in DUTIES.items() if duty in duties]
    return Body.objects.filter(memberships__user_id=user.pk, memberships__role__in=roles).distinct()


def body_for(user: User | AnonymousUser, duty: Duty, requested: str | None) -> Body | None:
    """The body a page needing ``duty`` shows: the one asked for (``?body=<id>``), or the user's only one.

    None when the user holds ``duty`` in several bodies and asked for none (the page offers them).
    Raises PermissionDenied when the user holds ``duty`` nowhere, or asked for a body (or for
    something that is not a body id) where they do not hold it.
    """
    bodies = bodies_where(user, duty)
    if requested is not None:
        is_id = requested.isascii() and requested.isdigit() and len(requested) <= _MAX_ID_DIGITS
        body = bodies.filter(pk=int(requested)).first() if is_id else None
        if body is None:
            raise PermissionDenied(f"{user} 无权查看所请求机关的这一页面")
        return body
    found = list(bodies[:2])
    if not found:
        raise PermissionDenied(f"{user} 在任何机关都没有这一职责")
    return found[0] if len(found) == 1 else None
