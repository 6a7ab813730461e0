"""The public pages: what an application is, the online form, and the status of a case by its code.

Public pages need no role: anyone may apply (条例 第二十七条) and anyone holding a tracking code
may read the public status of that case, which holds no personal data (`queries.public_status`,
over `applications.public`). Each page makes a few queries (docs/portal.md counts them); the
per-address limits are counted in the cache.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.cases import ApplicantType
from gongkai.clock import CORRECTION_REQUEST_LIMIT, EXTENSION_LIMIT, REPLY_LIMIT
from gongkai_web.applications.attachments import MAX_FILE_SIZE, MAX_FILE_SIZE_TEXT, MAX_FILES, UploadLimits
from gongkai_web.applications.models import Delivery, Medium
from gongkai_web.applications.queries import case_clock
from gongkai_web.bodies.models import Body
from gongkai_web.portal.forms import ApplicantTypeForm, ApplicationForm, TrackForm
from gongkai_web.portal.pagecache import shared_case_page, shared_page
from gongkai_web.portal.queries import (
    application_by_code,
    bodies_served,
    body_to_apply_to,
    help_desk_of,
    public_status,
)
from gongkai_web.portal.services import submit_application
from gongkai_web.portal.throttle import LOOKUPS, SUBMISSIONS, RateLimit, seconds_to_wait

# The largest request the form can honestly need: every file at its limit, plus the text fields.
MAX_REQUEST_SIZE = MAX_FILES * MAX_FILE_SIZE + settings.DATA_UPLOAD_MAX_MEMORY_SIZE

View = Callable[..., HttpResponse]

# The statutory periods the pages explain, from the clock (never retyped).
PERIODS = {
    "reply_limit": REPLY_LIMIT,
    "extension_limit": EXTENSION_LIMIT,
    "correction_limit": CORRECTION_REQUEST_LIMIT,
}


@require_safe
@shared_page
def home(request: HttpRequest) -> HttpResponse:
    bodies = bodies_served()
    only = bodies[0] if len(bodies) == 1 else None
    return render(
        request,
        "portal/home.html",
        {
            "bodies": bodies,
            "only_body": only,
            "help_desk": help_desk_of(only) if only is not None else None,
            **PERIODS,
        },
    )


@csrf_exempt  # upload handlers must be installed before the CSRF check reads the body; see _apply
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest, body_id: int) -> HttpResponse:
    if request.method != "POST":
        return _apply_page(request, body_id)
    return _receive(request, body_id)


def rate_limited(limit: RateLimit) -> Callable[[View], View]:
    """Count every request to the view against ``limit`` for the client's address; 429 beyond it."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            wait = seconds_to_wait(limit, request, now=time.time())
            if wait is not None:
                minutes = max(1, (wait + 59) // 60)
                context = {"limit": limit, "minutes": minutes}
                response = render(request, "portal/too_many.html", context, status=429)
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorate


@shared_page  # the first step (no query string) is alike for everyone; the form's step holds a token
def _apply_page(request: HttpRequest, body_id: int) -> HttpResponse:
    return _apply(request, body_id, None)


@rate_limited(SUBMISSIONS)
def _receive(request: HttpRequest, body_id: int) -> HttpResponse:
    """A posted application: refused whole if too large, else read with the upload limits in place."""
    if _content_length(request) > MAX_REQUEST_SIZE:
        return render(
            request,
            "portal/too_large.html",
            {"max_files": MAX_FILES, "max_file_size": MAX_FILE_SIZE_TEXT},
            status=413,
        )
    limits = UploadLimits(request)
    request.upload_handlers = [limits, *request.upload_handlers]
    return _apply(request, body_id, limits)


@csrf_protect
def _apply(request: HttpRequest, body_id: int, limits: UploadLimits | None) -> HttpResponse:
    body = body_to_apply_to(body_id)
    if body is None:
        return render(request, "portal/body_not_found.html", status=404)
    chooser = ApplicantTypeForm(request.GET if "type" in request.GET else None)
    if not chooser.is_valid():  # step one: who applies
        status = 400 if request.method == "POST" else 200
        return render(
            request, "portal/choose_type.html", _body_context(body) | {"form": chooser}, status=status
        )
    applicant = ApplicantType(chooser.cleaned_data["type"])
    if request.method == "POST":
        assert limits is not None
        form = ApplicationForm(
            request.POST,
            request.FILES,
            body=body,
            applicant=applicant,
            refused_uploads=limits.refused,
            uploads_seen=limits.files_seen,
        )
        if form.is_valid():
            data = form.cleaned_data
            submission = submit_application(
                body=body,
                applicant_type=applicant,
                applicant_name=data["name"],
                identity_document=data["identity_document"],
                contact=data["contact"],
                description=data["description"],
                medium=Medium(data["medium"]),
                delivery=Delivery(data["delivery"]),
                attachments=data["attachments"],
                submission_key=data["submission_key"],
                today=timezone.localdate(),
            )
            url = reverse("portal:received", args=[submission.application.tracking_code])
            return redirect(f"{url}?again=1" if submission.repeated else url)
    else:
        form = ApplicationForm(body=body, applicant=applicant)
    context = _body_context(body) | {"form": form, "applicant": applicant, **PERIODS}
    response = render(request, "portal/apply.html", context, status=400 if form.is_bound else 200)
    response["Cache-Control"] = "no-store"  # the page carries a one-time submission key
    return response


@never_cache
@require_safe
@rate_limited(LOOKUPS)
def received(request: HttpRequest, code: str) -> HttpResponse:
    application = application_by_code(code)
    if application is None:
        return _not_found(request)
    clock = case_clock(application, today=timezone.localdate())
    return render(
        request,
        "portal/received.html",
        {
            "tracking_code": application.tracking_code,
            "body": application.body,
            "help_desk": help_desk_of(application.body),
            "received_on": application.received_on,
            "clock": clock,
            "again": request.GET.get("again") == "1",
            **PERIODS,
        },
    )


@require_safe
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        return redirect("portal:status", code=form.cleaned_data["code"].strip())
    return render(request, "portal/track.html", {"form": form}, status=400 if form.is_bound else 200)


@never_cache
@require_safe
@rate_limited(LOOKUPS)
@shared_case_page
def status(request: HttpRequest, code: str) -> HttpResponse:
    page = public_status(code, today=timezone.localdate())
    if page is None:
        return _not_found(request)
    response = render(request, "portal/status.html", {"page": page, "case": page.case})
    response["Referrer-Policy"] = "no-referrer"  # the code is in the address: never pass it on
    return response


def _body_context(body: Body) -> dict[str, Any]:
    return {"body": body, "help_desk": help_desk_of(body)}


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_REQUEST_SIZE + 1  # a length that cannot be read is not trusted


def _not_found(request: HttpRequest) -> HttpResponse:
    """One page for every unknown code, whatever its form: the answer says nothing about other codes."""
    response = render(request, "portal/not_found.html", {"form": TrackForm()}, status=404)
    response["Referrer-Policy"] = "no-referrer"
    return response
