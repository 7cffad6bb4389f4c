from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Language, Membership, Office, Role, User
from lotse.core.services import OFFICE_PUBLIC_FIELDS
from lotse.core.tasks import send_email


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class LoginForm(AuthenticationForm):
    """Django's login form, refusing over-long names before they reach the lockout records.

    Django sets the name field's max_length after the field is built, so no validator checks it;
    django-axes would then store the name in a 255-character column and PostgreSQL would fail.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150))


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the task queue after commit."""

    def get_users(self, email: str) -> Iterator[User]:
        # Unlike Django's form, include people invited but not yet set up (no usable password):
        # a lost invitation must not lock them out.
        users = User.objects.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.casefold() == email.casefold())

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = " ".join(render_to_string(subject_template_name, context).split())
        body = render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[to_email]))


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        self.office = office
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if Membership.objects.filter(office=self.office, user__email__iexact=email).exists():
            raise ValidationError(_("This person already has a role in this office."))
        return email


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class OfficeForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Office
        fields = OFFICE_PUBLIC_FIELDS
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 4})}


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    action = forms.CharField(label=_("Action starts with"), max_length=100, required=False)
    object_type = forms.CharField(label=_("Object type"), max_length=100, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = User.objects.filter(memberships__office=office).order_by(
            "last_name", "first_name"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(_("The start date must not be after the end date."))
        return data


def attach_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field if the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def grouped_language_choices(
    languages: Iterable[Language], *, common: Sequence[str], common_label: Any
) -> list[Any]:
    """Two option groups: the `common` languages in that order, then all others by name.

    Welcome Centers each meet a few languages far more often than the other 180; offering
    those first saves scrolling in every language select.
    """
    names = {language.code: language.name for language in languages}
    first = [(code, names[code]) for code in common if code in names]
    others = sorted(
        ((code, name) for code, name in names.items() if code not in common),
        key=lambda choice: choice[1].casefold(),
    )
    return [(common_label, first), (_("All languages"), others)]
