from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lotse.reports"
    label = "reports"
    verbose_name = _("Statistics and reports")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.reports import (
            figures_counseling,  # noqa: F401  (register their figures)
            figures_events,  # noqa: F401
            figures_sponsorship,  # noqa: F401
            rules,  # noqa: F401  (registers the reports actions)
        )

        navigation.register(
            _("Statistics"), "reports:dashboard", "reports.statistics.view", 700, match="reports:"
        )
