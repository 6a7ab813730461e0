from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai_web.accounts"
    verbose_name = "账户"
