from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "gongkai_web.statistics"
    verbose_name = "统计"
