"""Who may see and record a body's 建议提案.

Every member of the body reads them (the figures feed the annual report everyone prepares). The
registrar, the head of the office and the administrator register and import them, and record
replies and feedback; a handler records the reply of a proposal its department leads and the
opinion of a proposal its department co-handles. A reviewer or the head publishes a reply after
the 保密审查 (the gate's `may_review`). Officers of other bodies see nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body, Department, Membership, Role
from gongkai_web.gate.access import may_review, may_see_reviews
from gongkai_web.registers.access import readable_bodies  # every member's bodies, as there

__all__ = [
    "may_keep",
    "may_publish",
    "may_read",
    "may_see_reviews",
    "may_work",
    "readable_bodies",
    "require_keep",
    "require_publish",
    "require_read",
    "require_work",
]

KEEPERS = frozenset({Role.REGISTRAR.value, Role.HEAD.value, Role.ADMIN.value})


def _memberships(user: User | AnonymousUser, body: Body) -> list[tuple[str, int | None]]:
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Membership.objects.filter(user_id=user.pk, body=body).values_list("role", "department_id"))


def may_read(user: User | AnonymousUser, body: Body) -> bool:
    return bool(_memberships(user, body))


def may_keep(user: User | AnonymousUser, body: Body) -> bool:
    """Whether ``user`` registers and imports ``body``'s proposals and records any reply or feedback."""
    return any(role in KEEPERS for role, _ in _memberships(user, body))


def may_work(user: User | AnonymousUser, body: Body, department: Department) -> bool:
    """Whether ``user`` records what ``department`` does (a reply it leads, an opinion it co-handles)."""
    return any(
        role in KEEPERS or (role == Role.HANDLER.value and department_id == department.pk)
        for role, department_id in _memberships(user, body)
    )


def may_publish(user: User | AnonymousUser, body: Body) -> bool:
    """Whether ``user`` signs the 保密审查 that publishes ``body``'s replies (a reviewer or the head)."""
    return may_review(user, body)


def require_read(user: User | AnonymousUser, body: Body) -> None:
    if not may_read(user, body):
        raise NotPermitted(
            f"{user} 不是{body.name}的工作人员，无权查看其建议提案", code="proposal_not_member"
        )


def require_keep(user: User | AnonymousUser, body: Body) -> None:
    if not may_keep(user, body):
        raise NotPermitted(
            f"{user} 无权登记{body.name}的建议提案（须为登记人员、负责人或管理员）",
            code="proposal_not_keeper",
        )


def require_work(user: User | AnonymousUser, body: Body, department: Department) -> None:
    if not may_work(user, body, department):
        raise NotPermitted(
            f"{user} 无权代{department.name}办理（须为该股室的承办人员，或登记人员、负责人、管理员）",
            code="proposal_not_handler",
        )


def require_publish(user: User | AnonymousUser, body: Body) -> None:
    if not may_publish(user, body):
        raise NotPermitted(
            f"{user} 不是{body.name}的审核人员或负责人，不能公开建议提案的答复",
            code="proposal_not_publisher",
        )
