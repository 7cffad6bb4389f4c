"""Who may use the volunteers' self-service pages, and where a volunteer lands after login.

A volunteer logs in with the normal login but holds no membership of an office: every staff
page keeps refusing them ("no office"), so no counseling record is ever in reach. Their own
pages use `volunteer_view`, which finds the volunteer linked to the user and opens the ORM
scope of the volunteer's office only.

Importing this module registers the landing page with core's navigation (the app's ready()
imports it), so core never imports this app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from lotse.core import navigation, policy
from lotse.core.access import two_factor_redirect
from lotse.sponsorship.models import Volunteer, VolunteerStatus

View = Callable[..., HttpResponse]

#: Volunteers who may log in: still being prepared, working, or taking a break.
SELF_SERVICE_STATUSES = (
    VolunteerStatus.IN_CONVERSATION,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)


def linked_volunteer(user: Any) -> Volunteer | None:
    """The user's volunteer record if it may use the self-service, else None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    # The volunteer is looked up before any office is known: by the user, never by an id.
    with scopes_disabled():
        return (
            Volunteer.objects.select_related("office")
            .filter(user=user, status__in=SELF_SERVICE_STATUSES, office__is_active=True)
            .first()
        )


def volunteer_view(view: View) -> View:
    """A self-service page: login, an active linked volunteer, and their office's scope only."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Volunteers need no second factor; a staff member who also volunteers still does.
        if policy.two_factor_required(user) and not policy.is_verified(user):
            return two_factor_redirect(request)
        volunteer = linked_volunteer(user)
        if volunteer is None:
            raise PermissionDenied("no active volunteer record")
        request.volunteer = volunteer  # type: ignore[attr-defined]
        with scope(office=[volunteer.office_id]):
            return view(request, *args, **kwargs)

    wrapped.lotse_access = "volunteer"  # type: ignore[attr-defined]
    return wrapped


def volunteer_landing(user: Any) -> str | None:
    """After login a volunteer without an office starts on their own page."""
    if linked_volunteer(user) is None:
        return None
    return reverse("self-service:home")


navigation.register_landing(volunteer_landing)
