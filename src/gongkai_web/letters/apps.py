from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gongkai_web.letters"
    verbose_name = "告知书"
