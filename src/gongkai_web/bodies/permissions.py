"""What each role may do, in one table, and the one question every view and endpoint asks: ``can``.

A Django superuser has no implicit rights here: access to cases comes from memberships only.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

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
