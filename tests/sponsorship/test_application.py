"""The public application of volunteers: the form in the reader's language, what it saves and
sends, what it refuses, and spam that gets the thank-you page but saves nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from lotse.core.models import Office
from lotse.core.spam import MIN_SECONDS, start_token
from lotse.sponsorship.models import Volunteer, VolunteerStatus
from tests.core.factories import OfficeFactory

pytestmark = pytest.mark.django_db

APPLY_URL = "/en/volunteer/"
THANKS_URL = "/en/volunteer/thanks/"


@pytest.fixture
def office(office_a: Office) -> Office:
    office_a.email = "wc-a@example.org"
    office_a.save()
    return office_a


def application(office: Office, /, **overrides: Any) -> dict[str, Any]:
    """A complete, valid POST of the application form, sent after a person's reading time."""
    data: dict[str, Any] = {
        "office": office.pk,
        "first_name": "Greta",
        "last_name": "Hilfreich",
        "email": " Greta@Example.org ",
        "phone": "+49 711 555",
        "district": "Bad Cannstatt",
        "gender": "female",
        "language_1": "de",
        "level_1": "5",
        "language_2": "ar",
        "level_2": "2",
        "language_3": "",
        "level_3": "",
        "availability": ["mon-evening", "sat-morning"],
        "offers": ["authorities", "german_practice"],
        "interests": "Football, cooking",
        "prefers": ["family"],
        "max_tandems": "2",
        "interpreter_ok": "on",
        "motivation": "I was new here once myself.",
        "consent": "on",
        "website": "",
        "started": start_token(time.time() - MIN_SECONDS - 5),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("de", ['lang="de"', 'name="consent"']),
        ("en", ["Become a welcome sponsor", "When do you have time?", "Your data"]),
    ],
)
def test_the_form_renders_in_the_readers_language(
    client: Client, office: Office, language: str, texts: list[str]
) -> None:
    response = client.get(f"/{language}/volunteer/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in texts:
        assert text in content
    # The availability grid: labelled checkboxes in a table with headers.
    assert 'id="id_availability_mon_morning"' in content
    assert '<label class="visually-hidden" for="id_availability_mon_morning">' in content
    assert '<th scope="row">' in content
    # One Welcome Center: nothing to choose, the office travels as a hidden field.
    assert f'type="hidden" name="office" value="{office.pk}"' in content
    assert 'name="started"' in content
    # The common languages come before the long list.
    assert content.index('value="uk"') < content.index('value="af"')


def test_with_several_offices_the_applicant_chooses_one(client: Client, office: Office) -> None:
    OfficeFactory(slug="second", name="Welcome Center Second")
    OfficeFactory(slug="closed", name="Welcome Center Closed", is_active=False)
    content = client.get(APPLY_URL).content.decode()
    assert '<select name="office"' in content
    assert "Welcome Center Second" in content
    assert "Welcome Center Closed" not in content


def test_an_application_is_saved_and_both_sides_get_an_e_mail(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY_URL, application(office))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    volunteer = Volunteer.objects.get()
    assert volunteer.office == office
    assert volunteer.status == VolunteerStatus.APPLIED
    assert volunteer.email == "greta@example.org"
    assert volunteer.availability == ["mon-evening", "sat-morning"]
    assert volunteer.offers == ["authorities", "german_practice"]
    assert volunteer.prefers == ["family"]
    assert volunteer.max_tandems == 2
    assert volunteer.interpreter_ok is True
    assert volunteer.consent_given_at is not None
    assert sorted(volunteer.languages.values_list("language_id", "level")) == [
        ("ar", 2),
        ("de", 5),
    ]

    assert len(mail.outbox) == 2
    confirmation = next(m for m in mail.outbox if m.to == ["greta@example.org"])
    assert "Greta" in confirmation.body
    assert "conversation" in confirmation.body
    notification = next(m for m in mail.outbox if m.to == ["wc-a@example.org"])
    assert "/staff/sponsorship/volunteers/" in notification.body
    # The office's message says that an application came, not who sent it.
    for private in ("Hilfreich", "greta@example.org", "555", "Cannstatt", "myself"):
        assert private not in notification.body
        assert private not in notification.subject

    thanks = client.get(THANKS_URL)
    assert thanks.status_code == 200
    assert b"introductory seminar" in thanks.content


def test_the_confirmation_is_in_the_readers_language(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/volunteer/", application(office))
    assert Volunteer.objects.count() == 1
    confirmation = next(m for m in mail.outbox if m.to == ["greta@example.org"])
    assert "Greta" in confirmation.body


def test_without_an_office_address_only_the_applicant_gets_an_e_mail(
    client: Client, office_a: Office, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY_URL, application(office_a))
    assert [m.to for m in mail.outbox] == [["greta@example.org"]]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"consent": None}, "Without your consent", id="no-consent"),
        pytest.param(
            {"language_1": "", "level_1": "", "language_2": "", "level_2": ""},
            "Name at least one language",
            id="no-language",
        ),
        pytest.param({"level_1": ""}, "how well you speak", id="language-without-level"),
        pytest.param({"language_2": "de"}, "Each language once", id="language-twice"),
        pytest.param({"language_1": "xx"}, "Select a valid choice", id="unknown-language"),
        pytest.param({"availability": ["mon-night"]}, "offered times", id="invalid-slot"),
        pytest.param({"availability": []}, "at least one time", id="no-slot"),
        pytest.param({"offers": ["babysitting"]}, "kinds of help", id="invalid-offer"),
        pytest.param({"prefers": ["anyone"]}, "offered values", id="invalid-preference"),
        pytest.param({"max_tandems": "9"}, "Select a valid choice", id="too-many-tandems"),
        pytest.param({"email": "not-an-address"}, "valid email", id="bad-email"),
        pytest.param({"office": "999999"}, "one of the Welcome Centers", id="unknown-office"),
    ],
)
def test_bad_input_shows_the_message_and_saves_nothing(
    client: Client,
    office: Office,
    django_capture_on_commit_callbacks: Any,
    overrides: dict[str, Any],
    message: str,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY_URL, application(office, **overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Your application was not sent yet" in content
    assert "Greta" in content  # what the person typed is kept
    assert Volunteer.objects.count() == 0
    assert mail.outbox == []


def test_an_inactive_office_cannot_be_chosen(client: Client, office: Office) -> None:
    closed = OfficeFactory(slug="closed", is_active=False)
    response = client.post(APPLY_URL, application(office, office=closed.pk))
    assert response.status_code == 200
    assert Volunteer.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"website": "http://spam.example"}, id="honeypot"),
        pytest.param({"started": "fresh"}, id="too-fast"),
        pytest.param({"started": "forged"}, id="forged-token"),
        pytest.param({"started": ""}, id="no-token"),
    ],
)
def test_spam_gets_the_thank_you_page_and_saves_nothing(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any, fields: dict
) -> None:
    if fields.get("started") == "fresh":
        fields = {"started": start_token()}  # sent a moment after the form was shown
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY_URL, application(office, **fields))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert Volunteer.objects.count() == 0
    assert mail.outbox == []


def test_a_stale_form_asks_to_send_again(client: Client, office: Office) -> None:
    stale = start_token(time.time() - 2 * 24 * 3600)
    response = client.post(APPLY_URL, application(office, started=stale))
    assert response.status_code == 200
    assert b"send it again" in response.content
    assert stale.encode() not in response.content
    assert Volunteer.objects.count() == 0


def test_without_any_office_the_page_says_so(client: Client, db: None) -> None:
    response = client.get(APPLY_URL)
    assert response.status_code == 200
    assert b"No Welcome Center takes applications" in response.content
    assert b'name="consent"' not in response.content
