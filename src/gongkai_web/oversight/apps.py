from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "gongkai_web.oversight"
    verbose_name = "监督检查"
