"""What the API takes and gives, as pydantic schemas (the OpenAPI document is generated from them).

Inputs are strict where JSON is loose: an integer is an integer (not ``"5"`` or ``true``), a date
is a ``YYYY-MM-DD`` string (not a timestamp), and a field an action does not take is refused.
Choices (channels, statuses, outcomes …) come from the enums and taxonomy that define them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.db.models import CharField, Model
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr

from gongkai.cases import APPLICANT_TYPES, OUTCOMES, Action, Status
from gongkai.clock import ClockStatus, ConsultationParty
from gongkai.fees import FeeMethod
from gongkai_web.applications.models import Application, Channel, Delivery, Medium, ReceiptBasis

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_APPLICANT_TYPE_IDS = [applicant.id for applicant in APPLICANT_TYPES]
_OUTCOME_IDS = [outcome.id for outcome in OUTCOMES]


# No case date lies before the first 条例 (国务院令第492号) came into force, and none this century's
# software will see comes after 2099; the bounds also keep deadline arithmetic far from year 9999.
EARLIEST_DATE = dt.date(2008, 5, 1)
LATEST_DATE = dt.date(2099, 12, 31)
# Ids and counts are stored as 64-bit integers (BigAutoField, PostgreSQL bigint).
MAX_INT64 = 2**63 - 1


def _iso_date(value: object) -> object:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} 不是有效的日期") from None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValueError(
                f"{value} 超出可记录的范围（{EARLIEST_DATE.isoformat()} 至 {LATEST_DATE.isoformat()}）"
            )
        return day
    raise ValueError(f"应为日期，格式 YYYY-MM-DD，实际为 {value!r}")


def one_of(choices: list[str], what: str) -> AfterValidator:
    """Refuses a text not among ``choices``, naming ``what`` they are (a Literal's message has no name)."""

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"“{value}”不是{what}，应为 {'、'.join(choices)} 之一")
        return value

    return AfterValidator(check)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000; Django's form fields refuse it too (ProhibitNullCharacters).
    if "\x00" in value:
        raise ValueError("不能含有空字符（U+0000）")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[StrictStr, AfterValidator(_no_nul)]
# A key a client chooses for a retry: printable ASCII without spaces (a UUID, say).
KEY_PATTERN = r"^[\x21-\x7e]+$"
Id = Annotated[int, Field(ge=1, le=MAX_INT64)]  # in the query string: "12" is read as 12
StrictId = Annotated[StrictInt, Field(ge=1, le=MAX_INT64)]  # in a JSON body: a number, not "12"
Int64 = Annotated[StrictInt, Field(ge=-MAX_INT64 - 1, le=MAX_INT64)]
ApplicantTypeId = Annotated[
    StrictStr,
    one_of(_APPLICANT_TYPE_IDS, "申请人类型"),
    Field(json_schema_extra={"enum": _APPLICANT_TYPE_IDS}),
]
OutcomeId = Annotated[
    StrictStr,
    one_of(_OUTCOME_IDS, "年度报告第三项的办理结果"),
    Field(json_schema_extra={"enum": _OUTCOME_IDS}),
]


def column_length(field: str, model: type[Model] = Application) -> int:
    """The column's length, so the schema refuses what the database could not store."""
    column = model._meta.get_field(field)
    assert isinstance(column, CharField)
    assert column.max_length is not None
    return column.max_length


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class RegistrationIn(Input):
    """An application received by the body's office (the registrar enters it; 条例 第二十九条、第三十一条)."""

    body: StrictId = Field(description="机关编号（GET /api/v1/me 列出本人所在机关）")
    department: StrictId | None = Field(default=None, description="承办股室编号；可稍后分办")
    applicant_type: ApplicantTypeId = Field(description="申请人类型（年度报告第三项的列）")
    applicant_name: Text = Field(min_length=1, max_length=column_length("applicant_name"))
    identity_document: Text = Field(min_length=1, max_length=column_length("identity_document"))
    contact: Text = Field(min_length=1, max_length=column_length("contact"))
    description: Text = Field(min_length=1, description="所需信息的名称、文号或特征性描述")
    medium: Medium
    delivery: Delivery
    channel: Channel
    submitted_on: IsoDate
    receipt_basis: ReceiptBasis = Field(description="收到申请日期的依据（条例 第三十一条）")
    received_on: IsoDate
    submission_key: Text | None = Field(
        default=None,
        min_length=1,
        pattern=KEY_PATTERN,
        max_length=column_length("submission_key"),
        description="幂等键：重复提交同一键返回同一申请；也可用 Idempotency-Key 请求头",
    )


class AssignmentIn(Input):
    department: StrictId = Field(description="承办股室编号")
    reason: Text = Field(
        default="", description="改派理由（改派时必填；连同两个股室的名称须能写入 500 字的办理记录）"
    )


class ArticleIn(Input):
    text: Text = Field(min_length=1, examples=["第三十六条第（三）项"])
    instrument: Text = Field(default="条例", min_length=1)


class _EventIn(Input):
    on: IsoDate = Field(description="办理日期")


class RequestCorrectionIn(_EventIn):
    action: Literal[Action.REQUEST_CORRECTION]
    items: Text | None = Field(default=None, description="需要补正的事项")
    respond_by: IsoDate | None = Field(default=None, description="补正期限")


class ReceiveCorrectionIn(_EventIn):
    action: Literal[Action.RECEIVE_CORRECTION]


class CorrectionLapsedIn(_EventIn):
    action: Literal[Action.CORRECTION_LAPSED]


class AcceptIn(_EventIn):
    action: Literal[Action.ACCEPT]


class StartConsultationIn(_EventIn):
    action: Literal[Action.START_CONSULTATION]
    party: ConsultationParty = Field(
        description="third_party 第三方（第三十二条）；co_agency 其他机关（第三十四条）"
    )


class EndConsultationIn(_EventIn):
    action: Literal[Action.END_CONSULTATION]


class RequestFeeIn(_EventIn):
    action: Literal[Action.REQUEST_FEE]
    method: FeeMethod = Field(description="per_piece 按件计收；per_volume 按量计收（国办函〔2020〕109号）")
    pages: Int64 | None = Field(default=None, description="按量计收时提供的页数；按件计收不填")
    payment_method: Text = Field(min_length=1, description="缴纳方式")
    notice_received_on: IsoDate | None = Field(default=None, description="申请人收到收费通知的日期")


class ReceivePaymentIn(_EventIn):
    action: Literal[Action.RECEIVE_PAYMENT]


class PaymentLapsedIn(_EventIn):
    action: Literal[Action.PAYMENT_LAPSED]


class ExtendIn(_EventIn):
    action: Literal[Action.EXTEND]
    working_days: Int64 = Field(description="延长的工作日数（最长20个工作日，条例 第三十三条）")
    notified_on: IsoDate = Field(description="告知申请人延期的日期")


class DecideIn(_EventIn):
    action: Literal[Action.DECIDE]
    outcome: OutcomeId = Field(description="办理结果：年度报告第三项的行")
    reasons: Text = Field(default="", description="理由（不予公开、部分公开等须说明理由）")
    articles: list[ArticleIn] | None = Field(default=None, description="法律依据；不填时取办理结果对应的条款")
    items: list[OutcomeId] | None = Field(
        default=None,
        description=(
            "区分处理的各事项结果；一件申请仍只计一种结果（既有公开又有不公开的计为部分公开），"
            "须与 outcome 一致"
        ),
    )


class WithdrawIn(_EventIn):
    action: Literal[Action.WITHDRAW]


EventIn = Annotated[
    RequestCorrectionIn
    | ReceiveCorrectionIn
    | CorrectionLapsedIn
    | AcceptIn
    | StartConsultationIn
    | EndConsultationIn
    | RequestFeeIn
    | ReceivePaymentIn
    | PaymentLapsedIn
    | ExtendIn
    | DecideIn
    | WithdrawIn,
    Field(discriminator="action"),
]


class ApplicationFilters(Input):
    status: Status | None = Field(default=None, description="状态")
    department: Id | None = Field(default=None, description="承办股室编号")
    overdue: bool | None = Field(default=None, description="true：已超过答复期限仍未答复")
    received_from: IsoDate | None = Field(default=None, description="收到申请日期不早于")
    received_to: IsoDate | None = Field(default=None, description="收到申请日期不晚于")
    page: int = Field(default=1, ge=1, le=1_000_000)
    page_size: int = Field(default=50, ge=1, le=200)


class FindingOut(Schema):
    """A finding of the core's check engine (`gongkai.annual.findings.Finding.to_json`)."""

    code: str
    severity: str
    where: str
    message: str
    expected: Any = None
    actual: Any = None


class Named(Schema):
    id: int
    name: str


class Choice(Schema):
    """An enum value with its label, e.g. ``{"code": "in_progress", "label": "办理中"}``."""

    code: str
    label: str


class ApplicantOut(Schema):
    type: Choice
    name: str
    identity_document: str
    contact: str
    masked: bool = Field(description="身份证明与联系方式是否已遮盖")


class ClockOut(Schema):
    """The core's `gongkai.clock.ClockState`, read by attribute (`queries.case_view`)."""

    model_config = ConfigDict(use_enum_values=True)  # the JSON holds "running", not "ClockStatus.RUNNING"

    status: ClockStatus = Field(description="计时中、待补正、征求意见暂停、待缴费暂停、逾期未缴费视为放弃")
    clock_started_on: dt.date
    limit: int = Field(description="答复期限的工作日数（含延期）")
    due_on: dt.date | None
    days_left: int | None = Field(description="剩余工作日；负数为超期工作日数")
    overdue: bool
    provisional: bool = Field(description="涉及尚无节假日安排数据的年份，期限暂定")
    provisional_years: list[int]
    correction_deadline: dt.date | None
    payment_deadline: dt.date | None
    consultation_answer_deadline: dt.date | None
    steps: list[str]
    explanation: str


class EventOut(Schema):
    id: int
    action: Choice
    on: dt.date
    details: dict[str, object]
    actor: str
    recorded_at: dt.datetime


class HistoryOut(Schema):
    at: dt.datetime
    kind: Choice
    summary: str
    actor: str | None


class CaseOut(Schema):
    """A case as its officers see it: its fields, status, clock as of today, next steps and history."""

    id: int
    tracking_code: str
    body: Named
    department: Named | None
    applicant: ApplicantOut
    description: str
    medium: Choice
    delivery: Choice
    channel: Choice
    submitted_on: dt.date
    receipt_basis: Choice
    received_on: dt.date
    submission_key: str | None
    registered_by: str | None
    assigned_by: str | None
    assigned_at: dt.datetime | None
    status: Choice
    closed_on: dt.date | None
    outcome: Choice | None
    today: dt.date = Field(description="计算期限所依据的日期")
    clock: ClockOut | None = Field(description="答复期限；已办结的申请为 null")
    allowed_actions: list[Choice] = Field(description="本人此时可以记录的办理事项")
    events: list[EventOut]
    history: list[HistoryOut]


class CaseSummaryOut(Schema):
    """A line of the case list: personal data always masked."""

    id: int
    body: Named
    department: Named | None
    applicant_type: Choice
    applicant_name: str
    identity_document: str
    contact: str
    channel: Choice
    received_on: dt.date
    status: Choice
    reply_due_on: dt.date | None
    attention_on: dt.date | None = Field(description="下一期限：答复、补正、征求意见或缴费期限")
    deadline_provisional: bool
    overdue: bool
    closed_on: dt.date | None
    outcome: Choice | None


class CasePageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseSummaryOut]


class TimelineOut(Schema):
    on: dt.date
    action: Choice


class TrackingOut(Schema):
    """What the public tracking page shows: no personal data, officer names or reasons."""

    body: str
    status: Choice
    received_on: dt.date
    due_on: dt.date | None = Field(description="答复期限；暂停计算或已办结时为 null")
    deadline_provisional: bool
    closed_on: dt.date | None
    timeline: list[TimelineOut]


class MembershipOut(Schema):
    body: Named
    role: Choice
    department: Named | None


class MeOut(Schema):
    username: str
    memberships: list[MembershipOut]
