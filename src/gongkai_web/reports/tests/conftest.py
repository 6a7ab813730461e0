"""某县人民政府's year 2025 in cases, and the texts of a report on it.

`year_of_cases` registers applications through the services across 2025 (and a few from late
2024 carried over), decides most with a mix of outcomes and leaves some open on 31 December; one
decision is taken to 行政复议 and upheld. Tests count the cases by their own fields.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gongkai.cases import Action, AppealResult, ApplicantType
from gongkai_web.accounts.models import User
from gongkai_web.appeals.services import conclude_review, record_review
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in
from gongkai_web.workcalendar.services import import_years_from_package

YEAR = 2025
OUTCOMES = (
    "granted",
    "granted",
    "granted",
    "partially_granted",
    "withheld.third_party_rights",
    "unavailable.not_held",
    "not_processed.repeated",
)
APPLICANTS = (
    "natural_person",
    "natural_person",
    "natural_person",
    "commercial",
    "legal_services",
    "research",
)

OVERVIEW = (
    "2025年，本府认真贯彻《中华人民共和国政府信息公开条例》，全年新收政府信息公开申请"
    "{{applications.new_received.total}}件，上年结转{{applications.carried_over.total}}件。"
    "主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作有序推进。"
)
PROBLEMS = "本年度依申请公开答复文书格式不够统一。下一步将制定答复文书范本，并组织承办人员培训。"
OTHER = "本年度发出信息处理费收费通知{{fees.notices}}件，实际收取信息处理费{{fees.collected_yuan}}元。"


@pytest.fixture
def office(office: Office) -> Office:
    import_years_from_package(years=[2024, 2025, 2026])
    return office


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def year_of_cases(office: Office, alice: User, carol: User, bob: User) -> list[Application]:
    rng = random.Random(2025)
    cases: list[Application] = []
    for index in range(3):  # received late in 2024, decided in 2025: 上年结转
        received = _weekday(dt.date(2024, 12, 22 + index * 2))
        case = walk_in(
            office,
            alice,
            submitted_on=received,
            received_on=received,
            applicant_type=ApplicantType("natural_person"),
        )
        record_event(
            application=case,
            action=Action.DECIDE,
            on=_weekday(dt.date(2025, 1, 6 + index)),
            actor=carol,
            outcome="granted",
        )
        cases.append(case)
    for index in range(24):
        received = _weekday(dt.date(YEAR, 1 + index // 2, 3 + (index % 2) * 12))
        applicant = ApplicantType(rng.choice(APPLICANTS))
        case = walk_in(office, alice, submitted_on=received, received_on=received, applicant_type=applicant)
        cases.append(case)
        if received.month == 12:
            continue  # still open on 31 December: 结转下年度继续办理
        outcome = rng.choice(OUTCOMES)
        reasons = {} if outcome == "granted" else {"reasons": "依照条例第三十六条答复"}
        record_event(
            application=case,
            action=Action.DECIDE,
            on=received + dt.timedelta(days=7),
            actor=carol,
            outcome=outcome,
            **reasons,
        )
    review = record_review(
        application=cases[3],
        authority="某市人民政府",
        case_number="某府复〔2025〕3号",
        filed_on=dt.date(2025, 3, 3),
        actor=carol,
    )
    conclude_review(
        review=review, result=AppealResult("upheld"), concluded_on=dt.date(2025, 5, 6), actor=carol
    )
    return cases
