"""Which cases an officer sees: the whole body's, or only their department's.

A handler (承办) works the cases of their own department; the body's registrars, reviewers,
heads and administrators (the duties REGISTER and OVERSEE) see every case of the body. The rule is
stated once, over the duty table of `bodies.permissions`: `may_view_case` asks `can()` for one
case (pages), `Scope.cases` is the same rule as one SQL filter (lists), and a test holds the two to
agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Membership, Role
from gongkai_web.bodies.permissions import DEPARTMENT_BOUND, DUTIES, Duty, can

# Duties that open every case of the body; HANDLE (department-bound) opens the department's.
BODY_WIDE_VIEW = frozenset({Duty.OVERSEE, Duty.REGISTER})
# Who is sent the daily digest of due cases: those who act on them. A handler hears of the
# department's cases (HANDLE), a reviewer or head, who approves extensions and replies, of the body's.
DIGEST_BODY_WIDE = frozenset({Duty.REVIEW})


def may_view_case(user: User | AnonymousUser, application: Application) -> bool:
    body = application.body
    if any(can(user, duty, body) for duty in BODY_WIDE_VIEW):
        return True
    department = application.department
    return department is not None and can(user, Duty.HANDLE, body, department)


def may_assign(user: User | AnonymousUser, application: Application) -> bool:
    """The registrar or the reviewer sends a case to a department (`services.assign_department`)."""
    return can(user, Duty.REGISTER, application.body) or can(user, Duty.REVIEW, application.body)


@dataclass(frozen=True)
class Scope:
    """One user's duties by body and department, read once per request from their memberships."""

    body_duties: dict[int, frozenset[Duty]]
    department_duties: dict[int, frozenset[Duty]]

    @classmethod
    def of(cls, user: User | AnonymousUser) -> Scope:
        if not user.is_authenticated or not user.is_active:
            return cls({}, {})
        by_body: dict[int, set[Duty]] = {}
        by_department: dict[int, set[Duty]] = {}
        for body_id, department_id, role in Membership.objects.filter(user_id=user.pk).values_list(
            "body_id", "department_id", "role"
        ):
            duties = DUTIES[Role(role)]
            by_body.setdefault(body_id, set()).update(duties - DEPARTMENT_BOUND)
            if department_id is not None:
                by_department.setdefault(department_id, set()).update(duties & DEPARTMENT_BOUND)
        return cls(
            {body: frozenset(duties) for body, duties in by_body.items()},
            {department: frozenset(duties) for department, duties in by_department.items()},
        )

    def bodies_with(self, duties: frozenset[Duty]) -> frozenset[int]:
        return frozenset(body for body, held in self.body_duties.items() if held & duties)

    def departments_with(self, duty: Duty) -> frozenset[int]:
        return frozenset(department for department, held in self.department_duties.items() if duty in held)

    @property
    def member_of(self) -> frozenset[int]:
        return frozenset(self.body_duties)

    @property
    def registers(self) -> bool:
        return bool(self.bodies_with(frozenset({Duty.REGISTER})))

    def cases(self) -> Q:
        """The applications the user sees, as a filter on Application (may match nothing)."""
        return self._filter(self.bodies_with(BODY_WIDE_VIEW), self.departments_with(Duty.HANDLE))

    def digest_cases(self) -> Q:
        """The applications the user is sent the daily digest about."""
        return self._filter(self.bodies_with(DIGEST_BODY_WIDE), self.departments_with(Duty.HANDLE))

    @staticmethod
    def _filter(body_ids: frozenset[int], department_ids: frozenset[int]) -> Q:
        if not body_ids and not department_ids:
            return Q(pk__in=[])
        condition = Q()
        if body_ids:
            condition |= Q(body_id__in=sorted(body_ids))
        if department_ids:
            condition |= Q(department_id__in=sorted(department_ids))
        return condition
