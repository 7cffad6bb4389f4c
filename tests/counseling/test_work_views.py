"""The counselor's work pages: the fast consultation entry, anonymous contacts, referrals, the
handover letter and its wording; who may use them, and their query bounds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from lotse.core.models import Office, Role, TargetGroup, Topic, User
from lotse.counseling import services
from lotse.counseling.models import (
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    LetterTemplate,
    Person,
    Referral,
    ReferralStatus,
)
from lotse.directory.models import Service
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
WORK = "/staff/counseling"


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def local_input(moment: dt.datetime) -> str:
    """A moment as a datetime-local field posts it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def person(office_a: Office) -> Person:
    return make_person(
        office_a,
        display_name="Amira",
        full_name="Amira Haddad",
        preferred_language_id="fr",
        municipality="Mitte",
    )


@pytest.fixture
def iq_service(office_a: Office) -> Service:
    return make_service(
        title="IQ Anerkennungsberatung",
        office=office_a,
        topics=("recognition-professional",),
        languages=("de", "fr"),
        email="iq@example.org",
    )


def consultation_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "topics": [topic("recognition-professional").pk, topic("work-job-search").pk],
        "channel": "phone",
        "started_at": local_input(timezone.now() - dt.timedelta(hours=1)),
        "duration_minutes": "20",
        "language": "fr",
        "interpreter": "on",
        "outcome": "Explained the recognition procedure",
        "next_steps": "Send the certificates",
        "notes": "Worried about the costs",
        "service": "",
        "q": "",
        "reason": "",
        "follow_up_on": "",
        "task_title": "",
        "task_due_on": "",
    }
    data.update(overrides)
    return data


def counts() -> tuple[int, int, int]:
    return Consultation.objects.count(), Referral.objects.count(), FollowUp.objects.count()


# --- Fast entry ---------------------------------------------------------------------------------


def test_the_fast_entry_form_opens_with_sensible_defaults(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)
    moment = dt.datetime(2026, 3, 10, 10, 17, tzinfo=BERLIN)
    with time_machine.travel(moment, tick=False):
        page = client.get(f"{WORK}/people/{person.pk}/consultations/new/").content.decode()
    assert "Consultation with Amira" in page
    assert 'value="2026-03-10T10:15"' in page  # now, down to five minutes
    assert 'name="duration_minutes" value="30"' in page
    assert re.search(r'<option value="fr" selected>', page)  # the person's language
    assert re.search(r'<option value="in_person" selected>', page)
    assert 'value="2026-03-24"' in page  # referral follow-up in two weeks
    assert "only the counselors of this office read them" in page
    assert 'src="/static/counseling/typeahead.js"' in page


def test_german_is_the_language_of_a_person_without_a_preference(
    client: Client, counselor: User, office_a: Office
) -> None:
    someone = make_person(office_a, display_name="Ben")
    login(client, counselor)
    page = client.get(f"{WORK}/people/{someone.pk}/consultations/new/").content.decode()
    assert re.search(r'<option value="de" selected>', page)


def test_the_fast_entry_saves_consultation_referral_and_task_together(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    login(client, counselor)
    follow_up_on = timezone.localdate() + dt.timedelta(days=10)
    due_on = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/",
        consultation_data(
            service=str(iq_service.pk),
            reason="Needs the recognition of her nursing degree",
            follow_up_on=follow_up_on.isoformat(),
            task_title="Call about the appointment",
            task_due_on=due_on.isoformat(),
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"{WORK}/people/{person.pk}/"
    assert counts() == (1, 1, 1)
    consultation = Consultation.objects.get()
    assert consultation.person == person and consultation.counselor == counselor
    assert set(consultation.topics.values_list("slug", flat=True)) == {
        "recognition-professional",
        "work-job-search",
    }
    assert consultation.channel == "phone" and consultation.duration_minutes == 20
    assert consultation.language_id == "fr" and consultation.interpreter
    assert consultation.notes == "Worried about the costs"
    referral = Referral.objects.get()
    assert referral.consultation == consultation and referral.service == iq_service
    assert referral.topic == topic("recognition-professional")
    assert referral.reason == "Needs the recognition of her nursing degree"
    assert referral.follow_up_on == follow_up_on and referral.status == ReferralStatus.SUGGESTED
    task = FollowUp.objects.get()
    assert task.title == "Call about the appointment" and task.due_on == due_on
    assert task.referral == referral and task.person == person
    page = client.get(response["Location"]).content.decode()
    assert "IQ Anerkennungsberatung" in page  # the message names the service


def test_the_fast_entry_without_a_referral_saves_the_consultation_alone(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/", consultation_data(interpreter="")
    )
    assert response.status_code == 302
    assert counts() == (1, 0, 0)
    assert not Consultation.objects.get().interpreter


def test_an_archived_service_saves_nothing_at_all(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    Service.objects.filter(pk=iq_service.pk).update(is_archived=True)
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/",
        consultation_data(
            service=str(iq_service.pk),
            task_title="Call back",
            task_due_on=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This service is archived" in page
    assert 'id="id_service_error"' in page
    assert counts() == (0, 0, 0)


def test_a_refused_follow_up_task_saves_nothing_either(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/",
        consultation_data(
            service=str(iq_service.pk),
            task_title="Call back",
            task_due_on=(timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        ),
    )
    assert response.status_code == 200
    assert "The due date cannot lie in the past." in response.content.decode()
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("started_at", "message"),
    [
        ("2026-02-30T10:00", "Enter a valid date/time."),
        ("tomorrow", "A consultation cannot lie in the future."),
    ],
)
def test_impossible_and_future_times_are_refused(
    client: Client, counselor: User, person: Person, started_at: str, message: str
) -> None:
    if started_at == "tomorrow":
        started_at = local_input(timezone.now() + dt.timedelta(days=1))
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/", consultation_data(started_at=started_at)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and 'id="id_started_at_error"' in page
    assert counts() == (0, 0, 0)


def test_topics_are_required_and_unknown_services_refused(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/",
        consultation_data(topics=[], service="999999"),
    )
    page = response.content.decode()
    assert "Choose at least one topic." in page
    assert "This service is not in the directory." in page
    assert counts() == (0, 0, 0)


def test_a_person_without_consent_to_a_record_gets_no_consultation(
    client: Client, counselor: User, office_a: Office
) -> None:
    someone = make_person(office_a, display_name="Ben", consents=())
    login(client, counselor)
    page = client.get(f"{WORK}/people/{someone.pk}/consultations/new/").content.decode()
    assert f"{WORK}/people/{someone.pk}/consents/new/" in page
    response = client.post(f"{WORK}/people/{someone.pk}/consultations/new/", consultation_data())
    assert response.status_code == 200
    assert "has not consented to a counseling record" in response.content.decode()
    assert counts() == (0, 0, 0)


def test_find_services_shows_suggestions_and_search_hits_and_saves_nothing(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    make_service(title="Jobcenter Mitte", office=iq_service.owner_office, topics=("work",))
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/consultations/new/",
        consultation_data(topics=[topic("recognition-professional").pk], q="Jobcenter", lookup="1"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="service-suggestion-' in page and "IQ Anerkennungsberatung" in page
    assert 'id="service-result-' in page and "Jobcenter Mitte" in page
    assert "Nothing was saved" not in page  # a lookup is no failed save
    assert "Worried about the costs" in page  # what was typed stays
    assert counts() == (0, 0, 0)


def test_the_lookup_fragment_ranks_the_fitting_service_first(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    office = iq_service.owner_office
    make_service(title="Anerkennung ohne Französisch", office=office, topics=("recognition",))
    make_service(title="Jobcenter", office=office, topics=("work",))
    login(client, counselor)
    response = client.post(
        f"{WORK}/services/lookup/",
        {"topics": [topic("recognition-professional").pk], "person": person.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    titles = re.findall(r'<span class="fw-semibold">([^<]+)</span>', page)
    assert titles[0] == "IQ Anerkennungsberatung"
    assert "Jobcenter" not in titles
    assert "Speaks" in page  # the reasons are shown
    assert page.count('type="radio" name="service"') == len(titles)

    search = client.post(
        f"{WORK}/services/lookup/", {"q": "Jobcenter", "part": "results"}
    ).content.decode()
    assert "Jobcenter" in search and 'id="service-result-' in search


def test_the_lookup_keeps_the_chosen_service(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    other = make_service(title="Jobcenter", office=iq_service.owner_office, topics=("work",))
    login(client, counselor)
    page = client.post(
        f"{WORK}/services/lookup/",
        {"topics": [topic("recognition-professional").pk], "service": other.pk},
    ).content.decode()
    assert re.search(rf'value="{other.pk}" id="service-suggestion-{other.pk}" checked', page)
    assert "Chosen before" in page


def test_the_lookup_refuses_another_office_s_person(
    client: Client, outsider: User, person: Person
) -> None:
    login(client, outsider)
    response = client.post(f"{WORK}/services/lookup/", {"person": person.pk, "topics": [1]})
    assert response.status_code == 404


# --- Editing a consultation ---------------------------------------------------------------------


def test_a_counselor_edits_a_consultation(client: Client, counselor: User, person: Person) -> None:
    consultation = make_consultation(person, counselor=counselor, topics=("work",), notes="Old")
    login(client, counselor)
    url = f"{WORK}/consultations/{consultation.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Edit the consultation with Amira" in page and "Old" in page
    assert 'name="service"' not in page  # no referral block when editing
    data = consultation_data(topics=[topic("language").pk], outcome="Course found", notes="New")
    for name in ("service", "q", "reason", "follow_up_on", "task_title", "task_due_on"):
        data.pop(name)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{WORK}/people/{person.pk}/"
    consultation.refresh_from_db()
    assert consultation.outcome == "Course found" and consultation.notes == "New"
    assert list(consultation.topics.values_list("slug", flat=True)) == ["language"]
    assert Referral.objects.count() == 0


def test_an_office_admin_neither_reads_nor_overwrites_the_notes(
    client: Client, office_admin: User, person: Person
) -> None:
    consultation = make_consultation(person, topics=("work",), notes="Zzsecretnote")
    login(client, office_admin)
    url = f"{WORK}/consultations/{consultation.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Zzsecretnote" not in page and 'name="notes"' not in page
    response = client.post(url, consultation_data(notes="overwritten"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.notes == "Zzsecretnote"


def test_an_edit_into_the_future_is_refused(
    client: Client, counselor: User, person: Person
) -> None:
    consultation = make_consultation(person, topics=("work",))
    before = consultation.started_at
    login(client, counselor)
    response = client.post(
        f"{WORK}/consultations/{consultation.pk}/edit/",
        consultation_data(started_at=local_input(timezone.now() + dt.timedelta(days=2))),
    )
    assert response.status_code == 200
    assert "A consultation cannot lie in the future." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.started_at == before


# --- Anonymous contacts -------------------------------------------------------------------------


def test_the_quick_form_records_anonymous_contacts_one_after_another(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    url = f"{WORK}/contacts/quick/"
    page = client.get(url).content.decode()
    assert "Anonymous contact" in page and 'name="country_of_origin"' in page
    group = TargetGroup.objects.filter(is_active=True).first()
    data = {
        "country_of_origin": "SY",
        "target_group": group.pk,
        "topics": [topic("residence-title").pk],
        "channel": "in_person",
        "language": "de",
        "whereabouts": "region",
        "started_at": local_input(timezone.now()),
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    contact = Consultation.objects.get()
    assert contact.is_anonymous and contact.person is None and contact.office == office_a
    assert contact.country_of_origin_id == "SY" and contact.target_group == group
    assert contact.channel == "in_person" and contact.language_id == "de"
    assert contact.whereabouts == "region" and contact.counselor == counselor
    assert [t.slug for t in contact.topics.all()] == ["residence-title"]
    follow = client.get(url).content.decode()
    assert "Anonymous contact saved" in follow
    assert 'value="SY" selected' not in follow  # empty again for the next walk-in

    client.post(url, {**data, "country_of_origin": "UA", "whereabouts": "abroad"})
    assert Consultation.objects.filter(is_anonymous=True).count() == 2
    assert Consultation.objects.filter(whereabouts="abroad", country_of_origin="UA").exists()


def test_an_unknown_country_saves_no_anonymous_contact(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    response = client.post(
        f"{WORK}/contacts/quick/",
        {
            "country_of_origin": "XX",
            "topics": [topic("work").pk],
            "channel": "in_person",
            "language": "de",
            "whereabouts": "region",
            "started_at": local_input(timezone.now()),
        },
    )
    assert response.status_code == 200
    assert 'id="id_country_of_origin_error"' in response.content.decode()
    assert Consultation.objects.count() == 0


def test_an_anonymous_contact_is_edited_without_personal_fields(
    client: Client, counselor: User, office_a: Office
) -> None:
    contact = services.anonymous_contact_record(
        office=office_a, by=counselor, topics=[topic("work")], channel="in_person"
    )
    login(client, counselor)
    url = f"{WORK}/consultations/{contact.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Edit the anonymous contact" in page
    assert 'name="notes"' not in page and 'name="outcome"' not in page
    response = client.post(
        url,
        {
            "topics": [topic("housing").pk],
            "channel": "phone",
            "started_at": local_input(timezone.now()),
            "language": "de",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{WORK}/contacts/quick/"
    contact.refresh_from_db()
    assert contact.channel == "phone" and contact.is_anonymous
    assert [t.slug for t in contact.topics.all()] == ["housing"]


# --- Referrals ----------------------------------------------------------------------------------


def test_a_referral_is_made_from_the_suggestions(
    client: Client, counselor: User, person: Person, iq_service: Service
) -> None:
    make_service(title="Allgemeine Anerkennung", office=iq_service.owner_office)
    login(client, counselor)
    url = f"{WORK}/people/{person.pk}/referrals/new/"
    assert client.get(url).status_code == 200
    professional = topic("recognition-professional")
    looked_up = client.post(url, {"topics": [professional.pk], "lookup": "1"}).content.decode()
    titles = re.findall(r'<span class="fw-semibold">([^<]+)</span>', looked_up)
    assert titles[0] == "IQ Anerkennungsberatung"
    assert Referral.objects.count() == 0

    response = client.post(
        url,
        {
            "topics": [professional.pk],
            "service": iq_service.pk,
            "topic": "",
            "reason": "Nursing degree from Algeria",
            "status": "handed_over",
            "follow_up_on": "",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{WORK}/referrals/{referral.pk}/"
    assert referral.person == person and referral.service == iq_service
    assert referral.topic == professional and referral.consultation is None
    assert referral.status == "handed_over" and referral.handed_over_on == timezone.localdate()
    assert referral.follow_up_on == timezone.localdate() + dt.timedelta(days=14)


def test_a_referral_needs_a_service(client: Client, counselor: User, person: Person) -> None:
    login(client, counselor)
    response = client.post(
        f"{WORK}/people/{person.pk}/referrals/new/", {"status": "suggested", "service": ""}
    )
    assert response.status_code == 200
    assert "Choose a service from the suggestions or the search." in response.content.decode()
    assert Referral.objects.count() == 0


def make_referral(office: Office, by: User, person: Person, service: Service) -> Referral:
    return services.referral_create(office=office, by=by, person=person, service=service)


def test_referral_statuses_change_with_their_dates(
    client: Client, counselor: User, office_a: Office, person: Person, iq_service: Service
) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False):
        referral = make_referral(office_a, counselor, person, iq_service)
    login(client, counselor)
    url = f"{WORK}/referrals/{referral.pk}/"
    with time_machine.travel(start + dt.timedelta(days=5), tick=False):
        response = client.post(
            f"{url}status/",
            {"status": "arrived", "on": "2026-03-05", "follow_up_on": "2026-03-20"},
        )
        assert response.status_code == 302 and response["Location"] == url
        client.post(f"{url}status/", {"status": "completed", "on": "2026-03-07"})
        refused = client.post(f"{url}status/", {"status": "completed", "on": "2026-03-09"})
        page = client.get(url).content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.suggested_on == dt.date(2026, 3, 2)
    assert referral.arrived_on == dt.date(2026, 3, 5)
    assert referral.completed_on == dt.date(2026, 3, 7)
    assert referral.follow_up_on == dt.date(2026, 3, 20)
    assert refused.status_code == 200
    assert "A status cannot be reached in the future." in refused.content.decode()
    assert "IQ Anerkennungsberatung" in page and "Amira" in page
    assert "05.03.2026" in page or "03/05/2026" in page or "2026-03-05" in page


def test_a_status_before_the_referral_is_refused(
    client: Client, counselor: User, office_a: Office, person: Person, iq_service: Service
) -> None:
    referral = make_referral(office_a, counselor, person, iq_service)
    login(client, counselor)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        f"{WORK}/referrals/{referral.pk}/status/", {"status": "arrived", "on": yesterday}
    )
    assert response.status_code == 200
    assert "This date lies before the referral was made." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUGGESTED and referral.arrived_on is None


def test_the_referral_list_filters_by_status_and_overdue(
    client: Client, counselor: User, office_a: Office, person: Person, iq_service: Service
) -> None:
    other = make_service(title="Sprachkurs Mitte", office=office_a, topics=("language",))
    with time_machine.travel(timezone.now() - dt.timedelta(days=30)):
        late = make_referral(office_a, counselor, person, iq_service)
    fresh = make_referral(office_a, counselor, person, other)
    login(client, counselor)
    everything = client.get(f"{WORK}/referrals/").content.decode()
    assert "IQ Anerkennungsberatung" in everything and "Sprachkurs Mitte" in everything
    overdue = client.get(f"{WORK}/referrals/", {"overdue": "1"}).content.decode()
    assert "IQ Anerkennungsberatung" in overdue and "Sprachkurs Mitte" not in overdue
    services.referral_set_status(office=office_a, by=counselor, referral=fresh, status="arrived")
    arrived = client.get(f"{WORK}/referrals/", {"status": "arrived"}).content.decode()
    assert "Sprachkurs Mitte" in arrived and "IQ Anerkennungsberatung" not in arrived
    assert late.pk != fresh.pk


# --- The handover letter ------------------------------------------------------------------------


def test_a_letter_with_consent_goes_out_with_the_partner_s_link(
    client: Client,
    counselor: User,
    office_a: Office,
    iq_service: Service,
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = make_person(
        office_a,
        display_name="Amira",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER),
    )
    referral = make_referral(office_a, counselor, person, iq_service)
    login(client, counselor)
    url = f"{WORK}/referrals/{referral.pk}/letter/"
    page = client.get(url).content.decode()
    assert 'value="iq@example.org"' in page  # the service's address is proposed
    assert "&lt;link will be inserted&gt;" in page and "Amira" in page
    assert "disabled" not in page.split('type="submit"')[1].split(">")[0]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"recipient": "anerkennung@example.org"})
    assert response.status_code == 302
    assert response["Location"] == f"{WORK}/referrals/{referral.pk}/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anerkennung@example.org"]
    link = re.search(r"http://testserver/partner/referral/[\w-]+/?", message.body)
    assert link is not None
    letter = HandoverLetter.objects.get()
    assert letter.referral == referral and letter.recipient == "anerkennung@example.org"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HANDED_OVER
    assert referral.handed_over_on == timezone.localdate()

    partner_page = Client().get(link.group(0).removeprefix("http://testserver"))
    assert partner_page.status_code == 200
    detail = client.get(response["Location"]).content.decode()
    assert "anerkennung@example.org" in detail and "no answer yet" in detail


def test_without_consent_no_letter_goes_out(
    client: Client,
    counselor: User,
    office_a: Office,
    person: Person,
    iq_service: Service,
    django_capture_on_commit_callbacks: Any,
) -> None:
    referral = make_referral(office_a, counselor, person, iq_service)
    login(client, counselor)
    url = f"{WORK}/referrals/{referral.pk}/letter/"
    page = client.get(url).content.decode()
    assert f"{WORK}/people/{person.pk}/consents/new/" in page
    assert re.search(r'type="submit" disabled', page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"recipient": "iq@example.org"})
    assert response.status_code == 200
    assert "has not consented to handing their details to a partner" in response.content.decode()
    assert mail.outbox == []
    assert HandoverLetter.objects.count() == 0
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUGGESTED


def test_a_contact_person_s_address_is_proposed_only_to_the_owner_office(
    client: Client,
    counselor: User,
    outsider: User,
    office_a: Office,
    office_b: Office,
    iq_service: Service,
) -> None:
    from lotse.directory.models import ServiceContact

    Service.objects.filter(pk=iq_service.pk).update(email="")
    ServiceContact.objects.create(service=iq_service, name="Petra", email="petra@example.org")
    login(client, counselor)
    own = make_referral(office_a, counselor, make_person(office_a), iq_service)
    assert (
        'value="petra@example.org"'
        in client.get(f"{WORK}/referrals/{own.pk}/letter/").content.decode()
    )
    counselor_b = member(office_b, Role.COUNSELOR, "counselor-b")
    login(client, counselor_b)
    theirs = make_referral(office_b, counselor_b, make_person(office_b), iq_service)
    page = client.get(f"{WORK}/referrals/{theirs.pk}/letter/").content.decode()
    assert "petra@example.org" not in page


# --- Letter templates ---------------------------------------------------------------------------


def test_letter_templates_list_the_languages_and_save_the_office_s_wording(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    listing = client.get(f"{WORK}/letter-templates/").content.decode()
    assert "Lotse&#x27;s default wording" in listing or "Lotse's default wording" in listing
    assert f"{WORK}/letter-templates/ar/" in listing
    url = f"{WORK}/letter-templates/en/"
    page = client.get(url).content.decode()
    assert "Referral from $office" in page and "$client_number" in page

    bad = client.post(url, {"subject": "Hello $persn", "body": "Dear partner"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Unknown placeholders: persn." in text
    assert "The text must contain $link" in text
    assert LetterTemplate.objects.count() == 0

    good = client.post(url, {"subject": "Referral: $person", "body": "Please answer: $link"})
    assert good.status_code == 302 and good["Location"] == f"{WORK}/letter-templates/"
    saved = LetterTemplate.objects.get()
    assert (saved.office, saved.language, saved.subject) == (office_a, "en", "Referral: $person")
    listing = client.get(f"{WORK}/letter-templates/").content.decode()
    assert "Your office&#x27;s own wording" in listing or "Your office's own wording" in listing


def test_an_unknown_letter_language_is_not_found(client: Client, counselor: User) -> None:
    login(client, counselor)
    assert client.get(f"{WORK}/letter-templates/xx/").status_code == 404


# --- Who may --------------------------------------------------------------------------------------


def test_another_office_finds_none_of_these_records(
    client: Client, outsider: User, counselor: User, office_a: Office, person: Person,
    iq_service: Service,
) -> None:  # fmt: skip
    referral = make_referral(office_a, counselor, person, iq_service)
    consultation = make_consultation(person, topics=("work",))
    login(client, outsider)
    for url in (
        f"{WORK}/people/{person.pk}/consultations/new/",
        f"{WORK}/people/{person.pk}/referrals/new/",
        f"{WORK}/consultations/{consultation.pk}/edit/",
        f"{WORK}/referrals/{referral.pk}/",
        f"{WORK}/referrals/{referral.pk}/letter/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"{WORK}/referrals/{referral.pk}/status/", {"status": "arrived"}).status_code
        == 404
    )
    assert (
        client.post(
            f"{WORK}/people/{person.pk}/consultations/new/", consultation_data()
        ).status_code
        == 404
    )
    assert Consultation.objects.count() == 1
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUGGESTED
    assert "Amira" not in client.get(f"{WORK}/referrals/").content.decode()


def test_a_statistics_viewer_may_not_record_or_refer(
    client: Client, office_a: Office, person: Person
) -> None:
    viewer = member(office_a, Role.STATISTICS_VIEWER, "statistics-a")
    login(client, viewer)
    for url in (
        f"{WORK}/people/{person.pk}/consultations/new/",
        f"{WORK}/contacts/quick/",
        f"{WORK}/referrals/",
        f"{WORK}/services/lookup/",
        f"{WORK}/letter-templates/",
    ):
        assert client.get(url).status_code == 403, url


# --- Query bounds -------------------------------------------------------------------------------


def queries_for(
    django_assert_max_num_queries: Any,
    client: Client,
    url: str,
    bound: int,
    method: str = "get",
    **params: Any,
) -> str:
    with django_assert_max_num_queries(bound):
        response = getattr(client, method)(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_referral_list_runs_a_fixed_number_of_queries(
    client: Client,
    counselor: User,
    office_a: Office,
    django_assert_max_num_queries: Any,
    rows: int,
) -> None:
    service = make_service(title="Beratung", office=office_a)
    for index in range(rows):
        someone = make_person(office_a, display_name=f"Person {index}")
        referral = make_referral(office_a, counselor, someone, service)
        HandoverLetter.objects.create(
            office=office_a,
            referral=referral,
            recipient="p@example.org",
            token_hash=f"{index:064d}",
            expires_at=timezone.now() + dt.timedelta(days=1),
        )
    login(client, counselor)
    page = queries_for(django_assert_max_num_queries, client, f"{WORK}/referrals/", 10)
    assert page.count("Person ") >= rows


@pytest.mark.parametrize("rows", [3, 30])
def test_the_consultation_form_and_the_lookup_run_a_fixed_number_of_queries(
    client: Client,
    counselor: User,
    office_a: Office,
    person: Person,
    django_assert_max_num_queries: Any,
    rows: int,
) -> None:
    for index in range(rows):
        make_service(
            title=f"Anerkennung {index}",
            office=office_a,
            topics=("recognition-professional",),
            languages=("de", "fr"),
        )
        make_consultation(person, topics=("work",))
    login(client, counselor)
    page = queries_for(
        django_assert_max_num_queries,
        client,
        f"{WORK}/people/{person.pk}/consultations/new/",
        13,  # with the office's interpreters from the pool and their languages
    )
    assert "Consultation with Amira" in page
    fragment = queries_for(
        django_assert_max_num_queries,
        client,
        f"{WORK}/services/lookup/",
        12,
        "post",
        topics=[topic("recognition-professional").pk],
        person=person.pk,
    )
    assert fragment.count('type="radio"') == min(rows, 10)
