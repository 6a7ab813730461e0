from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "gongkai_web.bodies"
    verbose_name = "机关与人员"
