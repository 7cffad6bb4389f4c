from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AskConfig(AppConfig):
    name = "lotse.ask"
    label = "ask"
    verbose_name = _("Questions")

    def ready(self) -> None:
        from lotse.ask import rules  # noqa: F401  (registers the actions)
        from lotse.core import navigation

        navigation.register(
            _("Questions"), "ask:questions", "ask.questions.view", 450, match="ask:"
        )
