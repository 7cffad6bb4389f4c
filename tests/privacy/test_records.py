"""The records of processing activities (Art. 30 GDPR): generated from the register, the office's
retention rules and the installation's settings; for office admins only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from lotse.core.models import Office, Role, User
from lotse.privacy import records
from lotse.privacy.models import RetentionRule
from lotse.privacy.register import (
    AUTOMATIC_RULES,
    DEFAULT_MONTHS,
    LEGAL_BASES,
    REGISTER,
    retention_text,
)
from tests.conftest import login, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_rules(office_a: Office, office_b: Office) -> dict[str, int]:
    """Office A keeps counseling records 48 months, registrations 3; B has its own periods."""
    RetentionRule.objects.create(office=office_a, rule="counseling", months=48)
    RetentionRule.objects.create(office=office_a, rule="event-registrations", months=3)
    RetentionRule.objects.create(office=office_b, rule="counseling", months=99)
    return {**DEFAULT_MONTHS, "counseling": 48, "event-registrations": 3}


def test_every_purpose_of_the_register_is_an_activity(office_a: Office) -> None:
    activities = records.build(office_a)

    assert {a.purpose for a in activities} == {str(d.purpose) for d in REGISTER}
    assert len(activities) == len({str(d.purpose) for d in REGISTER})
    declared = {category.model for a in activities for category in a.categories}
    assert declared == {d.model for d in REGISTER}
    for activity in activities:
        assert activity.legal_bases
        assert set(activity.legal_bases) <= {str(label) for label in LEGAL_BASES.values()}
        assert activity.subjects
        assert activity.recipients
        assert activity.transfers == "None."
        assert activity.retention


def test_an_activity_lists_its_people_data_and_recipients(office_a: Office) -> None:
    by_purpose = {a.purpose: a for a in records.build(office_a)}

    counseling = by_purpose["Counseling and referral of newcomers"]
    assert "Newcomers who ask the office for advice" in counseling.subjects
    assert "Their family members" in counseling.subjects
    people = next(c for c in counseling.categories if c.model == "counseling.Person")
    assert people.label == "People"
    assert "full legal name" in people.fields
    assert "residence-status category" in people.fields
    assert any("handover letter" in r for r in counseling.recipients)
    events = by_purpose["Registration and participation in events"]
    assert events.subjects == ["Participants of events"]
    assert events.legal_bases == ["Consent (Art. 6 (1) a GDPR)"]


def test_every_automatic_rule_appears_with_the_offices_months(
    client: Client, office_admin: User, office_rules: dict[str, int]
) -> None:
    response = login(client, office_admin).get(reverse("privacy:records"))

    assert response.status_code == 200
    page = response.content.decode()
    for rule, _label in AUTOMATIC_RULES:
        assert escape(retention_text(rule, office_rules[rule])) in page, rule
    assert escape(retention_text("counseling", 99)) not in page  # office B's period
    assert escape(retention_text("counseling", 36)) not in page  # the default, overridden
    lines = {line.rule: line for line in response.context["rules"]}
    assert lines["counseling"].months == 48
    assert lines["requests-closed"].months == DEFAULT_MONTHS["requests-closed"]
    retention = " ".join(line for a in response.context["activities"] for line in a.retention)
    for rule, _label in AUTOMATIC_RULES:
        assert retention_text(rule, office_rules[rule]) in retention, rule
    assert escape(retention_text("task-results")) in page


def test_a_rule_the_office_switched_off_says_so(office_a: Office) -> None:
    RetentionRule.objects.create(office=office_a, rule="pool-left", months=24, enabled=False)

    [line] = [line for line in records.rule_lines(office_a) if line.rule == "pool-left"]

    assert line.months == 24
    assert not line.automatic
    assert "Not applied automatically" in line.text
    assert retention_text("pool-left", 24) in line.text


def test_the_page_names_the_controller_and_links_the_pdf(
    client: Client, office_admin: User, office_a: Office
) -> None:
    Office.objects.filter(pk=office_a.pk).update(
        street="Marktplatz 1", postal_code="70173", email="welcome@example.org"
    )

    page = login(client, office_admin).get(reverse("privacy:records")).content.decode()

    assert "Welcome Center A" in page
    assert "Marktplatz 1, 70173" in page
    assert "welcome@example.org" in page
    assert reverse("privacy:records-pdf") in page
    assert "<h1" in page and 'scope="row"' in page


def _measures() -> str:
    return " ".join(f"{m.title}: {m.text}" for m in records.measures())


def test_the_measures_are_read_from_the_settings(settings: Any) -> None:
    settings.LOTSE_SESSION_IDLE_MINUTES = 17
    settings.SESSION_COOKIE_AGE = 9 * 3600
    settings.AXES_FAILURE_LIMIT = 7
    settings.AXES_COOLOFF_TIME = 0.5
    settings.LOTSE_REQUIRE_2FA = True
    settings.PRODUCTION = True
    settings.SECURE_HSTS_SECONDS = 86400 * 365
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    text = _measures()

    assert "after 17 minutes without activity and after 9 hours at most" in text
    assert "After 7 failed logins" in text and "for 30 minutes" in text
    assert "one-time code" in text
    assert "for 365 days (HSTS)" in text
    assert "(Argon2)" in text
    assert "database" in text and ("PostgreSQL" in text or "SQLite" in text)
    assert "docs/operations.md" in text


def test_the_measures_say_what_is_not_in_place(settings: Any) -> None:
    settings.LOTSE_REQUIRE_2FA = False
    settings.PRODUCTION = False
    settings.SECURE_HSTS_SECONDS = 0

    text = _measures()

    assert "Not required in this installation" in text
    assert "HSTS" not in text
    assert "must use HTTPS" in text


def test_the_pdf_holds_the_activities_and_the_offices_months(
    client: Client, office_admin: User, office_rules: dict[str, int]
) -> None:
    response = login(client, office_admin).get(reverse("privacy:records-pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="lotse-records-of-processing-office-a-'
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Records of processing activities" in text
    assert "Counseling and referral of newcomers" in text
    assert "Erased 48 months after the last contact" in text
    assert "Technical and organisational measures" in text


@pytest.mark.parametrize("name", ["privacy:records", "privacy:records-pdf"])
@pytest.mark.parametrize(
    "role",
    [Role.COUNSELOR, Role.SPONSOR_COORDINATOR, Role.EVENT_MANAGER, Role.STATISTICS_VIEWER],
)
def test_only_office_admins_see_the_records(
    client: Client, office_a: Office, name: str, role: str
) -> None:
    user = member(office_a, role, f"user-{role}")

    assert login(client, user).get(reverse(name)).status_code == 403


def test_anonymous_is_sent_to_the_login(client: Client) -> None:
    response = client.get(reverse("privacy:records"))

    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]
