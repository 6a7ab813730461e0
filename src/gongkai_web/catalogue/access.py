"""Who may do what in the catalogue, stated once by role (`bodies.models.Role`).

The 三审 of the seeds' offices, mapped onto the roles every body has:

- **起草** (draft, edit, submit): handlers (承办), registrars, reviewers and heads. Only the author
  edits and submits a draft, and a returned item goes back to its author.
- **初审**: a registrar or a reviewer of the disclosure office — completeness, category, 索引号.
- **复审**: a reviewer (审核) — content and whether it may be disclosed (条例 第十四条至第十六条).
- **终审**: the head (负责人) of the disclosure office, whose approval publishes the item.
- **变更** of a published item (a new revision, reviewed as a draft): anyone who may draft.
- **撤回** of a published item: the head.
- **指南设置**: the body's administrator (管理员).

Every member of the body sees its catalogue pages; an officer of another body sees none. The
core (`gongkai.catalogue.check_reviewer`) adds that the three reviews of a round are taken by three
different people, none of them the author.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AnonymousUser

from gongkai.catalogue import Stage
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Membership, Role
from gongkai_web.catalogue.models import CatalogueItem

DRAFTERS = frozenset({Role.HANDLER, Role.REGISTRAR, Role.REVIEWER, Role.HEAD})
REVIEWERS: Mapping[Stage, frozenset[Role]] = {
    Stage.FIRST_REVIEW: frozenset({Role.REGISTRAR, Role.REVIEWER}),
    Stage.SECOND_REVIEW: frozenset({Role.REVIEWER}),
    Stage.FINAL_REVIEW: frozenset({Role.HEAD}),
}
WITHDRAWERS = frozenset({Role.HEAD})
GUIDE_EDITORS = frozenset({Role.ADMIN})


def roles_in(user: User | AnonymousUser, body: Body) -> frozenset[Role]:
    """The roles ``user`` holds in ``body`` (none for an anonymous or inactive user)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Role(role)
        for role in Membership.objects.filter(user_id=user.pk, body=body).values_list("role", flat=True)
    )


def bodies_of(user: User | AnonymousUser, roles: frozenset[Role] | None = None) -> list[Body]:
    """The bodies where ``user`` holds any role (or one of ``roles``), by name."""
    if not user.is_authenticated or not user.is_active:
        return []
    memberships = Membership.objects.filter(user_id=user.pk)
    if roles is not None:
        memberships = memberships.filter(role__in=[role.value for role in roles])
    return list(Body.objects.filter(pk__in=memberships.values("body_id")).order_by("name"))


def may_view(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_in(user, body))


def may_draft(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_in(user, body) & DRAFTERS)


def may_edit(user: User | AnonymousUser, item: CatalogueItem) -> bool:
    """The author edits (and submits) their own draft, as long as they may still draft in the body."""
    return item.stage == Stage.DRAFT and item.author_id == user.pk and may_draft(user, item.body)


def may_review(user: User | AnonymousUser, item: CatalogueItem) -> bool:
    """Whether ``user``'s roles allow the review the item waits for (not who else reviewed: the core's)."""
    roles = REVIEWERS.get(item.stage_enum)
    return roles is not None and bool(roles_in(user, item.body) & roles)


def may_revise(user: User | AnonymousUser, item: CatalogueItem) -> bool:
    """Whoever may draft in the body drafts a change (变更) of its published item, reviewed anew."""
    return item.stage == Stage.PUBLISHED and may_draft(user, item.body)


def may_withdraw(user: User | AnonymousUser, item: CatalogueItem) -> bool:
    return item.stage == Stage.PUBLISHED and bool(roles_in(user, item.body) & WITHDRAWERS)


def may_edit_guide(user: User | AnonymousUser, body: Body) -> bool:
    return bool(roles_in(user, body) & GUIDE_EDITORS)
