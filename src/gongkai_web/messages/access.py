"""Who may do what with a public message, over the duty table of `bodies.permissions`.

- **sees** a message: the body's registrars and those who oversee it (reviewers, heads,
  administrators), and the handlers of the department it is with; the contact is shown in full only
  to those who work on messages (not to an administrator as such), as with applications.
- **moderates** (routes, re-routes, marks as spam, refers as 信访, marks as unsuitable for
  publication): the registrar, the reviewer and the head (`MODERATES`).
- **converts** a message into an application: a registrar (`applications.register_application`
  decides, as for any application registered by the office).
- **answers**: the handlers of the department it is with, and the reviewer or head.
- **publishes** (the 保密审查): the reviewer or head (`gate.access.may_review`).
- **sets the answer period**: the body's administrator or head.
- **reads the statistics**: those who see every message.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Membership, Role
from gongkai_web.bodies.permissions import Duty, can
from gongkai_web.gate.access import may_review
from gongkai_web.messages.models import Message

MODERATES = frozenset({Duty.REGISTER, Duty.REVIEW})
SEES_EVERY_MESSAGE = frozenset({Duty.REGISTER, Duty.OVERSEE})
SETTINGS_EDITORS = frozenset({Role.ADMIN, Role.HEAD})


def may_see_body(user: User | AnonymousUser, body: Body) -> bool:
    """Whether ``user`` sees the body's message pages at all (every message, or a department's)."""
    return any(can(user, duty, body) for duty in SEES_EVERY_MESSAGE) or _handles_in(user, body).exists()


def may_see(user: User | AnonymousUser, message: Message) -> bool:
    if any(can(user, duty, message.body) for duty in SEES_EVERY_MESSAGE):
        return True
    return message.department is not None and can(user, Duty.HANDLE, message.body, message.department)


def sees_contact(user: User | AnonymousUser, message: Message) -> bool:
    """Those who work on the message see the writer's contact; an administrator sees it masked."""
    return may_moderate(user, message.body) or (
        message.department is not None and can(user, Duty.HANDLE, message.body, message.department)
    )


def may_moderate(user: User | AnonymousUser, body: Body) -> bool:
    return any(can(user, duty, body) for duty in MODERATES)


def may_see_statistics(user: User | AnonymousUser, body: Body) -> bool:
    """The registrar and everyone who oversees the body (reviewers, heads, administrators)."""
    return any(can(user, duty, body) for duty in SEES_EVERY_MESSAGE)


def may_convert(user: User | AnonymousUser, body: Body) -> bool:
    return can(user, Duty.REGISTER, body)


def may_answer(user: User | AnonymousUser, message: Message) -> bool:
    if can(user, Duty.REVIEW, message.body):
        return True
    return message.department is not None and can(user, Duty.HANDLE, message.body, message.department)


def may_publish(user: User | AnonymousUser, body: Body) -> bool:
    return may_review(user, body)


def may_set_limit(user: User | AnonymousUser, body: Body) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    roles = [role.value for role in SETTINGS_EDITORS]
    return Membership.objects.filter(user_id=user.pk, body=body, role__in=roles).exists()


def visible_messages(user: User | AnonymousUser, body: Body) -> QuerySet[Message]:
    """The body's messages ``user`` sees, as one filter (the rule of `may_see`)."""
    messages = Message.objects.filter(body=body)
    if any(can(user, duty, body) for duty in SEES_EVERY_MESSAGE):
        return messages
    departments = _handles_in(user, body).values("department_id")
    return messages.filter(Q(department_id__in=departments))


def _handles_in(user: User | AnonymousUser, body: Body) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user.pk, body=body, role=Role.HANDLER)
