"""Writes of core data: offices, members and their second factor. Every write is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.mail import queue_templated_email
from lotse.core.models import BackupCodeDevice, Membership, Office, Role, User
from lotse.core.selectors import memberships_of

OFFICE_PUBLIC_FIELDS = (
    "street",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
)


@transaction.atomic
def office_update(*, office: Office, by: User, **fields: Any) -> Office:
    """Change an office's public contact details."""
    policy.require(by, "core.office.edit", office)
    unknown = set(fields) - set(OFFICE_PUBLIC_FIELDS)
    if unknown:
        raise TypeError(f"office_update does not change {sorted(unknown)}")
    before = {name: getattr(office, name) for name in fields}
    for name, value in fields.items():
        setattr(office, name, value)
    office.full_clean()
    office.save()
    audit_record(
        action="core.office.updated",
        actor=by,
        office=office,
        obj=office,
        data={"fields": changed_fields(before, fields)},
    )
    return office


def invitation_link(*, user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("core:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


@transaction.atomic
def member_add(
    *,
    office: Office,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    base_url: str,
) -> Membership:
    """Give a person a role in the office; invite them by e-mail if they are new to Lotse."""
    policy.require(by, "core.member.manage", office)
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_record(action="core.user.created", actor=by, office=office, obj=user)
    membership = Membership(user=user, office=office, role=role)
    membership.full_clean()
    membership.save()
    audit_record(
        action="core.membership.created",
        actor=by,
        office=office,
        obj=membership,
        data={"role": role, "user_id": user.pk},
    )
    context = {
        "office": office,
        "user": user,
        "role": Role(role).label,
        "new_account": created,
        "link": invitation_link(user=user, base_url=base_url)
        if created
        else base_url.rstrip("/") + reverse("core:login"),
    }
    queue_templated_email(template="core/email/invitation", context=context, to=[user.email])
    return membership


def _office_admin_count(office: Office) -> int:
    return Membership.objects.filter(office=office, role=Role.OFFICE_ADMIN).count()


@transaction.atomic
def member_change_role(*, membership: Membership, by: User, role: str) -> Membership:
    policy.require(by, "core.member.manage", membership.office)
    if role == membership.role:
        return membership
    if membership.role == Role.OFFICE_ADMIN and _office_admin_count(membership.office) <= 1:
        raise ValidationError(_("An office needs at least one office administrator."))
    old_role = membership.role
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    audit_record(
        action="core.membership.updated",
        actor=by,
        office=membership.office,
        obj=membership,
        data={"fields": ["role"], "from": old_role, "to": role},
    )
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, by: User) -> None:
    """End a person's role in the office; their account and audit trail stay."""
    policy.require(by, "core.member.manage", membership.office)
    if membership.role == Role.OFFICE_ADMIN and _office_admin_count(membership.office) <= 1:
        raise ValidationError(_("An office needs at least one office administrator."))
    audit_record(
        action="core.membership.deleted",
        actor=by,
        office=membership.office,
        obj=membership,
        data={"role": membership.role, "user_id": membership.user_id},
    )
    membership.delete()


@transaction.atomic
def member_reset_two_factor(*, membership: Membership, by: User) -> int:
    """Remove a member's authenticator (a lost phone); they enrol again at their next login."""
    policy.require(by, "core.member.manage", membership.office)
    deleted, _details = TOTPDevice.objects.filter(user=membership.user).delete()
    # The old backup codes belong to the lost authenticator; new ones come with the new one.
    BackupCodeDevice.objects.filter(user=membership.user).delete()
    audit_record(
        action="core.user.two_factor_reset",
        actor=by,
        office=membership.office,
        obj=membership.user,
        data={"devices": deleted},
    )
    return deleted


def audit_for_each_office(*, user: User | None, action: str, **kwargs: Any) -> None:
    """Record an account event once per office of the user (once office-less if none).

    Office admins read their own office's log, so a login shows in every office the user works for.
    """
    offices: list[Office | None] = [m.office for m in memberships_of(user=user)]
    for office in offices or [None]:
        audit_record(action=action, actor=user, office=office, **kwargs)


@transaction.atomic
def two_factor_device_start(*, user: User) -> TOTPDevice:
    """Return the user's unconfirmed authenticator, creating it if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def two_factor_device_confirm(*, device: TOTPDevice, token: str, ip_address: str | None) -> bool:
    """Confirm the authenticator when the code from the app is right; audit it."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_for_each_office(
        user=device.user,
        action="auth.two_factor.enrolled",
        obj=device.user,
        ip_address=ip_address,
    )
    return True
