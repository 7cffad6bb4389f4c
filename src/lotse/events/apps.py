from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lotse.events"
    label = "events"
    verbose_name = _("Programs and events")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.events import rules  # noqa: F401  (registers the events actions)

        navigation.register(
            _("Events"), "events:event-list", "events.event.view", 400, match="events:"
        )
