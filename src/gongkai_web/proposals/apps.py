from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai_web.proposals"
    verbose_name = "建议提案办理"

    def ready(self) -> None:
        from gongkai_web.proposals.facts import SOURCE  # noqa: PLC0415
        from gongkai_web.reports.facts import register_facts  # noqa: PLC0415

        register_facts(SOURCE)
