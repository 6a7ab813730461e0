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

from gongkai.cases import Action, Decision, Event, Outcome, outcome_of_items
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
from gongkai.fees import FeeAssessment, FeeInputError, FeeMethod, FeeNotice, assess
from gongkai.formats import Article

# The keys each action's payload holds; True marks a required key.
PAYLOAD_KEYS: Mapping[Action, Mapping[str, bool]] = {
    Action.REQUEST_CORRECTION: {"respond_by": False, "items": False},
    Action.RECEIVE_CORRECTION: {},
    Action.CORRECTION_LAPSED: {},
    Action.ACCEPT: {},
    Action.START_CONSULTATION: {"party": True},
    Action.END_CONSULTATION: {},
    Action.REQUEST_FEE: {"method": True, "units": True, "payment_method": True, "notice_received_on": False},
    Action.RECEIVE_PAYMENT: {},
    Action.PAYMENT_LAPSED: {},
    Action.EXTEND: {"working_days": True, "notified_on": True},
    Action.DECIDE: {"outcome": True, "reasons": False, "articles": False, "items": False},
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
        case Action.REQUEST_CORRECTION:
            return _correction_request(on, given)
        case Action.REQUEST_FEE:
            return _fee_request(on, given)
        case Action.DECIDE:
            decision = _decision(on, given)
            details: dict[str, Any] = {
                "outcome": decision.outcome.id,
                "reasons": decision.reasons,
                "articles": [{"instrument": a.instrument, "text": a.text} for a in decision.articles],
            }
            items = _items(decision.outcome, given.get("items"))
            if items:
                details["items"] = items
            return details
        case (
            Action.RECEIVE_CORRECTION
            | Action.CORRECTION_LAPSED
            | Action.ACCEPT
            | Action.END_CONSULTATION
            | Action.RECEIVE_PAYMENT
            | Action.PAYMENT_LAPSED
            | Action.WITHDRAW
        ):
            return {}
    raise AssertionError(action)


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


def describe(action: Action, on: dt.date, payload: Mapping[str, Any]) -> str:
    """One line for the case history, e.g. ``2025-10-10 作出答复：（三）不予公开 4.保护第三方合法权益``."""
    text = f"{on.isoformat()} {action.label}"
    match action:
        case Action.DECIDE:
            return f"{text}：{Outcome(payload['outcome']).label}"
        case Action.EXTEND:
            return f"{text} {payload['working_days']} 个工作日（{payload['notified_on']} 告知申请人）"
        case Action.START_CONSULTATION:
            return f"{text}：{ConsultationParty(payload['party']).label}"
        case Action.REQUEST_FEE:
            return f"{text}：{FeeMethod(payload['method']).label} {payload['amount']} 元"
        case Action.REQUEST_CORRECTION if payload.get("respond_by"):
            return f"{text}（补正期限 {payload['respond_by']}）"
    return text


def fee_notice(payload: Mapping[str, Any]) -> FeeNotice:
    """The fee notice a stored REQUEST_FEE payload stands for (what the letter prints)."""
    assessment = _assessment(FeeMethod(payload["method"]), payload["units"])
    return FeeNotice.from_assessment(assessment, payment_method=payload["payment_method"])


def _correction_request(on: dt.date, given: Mapping[str, object]) -> dict[str, Any]:
    """条例 第三十条: what to correct (``items``) and the reasonable period given (``respond_by``)."""
    details: dict[str, Any] = {}
    respond_by = given.get("respond_by")
    if respond_by is not None:
        respond_by = _date(respond_by, "respond_by")
        if respond_by <= on:
            raise ValidationError(
                f"补正期限 {respond_by.isoformat()} 应晚于告知补正的日期 {on.isoformat()}",
                code="payload_invalid",
            )
        details["respond_by"] = respond_by.isoformat()
    items = given.get("items")
    if items is not None:
        if not isinstance(items, str):
            raise ValidationError(f"需要补正的事项应为文本，实际为 {items!r}", code="payload_invalid")
        details["items"] = items.strip()
    return details


def _fee_request(on: dt.date, given: Mapping[str, object]) -> dict[str, Any]:
    """The fee is priced here by the core tariff from the method and units; it is never typed in."""
    try:
        method = FeeMethod(given["method"])
    except ValueError:
        choices = "、".join(method.value for method in FeeMethod)
        raise ValidationError(
            f"收费方式应为 {choices} 之一，实际为 {given['method']!r}", code="payload_invalid"
        ) from None
    units, payment_method = given["units"], given["payment_method"]
    if not isinstance(units, int) or isinstance(units, bool):
        raise ValidationError(f"件数或页数应为整数，实际为 {units!r}", code="payload_invalid")
    if not isinstance(payment_method, str):
        raise ValidationError(f"缴纳方式应为文本，实际为 {payment_method!r}", code="payload_invalid")
    try:
        notice = FeeNotice.from_assessment(_assessment(method, units), payment_method=payment_method)
    except FeeInputError as error:
        raise ValidationError(error.message, code=error.code) from error
    details: dict[str, Any] = {
        "method": method.value,
        "units": units,
        "amount": str(notice.amount),
        "payment_method": notice.payment_method,
    }
    received = given.get("notice_received_on")
    if received is not None:
        details["notice_received_on"] = _date(received, "notice_received_on").isoformat()
    return details


def _assessment(method: FeeMethod, units: int) -> FeeAssessment:
    if method is FeeMethod.PER_PIECE:
        return assess(method, ordinal_in_month=units)
    return assess(method, pages=units)


def _date(value: object, key: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValidationError(f"{key} 应为日期，实际为 {value!r}", code="payload_invalid")


def _items(outcome: Outcome, given: object) -> list[str]:
    """The outcomes of the application's items when they were handled differently (区分处理).

    The application still counts once, under the one outcome `outcome_of_items` derives (部分公开
    wins, as the format's row label says); the items are kept so the reply can say what became of
    each. The decision's outcome must be that derived one.
    """
    if given is None:
        return []
    if not isinstance(given, list | tuple) or not all(isinstance(item, str) for item in given):
        raise ValidationError(f"各事项的办理结果应为结果代码的列表，实际为 {given!r}", code="payload_invalid")
    derived = outcome_of_items(Outcome(item) for item in given)
    if derived != outcome:
        raise ValidationError(
            f"各事项的办理结果合为一件申请应计为“{derived.label}”，与所选办理结果“{outcome.label}”不一致",
            code="outcome_items_mismatch",
        )
    return [Outcome(item).id for item in given]


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
