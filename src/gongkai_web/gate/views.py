"""The gate's office pages: a body's rules and its recent reviews, and a trial scan of any text.

Those who oversee a body (reviewers, heads, administrators) see its rules and reviews; its
administrator and head change the rules. Anyone else is refused (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body
from gongkai_web.bodies.permissions import Duty, bodies_where
from gongkai_web.gate.access import may_edit_rules, may_see_reviews
from gongkai_web.gate.forms import RulesForm, TrialForm, lines
from gongkai_web.gate.queries import current_rules, hits_of, published_contacts, recent_reviews, screen
from gongkai_web.gate.services import save_rules


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _body(request: HttpRequest, body_id: int) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    if not may_see_reviews(request.user, body):
        raise PermissionDenied(f"{request.user} 无权查看{body.name}的保密审查")
    return body


@login_required
def index(request: HttpRequest) -> HttpResponse:
    bodies = list(bodies_where(_officer(request), Duty.OVERSEE).order_by("name"))
    if not bodies:
        raise PermissionDenied(f"{request.user} 在任何机关都不负责保密审查")
    if len(bodies) == 1:
        return redirect("gate:rules", body_id=bodies[0].pk)
    return render(request, "gate/index.html", {"bodies": bodies})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rules(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    editable = may_edit_rules(request.user, body)
    in_force = current_rules(body)
    form = RulesForm(request.POST) if request.method == "POST" else RulesForm.for_rules(in_force)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_rules(
                body=body,
                actor=_officer(request),
                negative_terms=lines(form.cleaned_data["negative_terms"]),
                allowed_contacts=lines(form.cleaned_data["allowed_contacts"]),
            )
        except NotPermitted as refusal:
            raise PermissionDenied(refusal.message) from refusal
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            unchanged = in_force is not None and saved.pk == in_force.pk
            messages.success(request, "规则没有变化" if unchanged else "已保存新的审查规则")
            return redirect("gate:rules", body_id=body.pk)
    reviews = [(review, hits_of(review)) for review in recent_reviews(body)]
    return render(
        request,
        "gate/rules.html",
        {
            "body": body,
            "rules": in_force,
            "form": form,
            "editable": editable,
            "contacts": published_contacts(body),
            "reviews": reviews,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def trial(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    form = TrialForm(request.POST if request.method == "POST" else None)
    screening = screen(body, form.cleaned_data["text"]) if form.is_valid() else None
    return render(request, "gate/trial.html", {"body": body, "form": form, "screening": screening})
