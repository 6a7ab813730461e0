"""Reads about reviews and suits: a body's, an application's, and the records section 四 counts."""

from __future__ import annotations

from gongkai.cases import AppealRecord, Status
from gongkai_web.appeals.models import Review, Suit
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Body

# The statuses of a case whose closing act can be challenged: a reply, or the notice that the
# application is treated as abandoned (逾期不补正, 逾期未缴费). A withdrawn case has no such act.
APPEALABLE = frozenset({Status.DECIDED, Status.LAPSED})


def is_appealable(application: Application) -> bool:
    """Whether a review or suit may be recorded on the application (`services` enforces it)."""
    return application.case_status in APPEALABLE


def appeals_of_body(body: Body) -> tuple[list[Review], list[Suit]]:
    """The body's reviews and suits, latest filed first, with the application each arose from."""
    reviews = Review.objects.filter(application__body=body).select_related("application")
    suits = Suit.objects.filter(application__body=body).select_related("application", "after_review")
    return list(reviews), list(suits)


def appeals_of_application(application: Application) -> tuple[list[Review], list[Suit]]:
    reviews = Review.objects.filter(application=application)
    suits = Suit.objects.filter(application=application).select_related("after_review")
    return list(reviews), list(suits)


def appeal_records(*, body: Body) -> list[AppealRecord]:
    """Every review and suit against ``body`` as the core counts them (`gongkai.cases.table4`).

    All of them: a body has tens a year, and which year each counts in is the core's rule alone.
    """
    fields = ("filed_on", "concluded_on", "result")
    reviews = Review.objects.filter(application__body=body).only(*fields)
    suits = Suit.objects.filter(application__body=body).only(*fields, "after_review_id")
    return [review.record() for review in reviews] + [suit.record() for suit in suits]
