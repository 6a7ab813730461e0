"""The public pages of 网上留言: the published questions and answers, the form, and the writer's lookup.

Anyone may leave a message; the form is limited per client address (the portal's limiter, in a
scope of its own with the portal's submission rate) and by size. What a writer typed is shown only
through Django's autoescaping: no markup of theirs reaches a page as markup.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.messages import MessageKind, MessageStatus
from gongkai_web.bodies.models import Body
from gongkai_web.messages.forms import MessageForm, TrackForm
from gongkai_web.messages.queries import (
    PUBLIC_PAGE_SIZE,
    answer_limit_of,
    message_by_code,
    published_message,
    published_messages,
)
from gongkai_web.messages.services import submit_message
from gongkai_web.portal.queries import bodies_served, help_desk_of
from gongkai_web.portal.throttle import LOOKUPS, RateLimit
from gongkai_web.portal.views import rate_limited

# The portal's submission rate, counted apart from applications (settings.GONGKAI_RATE_LIMITS["submit"]).
MESSAGES = RateLimit("message", *settings.GONGKAI_RATE_LIMITS["submit"])
MAX_REQUEST_SIZE = 64 * 1024  # bytes: the form's text fields at their limits fit many times over


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    bodies = bodies_served()
    if len(bodies) == 1:
        return redirect("public_messages:body", body_id=bodies[0].pk)
    return render(request, "messages/index.html", {"bodies": bodies})


@require_safe
def body_messages(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    page = Paginator(published_messages(body), PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "messages/body.html",
        {"body": body, "page": page, "answer_limit": answer_limit_of(body), "help_desk": help_desk_of(body)},
    )


@require_safe
def published(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    message = published_message(body, pk)
    if message is None:
        return render(request, "messages/not_found.html", {"form": TrackForm()}, status=404)
    return render(request, "messages/published.html", {"body": body, "message": message})


@require_http_methods(["GET", "HEAD", "POST"])
def write(request: HttpRequest, body_id: int) -> HttpResponse:
    if request.method == "POST":
        return _receive(request, body_id)
    body = get_object_or_404(Body, pk=body_id)
    return _form_page(request, body, MessageForm(body=body))


@rate_limited(MESSAGES)
def _receive(request: HttpRequest, body_id: int) -> HttpResponse:
    if _content_length(request) > MAX_REQUEST_SIZE:
        return render(request, "messages/too_large.html", status=413)
    body = get_object_or_404(Body, pk=body_id)
    form = MessageForm(request.POST, body=body)
    if not form.is_valid():
        return _form_page(request, body, form)
    data = form.cleaned_data
    submission = submit_message(
        body=body,
        kind=MessageKind(data["kind"]),
        title=data["title"],
        text=data["text"],
        contact=data["contact"],
        consents_to_publication=data["consents_to_publication"],
        submission_key=data["submission_key"],
        today=timezone.localdate(),
    )
    url = reverse("public_messages:received", args=[submission.message.tracking_code])
    return redirect(f"{url}?again=1" if submission.repeated else url)


def _form_page(request: HttpRequest, body: Body, form: MessageForm) -> HttpResponse:
    context = {
        "body": body,
        "form": form,
        "answer_limit": answer_limit_of(body),
        "help_desk": help_desk_of(body),
    }
    response = render(request, "messages/write.html", context, status=400 if form.is_bound else 200)
    response["Cache-Control"] = "no-store"  # the page carries a one-time submission key
    return response


@never_cache
@require_safe
@rate_limited(LOOKUPS)
def received(request: HttpRequest, code: str) -> HttpResponse:
    message = message_by_code(code)
    if message is None:
        return _not_found(request)
    response = render(
        request, "messages/received.html", {"message": message, "again": request.GET.get("again") == "1"}
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        return redirect("public_messages:status", code=form.cleaned_data["code"].strip())
    return render(request, "messages/track.html", {"form": form}, status=400 if form.is_bound else 200)


@never_cache
@require_safe
@rate_limited(LOOKUPS)
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The writer's own view: status, due date and the answer, published or not; never the contact."""
    message = message_by_code(code)
    if message is None or message.message_status is MessageStatus.SPAM:
        return _not_found(request)
    response = render(request, "messages/status.html", {"message": message, "today": timezone.localdate()})
    response["Referrer-Policy"] = "no-referrer"  # the code is in the address: never pass it on
    return response


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_REQUEST_SIZE + 1  # a length that cannot be read is not trusted


def _not_found(request: HttpRequest) -> HttpResponse:
    response = render(request, "messages/not_found.html", {"form": TrackForm()}, status=404)
    response["Referrer-Policy"] = "no-referrer"
    return response
