"""Reads for the office: the queue, a case's deadline and next steps, the fee preview, the digest.

The queue filters, sorts and pages in SQL on the projection columns of the application row
(`status`, `attention_on`, `department`, `body`); only the rows of the page shown get their
working days left, counted on a calendar loaded once per request (`Horizon`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils.functional import cached_property

from gongkai.cases import Status
from gongkai.clock import ClockState
from gongkai.fees import FeeMethod, FeeNotice
from gongkai.privacy import mask_text
from gongkai.workdays import WorkCalendar
from gongkai_web.applications.access import OPENS_EVERY_CASE, Scope
from gongkai_web.applications.events import fee_notice
from gongkai_web.applications.models import OPEN_STATUSES, Application, ApplicationEvent
from gongkai_web.applications.queries import case_clock
from gongkai_web.applications.services import ordinal_in_month
from gongkai_web.bodies.models import Body, Department
from gongkai_web.bodies.permissions import Duty

# Policy, not statute: the queue and the daily digest warn of a date this many working days ahead.
DUE_SOON_WORKING_DAYS = 5
QUEUE_PAGE_SIZE = 50
# Who is sent the daily digest of due cases: those who act on them. A handler hears of the
# department's cases (HANDLE), a reviewer or head, who approves extensions and replies, of the body's.
DIGEST_BODY_WIDE = frozenset({Duty.REVIEW})
# Counting every closed case of a body exactly (a million rows) costs more than the page itself;
# beyond this many the queue says "more than" and asks for a narrower filter.
QUEUE_COUNT_CAP = 10_000
EXCERPT_LENGTH = 40

# What `attention_on` (the projection's next date, `projection.project`) stands for in each open status.
ATTENTION_LABELS: dict[Status, str] = {
    Status.REGISTERED: "答复期限",
    Status.IN_PROGRESS: "答复期限",
    Status.AWAITING_CORRECTION: "补正期限",
    Status.CONSULTING: "征求意见答复期限",
    Status.AWAITING_PAYMENT: "缴费期限",
}


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"
    NO_DATE = "no_date"

    @property
    def label(self) -> str:
        return _URGENCY_LABELS[self]


_URGENCY_LABELS = {
    Urgency.OVERDUE: "逾期",
    Urgency.DUE_SOON: "即将到期",
    Urgency.ON_TIME: "",
    Urgency.NO_DATE: "",
}


@dataclass(frozen=True)
class Horizon:
    """Today and the calendar: which dates are overdue and which due soon, in Python and in SQL."""

    today: dt.date
    calendar: WorkCalendar
    due_soon_before: dt.date  # the first date more than DUE_SOON_WORKING_DAYS working days away

    @classmethod
    def of(cls, today: dt.date, calendar: WorkCalendar) -> Horizon:
        return cls(today, calendar, calendar.add_working_days(today, DUE_SOON_WORKING_DAYS + 1).date)

    def urgency(self, attention_on: dt.date | None) -> Urgency:
        if attention_on is None:
            return Urgency.NO_DATE
        if attention_on < self.today:
            return Urgency.OVERDUE
        if attention_on < self.due_soon_before:
            return Urgency.DUE_SOON
        return Urgency.ON_TIME

    def overdue(self) -> Q:
        return Q(status__in=OPEN_STATUSES, attention_on__lt=self.today)

    def due_soon(self) -> Q:
        return Q(
            status__in=OPEN_STATUSES, attention_on__gte=self.today, attention_on__lt=self.due_soon_before
        )

    def of_urgency(self, urgency: Urgency) -> Q:
        match urgency:
            case Urgency.OVERDUE:
                return self.overdue()
            case Urgency.DUE_SOON:
                return self.due_soon()
            case Urgency.ON_TIME:
                return Q(status__in=OPEN_STATUSES, attention_on__gte=self.due_soon_before)
            case Urgency.NO_DATE:
                return Q(status__in=OPEN_STATUSES, attention_on__isnull=True)
        raise AssertionError(urgency)


class Openness(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


@dataclass(frozen=True)
class QueueFilters:
    state: Openness = Openness.OPEN
    status: Status | None = None
    body_id: int | None = None
    department_id: int | None = None
    urgency: Urgency | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    search: str = ""


def queue(scope: Scope, filters: QueueFilters, horizon: Horizon) -> QuerySet[Application]:
    """The cases ``scope`` sees that match ``filters``: open ones first, by their next date."""
    cases = Application.objects.filter(scope.cases()).select_related("body", "department")
    match filters.state:
        case Openness.OPEN:
            cases = cases.filter(status__in=OPEN_STATUSES)
        case Openness.CLOSED:
            cases = cases.exclude(status__in=OPEN_STATUSES)
        case Openness.ALL:
            pass
    if filters.status is not None:
        cases = cases.filter(status=filters.status.value)
    if filters.body_id is not None:
        cases = cases.filter(body_id=filters.body_id)
    if filters.department_id is not None:
        cases = cases.filter(department_id=filters.department_id)
    if filters.urgency is not None:
        cases = cases.filter(horizon.of_urgency(filters.urgency))
    if filters.received_from is not None:
        cases = cases.filter(received_on__gte=filters.received_from)
    if filters.received_to is not None:
        cases = cases.filter(received_on__lte=filters.received_to)
    search = filters.search.strip()
    if search:
        cases = cases.filter(
            Q(applicant_name__icontains=search) | Q(tracking_code=search) | Q(description__icontains=search)
        )
    if filters.state is Openness.OPEN:
        return cases.order_by(F("attention_on").asc(nulls_last=True), "id")
    # Open cases (no closing date) first by their next date, then the most recently closed.
    return cases.order_by(
        F("closed_on").desc(nulls_first=True), F("attention_on").asc(nulls_last=True), "-id"
    )


class QueuePaginator(Paginator[Application]):
    """Pages of the queue; its count stops at ``cap`` + 1 (one cheap, unordered, limited count)."""

    cap = QUEUE_COUNT_CAP

    @cached_property
    def count(self) -> int:
        cases = self.object_list
        assert isinstance(cases, QuerySet)
        return cases.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


@dataclass(frozen=True)
class QueueSummary:
    open: int
    overdue: int
    due_soon: int


def queue_summary(scope: Scope, horizon: Horizon) -> QueueSummary:
    """Counts over every open case ``scope`` sees, whatever the filters (one query)."""
    counts = Application.objects.filter(scope.cases(), status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=horizon.overdue()),
        due_soon=Count("pk", filter=horizon.due_soon()),
    )
    return QueueSummary(open=counts["open"], overdue=counts["overdue"], due_soon=counts["due_soon"])


@dataclass(frozen=True)
class QueueRow:
    application: Application
    urgency: Urgency
    days_left: int | None  # working days from today to the next date; negative when overdue
    provisional: bool  # the date or the count rests on a year without holiday data (暂定)
    attention_label: str
    excerpt: str
    days_text: str  # e.g. 剩余 3 个工作日, 今日到期, 已逾期 2 个工作日

    @property
    def status_label(self) -> str:
        return self.application.case_status.label


def queue_rows(applications: Iterable[Application], horizon: Horizon) -> list[QueueRow]:
    """The page's rows with their live working days left (nothing else is queried)."""
    rows = []
    for application in applications:
        attention = application.attention_on
        days_left, provisional = None, application.deadline_provisional
        if attention is not None:
            count = horizon.calendar.working_days_between(horizon.today, attention)
            days_left, provisional = count.days, provisional or count.provisional
        status = application.case_status
        rows.append(
            QueueRow(
                application=application,
                urgency=horizon.urgency(attention),
                days_left=days_left,
                provisional=provisional,
                attention_label=ATTENTION_LABELS.get(status, ""),
                excerpt=excerpt(application.description),
                days_text=_days_text(attention, days_left, horizon.today),
            )
        )
    return rows


def _days_text(attention_on: dt.date | None, days_left: int | None, today: dt.date) -> str:
    if attention_on is None or days_left is None:
        return "无期限"
    if attention_on < today:
        return f"已逾期 {-days_left} 个工作日" if days_left < 0 else "已逾期"
    if attention_on == today:
        return "今日到期"
    return f"剩余 {days_left} 个工作日"


def excerpt(description: str) -> str:
    """The start of what is asked for, with any long number or address in it masked (lists)."""
    text = " ".join(description.split())
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH] + "…"
    return mask_text(text)


def visible_bodies(scope: Scope) -> QuerySet[Body]:
    return Body.objects.filter(pk__in=sorted(scope.member_of)).order_by("name")


def visible_departments(scope: Scope) -> QuerySet[Department]:
    """Departments whose cases the user sees: every one of a body seen whole, and their own."""
    return (
        Department.objects.filter(
            Q(body_id__in=sorted(scope.bodies_with(OPENS_EVERY_CASE)))
            | Q(pk__in=sorted(scope.departments_with(Duty.HANDLE)))
        )
        .select_related("body")
        .order_by("body__name", "name")
    )


def case_deadline(
    application: Application, events: Sequence[ApplicationEvent], calendar: WorkCalendar, today: dt.date
) -> ClockState:
    """The reply clock with its explanation, as of today (open case) or of its closing (closed case)."""
    return case_clock(application, today=application.closed_on or today, events=events, calendar=calendar)


def latest_event(application: Application) -> ApplicationEvent | None:
    return ApplicationEvent.objects.filter(application=application).order_by("-id").first()


def fee_preview(
    application: Application, *, method: FeeMethod, pages: int | None, payment_method: str
) -> FeeNotice:
    """The notice `services.request_fee` would send, without sending it; raises FeeInputError."""
    units = ordinal_in_month(application) if method is FeeMethod.PER_PIECE else pages
    return fee_notice({"method": method.value, "units": units, "payment_method": payment_method})


def digest_cases(scope: Scope, horizon: Horizon) -> list[Application]:
    """The open cases ``scope`` acts on that are overdue or due soon, by their next date."""
    return list(
        Application.objects.filter(scope.cases_where(DIGEST_BODY_WIDE))
        .filter(horizon.overdue() | horizon.due_soon())
        .select_related("body", "department")
        .order_by("attention_on", "id")
    )
