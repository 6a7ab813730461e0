"""A demo body with departments, officers and cases in every state, built through the services.

Everything goes through the same services the pages and the API call, so the demo cannot hold a
case the rules would refuse. Dates are relative to ``today``: a year of closed cases for the
statistics, and this season's cases open, due soon, overdue, waiting for a correction, a
consultation or a fee, and closed in every way the report counts.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from gongkai.cases import OUTCOMES, Action, ApplicantType, Outcome
from gongkai.fees import FeeMethod
from gongkai.workdays import WorkCalendar
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, Channel, Delivery, Medium, ReceiptBasis
from gongkai_web.applications.services import record_event, register_application, request_fee
from gongkai_web.bodies.models import Body, BodyKind, Department, Role
from gongkai_web.bodies.services import add_member, create_body, create_department
from gongkai_web.catalogue.demo import add_demo_catalogue
from gongkai_web.messages.demo import add_demo_messages
from gongkai_web.oversight.demo import load_oversight
from gongkai_web.proposals.demo import load_proposals
from gongkai_web.registers.demo import load_registers
from gongkai_web.reports.demo import load_report_draft
from gongkai_web.workcalendar.queries import work_calendar

DEMO_PASSWORD = "gongkai-demo-2026"
BODY_NAME = "演示县人民政府办公室"

# Who works in the demo office: username, display name, role, department (for handlers).
OFFICERS: tuple[tuple[str, str, Role, str | None], ...] = (
    ("dengji", "李登记", Role.REGISTRAR, None),
    ("chengban", "王承办", Role.HANDLER, "教育科"),
    ("chengban2", "赵承办", Role.HANDLER, "自然资源科"),
    ("shenhe", "陈审核", Role.REVIEWER, None),
    ("fuzeren", "周主任", Role.HEAD, None),
    ("guanli", "吴管理", Role.ADMIN, None),
)
DEPARTMENTS = ("教育科", "自然资源科", "综合科")

REQUESTS = (
    "2025年本县义务教育阶段学校划片招生范围及依据",
    "城东片区旧城改造项目的征收补偿安置方案",
    "本县2025年度财政预算执行情况报告",
    "某镇某村集体土地征收的批准文件及“一书四方案”",
    "县人民医院新建住院楼项目的环境影响评价审批文件",
    "2024年本县中小学校舍安全排查整改清单",
    "县城区公共停车场收费标准的制定依据",
    "本县2025年城乡低保资金发放明细（不含个人信息）",
    "某路段道路拓宽工程的规划许可证及附图",
    "县政府2025年第十次常务会议纪要中有关学校撤并的内容",
    "本县河道采砂许可的审批结果",
    "2025年度政府集中采购目录及限额标准",
)
REASONS = {
    "partially_granted": "所申请信息中涉及第三方个人信息的部分不予公开，其余部分予以公开。",
    "withheld": "所申请信息经审查属于法定不予公开的范围，具体依据见下。",
    "unavailable": "经检索，本机关未制作或获取该政府信息。",
    "not_processed": "所提申请不属于政府信息公开申请的处理范围。",
}
APPLICANTS = (
    ("natural_person", "张伟", "110101199003077578", "13812345678"),
    ("natural_person", "刘芳", "11010519880514002X", "13698765432"),
    ("commercial", "某某建设工程有限公司", "91110108MA01ABCD1X", "010-65551234"),
    ("legal_services", "某某律师事务所", "31110000MD0123456X", "zhang@lawfirm.example.cn"),
    ("research", "某某大学公共管理学院", "12100000400000123X", "research@univ.example.cn"),
    ("social_welfare", "某某公益基金会", "53100000MJ0000001X", "010-88886666"),
    ("other", "某某村村民委员会", "54110000C00000001X", "13900001111"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    department: str | None


@dataclass(frozen=True)
class Demo:
    body: Body
    logins: tuple[DemoLogin, ...]
    applications: int


@transaction.atomic
def load_demo(*, today: dt.date, seed: int = 2026) -> Demo:
    """Create the demo office and its cases as of ``today``; refuses to run twice in one database."""
    if Body.objects.filter(name=BODY_NAME).exists():
        raise ValueError(f"演示数据已存在（{BODY_NAME}），请使用新的数据库")
    body = create_body(name=BODY_NAME, kind=BodyKind.PEOPLES_GOVERNMENT)
    departments = {name: create_department(body=body, name=name) for name in DEPARTMENTS}
    people: dict[Role, User] = {}
    handlers: dict[str, User] = {}
    logins = []
    for username, name, role, department in OFFICERS:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            last_name=name,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        add_member(
            body=body, user=user, role=role, department=departments[department] if department else None
        )
        people.setdefault(role, user)
        if department:
            handlers[department] = user
        logins.append(DemoLogin(username, name, Role(role).label, department))
    builder = _Builder(body, departments, handlers, people, work_calendar(), random.Random(seed))
    count = builder.last_year(today) + builder.this_season(today)
    load_registers(body=body, actor=people[Role.REGISTRAR], today=today)
    load_report_draft(body=body, actor=people[Role.REGISTRAR], today=today)
    add_demo_catalogue(body=body, today=today)
    count += add_demo_messages(body=body, today=today)
    load_proposals(body=body, departments=departments, actor=people[Role.REGISTRAR], today=today)
    supervisor = load_oversight(today=today, password=DEMO_PASSWORD)
    logins.append(DemoLogin(supervisor.username, supervisor.name, supervisor.role, None))
    return Demo(body=body, logins=tuple(logins), applications=count)


class _Builder:
    def __init__(
        self,
        body: Body,
        departments: dict[str, Department],
        handlers: dict[str, User],
        people: dict[Role, User],
        calendar: WorkCalendar,
        rng: random.Random,
    ) -> None:
        self.body = body
        self.departments = departments
        self.handlers = handlers
        self.registrar = people[Role.REGISTRAR]
        self.reviewer = people[Role.REVIEWER]
        self.calendar = calendar
        self.rng = rng
        self.serial = 0

    def working_day(self, start: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(start, n).date

    def register(self, received_on: dt.date, department: str = "教育科") -> tuple[Application, User]:
        self.serial += 1
        applicant_type, name, identity, contact = APPLICANTS[self.serial % len(APPLICANTS)]
        channel = (Channel.ONLINE, Channel.LETTER, Channel.IN_PERSON, Channel.EMAIL)[self.serial % 4]
        basis = {
            Channel.ONLINE: ReceiptBasis.CONFIRMED_BY_BOTH,
            Channel.LETTER: ReceiptBasis.SIGNED_FOR,
            Channel.IN_PERSON: ReceiptBasis.HANDED_IN,
            Channel.EMAIL: ReceiptBasis.CONFIRMED_BY_BOTH,
        }[channel]
        application = register_application(
            body=self.body,
            applicant_type=ApplicantType(applicant_type),
            applicant_name=name,
            identity_document=identity,
            contact=contact,
            description=REQUESTS[self.serial % len(REQUESTS)],
            medium=Medium.ELECTRONIC if self.serial % 3 else Medium.PAPER,
            delivery=Delivery.EMAIL if self.serial % 3 else Delivery.POST,
            channel=channel,
            submitted_on=received_on,
            receipt_basis=basis,
            received_on=received_on,
            department=self.departments[department],
            submission_key=f"demo-{self.serial}",
            actor=None if channel == Channel.ONLINE else self.registrar,
        )
        return application, self.handlers[department]

    def decide(self, application: Application, handler: User, on: dt.date, outcome: Outcome) -> None:
        record_event(application=application, action=Action.ACCEPT, on=application.received_on, actor=handler)
        group = outcome.id.split(".")[0]
        reasons = REASONS.get(outcome.id, REASONS.get(group, "")) if outcome.requires_reasons else ""
        record_event(
            application=application,
            action=Action.DECIDE,
            on=on,
            actor=self.reviewer,
            outcome=outcome.id,
            reasons=reasons,
        )

    def last_year(self, today: dt.date) -> int:
        """Forty cases of last year, closed in the ways the report counts, two carried into this year."""
        year = today.year - 1
        outcomes = list(_reply_outcomes())
        count = 0
        for month, day in _spread(40):
            received = _weekday(dt.date(year, month, day))
            department = DEPARTMENTS[count % 2]
            application, handler = self.register(received, department)
            outcome = outcomes[count % len(outcomes)] if count % 3 else Outcome("granted")
            decided = self.working_day(received, self.rng.randint(3, 18))
            self.decide(application, handler, decided, outcome)
            count += 1
        for received in (dt.date(year, 12, 22), dt.date(year, 12, 29)):
            application, handler = self.register(_weekday(received))
            record_event(
                application=application, action=Action.ACCEPT, on=application.received_on, actor=handler
            )
            decided = self.working_day(application.received_on, 12)
            if decided <= today:
                self.decide_accepted(application, decided, Outcome("granted"))
            count += 1
        return count

    def decide_accepted(self, application: Application, on: dt.date, outcome: Outcome) -> None:
        record_event(
            application=application, action=Action.DECIDE, on=on, actor=self.reviewer, outcome=outcome.id
        )

    def this_season(self, today: dt.date) -> int:
        """Open cases due soon, overdue, waiting on each kind of pause, and recent closures."""
        count = 0
        # Just registered, and due soon (received about 17 working days ago), and overdue.
        for back in (1, 3, 17, 19, 24):
            received = self.back(today, back)
            application, handler = self.register(received, DEPARTMENTS[count % 2])
            if back >= 3:
                record_event(application=application, action=Action.ACCEPT, on=received, actor=handler)
            count += 1
        # Waiting for a correction, with the period given.
        received = self.back(today, 4)
        application, handler = self.register(received)
        record_event(
            application=application,
            action=Action.REQUEST_CORRECTION,
            on=self.working_day(received, 2),
            actor=handler,
            items="请写明所需信息的形成时间或文号",
            respond_by=self.working_day(received, 17),
        )
        count += 1
        # Consulting a third party (第三十二条).
        received = self.back(today, 10)
        application, handler = self.register(received, "自然资源科")
        record_event(application=application, action=Action.ACCEPT, on=received, actor=handler)
        record_event(
            application=application,
            action=Action.START_CONSULTATION,
            on=self.working_day(received, 5),
            actor=handler,
            party="third_party",
        )
        count += 1
        # Extended once with approval (第三十三条).
        received = self.back(today, 22)
        application, handler = self.register(received)
        record_event(application=application, action=Action.ACCEPT, on=received, actor=handler)
        extended_on = self.working_day(received, 18)
        record_event(
            application=application,
            action=Action.EXTEND,
            on=extended_on,
            actor=self.reviewer,
            working_days=15,
            notified_on=extended_on,
        )
        count += 1
        # A fee notice awaiting payment (国办函〔2020〕109号, 按量).
        received = self.back(today, 8)
        application, handler = self.register(received)
        record_event(application=application, action=Action.ACCEPT, on=received, actor=handler)
        request_fee(
            application=application,
            method=FeeMethod.PER_VOLUME,
            pages=150,
            on=self.working_day(received, 4),
            actor=handler,
            payment_method="通过非税收入缴款通知书到银行缴纳",
        )
        count += 1
        # Closed recently: one of each reply outcome, a lapse after a correction, a withdrawal.
        for outcome in _reply_outcomes():
            received = self.back(today, self.rng.randint(25, 60))
            application, handler = self.register(received, DEPARTMENTS[count % 2])
            self.decide(application, handler, self.working_day(received, self.rng.randint(5, 15)), outcome)
            count += 1
        received = self.back(today, 40)
        application, handler = self.register(received)
        record_event(
            application=application,
            action=Action.REQUEST_CORRECTION,
            on=self.working_day(received, 3),
            actor=handler,
            respond_by=self.working_day(received, 13),
        )
        record_event(
            application=application,
            action=Action.CORRECTION_LAPSED,
            on=self.working_day(received, 14),
            actor=handler,
        )
        count += 1
        received = self.back(today, 30)
        application, handler = self.register(received)
        record_event(
            application=application, action=Action.WITHDRAW, on=self.working_day(received, 2), actor=handler
        )
        return count + 1

    def back(self, today: dt.date, working_days: int) -> dt.date:
        """The working day ``working_days`` before ``today`` (so deadlines land where the demo wants)."""
        day, counted = today, 0
        while counted < working_days:
            day -= dt.timedelta(days=1)
            if self.calendar.day(day).is_working_day:  # weekends only in a year without data
                counted += 1
        return day


def _reply_outcomes() -> Iterator[Outcome]:
    """Every outcome a reply can have (the lapses come from their own actions)."""
    reserved = {"other.no_correction", "other.unpaid_fee", "unavailable.still_unclear"}
    return (outcome for outcome in OUTCOMES if outcome.id not in reserved)


def _spread(n: int) -> Iterator[tuple[int, int]]:
    for i in range(n):
        yield 1 + i * 11 // n, 5 + (i * 7) % 20


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day
