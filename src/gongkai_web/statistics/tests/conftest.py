"""某县人民政府's cases from late 2024 to early 2026, built through the services, in every state.

Each case is named by a letter in the comments of `county_cases`; the tests count them by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.cases import Action, AppealResult, ApplicantType
from gongkai.fees import FeeMethod
from gongkai_web.accounts.models import User
from gongkai_web.appeals.services import conclude_review, conclude_suit, record_review, record_suit
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event, request_fee
from gongkai_web.personas import Office, walk_in
from gongkai_web.workcalendar.services import import_years_from_package

D = dt.date


@pytest.fixture
def office(office: Office) -> Office:
    import_years_from_package(years=[2020, 2024, 2025, 2026])
    return office


@dataclass
class Desk:
    """Who does what at the county: alice registers, bob handles in 教育股, carol signs off."""

    office: Office
    alice: User
    bob: User
    carol: User

    def receive(self, on: dt.date, applicant: str, **overrides: Any) -> Application:
        return walk_in(
            self.office,
            self.alice,
            applicant_type=ApplicantType(applicant),
            submitted_on=on,
            received_on=on,
            description=f"{on.isoformat()} 收到的申请",
            **overrides,
        )

    def do(self, application: Application, action: Action, on: dt.date, **payload: Any) -> None:
        actor = self.carol if action in (Action.DECIDE, Action.EXTEND) else self.bob
        record_event(application=application, action=action, on=on, actor=actor, **payload)

    def decide(self, application: Application, on: dt.date, outcome: str) -> None:
        self.do(application, Action.DECIDE, on, outcome=outcome, reasons="依照条例答复")


@dataclass
class CountyCases:
    cases: dict[str, Application]


@pytest.fixture
def county_cases(office: Office, alice: User, bob: User, carol: User, dave: User) -> CountyCases:
    desk = Desk(office, alice, bob, carol)
    case: dict[str, Application] = {}
    received_in_2024(desk, case)
    closed_in_2025(desk, case)
    open_at_the_end_of_2025(desk, case)
    another_bodys_case(office, dave, case)
    appeals(carol, case)
    return CountyCases(case)


def received_in_2024(desk: Desk, case: dict[str, Application]) -> None:
    """One closed that year, three carried over into 2025."""
    case["C0"] = c = desk.receive(D(2024, 11, 1), "natural_person")
    desk.decide(c, D(2024, 11, 20), "granted")
    case["A"] = c = desk.receive(D(2024, 12, 20), "commercial")
    desk.do(c, Action.ACCEPT, D(2024, 12, 23))
    desk.decide(c, D(2025, 1, 10), "granted")
    case["B"] = c = desk.receive(D(2024, 12, 25), "research")
    desk.do(c, Action.REQUEST_CORRECTION, D(2024, 12, 26), respond_by=D(2025, 1, 10))
    desk.do(c, Action.CORRECTION_LAPSED, D(2025, 1, 13))
    case["B2"] = c = desk.receive(D(2024, 12, 30), "natural_person")
    desk.do(c, Action.ACCEPT, D(2024, 12, 31))
    desk.decide(c, D(2025, 1, 20), "withheld.process_information")


def closed_in_2025(desk: Desk, case: dict[str, Application]) -> None:
    """Received and closed in 2025, in every result group."""
    case["D"] = c = desk.receive(D(2025, 3, 3), "natural_person")
    desk.do(c, Action.ACCEPT, D(2025, 3, 4))
    desk.decide(c, D(2025, 3, 20), "granted")
    case["E"] = c = desk.receive(D(2025, 4, 7), "commercial")
    desk.do(c, Action.ACCEPT, D(2025, 4, 8))
    desk.decide(c, D(2025, 4, 25), "partially_granted")
    case["F"] = c = desk.receive(D(2025, 5, 6), "research")
    desk.do(c, Action.ACCEPT, D(2025, 5, 7))
    desk.do(c, Action.START_CONSULTATION, D(2025, 5, 8), party="third_party")
    desk.do(c, Action.END_CONSULTATION, D(2025, 5, 20))
    desk.decide(c, D(2025, 5, 30), "withheld.third_party_rights")
    case["G"] = c = desk.receive(D(2025, 6, 3), "social_welfare")
    desk.do(c, Action.ACCEPT, D(2025, 6, 4))
    desk.decide(c, D(2025, 6, 20), "unavailable.not_held")
    case["H"] = c = desk.receive(D(2025, 6, 10), "legal_services")
    desk.decide(c, D(2025, 6, 11), "not_processed.repeated")
    case["I"] = c = desk.receive(D(2025, 7, 1), "other")
    desk.do(c, Action.REQUEST_CORRECTION, D(2025, 7, 2), respond_by=D(2025, 7, 16))
    desk.do(c, Action.CORRECTION_LAPSED, D(2025, 7, 17))
    case["J"] = c = desk.receive(D(2025, 8, 1), "natural_person")
    desk.do(c, Action.ACCEPT, D(2025, 8, 4))
    request_fee(
        application=c,
        method=FeeMethod.PER_VOLUME,
        pages=150,
        on=D(2025, 8, 5),
        actor=desk.bob,
        payment_method="银行转账",
        notice_received_on=D(2025, 8, 6),
    )
    desk.do(c, Action.PAYMENT_LAPSED, D(2025, 9, 10))
    case["K"] = c = desk.receive(D(2025, 9, 1), "commercial")
    desk.do(c, Action.ACCEPT, D(2025, 9, 2))
    desk.do(c, Action.WITHDRAW, D(2025, 9, 10))
    case["V"] = c = desk.receive(D(2025, 10, 9), "natural_person")
    desk.do(c, Action.ACCEPT, D(2025, 10, 10))
    desk.decide(c, D(2025, 10, 20), "withheld.state_secret")


def open_at_the_end_of_2025(desk: Desk, case: dict[str, Application]) -> None:
    """Received in 2025 and still open on 31 December; and one received in 2026."""
    case["L"] = c = desk.receive(D(2025, 11, 20), "natural_person")
    desk.do(c, Action.ACCEPT, D(2025, 11, 21))
    desk.do(c, Action.EXTEND, D(2025, 12, 17), working_days=20, notified_on=D(2025, 12, 17))
    desk.decide(c, D(2026, 1, 15), "granted")
    case["M"] = c = desk.receive(D(2025, 12, 1), "commercial")
    desk.do(c, Action.ACCEPT, D(2025, 12, 2))
    desk.do(c, Action.START_CONSULTATION, D(2025, 12, 10), party="co_agency")
    case["N"] = desk.receive(D(2025, 12, 30), "natural_person")

    case["P"] = c = desk.receive(D(2026, 1, 5), "natural_person")
    desk.decide(c, D(2026, 1, 6), "granted")


def another_bodys_case(office: Office, dave: User, case: dict[str, Application]) -> None:
    """The finance bureau's case, decided in 2025 and sued over."""
    case["O"] = c = walk_in(
        office,
        dave,
        body=office.finance_bureau,
        department=None,
        submitted_on=D(2025, 3, 10),
        received_on=D(2025, 3, 10),
    )
    record_event(application=c, action=Action.DECIDE, on=D(2025, 3, 20), actor=dave, outcome="granted")
    record_suit(
        application=c, court="某县人民法院", case_number="（2025）某0101行初1号", filed_on=D(2025, 4, 1),
        after_review=None, actor=dave,
    )  # fmt: skip


def appeals(carol: User, case: dict[str, Application]) -> None:
    """The county's reviews and suits, on cases C0, D, E and F."""
    r0 = record_review(
        application=case["C0"],
        authority="某市人民政府",
        case_number="某府复〔2024〕30号",
        filed_on=D(2024, 12, 15),
        actor=carol,
    )
    conclude_review(review=r0, result=AppealResult("corrected"), concluded_on=D(2025, 2, 10), actor=carol)
    r1 = record_review(
        application=case["D"],
        authority="某市人民政府",
        case_number="某府复〔2025〕8号",
        filed_on=D(2025, 4, 1),
        actor=carol,
    )
    conclude_review(review=r1, result=AppealResult("upheld"), concluded_on=D(2025, 6, 1), actor=carol)
    record_review(
        application=case["E"],
        authority="某市人民政府",
        case_number="某府复〔2025〕11号",
        filed_on=D(2025, 5, 10),
        actor=carol,
    )
    s1 = record_suit(
        application=case["F"], court="某县人民法院", case_number="（2025）某0101行初7号", filed_on=D(2025, 6, 15),
        after_review=None, actor=carol,
    )  # fmt: skip
    conclude_suit(suit=s1, result=AppealResult("corrected"), concluded_on=D(2026, 2, 1), actor=carol)
    s2 = record_suit(
        application=case["D"], court="某市中级人民法院", case_number="（2025）某01行初9号", filed_on=D(2025, 6, 10),
        after_review=r1, actor=carol,
    )  # fmt: skip
    conclude_suit(suit=s2, result=AppealResult("other"), concluded_on=D(2025, 11, 3), actor=carol)
