"""Request plumbing: security headers, language per area, idle timeout, two-factor gate, the
office scope."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from lotse.core import policy
from lotse.core.access import two_factor_redirect

#: Paths of the back office: German/English only, two-factor gate, office scope.
STAFF_PREFIXES = ("/staff/", "/admin/", "/api/")


def is_staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


#: Paths whose pages show personal data to whoever holds the link or the login: the back office,
#: the partner's answer page, the volunteers' own pages (unprefixed /volunteer/; the application
#: form lives under the language prefix), and the event participant's personal link.
PRIVATE_PREFIXES = (*STAFF_PREFIXES, "/partner/", "/volunteer/")
PERSONAL_LINK = re.compile(r"^/[\w-]+/events/my/")


def is_private(request: HttpRequest) -> bool:
    """Whether the response may hold personal data, so no cache may keep it."""
    path = request.path_info
    if path.startswith(PRIVATE_PREFIXES) or PERSONAL_LINK.match(path):
        return True
    # A form sent back with its errors shows what was typed.
    if request.method not in ("GET", "HEAD"):
        return True
    # Set once the session middleware ran; WhiteNoise answers static files before it.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _policy(directives: dict[str, list[str]], *, separator: str, values: str) -> str:
    return separator.join(
        values.format(name=name, sources=" ".join(sources)).rstrip()
        for name, sources in directives.items()
    )


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, on every response (static files too).

    Content-Security-Policy (settings.SECURE_CSP), Permissions-Policy (settings.
    PERMISSIONS_POLICY), and `Cache-Control: no-store` for responses that may hold personal
    data (see is_private), so neither the browser nor a proxy keeps a copy after logout. A small
    middleware rather than django-csp: the policy is the same for every page and needs no
    nonces, and Django 6.0 brings its own CSP middleware for the same setting.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = _policy(
                settings.SECURE_CSP, separator="; ", values="{name} {sources}"
            )
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = _policy(
                settings.PERMISSIONS_POLICY, separator=", ", values="{name}=({sources})"
            )
        if is_private(request) and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response


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
    """Log staff out after LOTSE_SESSION_IDLE_MINUTES without a request.

    Every request of a logged-in user counts as activity, HTMX requests and the keep-alive of
    the idle warning included. The seconds left are put on the request (for the warning in the
    page) and on the response (`Lotse-Idle-Remaining`, read by lotse/idle.js after HTMX
    requests), since the session's clock is touched only once a minute.
    """

    #: Write the session at most this often, not on every request.
    TOUCH_SECONDS = 60
    SESSION_KEY = "lotse_last_seen"
    HEADER = "Lotse-Idle-Remaining"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def idle_seconds() -> int:
        return int(settings.LOTSE_SESSION_IDLE_MINUTES * 60)

    @classmethod
    def touch(cls, request: HttpRequest) -> None:
        request.session[cls.SESSION_KEY] = int(time.time())

    @classmethod
    def remaining(cls, request: HttpRequest) -> int | None:
        last = request.session.get(cls.SESSION_KEY)
        if last is None or not request.user.is_authenticated:
            return None
        return max(0, cls.idle_seconds() - (int(time.time()) - last))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            idle = self.idle_seconds()
            now = int(time.time())
            last = request.session.get(self.SESSION_KEY, now)
            if now - last > idle:
                logout(request)
                from django.contrib import messages

                messages.info(request, _("You were logged out after a time without activity."))
                # The login page itself simply opens (the idle warning sends the browser there).
                if is_staff_path(request.path_info) and request.path_info != reverse(
                    settings.LOGIN_URL
                ):
                    return redirect_to_login(request.get_full_path())
            elif (
                now - last >= min(self.TOUCH_SECONDS, idle // 10)
                or self.SESSION_KEY not in request.session
            ):
                self.touch(request)
            request.lotse_idle_remaining = self.remaining(request)
            request.lotse_idle_warning = settings.LOTSE_SESSION_WARNING_SECONDS
        response = self.get_response(request)
        remaining = self.remaining(request) if hasattr(request, "lotse_idle_remaining") else None
        if remaining is not None:
            response[self.HEADER] = str(remaining)
        return response


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
        allowed = (
            reverse("core:two-factor"),
            reverse("core:logout"),
            reverse("core:login"),
            reverse("core:keep-alive"),
        )
        if path in allowed:
            return None
        return two_factor_redirect(request)
