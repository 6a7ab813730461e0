from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai_web.reports"
    verbose_name = "年度报告"
