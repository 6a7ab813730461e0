"""A plausible catalogue for the demo office: published items under every kind of category, items in
each review, drafts (one returned, one past its 第二十六条 day), one withdrawn; built through the services.

The demo's officers take the roles `access` maps: 王承办 (handler) drafts, 李登记 (registrar) takes
初审, 陈审核 (reviewer) 复审, 周主任 (head) 终审 and withdraws; 吴管理 (administrator) owns the guide.
"""

from __future__ import annotations

import datetime as dt

from gongkai.catalogue import CATEGORY_BY_ID, Stage, Step
from gongkai.workdays import WorkCalendar
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Membership, Role
from gongkai_web.catalogue.services import (
    GuideFields,
    ItemFields,
    create_draft,
    review_item,
    save_guide_settings,
    submit_draft,
    withdraw_item,
)
from gongkai_web.workcalendar.queries import work_calendar

# title, category, 文号, working days before today it was written, what became of it.
# An int is the working days from writing to publication; a Stage is where the item stands now.
ITEMS: tuple[tuple[str, str, str, int, int | Stage], ...] = (
    ("演示县人民政府办公室主要职责和内设机构", "article20.2", "", 160, 5),
    ("演示县人民政府办公室领导分工", "article20.2", "", 120, 3),
    ("关于印发《演示县2026年政务公开工作要点》的通知", "article20.1", "演政办发〔2026〕3号", 150, 6),
    ("演示县行政规范性文件制定和监督管理办法", "article20.1", "演政发〔2026〕5号", 140, 8),
    ("演示县国民经济和社会发展第十五个五年规划纲要", "article20.3", "", 135, 10),
    ("2026年1—9月演示县主要经济指标", "article20.4", "", 40, 4),
    ("演示县政务服务事项办理指南（不动产登记）", "article20.5", "", 110, 7),
    ("2026年第三季度行政许可办理结果", "column.licensing_results", "", 35, 5),
    ("演示县市场监督管理局行政处罚决定书", "column.penalty_decisions", "演市监罚〔2026〕15号", 60, 6),
    ("演示县人民政府办公室2026年部门预算", "column.department_budget", "", 130, 12),
    ("演示县人民政府办公室2025年部门决算", "column.department_final_accounts", "", 90, 9),
    ("演示县行政事业性收费目录清单（2026年版）", "article20.8", "", 125, 8),
    ("演示县2026年政府集中采购目录及限额标准", "article20.9", "演政办发〔2026〕8号", 145, 6),
    ("县城区污水处理厂提标改造工程项目批复", "article20.10", "演发改审批〔2026〕21号", 80, 10),
    ("演示县2026年义务教育学区划分方案", "article20.11", "演教发〔2026〕9号", 70, 5),
    ("关于调整城乡居民最低生活保障标准的通知", "article20.11", "演民发〔2026〕4号", 100, 7),
    ("演示县突发地质灾害应急预案", "article20.12", "演政办发〔2026〕11号", 95, 8),
    ("2026年第二季度食品安全监督抽检情况通报", "article20.13", "", 75, 6),
    ("演示县2026年度考试录用公务员拟录用人员公示", "column.recruitment", "", 55, 2),
    ("县政府召开2026年第十次常务会议", "column.news", "", 25, 1),
    ("关于2026年国庆节假期值班安排的通知", "column.notices", "", 50, 2),
    ("演示县人民政府关于王某某等同志职务任免的通知", "column.personnel", "演政任〔2026〕6号", 65, 4),
    ("《演示县2026年义务教育学区划分方案》政策解读", "column.policy_interpretation", "", 68, 7),
    ("演示县人民政府办公室2025年政府信息公开工作年度报告", "column.annual_reports", "", 225, 26),
    ("2026年11月工作动态", "column.news", "", 6, Stage.FIRST_REVIEW),
    (
        "关于开展2026年冬季安全生产大检查的通知",
        "column.notices",
        "演安委办〔2026〕7号",
        4,
        Stage.FIRST_REVIEW,
    ),
    ("演示县2026年第三季度财政预算执行情况", "article20.7", "", 12, Stage.SECOND_REVIEW),
    (
        "县人民医院新建住院楼项目环境影响评价审批公示",
        "article20.13",
        "演环审〔2026〕18号",
        9,
        Stage.FINAL_REVIEW,
    ),
    ("2026年12月工作动态", "column.news", "", 1, Stage.DRAFT),
    ("演示县2027年政府集中采购目录（征求意见稿）", "article20.9", "", 10, Stage.DRAFT),
    ("县城区公共停车场收费标准调整方案", "article20.8", "演发改价〔2026〕2号", 30, Stage.DRAFT),
    ("关于暂停办理部分不动产登记业务的通知", "column.notices", "", 45, Stage.WITHDRAWN),
)
RETURNED = (
    "演示县2027年政府集中采购目录（征求意见稿）",
    "征求意见稿属于过程性信息（条例第十六条第二款），请待正式印发后再提交",
)
WITHDRAWN_REASON = "不动产登记业务已恢复办理，该通知已失效"

GUIDE = GuideFields(
    phone="0000-1234567",
    address="演示县人民路1号县政府大楼108室",
    hours="工作日 上午8:30—12:00，下午14:30—17:30",
    office_name="演示县人民政府办公室（政府信息公开办公室）",
    postcode="100000",
    fax="0000-1234568",
    email="gongkai@demo.example.cn",
    website="https://www.demo.example.cn",
    index_prefix="11000000MB0000000D",
)


def _text(title: str, category_id: str) -> str:
    label = CATEGORY_BY_ID[category_id].label
    return (
        f"{title}。\n\n"
        f"本信息属于“{label}”，由演示县人民政府办公室依照《中华人民共和国政府信息公开条例》主动公开。\n\n"
        "如对本信息有疑问，请在工作日办公时间拨打政府信息公开咨询电话。"
    )


def add_demo_catalogue(*, body: Body, today: dt.date) -> int:
    """Add `ITEMS` to ``body`` (which has the demo's officers) as of ``today``; the number added."""
    people = _people(body)
    calendar = work_calendar()
    admin = people[Role.ADMIN]
    save_guide_settings(body=body, actor=admin, fields=GUIDE)
    for title, category_id, number, age, fate in ITEMS:
        created = _back(calendar, today, age)
        fields = ItemFields(
            title=title,
            issuer=body.name,
            document_number=number,
            created_on=created,
            category=category_id,
            text=_text(title, category_id),
        )
        item = create_draft(body=body, actor=people[Role.HANDLER], fields=fields)
        if fate is Stage.DRAFT and title != RETURNED[0]:
            continue
        item = submit_draft(item=item, actor=item.author)
        published_on = calendar.add_working_days(created, fate if isinstance(fate, int) else 3).date
        for stage, role in (
            (Stage.FIRST_REVIEW, Role.REGISTRAR),
            (Stage.SECOND_REVIEW, Role.REVIEWER),
            (Stage.FINAL_REVIEW, Role.HEAD),
        ):
            if fate == stage:
                break
            if title == RETURNED[0] and stage is Stage.SECOND_REVIEW:
                review_item(
                    item=item,
                    actor=people[role],
                    seen=stage,
                    step=Step.RETURN,
                    reason=RETURNED[1],
                    today=today,
                )
                break
            item = review_item(
                item=item, actor=people[role], seen=stage, step=Step.APPROVE, today=published_on
            )
        if fate is Stage.WITHDRAWN:
            withdrawn_on = min(today, calendar.add_working_days(published_on, 10).date)
            withdraw_item(item=item, actor=people[Role.HEAD], reason=WITHDRAWN_REASON, today=withdrawn_on)
    return len(ITEMS)


def _people(body: Body) -> dict[Role, User]:
    people: dict[Role, User] = {}
    for membership in Membership.objects.filter(body=body).select_related("user").order_by("pk"):
        people.setdefault(Role(membership.role), membership.user)
    return people


def _back(calendar: WorkCalendar, today: dt.date, working_days: int) -> dt.date:
    """The working day ``working_days`` before ``today``."""
    day, counted = today, 0
    while counted < working_days:
        day -= dt.timedelta(days=1)
        if calendar.day(day).is_working_day:
            counted += 1
    return day
