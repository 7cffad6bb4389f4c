from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipConfig(AppConfig):
    name = "lotse.sponsorship"
    label = "sponsorship"
    verbose_name = _("Welcome sponsors")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.sponsorship import (
            access,  # noqa: F401  (registers the volunteers' landing page)
            rules,  # noqa: F401  (registers the sponsorship actions)
        )

        navigation.register(
            _("Volunteers"),
            "sponsorship:volunteer-list",
            "sponsorship.volunteer.view",
            300,
            match="sponsorship:",
        )
