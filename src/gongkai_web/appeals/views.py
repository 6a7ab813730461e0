"""The office's pages for reviews and suits: a body's list, a case's appeals, recording and concluding.

Each view checks access with `can`, validates a form, calls one service, and renders or redirects.
Seeing needs Duty.OVERSEE of the body (reviewers, heads, administrators); recording and concluding
need Duty.REVIEW (reviewers and heads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.cases import AppealResult
from gongkai_web.accounts.models import User
from gongkai_web.appeals import queries, services
from gongkai_web.appeals.forms import CaseLookupForm, ConclusionForm, ReviewForm, SuitForm
from gongkai_web.appeals.models import Review, Suit
from gongkai_web.applications.models import Application
from gongkai_web.bodies.permissions import Duty, bodies_where, body_for, can

INVALID = 400  # a form sent back with its errors


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required let only a user through
    return request.user


def _require(request: HttpRequest, duty: Duty, application: Application) -> None:
    if not can(request.user, duty, application.body):
        raise PermissionDenied(f"{request.user} 在{application.body.name}没有这一职责")


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    body = body_for(request.user, Duty.OVERSEE, request.GET.get("body"))
    if body is None:
        bodies = bodies_where(request.user, Duty.OVERSEE)
        return render(request, "appeals/choose_body.html", {"bodies": bodies})
    reviews, suits = queries.appeals_of_body(body)
    context = {
        "body": body,
        "reviews": reviews,
        "suits": suits,
        "lookup": CaseLookupForm(),
        "may_record": can(request.user, Duty.REVIEW, body),
    }
    return render(request, "appeals/list.html", context)


@login_required
def find_case(request: HttpRequest) -> HttpResponse:
    form = CaseLookupForm(request.GET)
    if not form.is_valid():
        return render(request, "appeals/lookup.html", {"lookup": form}, status=INVALID)
    return redirect("appeals:case", application_id=form.cleaned_data["number"])


@login_required
def case_appeals(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("body"), pk=application_id)
    _require(request, Duty.OVERSEE, application)
    reviews, suits = queries.appeals_of_application(application)
    context = {
        "application": application,
        "reviews": reviews,
        "suits": suits,
        "appealable": queries.is_appealable(application),
        "may_record": can(request.user, Duty.REVIEW, application.body),
    }
    return render(request, "appeals/case.html", context)


@login_required
def record_review(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("body"), pk=application_id)
    _require(request, Duty.REVIEW, application)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.record_review(application=application, actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已登记行政复议")
            return redirect("appeals:case", application_id=application.pk)
    return _form_page(request, application, form, "登记行政复议")


@login_required
def record_suit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("body"), pk=application_id)
    _require(request, Duty.REVIEW, application)
    reviews = Review.objects.filter(application=application)
    form = SuitForm(request.POST if request.method == "POST" else None, reviews=reviews)
    if form.is_valid():
        try:
            services.record_suit(application=application, actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已登记行政诉讼")
            return redirect("appeals:case", application_id=application.pk)
    return _form_page(request, application, form, "登记行政诉讼")


@login_required
def conclude_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("application__body"), pk=pk)
    return _conclusion_page(
        request,
        review,
        lambda result, on, reason: services.conclude_review(
            review=review, result=result, concluded_on=on, actor=_user(request), reason=reason
        ),
    )


@login_required
def conclude_suit(request: HttpRequest, pk: int) -> HttpResponse:
    suit = get_object_or_404(Suit.objects.select_related("application__body"), pk=pk)
    return _conclusion_page(
        request,
        suit,
        lambda result, on, reason: services.conclude_suit(
            suit=suit, result=result, concluded_on=on, actor=_user(request), reason=reason
        ),
    )


Conclude = Callable[[AppealResult, dt.date, str], object]


def _conclusion_page(request: HttpRequest, appeal: Review | Suit, conclude: Conclude) -> HttpResponse:
    application = appeal.application
    _require(request, Duty.REVIEW, application)
    form = ConclusionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            conclude(form.appeal_result, data["concluded_on"], data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已记录{appeal.kind.title}（案号{appeal.case_number}）的审结结果")
            return redirect("appeals:case", application_id=application.pk)
    title = f"{'更正' if appeal.is_concluded else '记录'}{appeal.kind.title}的审结结果"
    return _form_page(request, application, form, title, appeal=appeal)


def _form_page(
    request: HttpRequest,
    application: Application,
    form: ReviewForm | SuitForm | ConclusionForm,
    title: str,
    *,
    appeal: Review | Suit | None = None,
) -> HttpResponse:
    status = INVALID if form.is_bound else 200
    context = {"application": application, "form": form, "title": title, "appeal": appeal}
    return render(request, "appeals/form.html", context, status=status)
