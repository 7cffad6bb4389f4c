"""Two-factor backup codes: ten one-time codes for when the authenticator app is out of reach.

They are shown once, when created, and stored only as salted hashes (Django's password
hasher, as for passwords); see core.models.BackupCodeDevice. A code works once; a new set
replaces the old one. A reset of the second factor (a lost phone) removes the authenticator,
and codes are only taken while the user has a confirmed one, so an old set cannot outlive the
reset: enrolling again offers a new set.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import BackupCodeDevice, User
from lotse.core.services import audit_for_each_office

#: How many codes one set holds.
COUNT = 10
#: Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L, 5/S...):
#: ten of 29 make about 48 bits a code, with the device's throttle after wrong tries.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"


def _readable(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def backup_codes_available(*, user: User) -> int:
    """How many unused codes the user has (0 without a set)."""
    device = BackupCodeDevice.objects.filter(user=user).first()
    return len(device.code_hashes) if device else 0


def backup_codes_allowed(*, user: User) -> bool:
    """Codes stand in for the authenticator app, so they need one that is set up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def backup_codes_create(*, user: User, ip_address: str | None = None) -> list[str]:
    """Replace the user's codes with a new set; return the codes for showing them once."""
    length = BackupCodeDevice.LENGTH
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(length)) for _ in range(COUNT)]
    device, _created = BackupCodeDevice.objects.select_for_update().get_or_create(
        user=user, defaults={"name": "Backup codes", "confirmed": True}
    )
    device.code_hashes = [make_password(code) for code in codes]
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    audit_for_each_office(
        user=user,
        action="auth.two_factor.backup_codes_created",
        obj=user,
        data={"count": COUNT},
        ip_address=ip_address,
    )
    return [_readable(code) for code in codes]


def backup_code_use(*, device: BackupCodeDevice, code: str, ip_address: str | None) -> bool:
    """Spend one of the device's codes if `code` is one of them, and audit it."""
    if not device.verify_token(code):
        return False
    audit_for_each_office(
        user=device.user,
        action="auth.two_factor.backup_code_used",
        obj=device.user,
        data={"remaining": len(device.code_hashes)},
        ip_address=ip_address,
    )
    return True


class BackupCodeForm(forms.Form):
    backup_code = forms.CharField(
        label=_("Backup code"),
        max_length=20,
        help_text=_("One of the ten codes you saved when you set up two-factor authentication."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
