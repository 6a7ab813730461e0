from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "gongkai_web.registers"
    verbose_name = "主动公开登记"
