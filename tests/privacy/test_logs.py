"""No personal data in any log line.

A marker is planted in every text field the register of personal data declares, in every row,
before each page is requested: the staff pages (as the office's admin, with a form sent full of
the marker, and as another office and anonymous for the refusals), the public forms (valid and
invalid, full of the marker) and the login and password-reset forms. No log record may hold the
marker. The session-wide capture in tests/conftest.py also fails the whole run if any test ever
logs it (the URL sweep plants one of its own).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client, TestCase

from lotse.core.models import AuditEntry, Office, Role
from lotse.privacy.register import REGISTER
from tests.conftest import LOG_CAPTURE, member
from tests.core.test_public_forms import OPEN_FORMS, TOKEN_FORMS
from tests.sweep import OBJECT_SAMPLES, build_path, iter_routes

pytestmark = pytest.mark.django_db

MARKER = "ZQXMARKER"
#: Declared fields that hold no free text a person typed: a hash, a time zone, a language code.
NOT_PLANTED = {"password", "time_zone", "language"}
#: Fields too short for the marker and a row number (codes like the client number).
MIN_LENGTH = 24


def planted_fields() -> dict[type[models.Model], list[models.Field]]:
    """Per model of the register, the declared text fields the marker goes into."""
    found: dict[type[models.Model], list[models.Field]] = {}
    for declaration in REGISTER:
        model = apps.get_model(declaration.model)
        if model is AuditEntry:
            continue  # append-only; it names records by number (see test_audit)
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.name in declaration.fields
            and field.name not in NOT_PLANTED
            and isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and (field.max_length is None or field.max_length >= MIN_LENGTH)
        ]
        if fields:
            found[model] = fields
    return found


def plant() -> int:
    """Write the marker (with the row's id, for unique fields) into every planted field."""
    rows = 0
    number = Cast("pk", output_field=models.CharField())
    for model, fields in planted_fields().items():
        values = {
            field.name: (
                Concat(Value(f"{MARKER.lower()}-"), number, Value("@example.org"))
                if isinstance(field, models.EmailField)
                else Concat(Value(f"{MARKER} "), number)
            )
            for field in fields
        }
        rows += model._base_manager.update(**values)
    return rows


def form_fields(html: str) -> list[str]:
    """The names of the inputs of the page's forms, the CSRF token aside."""
    names = re.findall(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', html)
    return [name for name in dict.fromkeys(names) if name != "csrfmiddlewaretoken"]


def marker_data(names: list[str]) -> dict[str, str]:
    return {
        name: f"{MARKER.lower()}@example.org" if "mail" in name else f"{MARKER} {name}"
        for name in names
    }


def browser() -> Client:
    # A server error is answered (and logged) as in production, and listed by the test.
    return Client(raise_request_exception=False)


def submit(client: Client, path: str, data: dict[str, Any]) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data)


def leaked(start: int) -> list[str]:
    return [line for line in LOG_CAPTURE.lines[start:] if MARKER.lower() in line.lower()]


def test_the_capture_sees_djangos_request_log_and_lotses_own() -> None:
    """The control: records of the loggers that matter reach the capture."""
    start = len(LOG_CAPTURE.lines)
    logging.getLogger("django.request").warning("canary %s", "request")
    logging.getLogger("django.security.csrf").warning("canary %s", "security")
    logging.getLogger("lotse.core").debug("canary %s", "lotse")
    lines = LOG_CAPTURE.lines[start:]
    assert [line.rsplit(" ", 1)[-1] for line in lines] == ["request", "security", "lotse"]


def test_the_marker_reaches_every_declared_text_field(office_a: Office) -> None:
    """The control for the planting: every model gets rows, every field the marker."""
    build_everything(office_a)
    assert plant() > 0
    for model, fields in planted_fields().items():
        row = model._base_manager.first()
        assert row is not None, model
        for field in fields:
            assert MARKER.lower() in str(getattr(row, field.name)).lower(), (model, field.name)


def build_everything(office: Office) -> None:
    """A row for each model of the register: the URL sweep's samples, and what they lack."""
    import datetime as dt

    from django.utils import timezone

    from lotse.counseling.models import HandoverLetter
    from lotse.sponsorship.models import CheckIn, Tandem

    for sample in OBJECT_SAMPLES.values():
        nested = sample.__code__.co_argcount == 2
        sample(office, {}) if nested else sample(office)
    HandoverLetter.objects.create(
        office=office,
        referral=apps.get_model("counseling.Referral").objects.first(),
        recipient="partner@example.org",
        token_hash="0" * 64,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    CheckIn.objects.create(tandem=Tandem.objects.first(), note="note", mood="good")


def test_no_staff_page_logs_personal_data(office_a: Office, office_b: Office) -> None:
    admin = member(office_a, Role.OFFICE_ADMIN, "logs-admin")
    stranger = member(office_b, Role.OFFICE_ADMIN, "logs-stranger")
    start = len(LOG_CAPTURE.lines)
    requested = 0
    errors: list[str] = []
    for route in iter_routes():
        if route.is_public:
            continue
        path = build_path(route, office_a)
        assert path is not None, route.name
        plant()
        own = browser()
        own.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        page = own.get(path)
        html = page.content.decode(errors="replace") if page.status_code == 200 else ""
        # The page's own form, sent back full of the marker: saved, or refused with errors.
        sent = submit(own, path, marker_data(form_fields(html)) or {"note": MARKER})
        other = browser()
        other.force_login(stranger, backend="django.contrib.auth.backends.ModelBackend")
        refused = other.get(path)  # 403 or 404
        submit(other, path, {"note": MARKER})
        browser().get(path)  # anonymous: to the login page
        requested += 5
        errors += [
            f"{r.request['REQUEST_METHOD']} {path}"
            for r in (page, sent, refused)
            if r.status_code >= 500
        ]
    # 404s of ids that do not exist, as the admin.
    own = browser()
    own.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    for route in iter_routes():
        if route.kwargs and not route.is_public:
            path = re.sub(r"<(?:\w+:)?\w+>", "987654", route.path)
            own.get(path)
            requested += 1
    assert requested > 300
    lines = LOG_CAPTURE.lines[start:]
    assert any("Not Found" in line for line in lines), "the capture saw no 404 warning"
    assert any("Forbidden" in line or "Method Not Allowed" in line for line in lines)
    assert leaked(start) == []
    assert errors == [], "server errors (their tracebacks are logged)"


#: Free-text fields of the public forms (their choices and the spam guard stay valid).
FREE_TEXT = {
    "name",
    "email",
    "first_name",
    "last_name",
    "district",
    "interests",
    "motivation",
    "contact_name",
    "contact_email",
    "note",
    "barrier",
    "comment",
    "accessibility_needs",
}


def with_marker(data: dict[str, Any], keys: set[str] | None) -> dict[str, Any]:
    """The form's data with the marker in `keys` (every text if None)."""

    def planted(key: str, value: Any) -> Any:
        if not isinstance(value, str) or key in {"started", "website"}:
            return value
        if keys is not None and key not in keys:
            return value
        return f"{MARKER.lower()}@example.org" if "mail" in key else f"{MARKER} {key}"

    return {key: planted(key, value) for key, value in data.items()}


def test_no_public_form_logs_personal_data(office_a: Office) -> None:
    client = browser()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    start = len(LOG_CAPTURE.lines)
    accepted = []
    for case in OPEN_FORMS + TOKEN_FORMS:
        path, valid = case.build(office_a)
        plant()
        # Accepted: the marker is stored (and mailed, with the e-mail tasks run).
        if submit(client, path, with_marker(valid, FREE_TEXT)).status_code == 302:
            accepted.append(case.name)
        # Refused: every field holds the marker, choices too, and the form comes back.
        assert submit(client, path, with_marker(valid, None)).status_code < 500, case.name
        client.get(path)
    submit(client, "/staff/login/", {"username": MARKER, "password": MARKER})
    submit(client, "/staff/password/reset/", {"email": f"{MARKER.lower()}@example.org"})
    assert {"events-public:register", "volunteer:apply", "volunteer:ask"} <= set(accepted)
    assert leaked(start) == []
