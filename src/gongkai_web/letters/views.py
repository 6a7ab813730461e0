"""The office's letters page of a case and the downloads; the applicant's downloads by tracking code."""

from __future__ import annotations

from typing import Literal, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.errors import GongkaiError
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import works_on_case
from gongkai_web.applications.models import Application
from gongkai_web.letters import queries, services
from gongkai_web.letters.forms import GenerateLetterForm
from gongkai_web.letters.models import Letter

Format = Literal["docx", "pdf"]
CONTENT_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_http_methods(["GET", "POST"])
def case_letters(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("body", "department"), pk=application_id
    )
    if not works_on_case(request.user, application):
        raise PermissionDenied("您不能查看该申请的告知书")
    options = queries.letter_options(application)
    form = GenerateLetterForm(request.POST or None, options=options)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = form.chosen()
            try:
                letter = services.generate_letter(
                    application=application,
                    kind=chosen.kind,
                    event=chosen.event,
                    inputs=form.inputs(),
                    actor=cast(User, request.user),  # login_required: never anonymous here
                )
            except ValidationError as error:
                form.add_error(None, error)
            except GongkaiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"已生成{letter.title}（{letter.number}）")
                return redirect("letters:case", application_id=application.pk)
        status = 400
    context = {
        "application": application,
        "letters": queries.letters_of(application),
        "form": form,
        "has_options": bool(options),
    }
    return render(request, "letters/case_letters.html", context, status=status)


@login_required
def download(request: HttpRequest, letter_id: int, fmt: Format) -> FileResponse:
    letter = get_object_or_404(
        Letter.objects.select_related("application__body", "application__department"), pk=letter_id
    )
    if not works_on_case(request.user, letter.application):
        raise PermissionDenied("您不能下载该告知书")
    return _file(letter, fmt)


def applicant_download(request: HttpRequest, tracking_code: str, letter_id: int, fmt: Format) -> FileResponse:
    """A letter addressed to the applicant of the case the tracking code names; 404 for anything else."""
    letter = queries.applicant_letter(tracking_code=tracking_code, letter_id=letter_id)
    if letter is None:
        raise Http404("没有这份告知书")
    return _file(letter, fmt)


def _file(letter: Letter, fmt: Format) -> FileResponse:
    stored = letter.docx if fmt == "docx" else letter.pdf
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{letter.title}（{letter.number}）.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
