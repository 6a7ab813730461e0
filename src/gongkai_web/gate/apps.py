from django.apps import AppConfig


class GateConfig(AppConfig):
    name = "gongkai_web.gate"
    label = "gate"
    verbose_name = "保密审查"
