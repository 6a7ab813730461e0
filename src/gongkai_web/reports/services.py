"""What the office does with its annual report: save the draft, import last year's, publish, remind.

Each service checks the actor's role itself (`access`), so the views, commands and tests all go
through the same rule, and runs in one transaction: a refused step leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.annual import jsonio
from gongkai.annual.carryover import continued_proactive
from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport
from gongkai.annual.parse import parse_bytes
from gongkai.annual.publication import Publication
from gongkai.annual.render import RENDERERS
from gongkai.errors import GongkaiError
from gongkai.formats import ReportFormat, format_for_year
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.gate.services import PublicationBlocked, review_for_publication
from gongkai_web.reports.access import may_draft, may_publish
from gongkai_web.reports.models import Baseline, PublishedFile, PublishedVersion, ReportDraft
from gongkai_web.reports.queries import Composition, compose, latest_version, previous_report

# The formats every published version is kept in (`gongkai.annual.render.RENDERERS`).
PUBLISHED_KINDS = ("html", "docx", "pdf", "xlsx", "json")


@transaction.atomic
def save_draft(
    *, body: Body, year: int, actor: User, texts: dict[str, str], grid: dict[str, Any]
) -> ReportDraft:
    """Store the texts and the section 二 figures; blank carried-over figures continue last year's.

    Raises PermissionDenied for an actor who does not draft the body's report.
    """
    if not may_draft(actor, body):
        raise PermissionDenied(f"{actor} 不能编制{body.name}的年度报告")
    grid = carry_over(format_for_year(year), grid, body=body, year=year)
    draft, _ = ReportDraft.objects.select_for_update().get_or_create(body=body, year=year)
    draft.texts, draft.proactive, draft.updated_by = texts, grid, actor
    draft.save()
    return draft


def carry_over(report_format: ReportFormat, grid: dict[str, Any], *, body: Body, year: int) -> dict[str, Any]:
    """``grid`` with the blank carried-over figures filled from the previous year's report.

    2021: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数. 2019: 上一年项目数量 = last
    year's 上一年项目数量 + 本年增/减. Only between two years of the same format (spec §3 C12).
    """
    previous = previous_report(body=body, year=year)
    before = previous.report.proactive if previous else None
    if before is None or before.spec is not report_format.proactive:
        return grid
    filled = {row: dict(columns) for row, columns in grid.items()}
    for (row_id, column_id), value in continued_proactive(before, grid).items():
        if not filled.get(row_id, {}).get(column_id):
            filled.setdefault(row_id, {})[column_id] = str(value)
    return {row: columns for row, columns in filled.items() if columns}


@dataclass(frozen=True)
class BaselinePreview:
    """The body's published report on ``year`` as read from an uploaded file, not stored yet.

    The officer sees it (`read_baseline`) and confirms it (`confirm_baseline`); until then nothing
    is written. It is plain data so that it can wait in the officer's session between the two.
    """

    year: int
    file_name: str
    sha256: str
    kind: str  # the reader's: pdf, docx, html, text, markdown …
    agency_read: str | None  # the body named in the document, None when the reader found none
    report_json: str  # canonical JSON as it will be stored (year set, agency filled in)
    findings: tuple[dict[str, Any], ...]  # the reader's, then the checks', as JSON

    @property
    def report(self) -> AnnualReport:
        return jsonio.loads(self.report_json)

    def to_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "findings": list(self.findings)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BaselinePreview:
        return cls(**{**data, "findings": tuple(data["findings"])})


def read_baseline(*, body: Body, year: int, actor: User, name: str, data: bytes) -> BaselinePreview:
    """Read the body's published report on ``year`` (its year before gongkai) for the officer to confirm.

    Writes nothing. Refused (ValidationError with the reader's code) when gongkai already holds a
    published report of that year, when the file cannot be read or holds no table, or when it is
    the report of another year.
    """
    _check_may_import(body=body, year=year, actor=actor)
    try:
        result = parse_bytes(data, name)
    except GongkaiError as error:
        raise ValidationError(error.message, code=error.code) from error
    report = result.report
    if not report.tables:
        raise ValidationError(f"未能从 {name} 中读出年度报告的表格", code="baseline_without_tables")
    if report.year is not None and report.year != year:
        raise ValidationError(
            f"导入的是{report.year}年度的报告，应为{year}年度的报告", code="baseline_wrong_year"
        )
    read = dataclasses.replace(report, year=year, agency=report.agency or body.name)
    return BaselinePreview(
        year=year,
        file_name=name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        kind=result.kind,
        agency_read=report.agency,
        report_json=jsonio.dumps(read),
        findings=tuple(f.to_json() for f in [*result.findings, *check_report(read)]),
    )


@transaction.atomic
def confirm_baseline(*, body: Body, actor: User, preview: BaselinePreview) -> Baseline:
    """Store a previewed report as the body's baseline of its year; a second import replaces the first."""
    _check_may_import(body=body, year=preview.year, actor=actor)
    Baseline.objects.filter(body=body, year=preview.year).delete()
    return Baseline.objects.create(
        body=body,
        year=preview.year,
        report_json=preview.report_json,
        findings=list(preview.findings),
        file_name=preview.file_name,
        sha256=preview.sha256,
        imported_by=actor,
    )


def _check_may_import(*, body: Body, year: int, actor: User) -> None:
    if not may_draft(actor, body):
        raise PermissionDenied(f"{actor} 不能编制{body.name}的年度报告")
    if latest_version(body=body, year=year) is not None:
        raise ValidationError(f"本系统已发布{body.name}{year}年度报告，无需导入", code="previous_published")


def publish_report(
    *,
    body: Body,
    year: int,
    actor: User,
    on: dt.date,
    change_reason: str = "",
    override_reason: str = "",
    confirmation: str = "",
) -> PublishedVersion:
    """Publish the report as composed now, as the next version (v1, v2 …), in every format.

    Only the office head publishes. Refused: while a text quotes an unknown figure; with an
    error-severity finding unless ``override_reason`` says why (kept with the version); after v1
    without ``change_reason`` (published with the version), or when nothing changed.

    The written text (`Composition.publication_text`, and from v2 the 更正说明 published with it)
    then passes the 保密审查, recorded against the year's draft: blocked raises the gate's
    PublicationBlocked *after* the 不得公开 record is committed (so it stays in the audit trail while
    nothing is published); flagged raises the gate's ConfirmationRequired unless ``confirmation``
    gives the head's reason. Only then is the version
    written, with its files, in one transaction.
    """
    if not may_publish(actor, body):
        raise PermissionDenied(f"{actor} 不是{body.name}政府信息公开工作机构负责人，不能发布年度报告")
    composition = compose(body=body, year=year)
    _check_publishable(composition, change_reason=change_reason, override_reason=override_reason)
    latest = latest_version(body=body, year=year)
    report_json = composition.dumps()
    if latest is not None and latest.report_json == report_json:
        raise ValidationError(
            f"与已发布的第{latest.number}版相比没有任何修改，无需发布新版本", code="nothing_changed"
        )
    draft, _ = ReportDraft.objects.get_or_create(body=body, year=year)
    text = composition.publication_text()
    if latest is not None:  # the 更正说明 is published with the version, in every file
        text += f"\n\n更正说明：{change_reason.strip()}"
    review = review_for_publication(
        body=body, subject=draft, text=text, actor=actor, confirmation=confirmation
    )
    if not review.approved:
        raise PublicationBlocked(review, "年度报告正文")
    return _store_version(composition, latest, actor, on, change_reason, override_reason)


@transaction.atomic
def _store_version(
    composition: Composition,
    latest: PublishedVersion | None,
    actor: User,
    on: dt.date,
    change_reason: str,
    override_reason: str,
) -> PublishedVersion:
    try:
        with transaction.atomic():
            version = PublishedVersion.objects.create(
                body=composition.body,
                year=composition.year,
                number=1 if latest is None else latest.number + 1,
                published_on=on,
                published_by=actor,
                change_reason=change_reason.strip() if latest is not None else "",
                override_reason=override_reason.strip() if composition.errors else "",
                report_json=composition.dumps(),
                findings=[finding.to_json() for finding in composition.findings],
            )
    except IntegrityError:
        raise ValidationError("另一人刚刚发布了新版本，请刷新后再试", code="published_concurrently") from None
    # Each file says inside which version it is, when it was published and why it changed.
    publication = Publication(version.number, version.published_on, version.change_reason)
    for kind in PUBLISHED_KINDS:
        content = RENDERERS[kind].render(composition.report, publication)
        PublishedFile.objects.create(
            version=version, kind=kind, content=content, sha256=hashlib.sha256(content).hexdigest()
        )
    return version


def _check_publishable(composition: Composition, *, change_reason: str, override_reason: str) -> None:
    if composition.unknown_tokens:
        names = "、".join(str(finding.actual) for finding in composition.unknown_tokens)
        raise ValidationError(f"正文引用了不存在的数据（{names}），请先改正", code="unknown_tokens")
    if composition.errors and not override_reason.strip():
        raise ValidationError(
            f"核查发现 {len(composition.errors)} 项错误：请改正，或写明仍要发布的理由",
            code="errors_need_reason",
        )
    has_published = latest_version(body=composition.body, year=composition.year) is not None
    if has_published and not change_reason.strip():
        raise ValidationError(
            "报告已发布：发布新版本须写明修改原因，修改原因将随新版本公开", code="change_reason_required"
        )
