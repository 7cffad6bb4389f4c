"""Back-office views of the core app: thin, each one a policy check, a form and a service call."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core import backup_codes, navigation, policy, selectors, services
from lotse.core.access import (
    authenticated_view,
    post_only,
    public_view,
    staff_view,
    two_factor_redirect,
)
from lotse.core.backup_codes import BackupCodeForm
from lotse.core.forms import (
    AuditFilterForm,
    LoginForm,
    MemberAddForm,
    MemberRoleForm,
    OfficeForm,
    QueuedPasswordResetForm,
    TokenForm,
)
from lotse.core.middleware import IdleTimeoutMiddleware, OfficeScopeMiddleware
from lotse.core.models import BackupCodeDevice
from lotse.core.ratelimit import rate_limited
from lotse.core.signals import client_ip
from lotse.core.totp import qr_code_svg


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address if it is a path on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path: redirect() would take any other word for a URL name and fail on it.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- Operations ---------------------------------------------------------------------------------


@public_view
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# --- Authentication -------------------------------------------------------------------------------

login = public_view(
    auth_views.LoginView.as_view(
        template_name="core/auth/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public_view(auth_views.LogoutView.as_view())
password_change = authenticated_view(
    auth_views.PasswordChangeView.as_view(
        template_name="core/auth/password_change.html",
        success_url=reverse_lazy("core:password-change-done"),
    )
)
password_change_done = authenticated_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="core/auth/password_change_done.html")
)
# Rate-limited: each request sends an e-mail, so a script could flood a colleague's mailbox.
password_reset = public_view(
    rate_limited("core.password-reset")(
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="core/auth/password_reset.html",
            email_template_name="core/email/password_reset.txt",
            subject_template_name="core/email/password_reset_subject.txt",
            success_url=reverse_lazy("core:password-reset-done"),
        )
    )
)
password_reset_done = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="core/auth/password_reset_done.html")
)
password_reset_confirm = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="core/auth/password_reset_confirm.html",
        success_url=reverse_lazy("core:password-reset-complete"),
    )
)
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="core/auth/password_reset_complete.html"
    )
)


@authenticated_view
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify the second factor, or enrol an authenticator app first if there is none."""
    user = request.user
    next_url = safe_next(request, reverse("core:dashboard"))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = services.two_factor_device_start(user=user)
    with_backup_code = not enrolling and "backup_code" in request.POST
    form = TokenForm(None if with_backup_code else (request.POST or None))
    backup_form = BackupCodeForm(request.POST if with_backup_code else None)
    if with_backup_code:
        if backup_form.is_valid():
            codes = BackupCodeDevice.objects.filter(user=user).first()
            if codes is not None and not codes.verify_is_allowed()[0]:
                backup_form.add_error(
                    "backup_code", _("Too many wrong codes. Please wait a moment and try again.")
                )
            elif codes is not None and backup_codes.backup_code_use(
                device=codes,
                code=backup_form.cleaned_data["backup_code"],
                ip_address=client_ip(request),
            ):
                otp_login(request, codes)
                left = len(codes.code_hashes)
                messages.warning(
                    request,
                    ngettext(
                        "You logged in with a backup code; %(count)s code is left. Create new "
                        "codes under “Backup codes” in your menu.",
                        "You logged in with a backup code; %(count)s codes are left. Create new "
                        "codes under “Backup codes” in your menu.",
                        left,
                    )
                    % {"count": left},
                )
                return redirect(next_url)
            else:
                backup_form.add_error(
                    "backup_code", _("This backup code is not right, or it was used before.")
                )
    elif request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        # django-otp slows guessing down: after each wrong code the next try waits longer.
        if not device.verify_is_allowed()[0]:
            form.add_error("token", _("Too many wrong codes. Please wait a moment and try again."))
        else:
            if enrolling:
                ok = services.two_factor_device_confirm(
                    device=device, token=token, ip_address=client_ip(request)
                )
            else:
                ok = device.verify_token(token)
            if ok:
                otp_login(request, device)
                if enrolling:
                    messages.success(request, _("Two-factor authentication is now active."))
                    # The codes of an earlier authenticator (a reset after a lost phone) are
                    # no longer taken; offer a new set straight away.
                    query = urlencode({"next": next_url})
                    return redirect(f"{reverse('core:backup-codes')}?{query}")
                return redirect(next_url)
            form.add_error("token", _("This code is not right. Check the time on your phone."))
    context = {
        "form": form,
        "backup_form": backup_form,
        "with_backup_code": with_backup_code,
        "enrolling": enrolling,
        "next": next_url,
    }
    if enrolling:
        context["qr_svg"] = qr_code_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "core/auth/two_factor.html", context)


@authenticated_view
@never_cache
def backup_codes_page(request: HttpRequest) -> HttpResponse:
    """Show how many backup codes are left; a POST replaces them and shows the new ones once."""
    user = request.user
    allowed = backup_codes.backup_codes_allowed(user=user)
    if allowed and not policy.is_verified(user):
        # Only a session that passed the second factor may create its stand-in.
        return two_factor_redirect(request)
    codes = None
    if request.method == "POST" and allowed:
        codes = backup_codes.backup_codes_create(user=user, ip_address=client_ip(request))
    context = {
        "allowed": allowed,
        "codes": codes,
        "available": backup_codes.backup_codes_available(user=user),
        "next": safe_next(request, reverse("core:dashboard")),
    }
    return render(request, "core/auth/backup_codes.html", context)


@authenticated_view
@post_only
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The idle warning's "Stay logged in": the request counts as activity, nothing else."""
    IdleTimeoutMiddleware.touch(request)
    return HttpResponse(status=204)


# --- Back office --------------------------------------------------------------------------------


def _landing_first(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send users without an office whom an app knows (volunteers) to that app's start page.

    Runs before staff_view, whose "no office" answer stays for everyone else.
    """

    @wraps(view)  # keeps the view's lotse_access for the URL sweep
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and request.office is None and not user.is_superuser:
            landing = navigation.landing_for(user)
            if landing:
                return redirect(landing)
        return view(request, *args, **kwargs)

    return wrapped


@_landing_first
@staff_view("core.dashboard.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    office = request.office
    context = {
        "recent_logins": selectors.recent_logins_of(user=request.user, office=office),
        "role": request.membership.get_role_display(),
        "two_factor_active": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        # Apps' blocks (the counselor's day, ...) first: they are the day's work.
        "panels": [
            {"template": panel.template, **panel.context(request)}
            for panel in navigation.panels()
            if policy.can(request.user, panel.action, office)
        ],
    }
    return render(request, "core/dashboard.html", context)


@authenticated_view
@require_POST
def office_switch(request: HttpRequest) -> HttpResponse:
    """Make another of the user's offices the active one."""
    try:
        office_id = int(request.POST.get("office", ""))
    except ValueError:
        raise Http404 from None
    if office_id not in policy.roles_by_office(request.user):
        raise Http404
    request.session[OfficeScopeMiddleware.SESSION_KEY] = office_id
    return redirect(safe_next(request, reverse("core:dashboard")))


@staff_view("core.office.edit")
def office_edit(request: HttpRequest) -> HttpResponse:
    office = request.office
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        office.refresh_from_db()  # the form wrote onto the instance; the service compares
        services.office_update(office=office, by=request.user, **form.cleaned_data)
        messages.success(request, _("The office details were saved."))
        return redirect("core:office-edit")
    return render(request, "core/office_edit.html", {"form": form})


@staff_view("core.member.view")
def member_list(request: HttpRequest) -> HttpResponse:
    members = selectors.office_members(user=request.user, office=request.office)
    return render(
        request,
        "core/member_list.html",
        {
            "members": members,
            "can_manage": policy.can(request.user, "core.member.manage", request.office),
        },
    )


@staff_view("core.member.manage")
def member_add(request: HttpRequest) -> HttpResponse:
    form = MemberAddForm(request.POST or None, office=request.office)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(
                office=request.office,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person was added and has been sent an e-mail."))
            return redirect("core:member-list")
    return render(request, "core/member_form.html", {"form": form})


@staff_view("core.member.manage")
def member_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get_for(
        user=request.user, office=request.office, membership_id=membership_id
    )
    form = MemberRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.member_remove(membership=membership, by=request.user)
                messages.success(request, _("The role in this office was removed."))
                return redirect("core:member-list")
            if "reset_two_factor" in request.POST:
                services.member_reset_two_factor(membership=membership, by=request.user)
                messages.success(
                    request,
                    _("Two-factor authentication was reset; it is set up again at the next login."),
                )
                return redirect("core:member-edit", membership_id=membership.pk)
            if form.is_valid():
                services.member_change_role(
                    membership=membership, by=request.user, role=form.cleaned_data["role"]
                )
                messages.success(request, _("The role was saved."))
                return redirect("core:member-list")
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "core/member_edit.html", {"form": form, "membership": membership})


@staff_view("core.audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, office=request.office)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "actor_id": data["actor"].pk if data["actor"] else None,
            "action": data["action"],
            "object_type": data["object_type"],
            "object_id": data["object_id"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    entries = selectors.audit_entries_for(user=request.user, office=request.office, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


# --- Error pages --------------------------------------------------------------------------------


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    from lotse.core.middleware import is_staff_path

    area = "staff" if is_staff_path(request.path_info) else "portal"
    return render(request, f"{area}/{template}", {"status": status}, status=status)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "403.html")


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "404.html")


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    from lotse.core.middleware import is_staff_path

    area = "staff" if is_staff_path(request.path_info) else "portal"
    template = loader.get_template(f"{area}/500.html")
    return HttpResponse(
        template.render({"status": 500, "STATIC_URL": settings.STATIC_URL}), status=500
    )
