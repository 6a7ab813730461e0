"""Reading the catalogue: the office's list with its filters and 第二十六条 flags, the public catalogue
and its Chinese search, an item's history, a body's guide.

Search: Chinese is written without spaces, so a word is found as a substring (学区 inside
义务教育学区划分), never by splitting on word boundaries: each whitespace-separated term must occur
in the title, the text, the 文号 or the 索引号 (``icontains``). On PostgreSQL that is
``UPPER(column::text) LIKE UPPER('%…%')``, backed by the pg_trgm GIN indexes of migration 0002;
on SQLite a scan of the body's published items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from gongkai.catalogue import CATEGORY_BY_ID, PUBLIC_STAGES, Category, Stage, categories_of_item
from gongkai_web.bodies.models import Body
from gongkai_web.catalogue.models import CatalogueItem, GuideSettings, ReviewRecord
from gongkai_web.portal.models import HelpDesk

PUBLIC_PAGE_SIZE = 20
OFFICE_PAGE_SIZE = 30
MAX_SEARCH_TERMS = 5
SEARCHED = ("title", "text", "document_number", "index_number")


def late_condition(today: dt.date) -> Q:
    """Items that missed 第二十六条 by ``today``: unpublished past ``publish_by``, or published after it."""
    unpublished_late = Q(published_on__isnull=True, publish_by__lt=today) & ~Q(stage=Stage.WITHDRAWN)
    return unpublished_late | Q(published_on__gt=F("publish_by"))


def is_late(item: CatalogueItem, today: dt.date) -> bool:
    """The same rule as `late_condition`, for one item in hand."""
    if item.published_on is not None:
        return item.published_on > item.publish_by
    return item.stage != Stage.WITHDRAWN and today > item.publish_by


def search_terms(query: str) -> list[str]:
    """The terms of a search box's text: split on any whitespace (also the ideographic space).

    NUL is dropped: PostgreSQL refuses it in a text parameter, and no item holds one.
    """
    return query.replace("\x00", "").split()[:MAX_SEARCH_TERMS]


def search_condition(query: str) -> Q:
    """Every term found in one of the searched columns, as a substring (Chinese has no spaces)."""
    condition = Q()
    for term in search_terms(query):
        any_column = Q()
        for column in SEARCHED:
            any_column |= Q(**{f"{column}__icontains": term})
        condition &= any_column
    return condition


@dataclass(frozen=True)
class OfficeFilters:
    stage: Stage | None = None
    category: str | None = None
    late: bool = False
    query: str = ""


def office_items(body: Body, filters: OfficeFilters, today: dt.date) -> QuerySet[CatalogueItem]:
    items = CatalogueItem.objects.filter(body=body).select_related("author")
    if filters.stage is not None:
        items = items.filter(stage=filters.stage.value)
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.late:
        items = items.filter(late_condition(today))
    if filters.query:
        items = items.filter(search_condition(filters.query))
    return items.order_by("-created_on", "-pk")


def office_summary(body: Body, today: dt.date) -> dict[str, int]:
    items = CatalogueItem.objects.filter(body=body)
    return {
        "in_review": items.filter(stage__in=[s.value for s in Stage if s.in_review]).count(),
        "late_unpublished": items.filter(late_condition(today), published_on__isnull=True).count(),
    }


def public_items(
    body: Body, *, category: Category | None = None, article_item: int | None = None, query: str = ""
) -> QuerySet[CatalogueItem]:
    """The body's published items, newest first, by category, by 第二十条 item, or found by ``query``."""
    items = CatalogueItem.objects.filter(body=body, stage=Stage.PUBLISHED.value)
    if category is not None:
        items = items.filter(category=category.id)
    if article_item is not None:
        items = items.filter(category__in=[c.id for c in categories_of_item(article_item)])
    if not query:
        return items.order_by("-published_on", "-pk")
    # Found items in the same order, but through an expression the list's index cannot supply:
    # given the index's order, PostgreSQL walks it filtering every row for a LIMIT (0.6 s over 100 000
    # items for a rare term) instead of asking the trigram indexes (20 ms). Published items all have
    # a publication date; created_on only makes the expression one the planner cannot see through.
    newest = Coalesce("published_on", "created_on")
    return items.filter(search_condition(query)).order_by(newest.desc(), "-pk")


@dataclass(frozen=True)
class PublicItem:
    """What an item's public address shows: a revision of it, with every revision the public has seen.

    ``revisions`` are the item's published revisions first to last (earlier ones superseded); when
    the item was withdrawn, ``withdrawn`` is the revision withdrawn and nothing of it is shown.
    """

    first: CatalogueItem
    shown: CatalogueItem
    revisions: list[CatalogueItem]
    withdrawn: CatalogueItem | None

    @property
    def in_force(self) -> CatalogueItem | None:
        return next((r for r in self.revisions if r.stage == Stage.PUBLISHED), None)

    @property
    def updated_on(self) -> dt.date | None:
        """The day the revision in force replaced an earlier one (本信息于…更新), if it did."""
        in_force = self.in_force
        return in_force.published_on if in_force is not None and in_force.revision > 1 else None

    def superseded_on(self, revision: CatalogueItem) -> dt.date | None:
        """The day ``revision`` gave way to the next one, if it did."""
        later = next((r for r in self.revisions if r.revision == revision.revision + 1), None)
        return later.published_on if later is not None else None


_SEEN_BY_PUBLIC = [*(stage.value for stage in PUBLIC_STAGES), Stage.WITHDRAWN.value]


def public_item(body: Body, pk: int, revision: int | None = None) -> PublicItem | None:
    """The item at its public address, showing the revision in force (or revision ``revision``).

    None when the address names no item the public has seen: never published, another body's, a
    revision not (yet) published, or a later revision's own row (the address is the first's).
    """
    first = CatalogueItem.objects.filter(body=body, pk=pk, revises__isnull=True).first()
    if first is None:
        return None
    rows = list(
        CatalogueItem.objects.filter(Q(pk=first.pk) | Q(revises=first), stage__in=_SEEN_BY_PUBLIC)
        .prefetch_related("attachments")
        .order_by("revision")
    )
    withdrawn = next((row for row in rows if row.stage == Stage.WITHDRAWN), None)
    revisions = [row for row in rows if row.stage != Stage.WITHDRAWN]
    if withdrawn is not None:
        revisions.append(withdrawn)  # the last revision published, withdrawn since
    if revision is None:
        shown = withdrawn or next((row for row in revisions if row.stage == Stage.PUBLISHED), None)
    else:
        shown = next((row for row in revisions if row.revision == revision), None)
    if shown is None:
        return None
    return PublicItem(first=first, shown=shown, revisions=revisions, withdrawn=withdrawn)


def category_counts(body: Body) -> dict[str, int]:
    """How many published items each category holds (categories without any are absent)."""
    published = CatalogueItem.objects.filter(body=body, stage=Stage.PUBLISHED.value)
    rows = published.order_by().values_list("category").annotate(count=Count("pk"))
    return dict(rows)


def item_counts(counts: dict[str, int]) -> dict[int, int]:
    """Published items per 第二十条 item, from `category_counts`."""
    by_item: dict[int, int] = {}
    for category_id, count in counts.items():
        number = CATEGORY_BY_ID[category_id].article_item
        if number is not None:
            by_item[number] = by_item.get(number, 0) + count
    return by_item


def history_of(item: CatalogueItem) -> list[ReviewRecord]:
    return list(ReviewRecord.objects.filter(item=item).select_related("actor").order_by("at", "pk"))


def lineage_of(item: CatalogueItem) -> list[CatalogueItem]:
    """Every revision of ``item``'s information, first to last, whatever its stage (for the office)."""
    first = item.first_revision_id
    revisions = CatalogueItem.objects.filter(Q(pk=first) | Q(revises_id=first)).select_related("author")
    return list(revisions.order_by("revision"))


def catalogue_bodies() -> list[Body]:
    return list(Body.objects.order_by("name"))


@dataclass(frozen=True)
class Guide:
    """What the 政府信息公开指南 shows of a body: its help desk and guide settings (either may be unset)."""

    body: Body
    help_desk: HelpDesk | None
    settings: GuideSettings | None


def guide_of(body: Body) -> Guide:
    return Guide(
        body=body,
        help_desk=HelpDesk.objects.filter(body=body).first(),
        settings=GuideSettings.objects.filter(body=body).first(),
    )
