"""Who may see and change a body's registers.

Every member of the body reads them (a handler or a reviewer preparing the report needs the
figures); the registrar, the head of the disclosure office and the administrator keep them.
A reviewer (审核) does not: the registers are kept by the office that keeps the other registers,
and the reviewer checks the report built on them. Officers of other bodies see nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body, Membership, Role

KEEPERS = frozenset({Role.REGISTRAR, Role.HEAD, Role.ADMIN})


def _roles(user: User | AnonymousUser, body: Body) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(Membership.objects.filter(user_id=user.pk, body=body).values_list("role", flat=True))


def may_read(user: User | AnonymousUser, body: Body) -> bool:
    return bool(_roles(user, body))


def may_keep(user: User | AnonymousUser, body: Body) -> bool:
    """Whether ``user`` may add, change, repeal and import entries of ``body``'s registers."""
    return bool(_roles(user, body) & {role.value for role in KEEPERS})


def readable_bodies(user: User | AnonymousUser) -> QuerySet[Body]:
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    return Body.objects.filter(memberships__user_id=user.pk).distinct()


def require_read(user: User | AnonymousUser, body: Body) -> None:
    if not may_read(user, body):
        raise NotPermitted(f"{user} 不是{body.name}的工作人员，无权查看其登记簿", code="register_not_member")


def require_keep(user: User | AnonymousUser, body: Body) -> None:
    if not may_keep(user, body):
        raise NotPermitted(
            f"{user} 无权修改{body.name}的登记簿（须为登记人员、负责人或管理员）", code="register_not_keeper"
        )
