"""The remedies paragraph (救济途径) every decision letter carries: review and litigation, with limits.

The 条例 does not word the paragraph (spec §4.6), but a decision that does not state the time limit
for suing lets it run up to a year (法释〔2018〕1号 第六十四条, spec [S35]), so each letter states
both routes, the bodies and the limits. The limits are those of the two statutes:

- 行政复议 within 60 days of knowing of the act (《中华人民共和国行政复议法》, 2023 revision,
  第二十条第一款; 60 days in the 1999 text too, 第九条) — spec §4.6 mark R;
- 行政诉讼 within 6 months of knowing of the act (《中华人民共和国行政诉讼法》第四十六条第一款),
  or within 15 days of receiving the review decision (第四十五条) — spec [S36];
- since 2024-01-01 an applicant refused disclosure must first apply for review
  (行政复议法 第二十三条第一款第（四）项 "申请政府信息公开，行政机关不予公开", and its 第二款: the
  body must say so when it acts). Marked R: recalled from the 2023 text, which the copies consulted
  did not show; the 不予公开 rows 1–7 and the withheld part of 部分公开 are read as "不予公开".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

REVIEW_LIMIT_DAYS = 60  # 行政复议法 第二十条第一款
LITIGATION_LIMIT_MONTHS = 6  # 行政诉讼法 第四十六条第一款
LITIGATION_AFTER_REVIEW_DAYS = 15  # 行政诉讼法 第四十五条

# When a body has set no names: wording that is never wrong, if less helpful than a name.
GENERIC_REVIEW_BODY = "有管辖权的行政复议机关"
GENERIC_COURT = "有管辖权的人民法院"


class RemedyRoute(Enum):
    """Which remedies a letter states."""

    REVIEW_OR_LITIGATION = "review_or_litigation"  # either, at the applicant's choice
    REVIEW_FIRST = "review_first"  # 行政复议法 第二十三条: review before any suit


@dataclass(frozen=True, slots=True)
class Remedies:
    """The bodies a letter names: the body's 行政复议机关 and the court for suits against it."""

    review_body: str = GENERIC_REVIEW_BODY
    court: str = GENERIC_COURT

    def __post_init__(self) -> None:
        # A blank setting means "not set": the generic wording, never an empty name in a letter.
        object.__setattr__(self, "review_body", self.review_body.strip() or GENERIC_REVIEW_BODY)
        object.__setattr__(self, "court", self.court.strip() or GENERIC_COURT)

    def paragraph(self, route: RemedyRoute) -> str:
        """The sentence a letter prints, e.g. ``如对本告知书不服，可以自收到本告知书之日起60日内…``."""
        if route is RemedyRoute.REVIEW_OR_LITIGATION:
            return (
                f"如对本告知书不服，可以自收到本告知书之日起{REVIEW_LIMIT_DAYS}日内向{self.review_body}"
                f"申请行政复议，也可以自收到本告知书之日起{LITIGATION_LIMIT_MONTHS}个月内向{self.court}"
                "提起行政诉讼。"
            )
        if route is RemedyRoute.REVIEW_FIRST:
            return (
                f"如对本告知书中不予公开的决定不服，应当自收到本告知书之日起{REVIEW_LIMIT_DAYS}日内"
                f"先向{self.review_body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书"
                f"之日起{LITIGATION_AFTER_REVIEW_DAYS}日内向{self.court}提起行政诉讼。"
            )
        raise AssertionError(route)
