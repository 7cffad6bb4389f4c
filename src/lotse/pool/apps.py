from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "lotse.pool"
    label = "pool"
    verbose_name = _("Interpreters and moderators")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.pool import rules  # noqa: F401  (registers the pool actions)

        navigation.register(
            _("Interpreters"), "pool:member-list", "pool.member.view", 450, match="pool:"
        )
