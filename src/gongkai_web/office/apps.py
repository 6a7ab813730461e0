from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "gongkai_web.office"
    verbose_name = "办理工作台"
