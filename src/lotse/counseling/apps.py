from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselingConfig(AppConfig):
    name = "lotse.counseling"
    label = "counseling"
    verbose_name = _("Counseling")

    def ready(self) -> None:
        from lotse.core import navigation
        from lotse.counseling import rules  # noqa: F401  (registers the counseling actions)
        from lotse.counseling.views_day import today_panel

        navigation.register_panel(
            "counseling.person.view", "counseling/day/_panel.html", today_panel, order=100
        )
        navigation.register(
            _("People"),
            "counseling:person-list",
            "counseling.person.view",
            110,
            match="counseling:person",
        )
        navigation.register(
            _("Referrals"),
            "counseling:referral-list",
            "counseling.referral.manage",
            120,
            match="counseling:referral",
        )
