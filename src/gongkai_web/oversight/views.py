"""The oversight pages under /office/oversight/. Each checks that the user supervises what the page
shows (`access`), validates a form, calls one service, renders or redirects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai_web.oversight import access, queries, services
from gongkai_web.oversight.forms import HierarchyForm
from gongkai_web.registers.imports import MAX_FILE_BYTES, MAX_ROWS, ImportFileError


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access.require_supervisor(request.user)
    return redirect("oversight:bodies")


@login_required
@require_http_methods(["GET", "POST"])
def bodies(request: HttpRequest) -> HttpResponse:
    """The supervised hierarchy, and the import of bodies below it from a file."""
    ids = access.require_supervisor(request.user)
    form = HierarchyForm(request.POST or None, request.FILES or None)
    status = 200
    context: dict[str, object] = {"form": form, "max_rows": MAX_ROWS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = services.import_hierarchy(content=upload.read(MAX_FILE_BYTES + 1), within=ids)
        except ImportFileError as error:
            context["file_error"], status = error, 400
        except services.HierarchyError as error:
            context["row_errors"], status = error.errors, 400
        else:
            messages.success(request, f"已导入“{upload.name}”：{summary}")
            return redirect("oversight:bodies")
    roots = list(access.supervised_roots(request.user))
    context["tree"] = queries.tree(roots, access.supervised_ids(request.user))
    return render(request, "oversight/bodies.html", context, status=status)
