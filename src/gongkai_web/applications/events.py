"""What a stored event's payload holds for each action, and the core events it stands for.

A payload is checked when the event is recorded (`clean_payload`) and read back into the core's
types when the case is replayed (`case_event`) or its clock computed (`clock_event`), so the
JSON column never leaks past this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from gongkai.cases import Action, Decision, Event, Outcome
from gongkai.clock import (
    ClockEvent,
    ConsultationAnswered,
    ConsultationParty,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
)
from gongkai.formats import Article

# The keys each action's payload holds; True marks a required key.
PAYLOAD_KEYS: Mapping[Action, Mapping[str, bool]] = {
    Action.REQUEST_CORRECTION: {},
    Action.RECEIVE_CORRECTION: {},
    Action.CORRECTION_LAPSED: {},
    Action.ACCEPT: {},
    Action.START_CONSULTATION: {"party": True},
    Action.END_CONSULTATION: {},
    Action.REQUEST_FEE: {"notice_received_on": False},
    Action.RECEIVE_PAYMENT: {},
    Action.PAYMENT_LAPSED: {},
    Action.EXTEND: {"working_days": True, "notified_on": True},
    Action.DECIDE: {"outcome": True, "reasons": False, "articles": False},
    Action.WITHDRAW: {},
}


def clean_payload(action: Action, on: dt.date, given: Mapping[str, object]) -> dict[str, Any]:
    """The JSON to store for ``action`` from the service's keyword arguments; ValidationError if wrong."""
    keys = PAYLOAD_KEYS[action]
    unknown = sorted(set(given) - set(keys))
    if unknown:
        raise ValidationError(
            f"“{action.label}”不接受这些详情：{'、'.join(unknown)}；可填写：{'、'.join(keys) or '无'}",
            code="payload_unknown_key",
        )
    missing = [key for key, required in keys.items() if required and given.get(key) is None]
    if missing:
        raise ValidationError(f"“{action.label}”缺少详情：{'、'.join(missing)}", code="payload_missing_key")
    match action:
        case Action.EXTEND:
            days = given["working_days"]
            if not isinstance(days, int) or isinstance(days, bool):
                raise ValidationError(f"延期天数应为整数，实际为 {days!r}", code="payload_invalid")
            return {
                "working_days": days,
                "notified_on": _date(given["notified_on"], "notified_on").isoformat(),
            }
        case Action.START_CONSULTATION:
            try:
                party = ConsultationParty(given["party"])
            except ValueError:
                choices = "、".join(party.value for party in ConsultationParty)
                raise ValidationError(
                    f"征求意见对象应为 {choices} 之一，实际为 {given['party']!r}", code="payload_invalid"
                ) from None
            return {"party": party.value}
        case Action.REQUEST_FEE:
            received = given.get("notice_received_on")
            if received is None:
                return {}
            return {"notice_received_on": _date(received, "notice_received_on").isoformat()}
        case Action.DECIDE:
            decision = _decision(on, given)
            return {
                "outcome": decision.outcome.id,
                "reasons": decision.reasons,
                "articles": [{"instrument": a.instrument, "text": a.text} for a in decision.articles],
            }
        case _:
            return {}


def case_event(action: Action, on: dt.date, payload: Mapping[str, Any]) -> Event:
    """The core workflow event of a stored event."""
    if action is Action.DECIDE:
        articles = tuple(Article(text=a["text"], instrument=a["instrument"]) for a in payload["articles"])
        decision = Decision(Outcome(payload["outcome"]), on, payload["reasons"], articles)
        return Event(action, on, decision)
    return Event(action, on)


def clock_event(action: Action, on: dt.date, payload: Mapping[str, Any]) -> ClockEvent | None:
    """The core clock event of a stored event; None for an action that does not move the deadline."""
    match action:
        case Action.REQUEST_CORRECTION:
            return CorrectionRequested(on)
        case Action.RECEIVE_CORRECTION:
            return CorrectionReceived(on)
        case Action.EXTEND:
            notified_on = dt.date.fromisoformat(payload["notified_on"])
            return ExtensionApproved(on, payload["working_days"], notified_on)
        case Action.START_CONSULTATION:
            return ConsultationSent(on, ConsultationParty(payload["party"]))
        case Action.END_CONSULTATION:
            return ConsultationAnswered(on)
        case Action.REQUEST_FEE:
            received = payload.get("notice_received_on")
            return FeeNoticeSent(on, dt.date.fromisoformat(received) if received else None)
        case Action.RECEIVE_PAYMENT:
            return FeePaid(on)
        case (
            Action.CORRECTION_LAPSED | Action.ACCEPT | Action.PAYMENT_LAPSED | Action.DECIDE | Action.WITHDRAW
        ):
            return None
    raise AssertionError(action)


def _date(value: object, key: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValidationError(f"{key} 应为日期，实际为 {value!r}", code="payload_invalid")


def _decision(on: dt.date, given: Mapping[str, object]) -> Decision:
    """Raises the core's DecisionError for an unknown outcome, missing reasons or a wrong basis."""
    outcome_id, reasons, articles = given["outcome"], given.get("reasons", ""), given.get("articles", ())
    if not isinstance(outcome_id, str) or not isinstance(reasons, str):
        raise ValidationError(
            f"办理结果与理由应为文本，实际为 {outcome_id!r}、{reasons!r}", code="payload_invalid"
        )
    if not isinstance(articles, tuple | list) or not all(isinstance(a, Article) for a in articles):
        raise ValidationError(
            f"法律依据应为条款（Article）的序列，实际为 {articles!r}", code="payload_invalid"
        )
    return Decision(Outcome(outcome_id), on, reasons, tuple(articles))
