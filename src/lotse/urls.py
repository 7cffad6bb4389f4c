from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from django_otp.admin import OTPAdminSite

from lotse.core import views as core_views
from lotse.core.access import public_view

if settings.LOTSE_REQUIRE_2FA:
    # Platform admins pass the second factor for the admin site too.
    admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Lotse"
admin.site.site_title = "Lotse"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", public_view(set_language), name="set_language"),
    # One login for everyone, with lockout, audit and the second factor.
    path(
        "admin/login/",
        public_view(RedirectView.as_view(pattern_name="core:login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
    path("staff/directory/", include("lotse.directory.urls")),
    path("staff/counseling/", include("lotse.counseling.urls")),
    path("staff/sponsorship/", include("lotse.sponsorship.urls")),
    path("staff/events/", include("lotse.events.urls")),
    path("staff/pool/", include("lotse.pool.urls")),
    path("staff/reports/", include("lotse.reports.urls")),
    path("staff/privacy/", include("lotse.privacy.urls")),
    path("staff/questions/", include("lotse.ask.urls")),
    # Partners answer a handover letter here: no account, no language prefix in the link.
    path("partner/", include("lotse.counseling.urls_partner")),
    # Volunteers' own pages (their login has no office role and sees no staff page).
    path("volunteer/", include("lotse.sponsorship.urls_self")),
    path("staff/", include("lotse.core.urls")),
]
urlpatterns += i18n_patterns(
    # Volunteers apply on the portal, in the reader's language; the sponsorship app owns the form.
    path("volunteer/", include("lotse.sponsorship.urls_public")),
    # Events on the portal: calendar, registration, the participant's personal link.
    path("events/", include("lotse.events.urls_public")),
    path("", include("lotse.portal.urls")),
    prefix_default_language=True,
)

handler403 = "lotse.core.views.error_403"
handler404 = "lotse.core.views.error_404"
handler500 = "lotse.core.views.error_500"
