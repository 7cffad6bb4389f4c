"""View decorators: every view declares who may reach it, and the URL sweep test checks it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from lotse.core import policy

View = Callable[..., HttpResponse]


def public_view(view: View) -> View:
    """Mark a view as open to everyone (the portal, login, health check)."""
    view.lotse_access = "public"  # type: ignore[attr-defined]
    return view


def two_factor_redirect(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('core:two-factor')}?{query}")


def authenticated_view(view: View) -> View:
    """A page about the user's own account: login needed, no office or role."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.lotse_access = "authenticated"  # type: ignore[attr-defined]
    return wrapped


def staff_view(action: str) -> Callable[[View], View]:
    """A back-office page: login, second factor where required, and `action` in the office."""
    rule = policy.rule_for(action)  # fails at import for an unknown action

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if policy.two_factor_required(user) and not policy.is_verified(user):
                return two_factor_redirect(request)
            if not rule.platform and request.office is None:
                if user.is_superuser:
                    return redirect("admin:index")
                return render(request, "staff/no_office.html", status=403)
            policy.require(user, action, None if rule.platform else request.office)
            return view(request, *args, **kwargs)

        wrapped.lotse_access = f"staff:{action}"  # type: ignore[attr-defined]
        return wrapped

    return decorator


def post_only(view: View) -> View:
    """require_POST, marked so the URL sweep's positive control expects 405 to a GET."""
    wrapped = require_POST(view)
    wrapped.lotse_methods = ("POST",)  # type: ignore[attr-defined]
    return wrapped
