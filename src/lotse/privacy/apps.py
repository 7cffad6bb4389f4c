from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lotse.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.privacy import rules  # noqa: F401  (registers the privacy actions)

        navigation.register(
            _("Data protection"), "privacy:index", "privacy.retention.view", 800, match="privacy:"
        )
