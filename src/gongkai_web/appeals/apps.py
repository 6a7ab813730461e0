from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai_web.appeals"
    verbose_name = "行政复议与行政诉讼"
