"""An office's matching weights and tandem thresholds, and the friendly reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from lotse.core.models import Office, Role, User
from lotse.sponsorship import selectors_matching, services_matching
from lotse.sponsorship.models import ProgramSettings, Tandem
from tests.conftest import login, member
from tests.sponsorship.test_tandems import TODAY, _today, make_tandem  # noqa: F401

pytestmark = pytest.mark.django_db
SETTINGS_URL = "/staff/sponsorship/matching/settings/"


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def test_the_defaults_hold_until_an_office_changes_them(office_a, office_b, coordinator, client):
    weights = selectors_matching.weights_of(selectors_matching.program_settings(office_a))
    assert (weights.needs, weights.preference) == (3.0, 2.0)
    login(client, coordinator)
    assert client.get(SETTINGS_URL).status_code == 200
    data = {
        "weight_needs": "5",
        "weight_language": "1",
        "weight_distance": "0",
        "weight_interests": "1",
        "weight_waiting": "2",
        "weight_preference": "2",
        "no_contact_alert_days": "21",
        "reminder_after_days": "14",
    }
    assert client.post(SETTINGS_URL, data).status_code == 302
    weights = selectors_matching.weights_of(selectors_matching.program_settings(office_a))
    assert (weights.needs, weights.distance, weights.waiting) == (5.0, 0.0, 2.0)
    assert selectors_matching.program_settings(office_b).pk is None  # B keeps the defaults
    for bad in ({"weight_needs": "-1"}, {"weight_language": "11"}, {"no_contact_alert_days": "2"}):
        page = client.post(SETTINGS_URL, {**data, **bad})
        assert page.status_code == 200 and b"is-invalid" in page.content
    assert ProgramSettings.objects.get(office=office_a).weight_needs == 5.0


def test_counselors_cannot_change_the_weights(office_a, client):
    login(client, member(office_a, Role.COUNSELOR, "counselor-x"))
    assert client.get(SETTINGS_URL).status_code == 403


def test_the_no_contact_alert_follows_the_office_setting(office_a, coordinator):
    make_tandem(office_a, name="Quiet", last_contact_on=TODAY - dt.timedelta(days=30))

    def flagged() -> bool:
        ((_pk, alerts),) = selectors_matching.active_tandems(user=coordinator, office=office_a)
        return alerts.no_contact_days is not None

    assert not flagged()  # default: 42 days
    services_matching.settings_save(office=office_a, by=coordinator, no_contact_alert_days=21)
    assert flagged()


def test_quiet_volunteers_get_one_friendly_reminder_per_period(
    office_a, coordinator, client: Client, django_capture_on_commit_callbacks: Any
):
    quiet = make_tandem(office_a, name="Quiet", last_contact_on=TODAY - dt.timedelta(days=30))
    make_tandem(office_a, name="Lively", last_contact_on=TODAY - dt.timedelta(days=3))
    login(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/staff/sponsorship/tandems/remind/").status_code == 302
    assert [m.to for m in mail.outbox] == [[quiet.volunteer.email]]
    assert "Quiet" in mail.outbox[0].body
    assert Tandem.objects.get(pk=quiet.pk).reminded_on == TODAY
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/sponsorship/tandems/remind/")
    assert len(mail.outbox) == 1  # not again within the period
