"""Registering on the portal: one event or a series, the waiting list, bad input and spam."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.spam import start_token
from lotse.events import links
from lotse.events.models import Event, EventStatus, Registration, RegistrationStatus
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db


def register_url(event: Any, language: str = "en") -> str:
    return f"/{language}/events/{event.pk}/register/"


def form_data(**fields: Any) -> dict[str, Any]:
    """A filled-in form, sent as a person would: a while after it was shown."""
    data = {
        "name": "Amina Yusuf",
        "email": "amina@example.org",
        "phone": "",
        "language": "en",
        "interpreting_into": "",
        "accessibility_needs": "",
        "target_group": "",
        "country_of_origin": "",
        "consent": "on",
        "started": start_token(time.time() - 30),
        "website": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_form_asks_for_contact_needs_statistics_and_consent(client, office_a):
    event = make_event(office_a)
    event.interpretation.set(["ar", "fa"])

    response = client.get(register_url(event))

    html = response.content.decode()
    assert response.status_code == 200
    for name in (
        *("name", "email", "phone", "language", "interpreting_into", "childcare"),
        *("accessibility_needs", "target_group", "country_of_origin", "consent"),
    ):
        assert f'name="{name}"' in html, name
    assert "For our statistics, optional." in html
    assert "Welcome Center A stores what you enter here" in html
    assert "deleted after the event" in html
    assert '<optgroup label="Announced for this event">' in html
    assert '<option value="en" selected>' in html  # messages in the reader's language


def test_the_language_for_messages_defaults_to_the_readers(client, office_a):
    event = make_event(office_a)
    html = client.get(register_url(event, "ar")).content.decode()
    assert '<option value="ar" selected>' in html


def test_a_person_registers_and_gets_a_confirmation_with_a_calendar_file(
    client, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a, translations={"en": "Information Night"})
    event.interpretation.set(["ar"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(event),
            form_data(
                phone="+49 711 123456",
                interpreting_into="ar",
                childcare="on",
                accessibility_needs="Rollstuhl",
                target_group="refugee",
                country_of_origin="SY",
            ),
        )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == links.personal_path(registration, "en")
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.source == "portal" and registration.consent_at is not None
    assert (registration.name, registration.email, registration.phone) == (
        "Amina Yusuf", "amina@example.org", "+49 711 123456",
    )  # fmt: skip
    assert registration.interpreting_into_id == "ar" and registration.childcare
    assert registration.accessibility_needs == "Rollstuhl"
    assert registration.target_group.slug == "refugee"
    assert registration.country_of_origin_id == "SY"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amina@example.org"]
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
    page = client.get(response["Location"])
    assert "You are registered." in " ".join(messages_of(page))
    assert "e-mail with the details and a calendar file" in " ".join(messages_of(page))


def test_a_person_with_only_a_phone_is_asked_to_keep_the_link(client, office_a):
    event = make_event(office_a)

    response = client.post(
        register_url(event), form_data(email="", phone="0711 123456"), follow=True
    )

    registration = Registration.objects.get()
    assert registration.phone == "0711 123456" and registration.email == ""
    assert "bookmark this page" in " ".join(messages_of(response))
    assert not mail.outbox


def test_no_email_and_no_phone_saves_nothing(client, office_a):
    event = make_event(office_a)

    response = client.post(register_url(event), form_data(email="", phone=""))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Give an e-mail address or a phone number, so that we can reach you."
    ]
    assert "phone" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_without_consent_nothing_is_saved(client, office_a):
    event = make_event(office_a)

    response = client.post(register_url(event), form_data(consent=None))

    assert response.context["form"].errors["consent"] == [
        "Without your consent we cannot register you."
    ]
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"interpreting_into": "klingon"}, "interpreting_into"),
        ({"target_group": "spies"}, "target_group"),
        ({"country_of_origin": "QQ"}, "country_of_origin"),
        ({"email": "not an address"}, "email"),
        ({"email": "", "phone": "call me"}, "phone"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_input_is_shown_on_its_field_and_saves_nothing(client, office_a, fields, field):
    event = make_event(office_a)

    response = client.post(register_url(event), form_data(**fields))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Registration.objects.exists()


def test_the_same_email_twice_is_refused_on_the_field(client, office_a):
    event = make_event(office_a)
    make_registration(event, email="amina@example.org")

    response = client.post(register_url(event), form_data(email="Amina@Example.org"))

    assert response.context["form"].errors["email"] == [
        "This e-mail address is registered for this event already."
    ]
    assert Registration.objects.count() == 1


def test_a_full_event_puts_people_on_the_waiting_list_and_says_their_place(client, office_a):
    event = make_event(office_a, capacity=1)
    make_registration(event, name="First")
    make_registration(event, name="Waiting", status=RegistrationStatus.WAITING)

    html = client.get(register_url(event)).content.decode()
    assert "you go on the waiting list" in html and "Join the waiting list" in html
    response = client.post(register_url(event), form_data(), follow=True)

    registration = Registration.objects.get(email="amina@example.org")
    assert registration.status == RegistrationStatus.WAITING
    assert "on the waiting list, number 2" in " ".join(messages_of(response))


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"capacity": 1, "waiting_list": False, "_full": True}, "This event is full"),
        ({"registration_closes_at": "past"}, "Registration for this event is closed."),
        ({"registration_opens_at": "future"}, "Registration opens on"),
        ({"status": EventStatus.CANCELLED}, "This event has been cancelled."),
    ],
    ids=["full", "closed", "not yet open", "cancelled"],
)
def test_when_registration_is_not_possible_the_page_says_so_instead_of_the_form(
    client, office_a, fields, text
):
    now = timezone.now()
    full = fields.pop("_full", False)
    if fields.get("registration_closes_at") == "past":
        fields["registration_closes_at"] = now - dt.timedelta(hours=1)
    if fields.get("registration_opens_at") == "future":
        fields["registration_opens_at"] = now + dt.timedelta(days=1)
    event = make_event(office_a, **fields)
    if full:
        make_registration(event)

    html = client.get(register_url(event)).content.decode()
    assert text in html and 'name="consent"' not in html
    client.post(register_url(event), form_data())
    assert not Registration.objects.filter(email="amina@example.org").exists()


def test_when_the_last_place_went_meanwhile_the_page_says_full_and_saves_nothing(client, office_a):
    event = make_event(office_a, capacity=1, waiting_list=False)
    assert 'name="consent"' in client.get(register_url(event)).content.decode()
    make_registration(event)  # someone else took the last place meanwhile

    response = client.post(register_url(event), form_data())

    assert "This event is full" in response.content.decode()
    assert not Registration.objects.filter(email="amina@example.org").exists()


def test_drafts_take_no_registration(client, office_a):
    event = make_event(office_a, status=EventStatus.DRAFT)
    assert client.post(register_url(event), form_data()).status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"website": "http://spam.example"}, {"started": "now"}, {"started": "forged"}],
    ids=["honeypot", "too fast", "forged token"],
)
def test_spam_gets_a_thank_you_and_nothing_is_saved_or_sent(client, office_a, fields):
    event = make_event(office_a)
    if fields.get("started") == "now":
        fields["started"] = start_token()  # sent at once, as no person could

    response = client.post(register_url(event), form_data(**fields))

    assert response.status_code == 302 and response["Location"] == f"/en/events/{event.pk}/"
    assert not Registration.objects.exists() and not mail.outbox


# --- The whole flow: register, wait, cancel, move up --------------------------------------------


def _personal_link(message: Any) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+/events/my/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_register_wait_cancel_and_the_first_waiting_person_moves_up(
    client, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a, capacity=1, translations={"en": "Information Night"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data(name="Ana", email="ana@example.org"))
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        other.post(register_url(event), form_data(name="Ben", email="ben@example.org"))
        other.post(register_url(event), form_data(name="Cem", email="cem@example.org"))
    ana, ben, cem = (Registration.objects.get(name=name) for name in ("Ana", "Ben", "Cem"))
    assert [ana.status, ben.status, cem.status] == ["registered", "waiting", "waiting"]
    link = _personal_link(mail.outbox[0])
    mail.outbox.clear()

    asked = client.post(link + "cancel/", {"registration": str(ana.public_id)})
    assert asked.status_code == 200 and "Yes, cancel" in asked.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            link + "cancel/", {"registration": str(ana.public_id), "confirm": "yes"}, follow=True
        )

    assert "Your registration is cancelled. Thank you" in " ".join(messages_of(done))
    ana.refresh_from_db(), ben.refresh_from_db(), cem.refresh_from_db()
    assert [ana.status, ben.status, cem.status] == ["cancelled", "registered", "waiting"]
    moved_up = [m for m in mail.outbox if m.to == ["ben@example.org"]]
    assert len(moved_up) == 1 and "A place is free for you" in moved_up[0].subject
    assert moved_up[0].attachments[0][0].endswith(".ics")
    assert not [m for m in mail.outbox if m.to == ["cem@example.org"]]


# --- Series -------------------------------------------------------------------------------------


def _series(office, modules=3, **fields):
    program = make_program(office, is_series=True, slug=fields.pop("slug", "pflege"),
                           title="Integrationsmanagement in der Pflege")  # fmt: skip
    events = [
        make_event(office, program=program, module_number=n, title=f"Modul {n}",
                   starts_in=dt.timedelta(days=7 * n), **fields)
        for n in range(1, modules + 1)
    ]  # fmt: skip
    return program, events


def test_booking_the_whole_series_registers_every_module_with_one_link(
    client, office_a, django_capture_on_commit_callbacks
):
    _program, events = _series(office_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/events/programs/pflege/register/",
            form_data(modules=[str(event.pk) for event in events]),
        )

    rows = list(Registration.objects.order_by("event__module_number"))
    assert [row.event_id for row in rows] == [event.pk for event in events]
    assert len({row.series_key for row in rows}) == 1 and rows[0].series_key
    assert response.status_code == 302
    assert response["Location"] == links.personal_path(rows[0], "en")
    assert len(mail.outbox) == 1
    page = client.get(response["Location"])
    assert page.content.decode().count("Cancel my registration") == 3


def test_single_modules_can_be_booked(client, office_a):
    _program, events = _series(office_a)

    client.post("/en/events/programs/pflege/register/", form_data(modules=[str(events[1].pk)]))

    assert list(Registration.objects.values_list("event_id", flat=True)) == [events[1].pk]


def test_no_module_ticked_saves_nothing(client, office_a):
    _series(office_a)

    response = client.post("/en/events/programs/pflege/register/", form_data())

    assert response.context["form"].errors["modules"] == ["Tick at least one module."]
    assert not Registration.objects.exists()


def test_foreign_series_event_ids_are_refused_and_nothing_is_saved(client, office_a, office_b):
    _program, events = _series(office_a)
    _other, foreign = _series(office_b, slug="fremd")
    draft = make_event(office_a, program=events[0].program, module_number=9,
                       status=EventStatus.DRAFT)  # fmt: skip

    for wrong in (foreign[0].pk, draft.pk, 999999):
        response = client.post(
            "/en/events/programs/pflege/register/",
            form_data(modules=[str(events[0].pk), str(wrong)]),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["modules"]
    assert not Registration.objects.exists()


def test_series_booking_shows_the_same_checks_as_single_registration(client, office_a):
    _program, events = _series(office_a)

    response = client.post(
        "/en/events/programs/pflege/register/",
        form_data(email="", phone="", consent=None, modules=[str(events[0].pk)]),
    )

    errors = response.context["form"].errors
    assert "email" in errors and "consent" in errors
    assert not Registration.objects.exists()


def test_a_non_series_program_takes_no_series_booking(client, office_a):
    program = make_program(office_a, slug="club")
    event = make_event(office_a, program=program)

    response = client.post(
        "/en/events/programs/club/register/", form_data(modules=[str(event.pk)]), follow=True
    )

    assert "cannot be booked" in " ".join(messages_of(response))
    assert not Registration.objects.exists()


def test_series_spam_saves_nothing(client, office_a):
    _program, events = _series(office_a)
    response = client.post(
        "/en/events/programs/pflege/register/",
        form_data(website="x", modules=[str(events[0].pk)]),
    )
    assert response.status_code == 302 and not Registration.objects.exists()


def test_the_series_register_address_leads_to_the_booking_form(client, office_a):
    _series(office_a)
    response = client.get("/en/events/programs/pflege/register/")
    assert response.status_code == 302
    assert response["Location"] == "/en/events/programs/pflege/#booking"


# --- Hostile input ------------------------------------------------------------------------------

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "\u202eevil", "a" * 5000, "\x00"]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=hostile, email=hostile, phone=hostile, language=hostile, need=hostile)
def test_the_registration_form_survives_any_input(
    client, office_a, name, email, phone, language, need
):
    event = Event.objects.first()
    if event is None:
        event = make_event(office_a, capacity=None)
    response = client.post(
        register_url(event),
        form_data(name=name, email=email, phone=phone, language=language,
                  interpreting_into=need, accessibility_needs=need),
    )  # fmt: skip
    assert response.status_code in {200, 302}
    assert b"<script>alert(1)</script>" not in response.content
