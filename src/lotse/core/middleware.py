"""Request plumbing: language per area, idle timeout, two-factor gate, the office scope."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from lotse.core import policy
from lotse.core.access import two_factor_redirect

#: Paths of the back office: German/English only, two-factor gate, office scope.
STAFF_PREFIXES = ("/staff/", "/admin/", "/api/")


def is_staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


class LanguageMiddleware(LocaleMiddleware):
    """The portal speaks every configured language (from its URL prefix); staff pages de/en."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        if is_staff_path(request.path_info):
            language = translation.get_language()
            if language not in settings.STAFF_LANGUAGES:
                translation.activate(settings.LANGUAGE_CODE)
                request.LANGUAGE_CODE = settings.LANGUAGE_CODE


class IdleTimeoutMiddleware:
    """Log staff out after LOTSE_SESSION_IDLE_MINUTES without a request."""

    #: Write the session at most this often, not on every request.
    TOUCH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get("lotse_last_seen", now)
            if now - last > settings.LOTSE_SESSION_IDLE_MINUTES * 60:
                logout(request)
                from django.contrib import messages

                messages.info(request, _("You were logged out after a time without activity."))
                if is_staff_path(request.path_info):
                    return redirect_to_login(request.get_full_path())
            elif now - last >= self.TOUCH_SECONDS or "lotse_last_seen" not in request.session:
                request.session["lotse_last_seen"] = now
        return self.get_response(request)


class OfficeScopeMiddleware:
    """Pick the active office and open the ORM scope for it around the view.

    Office-owned models use django-scopes: a query outside a scope raises, so a view that forgot
    to filter by office fails loudly instead of showing every office's rows.
    """

    SESSION_KEY = "lotse_office_id"
    EXEMPT = ("/healthz", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.office = None
        request.membership = None
        request.memberships = []
        user = request.user
        if user.is_authenticated:
            memberships = self._memberships(request)
            policy.remember_memberships(user, memberships)
            request.memberships = memberships
            chosen = request.session.get(self.SESSION_KEY)
            current = next((m for m in memberships if m.office_id == chosen), None)
            current = current or (memberships[0] if memberships else None)
            if current is not None:
                request.office = current.office
                request.membership = current
            gate = self._two_factor_gate(request)
            if gate is not None:
                return gate
        if request.path_info.startswith("/admin/") and getattr(user, "is_superuser", False):
            # The admin site is for platform admins, who keep the installation across offices.
            with scopes_disabled():
                return self.get_response(request)
        office_ids = [request.office.pk] if request.office else []
        with scope(office=office_ids):
            return self.get_response(request)

    @staticmethod
    def _memberships(request: HttpRequest) -> list:
        from lotse.core.selectors import memberships_of

        return memberships_of(user=request.user)

    @staticmethod
    def _two_factor_gate(request: HttpRequest) -> HttpResponse | None:
        path = request.path_info
        if not is_staff_path(path) or not policy.two_factor_required(request.user):
            return None
        if policy.is_verified(request.user):
            return None
        allowed = (reverse("core:two-factor"), reverse("core:logout"), reverse("core:login"))
        if path in allowed:
            return None
        return two_factor_redirect(request)
