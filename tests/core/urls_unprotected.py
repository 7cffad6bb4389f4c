"""The project's URLs plus two deliberately unprotected views, to show the sweep catches them."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lotse.core.access import public_view
from lotse.core.models import Membership
from lotse.urls import urlpatterns as project_urlpatterns
from tests.sweep import MARKER


def leaky_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("everything")


def leaky_detail(request: HttpRequest, secret_id: int) -> HttpResponse:
    # Marked, but checks nothing and reads across offices: the sweep must notice both.
    names = Membership.objects.with_scopes_disabled().values_list("user__last_name", flat=True)
    return HttpResponse(" ".join(names) if MARKER in names else "")


def harmless(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


leaky_detail.lotse_access = "staff:core.dashboard.view"

urlpatterns = [
    *project_urlpatterns,
    path("staff/leak/", leaky_list, name="leaky-list"),
    path("staff/leak/<int:secret_id>/", leaky_detail, name="leaky-detail"),
    path("public/", public_view(harmless), name="public-ok"),
]
