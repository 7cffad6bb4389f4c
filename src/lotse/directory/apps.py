from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "lotse.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.directory import rules  # noqa: F401  (registers the directory's actions)

        navigation.register(
            _("Directory"),
            "directory:service-list",
            "directory.entry.view",
            200,
            match="directory:",
        )
