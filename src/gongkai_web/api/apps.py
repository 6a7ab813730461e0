from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai_web.api"
    verbose_name = "接口"
