"""The whole life of a case through the API, the deadline checked at every step against the core clock.

张三 hands in an application on Sunday 2025-09-28 (a 调休 workday before the National Day holiday);
教育股 asks for a correction, receives it, accepts, consults a third party, gets the answer; the
reviewer extends the deadline and finally replies. At each step the API's clock must be the one
`gongkai.clock.compute_clock` gives for the same events, and the literal dates below (checked by
hand against the 2025 calendar) must hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.clock import (
    ClockEvent,
    ConsultationAnswered,
    ConsultationParty,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    compute_clock,
)
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.workcalendar.queries import work_calendar

from .conftest import Api, Today, registration

RECEIVED = dt.date(2025, 9, 28)


def core_clock(events: list[ClockEvent], today: dt.date) -> dict[str, Any]:
    clock = compute_clock(received_on=RECEIVED, events=events, calendar=work_calendar(), today=today)
    return {
        "status": clock.status.value,
        "due_on": clock.due_on.isoformat() if clock.due_on else None,
        "days_left": clock.days_left,
        "overdue": clock.overdue,
        "limit": clock.limit,
        "steps": list(clock.steps),
    }


def seen(case: dict[str, Any]) -> dict[str, Any]:
    clock = case["clock"]
    return {key: clock[key] for key in ("status", "due_on", "days_left", "overdue", "limit", "steps")}


def test_a_case_from_registration_to_reply(  # noqa: PLR0915  -- one story, told in order
    api: Api, office: Office, alice: User, bob: User, carol: User, today: Today
) -> None:
    events: list[ClockEvent] = []

    def on(day: dt.date) -> str:
        today.date = day
        return day.isoformat()

    def do(user: User, **body: object) -> dict[str, Any]:
        response = api.post(f"/applications/{case_id}/events", body, user)
        assert response.status_code == 200, response.json()
        return dict(response.json())

    # Registered on the day it is handed in: 20 working days, the holiday of 1–8 October left out.
    today.date = RECEIVED
    response = api.post(
        "/applications", registration(office), alice, headers={"Idempotency-Key": "walk-in-1"}
    )
    assert response.status_code == 201
    case = response.json()
    case_id = case["id"]
    assert seen(case) == core_clock(events, RECEIVED)
    assert (case["clock"]["due_on"], case["clock"]["days_left"]) == ("2025-10-31", 20)

    # 第三十条: a correction requested within 7 working days stops the clock until it arrives.
    case = do(
        bob,
        action="request_correction",
        on=on(dt.date(2025, 9, 30)),
        items="请写明学段",
        respond_by="2025-10-14",
    )
    events.append(CorrectionRequested(dt.date(2025, 9, 30)))
    assert case["status"]["code"] == "awaiting_correction"
    assert seen(case) == core_clock(events, dt.date(2025, 9, 30))
    assert case["clock"]["due_on"] is None

    # The corrected application restarts the 20 working days from the day after it arrives.
    case = do(bob, action="receive_correction", on=on(dt.date(2025, 10, 10)))
    events.append(CorrectionReceived(dt.date(2025, 10, 10)))
    assert case["status"]["code"] == "registered"
    assert seen(case) == core_clock(events, dt.date(2025, 10, 10))
    assert case["clock"]["due_on"] == "2025-11-06"

    # Accepting does not move the deadline.
    case = do(bob, action="accept", on=on(dt.date(2025, 10, 13)))
    assert case["status"]["code"] == "in_progress"
    assert seen(case) == core_clock(events, dt.date(2025, 10, 13))
    assert (case["clock"]["due_on"], case["clock"]["days_left"]) == ("2025-11-06", 18)

    # 第三十二条: consulting a third party pauses the clock (第三十三条第二款).
    case = do(bob, action="start_consultation", on=on(dt.date(2025, 10, 14)), party="third_party")
    events.append(ConsultationSent(dt.date(2025, 10, 14), ConsultationParty.THIRD_PARTY))
    assert case["status"]["code"] == "consulting"
    assert seen(case) == core_clock(events, dt.date(2025, 10, 14))
    assert (case["clock"]["due_on"], case["clock"]["days_left"]) == (None, 17)
    assert case["clock"]["consultation_answer_deadline"] == "2025-11-04"

    # The answer comes after 8 working days; they are added to the deadline.
    case = do(bob, action="end_consultation", on=on(dt.date(2025, 10, 24)))
    events.append(ConsultationAnswered(dt.date(2025, 10, 24)))
    assert case["status"]["code"] == "in_progress"
    assert seen(case) == core_clock(events, dt.date(2025, 10, 24))
    assert case["clock"]["due_on"] == "2025-11-18"

    # 第三十三条第一款: the reviewer extends by 15 working days and tells the applicant.
    case = do(carol, action="extend", on=on(dt.date(2025, 10, 27)), working_days=15, notified_on="2025-10-27")
    events.append(ExtensionApproved(dt.date(2025, 10, 27), 15, dt.date(2025, 10, 27)))
    assert seen(case) == core_clock(events, dt.date(2025, 10, 27))
    assert (case["clock"]["due_on"], case["clock"]["limit"]) == ("2025-12-09", 35)
    assert "extend" not in [action["code"] for action in case["allowed_actions"]]

    # Three weeks later the clock still runs: 13 working days left.
    today.date = dt.date(2025, 11, 20)
    read = api.get(f"/applications/{case_id}", carol).json()
    assert seen(read) == core_clock(events, dt.date(2025, 11, 20))
    assert read["clock"]["days_left"] == 13

    # The reply closes the case: no clock, the outcome of Table 3.
    case = do(carol, action="decide", on=on(dt.date(2025, 11, 20)), outcome="granted")
    assert case["status"] == {"code": "decided", "label": "已答复"}
    assert (case["closed_on"], case["clock"], case["allowed_actions"]) == ("2025-11-20", None, [])
    assert case["outcome"] == {"code": "granted", "label": "（一）予以公开"}
    assert [event["action"]["code"] for event in case["events"]] == [
        "request_correction",
        "receive_correction",
        "accept",
        "start_consultation",
        "end_consultation",
        "extend",
        "decide",
    ]
    assert [entry["kind"]["code"] for entry in case["history"]] == ["registered", "assigned"] + ["event"] * 7

    # The projection on the row agrees with the events, and the public view tells the same story.
    application = Application.objects.get(pk=case_id)
    assert (application.status, application.closed_on, application.outcome) == (
        "decided",
        dt.date(2025, 11, 20),
        "granted",
    )
    public = api.get(f"/track/{application.tracking_code}").json()
    assert [step["action"]["code"] for step in public["timeline"]] == [
        e["action"]["code"] for e in case["events"]
    ]
    assert public["status"]["code"] == "decided"

    # A retry of the first registration, long after, still answers with this case (200, its state now).
    again = api.post("/applications", registration(office), alice, headers={"Idempotency-Key": "walk-in-1"})
    assert again.status_code == 200
    assert again.json() == case  # the registrar and the reviewer see a closed case alike
