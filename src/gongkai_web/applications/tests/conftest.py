from __future__ import annotations

from gongkai.cases import Action
from gongkai_web.applications.models import Application, ApplicationEvent


def actions_of(application: Application) -> list[Action]:
    return [Action(event.action) for event in ApplicationEvent.objects.filter(application=application)]
