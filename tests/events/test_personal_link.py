"""The participant's personal page: status, cancelling, feedback, calendar file, certificate."""

from __future__ import annotations

import datetime as dt
import uuid

import icalendar
import pytest
from django.core import mail

from lotse.events import links
from lotse.events.models import EventStatus, Feedback, Registration, RegistrationStatus
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db


def page(registration: Registration, which: str = "my") -> str:
    return links.personal_path(registration, "en", page=which)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _series(office, **fields):
    program = make_program(office, is_series=True, slug="pflege", title="Pflege", **fields)
    key = uuid.uuid4()
    rows = [
        make_registration(
            make_event(office, program=program, module_number=n, title=f"Modul {n}",
                       starts_in=dt.timedelta(days=7 * n)),
            name="Eva Schmidt", email="eva@example.org", series_key=key,
        )
        for n in (1, 2, 3)
    ]  # fmt: skip
    return program, rows


def cancel(client, registration, choice, *, confirm=True, follow=False):
    data = {"registration": choice}
    if confirm:
        data["confirm"] = "yes"
    return client.post(page(registration, "my-cancel"), data, follow=follow)


# --- Tokens and headers -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "cancel/", "feedback/", "calendar.ics", "certificate.pdf"])
def test_an_unknown_or_forged_token_answers_404(client, office_a, suffix):
    registration = make_registration(make_event(office_a))
    forged = links.token_for(registration)[:-2] + "xx"
    for token in ("nonsense", forged):
        path = f"/en/events/my/{token}/{suffix}"
        response = client.post(path) if suffix == "cancel/" else client.get(path)
        assert response.status_code == 404


def test_personal_pages_stay_out_of_search_engines_referers_and_caches(client, office_a):
    registration = make_registration(make_event(office_a))
    for which in ("my", "my-feedback", "my-ics"):
        response = client.get(page(registration, which))
        assert response.status_code == 200, which
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Cache-Control"] == "no-store"


def test_cancel_only_takes_post(client, office_a):
    registration = make_registration(make_event(office_a))
    assert client.get(page(registration, "my-cancel")).status_code == 405


# --- What the page shows ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "text", "can_cancel"),
    [
        (RegistrationStatus.REGISTERED, "You have a place.", True),
        (RegistrationStatus.CANCELLED, "This registration is cancelled.", False),
        (RegistrationStatus.ATTENDED, "You took part.", False),
    ],
)
def test_the_page_shows_the_status(client, office_a, status, text, can_cancel):
    event = make_event(office_a, translations={"en": "Information Night"})
    registration = make_registration(event, status=status)

    html = client.get(page(registration)).content.decode()

    assert "Information Night" in html and text in html
    assert ("Cancel my registration" in html) is can_cancel


def test_a_waiting_person_sees_their_place_on_the_list(client, office_a):
    event = make_event(office_a, capacity=1)
    make_registration(event, name="Has a place")
    make_registration(event, name="First waiting", status=RegistrationStatus.WAITING)
    second = make_registration(event, name="Second waiting", status=RegistrationStatus.WAITING)

    html = client.get(page(second)).content.decode()

    assert "You are number 2 on the waiting list." in html
    assert "Leave the waiting list" in html


def test_a_series_link_shows_every_module_of_the_booking(client, office_a):
    _program, rows = _series(office_a)
    make_registration(rows[0].event, name="Someone else", email="x@example.org")

    html = client.get(page(rows[1])).content.decode()

    assert all(f"Modul {n}" in html for n in (1, 2, 3))
    assert html.count("Cancel my registration") == 3
    assert "Cancel all my registrations" in html
    assert "Someone else" not in html


def test_a_cancelled_event_is_said_clearly(client, office_a):
    event = make_event(office_a, status=EventStatus.CANCELLED, cancellation_note="Krankheit")
    registration = make_registration(event, status=RegistrationStatus.CANCELLED)

    html = client.get(page(registration)).content.decode()

    assert "This event has been cancelled." in html and "Krankheit" in html


def test_the_page_needs_few_queries(client, office_a, django_assert_max_num_queries):
    _program, rows = _series(office_a)
    with django_assert_max_num_queries(16):
        assert client.get(page(rows[0])).status_code == 200


# --- Cancelling ---------------------------------------------------------------------------------


def test_cancelling_asks_once_more_first(client, office_a):
    registration = make_registration(make_event(office_a))

    response = cancel(client, registration, str(registration.public_id), confirm=False)

    assert response.status_code == 200 and "Yes, cancel" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_cancelling_thanks_and_moves_the_first_waiting_person_up(
    client, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a, capacity=1)
    registration = make_registration(event, email="ana@example.org")
    first = make_registration(event, name="Ben", email="ben@example.org",
                              status=RegistrationStatus.WAITING, language="en")  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = cancel(client, registration, str(registration.public_id), follow=True)

    assert "Your registration is cancelled. Thank you for letting us know." in messages_of(response)
    registration.refresh_from_db(), first.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert first.status == RegistrationStatus.REGISTERED
    assert [m.to for m in mail.outbox if "A place is free" in m.subject] == [["ben@example.org"]]


def test_one_module_of_a_series_can_be_cancelled(client, office_a):
    _program, rows = _series(office_a)

    cancel(client, rows[0], str(rows[1].public_id))

    statuses = list(
        Registration.objects.order_by("event__module_number").values_list("status", flat=True)
    )
    assert statuses == ["registered", "cancelled", "registered"]


def test_the_whole_series_can_be_cancelled_at_once(client, office_a):
    _program, rows = _series(office_a)

    response = cancel(client, rows[2], "all", follow=True)

    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert "Your registrations are cancelled." in " ".join(messages_of(response))


def test_a_link_cannot_cancel_another_persons_registration(client, office_a):
    event = make_event(office_a)
    mine = make_registration(event, email="me@example.org")
    theirs = make_registration(event, email="them@example.org")
    _program, series = _series(office_a)

    for choice in (str(theirs.public_id), str(series[0].public_id), "all-of-them", ""):
        assert cancel(client, mine, choice).status_code == 404
    # Nor can a series link reach a registration outside its booking.
    cancel(client, series[0], str(mine.public_id))
    assert set(Registration.objects.values_list("status", flat=True)) == {"registered"}


def test_a_started_event_can_no_longer_be_cancelled_here(client, office_a):
    event = make_event(office_a, starts_in=dt.timedelta(minutes=-10))
    registration = make_registration(event)

    html = client.get(page(registration)).content.decode()
    assert "Cancel my registration" not in html
    response = cancel(client, registration, str(registration.public_id), follow=True)

    assert "The event has begun" in " ".join(messages_of(response))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_cancelling_twice_changes_nothing(client, office_a):
    registration = make_registration(make_event(office_a))
    cancel(client, registration, str(registration.public_id))
    response = cancel(client, registration, str(registration.public_id), follow=True)
    assert "There is nothing left to cancel." in messages_of(response)


# --- Feedback -----------------------------------------------------------------------------------


def _attended(office, **fields):
    event = make_event(office, starts_in=dt.timedelta(days=-1), **fields)
    return make_registration(event, status=RegistrationStatus.ATTENDED)


def test_after_an_attended_event_the_page_links_the_feedback(client, office_a):
    registration = _attended(office_a)
    html = client.get(page(registration)).content.decode()
    assert f'href="{page(registration, "my-feedback")}"' in html


def test_feedback_is_stored_without_the_person(client, office_a):
    registration = _attended(office_a)

    response = client.post(
        page(registration, "my-feedback"), {"rating": "4", "useful": "yes", "comment": " Gut "},
        follow=True,
    )  # fmt: skip

    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.useful, feedback.comment) == (4, True, "Gut")
    assert feedback.event_id == registration.event_id
    assert "Thank you for your feedback." in messages_of(response)
    again = client.get(page(registration, "my-feedback")).content.decode()
    assert "we have your feedback already" in again and 'name="rating"' not in again


def test_the_feedback_form_offers_words_for_the_ratings(client, office_a):
    html = client.get(page(_attended(office_a), "my-feedback")).content.decode()
    assert html.count('type="radio" name="rating"') == 5
    assert "Very good" in html and "Poor" in html


@pytest.mark.parametrize(
    "data", [{}, {"rating": "9"}, {"rating": "x"}, {"rating": "3", "useful": "maybe"}]
)
def test_bad_feedback_is_shown_on_the_form_and_saves_nothing(client, office_a, data):
    response = client.post(page(_attended(office_a), "my-feedback"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Feedback.objects.exists()


def test_feedback_is_for_those_who_took_part(client, office_a):
    registration = make_registration(make_event(office_a))

    response = client.post(page(registration, "my-feedback"), {"rating": "5"})

    assert "Feedback is for people who took part" in response.content.decode()
    assert not Feedback.objects.exists()


# --- Calendar file and certificate --------------------------------------------------------------


def test_the_calendar_file_has_the_links_live_registrations(client, office_a):
    _program, rows = _series(office_a)
    rows[1].status = RegistrationStatus.CANCELLED
    rows[1].save()

    response = client.get(page(rows[0], "my-ics"))

    calendar = icalendar.Calendar.from_ical(response.content.decode())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Modul 1", "Modul 3"]


def test_a_completed_series_has_a_certificate(client, office_a):
    _program, rows = _series(office_a)
    for row in rows:
        row.event.starts_at -= dt.timedelta(days=60)
        row.event.ends_at -= dt.timedelta(days=60)
        row.event.save()
    Registration.objects.update(status=RegistrationStatus.ATTENDED)

    html = client.get(page(rows[0])).content.decode()
    assert f'href="{page(rows[0], "my-certificate")}"' in html
    response = client.get(page(rows[0], "my-certificate"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"


def test_an_incomplete_series_has_no_certificate_yet(client, office_a):
    _program, rows = _series(office_a)
    rows[0].status = RegistrationStatus.ATTENDED
    rows[0].save()

    html = client.get(page(rows[0])).content.decode()

    assert "You have attended 1 of the 3 modules needed" in html
    assert client.get(page(rows[0], "my-certificate")).status_code == 404
    single = make_registration(make_event(office_a), status=RegistrationStatus.ATTENDED)
    assert client.get(page(single, "my-certificate")).status_code == 404
