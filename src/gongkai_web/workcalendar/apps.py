from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "gongkai_web.workcalendar"
    verbose_name = "工作日历"
