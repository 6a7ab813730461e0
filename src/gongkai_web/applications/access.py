"""Who may do what with a case, stated once over the duty table of `bodies.permissions`.

Two circles around a case, and the steps within them:

- **opens the case** (`may_open_case`): the body's registrars and everyone who oversees it
  (reviewers, heads, administrators), and the handlers (承办) of the department the case is with.
  The office queue, the case page and the API show a case to these people.
- **works on the case** (`works_on_case`): the same, less the administrators, who manage the system
  and not cases: the registrars, reviewers and heads, and the handlers of the assigned department.
  They contact and identify the applicant, so they see personal data in full (`privacy`), download
  and add attachments, and write the letters.
- each step of the case needs the duty `ACTION_DUTIES` names (`may_take`, `next_steps`); sending the
  case to a department needs a registrar or a reviewer (`may_assign`).

`may_open_case` asks `can()` for one case (pages); `Scope.cases` is the same rule as one SQL filter
(lists), read from the user's memberships once; `tests/test_access.py` holds the two to agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from gongkai.cases import Action, CaseState, open_actions
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Membership, Role
from gongkai_web.bodies.permissions import DEPARTMENT_BOUND, DUTIES, Duty, can

# Body-wide duties that open every case of the body; HANDLE (department-bound) opens the department's.
OPENS_EVERY_CASE = frozenset({Duty.REGISTER, Duty.OVERSEE})
# Body-wide duties of those who work on every case of the body (not ADMINISTER, whose role oversees).
WORKS_ON_EVERY_CASE = frozenset({Duty.REGISTER, Duty.REVIEW})
# Who sends a case to a department (分办) or moves it to another (改派).
ASSIGNS = frozenset({Duty.REGISTER, Duty.REVIEW})

# Who may record each action. The handler (承办) of the assigned department works the case; an
# extension needs approval (条例 第三十三条第一款 经政府信息公开工作机构负责人同意) and a reply is
# signed off, so both belong to the reviewer or the office head (Duty.REVIEW).
ACTION_DUTIES: Mapping[Action, Duty] = {
    Action.REQUEST_CORRECTION: Duty.HANDLE,
    Action.RECEIVE_CORRECTION: Duty.HANDLE,
    Action.CORRECTION_LAPSED: Duty.HANDLE,
    Action.ACCEPT: Duty.HANDLE,
    Action.START_CONSULTATION: Duty.HANDLE,
    Action.END_CONSULTATION: Duty.HANDLE,
    Action.REQUEST_FEE: Duty.HANDLE,
    Action.RECEIVE_PAYMENT: Duty.HANDLE,
    Action.PAYMENT_LAPSED: Duty.HANDLE,
    Action.EXTEND: Duty.REVIEW,
    Action.DECIDE: Duty.REVIEW,
    Action.WITHDRAW: Duty.HANDLE,
}


def may_open_case(user: User | AnonymousUser, application: Application) -> bool:
    """Whether ``user`` may open the case: administrators included, personal data masked for them."""
    return _holds_any(user, OPENS_EVERY_CASE, application)


def works_on_case(user: User | AnonymousUser, application: Application) -> bool:
    """Whether ``user`` works on the case: sees personal data, handles attachments and letters.

    The registrars, reviewers and heads of the body and the handlers of the assigned department;
    never an administrator as such.
    """
    return _holds_any(user, WORKS_ON_EVERY_CASE, application)


def may_assign(user: User | AnonymousUser, application: Application) -> bool:
    """The registrar or the reviewer sends a case to a department (`services.assign_department`)."""
    return any(can(user, duty, application.body) for duty in ASSIGNS)


def may_take(user: User | AnonymousUser, action: Action, application: Application) -> bool:
    """Whether ``user``'s roles allow ``action`` on ``application`` (`ACTION_DUTIES`).

    A step needing the handler is nobody's while the case has no department.
    """
    return _holds(user, ACTION_DUTIES[action], application)


def next_steps(user: User | AnonymousUser, application: Application, state: CaseState) -> list[Action]:
    """The steps the case allows now (the core's `open_actions`) that ``user``'s roles allow.

    Date-dependent rules (a correction request within 7 working days, a lapse only after the period
    given) are the core's to check when the step is recorded.
    """
    return [action for action in open_actions(state) if may_take(user, action, application)]


def _holds(user: User | AnonymousUser, duty: Duty, application: Application) -> bool:
    if duty in DEPARTMENT_BOUND:
        department = application.department
        return department is not None and can(user, duty, application.body, department)
    return can(user, duty, application.body)


def _holds_any(user: User | AnonymousUser, body_wide: frozenset[Duty], application: Application) -> bool:
    """A body-wide duty of ``body_wide`` at the case's body, or the handler's at its department."""
    return any(_holds(user, duty, application) for duty in (*sorted(body_wide), Duty.HANDLE))


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
        """The applications the user may open (`may_open_case`), as a filter on Application."""
        return self.cases_where(OPENS_EVERY_CASE)

    def cases_where(self, body_wide: frozenset[Duty]) -> Q:
        """The cases of the bodies where the user holds a duty of ``body_wide``, and of the departments
        they handle, as a filter on Application (may match nothing)."""
        body_ids = self.bodies_with(body_wide)
        department_ids = self.departments_with(Duty.HANDLE)
        if not body_ids and not department_ids:
            return Q(pk__in=[])
        condition = Q()
        if body_ids:
            condition |= Q(body_id__in=sorted(body_ids))
        if department_ids:
            condition |= Q(department_id__in=sorted(department_ids))
        return condition
