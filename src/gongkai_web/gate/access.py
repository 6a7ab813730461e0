"""Who keeps a body's publication rules and who signs a 保密审查, stated once by role.

- the 负面清单 and the published contacts: the body's administrator (管理员) and the head (负责人);
- a 保密审查 that lets content be published: a reviewer (审核) or the head (`Duty.REVIEW`), the
  people who sign off replies too;
- the record of reviews: everyone who oversees the body (reviewers, heads, administrators).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Membership, Role
from gongkai_web.bodies.permissions import Duty, can

RULE_EDITORS = frozenset({Role.ADMIN, Role.HEAD})


def may_edit_rules(user: User | AnonymousUser, body: Body) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    roles = [role.value for role in RULE_EDITORS]
    return Membership.objects.filter(user_id=user.pk, body=body, role__in=roles).exists()


def may_review(user: User | AnonymousUser, body: Body) -> bool:
    return can(user, Duty.REVIEW, body)


def may_see_reviews(user: User | AnonymousUser, body: Body) -> bool:
    return can(user, Duty.OVERSEE, body)
