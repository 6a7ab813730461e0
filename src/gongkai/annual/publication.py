"""Which published version a report file is: the mark a reader sees inside the file.

A report may be corrected after publication; each correction is a new version (第1版, 第2版 …)
with its own address. A file that is downloaded and passed on loses that address, so the file
itself says which version it is, when it was published and — from 第2版 on — why it was changed
(更正说明). The caller (the web app's publishing) passes a `Publication` to the renderers; the
report itself does not hold it, so that two versions' reports compare equal when only the
publication differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.errors import ReportDataError

IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True, slots=True)
class Publication:
    """第``version``版, published on ``published_on``; ``change_reason`` is required from 第2版 on
    and absent from 第1版 (the first version changes nothing)."""

    version: int
    published_on: dt.date
    change_reason: str = ""

    def __post_init__(self) -> None:
        if self.version < 1:
            raise ValueError(f"版本号应从 1 开始，实为 {self.version}")
        if self.version == 1 and self.change_reason.strip():
            raise ValueError("第1版没有更正说明")
        if self.version > 1 and not self.change_reason.strip():
            raise ValueError(f"第{self.version}版须写明更正说明")

    @property
    def version_text(self) -> str:
        return f"第{self.version}版"

    @property
    def date_text(self) -> str:
        day = self.published_on
        return f"{day.year}年{day.month}月{day.day}日"

    @property
    def mark(self) -> str:
        """``第2版　2026年3月23日发布``."""
        return f"{self.version_text}{IDEOGRAPHIC_SPACE}{self.date_text}发布"

    @property
    def note(self) -> str | None:
        """``更正说明：……`` from 第2版 on, None for 第1版."""
        return f"更正说明：{self.change_reason.strip()}" if self.version > 1 else None

    @property
    def lines(self) -> tuple[str, ...]:
        """What a writer prints under the title: the mark, then the note when there is one."""
        return (self.mark,) if self.note is None else (self.mark, self.note)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "published_on": self.published_on.isoformat(),
            "change_reason": self.change_reason.strip() or None,
        }

    @classmethod
    def from_json(cls, data: Any) -> Publication:
        """Read `to_json`'s shape; ReportDataError (code ``json_publication``) for anything else."""
        if not isinstance(data, Mapping):
            raise ReportDataError("publication 应为对象", code="json_publication")
        version, published_on, reason = (
            data.get("version"),
            data.get("published_on"),
            data.get("change_reason"),
        )
        if not isinstance(version, int) or isinstance(version, bool):
            raise ReportDataError(f"publication.version 应为整数，实为 {version!r}", code="json_publication")
        if reason is not None and not isinstance(reason, str):
            raise ReportDataError(
                f"publication.change_reason 应为文字，实为 {reason!r}", code="json_publication"
            )
        try:
            day = dt.date.fromisoformat(published_on) if isinstance(published_on, str) else None
        except ValueError:
            day = None
        if day is None:
            raise ReportDataError(
                f"publication.published_on 应为 YYYY-MM-DD 日期，实为 {published_on!r}",
                code="json_publication",
            )
        try:
            return cls(version, day, reason or "")
        except ValueError as error:
            raise ReportDataError(f"publication 不成立：{error}", code="json_publication") from None
