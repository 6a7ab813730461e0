"""The public catalogue (no login): a body's items by category, by 第二十条 item or found by a search,
an item's page with its metadata table, its attachments, and the body's 政府信息公开指南."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.catalogue import (
    ARTICLE_20,
    ARTICLE_ITEMS,
    CATEGORIES,
    CATEGORY_BY_ID,
    PUBLICATION_LIMIT,
    CategoryKind,
    Stage,
)
from gongkai.clock import CORRECTION_REQUEST_LIMIT, EXTENSION_LIMIT, REPLY_LIMIT
from gongkai.fees import ENABLING_PROVISION, FREE_PIECES_PER_MONTH, REGULATION
from gongkai.letters.remedies import LITIGATION_AFTER_REVIEW_DAYS, LITIGATION_LIMIT_MONTHS, REVIEW_LIMIT_DAYS
from gongkai_web.bodies.models import Body
from gongkai_web.catalogue.models import CatalogueAttachment
from gongkai_web.catalogue.office_views import attachment_response
from gongkai_web.catalogue.queries import (
    PUBLIC_PAGE_SIZE,
    catalogue_bodies,
    category_counts,
    guide_of,
    item_counts,
    public_item,
    public_items,
    search_terms,
)
from gongkai_web.paging import paged

MAX_QUERY_LENGTH = 100
COLUMNS = tuple(category for category in CATEGORIES if category.kind is CategoryKind.COLUMN)


def _body(body_id: int) -> Body:
    return get_object_or_404(Body, pk=body_id)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/index.html", {"bodies": catalogue_bodies()})


@require_safe
def body_catalogue(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(body_id)
    category = CATEGORY_BY_ID.get(request.GET.get("category", ""))
    item_text = request.GET.get("item", "")
    is_number = item_text.isascii() and item_text.isdigit() and len(item_text) <= 2
    article_item = ARTICLE_ITEMS.get(int(item_text)) if is_number else None
    query = " ".join(search_terms(request.GET.get("q", "")[:MAX_QUERY_LENGTH]))
    items = public_items(
        body,
        category=category,
        article_item=article_item.number if article_item else None,
        query=query,
    )
    listed = paged(request, Paginator(items, PUBLIC_PAGE_SIZE))
    counts = category_counts(body)
    by_item = item_counts(counts)
    return render(
        request,
        "catalogue/body.html",
        {
            "body": body,
            "category": category,
            "article_item": article_item,
            "query": query,
            "page": listed.page,
            "params": listed.query,
            "articles": [(item, by_item.get(item.number, 0)) for item in ARTICLE_20],
            "columns": [(column, counts.get(column.id, 0)) for column in COLUMNS],
        },
    )


@require_safe
def item(request: HttpRequest, body_id: int, pk: int, revision: int | None = None) -> HttpResponse:
    """An item's page: the revision in force (or revision ``revision``), or that it was withdrawn (410)."""
    body = _body(body_id)
    found = public_item(body, pk, revision)
    if found is None:
        raise Http404("没有这条已发布的信息")
    if found.withdrawn is not None:
        context = {"body": body, "item": found.withdrawn}
        return render(request, "catalogue/withdrawn.html", context, status=410)
    shown = found.shown
    return render(
        request,
        "catalogue/item.html",
        {
            "body": body,
            "found": found,
            "item": shown,
            "category": CATEGORY_BY_ID[shown.category],
            "attachments": list(shown.attachments.all()),
            "earlier": shown.stage == Stage.SUPERSEDED,
            "superseded_on": found.superseded_on(shown),
        },
    )


@require_safe
def attachment(request: HttpRequest, body_id: int, pk: int, file_pk: int) -> FileResponse:
    """A file of any revision the public may read (none of a withdrawn item)."""
    found = public_item(_body(body_id), pk)
    if found is None or found.withdrawn is not None:
        raise Http404("没有这条已发布的信息")
    revisions = [revision.pk for revision in found.revisions]
    return attachment_response(get_object_or_404(CatalogueAttachment, pk=file_pk, item_id__in=revisions))


@require_safe
def guide(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(body_id)
    return render(
        request,
        "catalogue/guide.html",
        {
            "guide": guide_of(body),
            "body": body,
            "articles": ARTICLE_20,
            "columns": COLUMNS,
            "reply_limit": REPLY_LIMIT,
            "extension_limit": EXTENSION_LIMIT,
            "correction_limit": CORRECTION_REQUEST_LIMIT,
            "fees_regulation": REGULATION,
            "fees_provision": ENABLING_PROVISION,
            "free_pieces": FREE_PIECES_PER_MONTH,
            "publication_limit": PUBLICATION_LIMIT,
            "review_limit_days": REVIEW_LIMIT_DAYS,
            "litigation_limit_months": LITIGATION_LIMIT_MONTHS,
            "litigation_after_review_days": LITIGATION_AFTER_REVIEW_DAYS,
        },
    )
