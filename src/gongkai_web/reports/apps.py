from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai_web.reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.annual.tokens import OTHER_FIGURES  # noqa: PLC0415
        from gongkai_web.reports.facts import FactSource, register_facts  # noqa: PLC0415
        from gongkai_web.reports.sources import FEE_FIGURES, fee_figures  # noqa: PLC0415

        register_facts(FactSource("fees", OTHER_FIGURES, FEE_FIGURES, fee_figures))
