"""What the office navigation needs on every staff page (the office's, appeals', statistics' pages)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai_web.applications.access import Scope
from gongkai_web.bodies.permissions import Duty


def office_navigation(request: HttpRequest) -> dict[str, object]:
    """``office_nav``: the user's scope, read from the database only if a template asks for it."""
    return {"office_nav": SimpleLazyObject(lambda: _Navigation(Scope.of(request.user)))}


class _Navigation:
    def __init__(self, scope: Scope) -> None:
        self.registers = scope.registers
        self.oversees = bool(scope.bodies_with(frozenset({Duty.OVERSEE})))
        self.reviews = bool(scope.bodies_with(frozenset({Duty.REVIEW})))
        self.member = bool(scope.member_of)  # every member reads the catalogue and the registers
        self.reports = self.registers or self.reviews or bool(scope.departments_with(Duty.HANDLE))
