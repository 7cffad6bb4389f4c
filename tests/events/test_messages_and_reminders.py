"""Writing to an event's participants, and sending the reminders by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from lotse.core.models import Role
from lotse.events.models import Registration
from tests.conftest import login, member
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(office_a):
    return member(office_a, Role.EVENT_MANAGER, "manager")


def _message(event):
    return reverse("events:participant-message", kwargs={"event_id": event.pk})


def _reminders(event):
    return reverse("events:send-reminders", kwargs={"event_id": event.pk})


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def event(office_a):
    event = make_event(office_a)
    make_registration(event, name="Amina Yusuf", email="amina@example.org")
    make_registration(event, name="Olena Koval", phone="0711 555 12")
    make_registration(event, name="Door Only")
    make_registration(event, name="Bilal Haddad", email="bilal@example.org", status="waiting")
    make_registration(event, name="Chen Wei", email="chen@example.org", status="cancelled")
    return event


def test_the_page_shows_who_gets_an_email_and_whom_to_call(client, manager, event):
    response = login(client, manager).get(_message(event))
    assert response.status_code == 200
    audience = response.context["audience"]
    assert audience.by_email == 1 and audience.unreachable == 1
    assert [r.name for r in audience.phone_only] == ["Olena Koval"]
    html = response.content.decode()
    assert "1 person gets the e-mail" in html and "0711 555 12" in html
    assert response.context["form"]["statuses"].value() == ["registered"]


def test_the_preview_follows_the_chosen_statuses_and_sends_nothing(client, manager, event):
    login(client, manager)
    response = client.get(_message(event), {"statuses": ["registered", "waiting"]})
    assert response.context["audience"].by_email == 2
    response = client.post(
        _message(event),
        {"statuses": ["waiting"], "subject": "Raum", "body": "Neuer Raum", "preview": "1"},
    )
    assert response.status_code == 200 and mail.outbox == []
    assert response.context["audience"].by_email == 1
    assert not response.context["form"].errors
    html = response.content.decode()
    assert "Neuer Raum" in html and 'value="Raum"' in html


def test_a_message_goes_to_each_person_of_the_chosen_statuses(
    client, manager, event, django_capture_on_commit_callbacks
):
    login(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _message(event),
            {"statuses": ["registered", "waiting"], "subject": "Neuer Raum",
             "body": "Wir treffen uns in Raum 3."},
            follow=True,
        )  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "bilal@example.org"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert "Wir treffen uns in Raum 3." in mail.outbox[0].body
    assert "The message went to 2 people by e-mail." in _messages(response)
    assert (
        response.redirect_chain[-1][0] == _message(event) + "?statuses=registered&statuses=waiting"
    )
    # Back on the page: whom to call instead.
    assert [r.name for r in response.context["audience"].phone_only] == ["Olena Koval"]


def test_a_message_without_subject_or_recipients_is_not_sent(client, manager, event):
    login(client, manager)
    response = client.post(_message(event), {"subject": "", "body": "Hallo"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "subject" in errors and errors["statuses"] == ["Choose whom to write to."]
    response = client.post(_message(event), {"statuses": ["nonsense"], "subject": "a", "body": "b"})
    assert "statuses" in response.context["form"].errors
    assert mail.outbox == []


def test_reminders_go_once_to_those_with_a_place(
    client, manager, event, django_capture_on_commit_callbacks
):
    login(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_reminders(event), follow=True)
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert response.redirect_chain[-1][0] == _message(event)
    assert any(m.startswith("1 reminder was sent by e-mail.") for m in _messages(response))
    assert Registration.objects.filter(reminded_at__isnull=False).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_reminders(event), follow=True)
    assert len(mail.outbox) == 1
    assert any(m.startswith("No reminder was sent") for m in _messages(response))


def test_no_reminders_once_the_event_has_begun(client, manager, office_a):
    event = make_event(office_a, starts_in=dt.timedelta(minutes=-5))
    make_registration(event, email="amina@example.org")
    login(client, manager)
    assert "The event has begun: no more reminders." in client.get(_message(event)).content.decode()
    client.post(_reminders(event))
    assert mail.outbox == []


def test_counselors_and_other_offices_may_not_write(client, counselor, manager, event, office_b):
    login(client, counselor)
    assert client.get(_message(event)).status_code == 403
    assert client.post(_reminders(event)).status_code == 403
    theirs = make_event(office_b)
    make_registration(theirs, email="theirs@example.org")
    login(client, manager)
    assert client.get(_message(theirs)).status_code == 404
    data = {"statuses": ["registered"], "subject": "x", "body": "y"}
    assert client.post(_message(theirs), data).status_code == 404
    assert client.post(_reminders(theirs)).status_code == 404
    assert client.get(_reminders(event)).status_code == 405
    assert mail.outbox == []
