"""Messages for the demo office, built through the services: published questions and answers, open
ones (one overdue), an answer the 保密审查 blocked, a 信访 referral, one converted into an
application, and spam. 吴管理 (administrator) keeps a short 负面清单.
"""

from __future__ import annotations

import datetime as dt

from gongkai.cases import ApplicantType
from gongkai.messages import MessageKind
from gongkai.workdays import WorkCalendar
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Delivery, Medium
from gongkai_web.bodies.models import Body, Department, Membership, Role
from gongkai_web.gate.services import save_rules
from gongkai_web.messages.models import Message
from gongkai_web.messages.services import (
    answer_message,
    convert_to_application,
    mark_spam,
    publish_answer,
    refer_as_petition,
    route_message,
    submit_message,
)
from gongkai_web.workcalendar.queries import work_calendar

# GB 11643's own example number (check character valid), for the answer the gate must block.
DEMO_IDENTITY = "11010519491231002X"


def add_demo_messages(*, body: Body, today: dt.date) -> int:
    """Leave and work the demo messages as of ``today``; returns the applications made from them."""
    officers = _Officers.of(body)
    calendar = work_calendar()
    save_rules(
        body=body,
        actor=officers.role(Role.ADMIN),
        negative_terms=["内部讨论稿", "招标控制价", "拟任人选"],
        allowed_contacts=["0373-5550000"],
    )
    serial = iter(range(1, 100))

    def leave(
        kind: MessageKind, title: str, text: str, working_days_ago: int, *, private: bool = False
    ) -> Message:
        return submit_message(
            body=body,
            kind=kind,
            title=title,
            text=text,
            contact=f"1370000{next(serial):04d}",
            consents_to_publication=not private,
            submission_key=f"demo-message-{body.pk}-{title}",
            today=_back(today, working_days_ago, calendar),
        ).message

    def answered(message: Message, department: str, answer: str, after: int) -> Message:
        route_message(
            message=message, department=officers.department(department), actor=officers.role(Role.REGISTRAR)
        )
        on = min(today, calendar.add_working_days(message.received_on, after).date)
        return answer_message(message=message, actor=officers.answerer(department), answer=answer, on=on)

    school_bus = leave(
        MessageKind.CONSULTATION,
        "城关镇第二小学是否开通校车",
        "孩子在城关镇第二小学读书，每天上学要走四十分钟。请问县里今年有没有开通校车的计划？",
        25,
    )
    answered(
        school_bus,
        "教育科",
        "县教育局已会同县交通运输局制定校车线路方案，计划于下学期开通，届时在县政府网站公布线路。",
        3,
    )
    publish_answer(message=school_bus, actor=officers.role(Role.REVIEWER))
    lights = leave(
        MessageKind.SUGGESTION,
        "建议修复人民路北段路灯",
        "人民路北段约三百米路灯已坏了两个月，晚上行人和电动车很多，建议尽快修复。",
        18,
    )
    answered(lights, "综合科", "已转县城市管理局，人民路北段路灯已于本周修复。感谢您的建议。", 4)
    publish_answer(message=lights, actor=officers.role(Role.REVIEWER))
    private = leave(
        MessageKind.CONSULTATION,
        "退休人员医保转移咨询",
        "我从外省退休回本县居住，医保关系怎样转入？需要哪些材料？",
        12,
        private=True,
    )
    answered(
        private, "综合科", "请携带身份证和原参保地出具的参保凭证，到县医疗保障局服务大厅办理转移接续。", 2
    )
    blocked = leave(
        MessageKind.COMPLAINT,
        "投诉某小学违规收取资料费",
        "某小学本学期向每名学生收取资料费一百二十元，没有开收据。",
        9,
    )
    answered(
        blocked,
        "教育科",
        f"经调查，反映人张某（身份证号{DEMO_IDENTITY}）所述情况属实，学校已退还全部费用。",
        3,
    )
    publish_answer(message=blocked, actor=officers.role(Role.REVIEWER))  # 不得公开: an identity number
    route_message(
        message=leave(
            MessageKind.CONSULTATION,
            "城东片区旧城改造何时启动",
            "城东片区旧城改造传了好几年，请问什么时候启动？补偿标准是什么？",
            2,
        ),
        department=officers.department("自然资源科"),
        actor=officers.role(Role.REGISTRAR),
    )
    leave(
        MessageKind.SUGGESTION,
        "建议增设城东公交站",
        "城东新区入住居民越来越多，建议在新区南门增设公交站。",
        8,
    )
    refer_as_petition(
        message=leave(
            MessageKind.COMPLAINT, "举报某工地夜间施工扰民", "某工地连续一周夜间施工到凌晨两点，噪音很大。", 6
        ),
        actor=officers.role(Role.REGISTRAR),
        referral="属于信访举报事项，已转县信访局按信访程序办理，并告知留言人。",
    )
    convert_to_application(
        message=leave(
            MessageKind.CONSULTATION,
            "申请公开2026年城区学校划片方案",
            "请提供2026年城区义务教育学校招生划片方案的全文，发到我的电子邮箱。",
            4,
        ),
        actor=officers.role(Role.REGISTRAR),
        applicant_type=ApplicantType("natural_person"),
        applicant_name="赵六",
        identity_document="110101199003077578",
        contact="电子邮箱 zhaoliu@example.cn",
        description="2026年城区义务教育学校招生划片方案",
        medium=Medium.ELECTRONIC,
        delivery=Delivery.EMAIL,
        department=officers.department("教育科"),
    )
    mark_spam(
        message=leave(MessageKind.SUGGESTION, "低价代开各类发票", "代开发票，联系微信。", 1),
        actor=officers.role(Role.REGISTRAR),
        reason="广告",
    )
    return 1


class _Officers:
    def __init__(self, body: Body, memberships: list[Membership]) -> None:
        self.body = body
        self.memberships = memberships

    @classmethod
    def of(cls, body: Body) -> _Officers:
        return cls(body, list(Membership.objects.filter(body=body).select_related("user", "department")))

    def role(self, role: Role) -> User:
        return next(m.user for m in self.memberships if m.role == role)

    def answerer(self, department: str) -> User:
        """The department's handler, or the reviewer for a department without one (综合科)."""
        handlers = [
            m.user
            for m in self.memberships
            if m.role == Role.HANDLER and m.department is not None and m.department.name == department
        ]
        return handlers[0] if handlers else self.role(Role.REVIEWER)

    def department(self, name: str) -> Department:
        return Department.objects.get(body=self.body, name=name)


def _back(today: dt.date, working_days: int, calendar: WorkCalendar) -> dt.date:
    """The day ``working_days`` working days before ``today`` (``today`` itself for 0)."""
    day, counted = today, 0
    while counted < working_days:
        day -= dt.timedelta(days=1)
        if calendar.day(day).is_working_day:
            counted += 1
    return day
