"""The counseling services: validation, consent, snapshots, referrals, letters, merge."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.core.models import AuditEntry, Country, Language, Role, TargetGroup, Topic
from lotse.counseling import services
from lotse.counseling.models import (
    ClientNumberCounter,
    Consent,
    ConsentForm,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionStage,
    Referral,
    ReferralStatus,
    Whereabouts,
)
from tests.conftest import member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db

LINK_BASE = "https://lotse.example/partner/referral/"


def topics(*slugs: str) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs))


# --- People -------------------------------------------------------------------------------------


def test_client_numbers_count_per_office_and_year(office_a, office_b, counselor, outsider):
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)):
        first = services.person_create(
            office=office_a, by=counselor, consent_form=ConsentForm.VERBAL, display_name="Ana"
        )
        second = services.person_create(
            office=office_a, by=counselor, consent_form=ConsentForm.VERBAL, display_name="Ben"
        )
        other = services.person_create(
            office=office_b, by=outsider, consent_form=ConsentForm.WRITTEN, display_name="Cem"
        )
    with time_machine.travel(dt.datetime(2027, 1, 2, 10, tzinfo=dt.UTC)):
        next_year = services.person_create(
            office=office_a, by=counselor, consent_form=ConsentForm.ONLINE, display_name="Dua"
        )
    assert [first.client_number, second.client_number] == ["A-2026-00001", "A-2026-00002"]
    assert other.client_number == "B-2026-00001"
    assert next_year.client_number == "A-2027-00001"
    assert ClientNumberCounter.objects.get(office=office_a, year=2026).last == 2


def test_a_new_person_has_the_counseling_consent_and_an_audit_entry(office_a, counselor):
    person = services.person_create(
        office=office_a,
        by=counselor,
        consent_form=ConsentForm.WRITTEN,
        display_name="Olena",
        email=" Olena@Example.ORG ",
        phone="+49 (0)711 123-456",
        languages=Language.objects.filter(code__in=["uk", "de"]),
    )
    consent = person.consents.get()
    assert (consent.purpose, consent.form, consent.withdrawn_on) == (
        ConsentPurpose.COUNSELING,
        ConsentForm.WRITTEN,
        None,
    )
    assert person.email == "olena@example.org"
    assert person.phone_digits == "711123456"
    assert {lang.code for lang in person.languages.all()} == {"uk", "de"}
    entry = AuditEntry.objects.get(action="counseling.person.created")
    assert entry.object_id == str(person.pk) and "Olena" not in str(entry.data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"arrival_date": dt.date(2030, 1, 1)}, "arrival_date"),
        ({"arrival_date": dt.date(2020, 1, 1), "arrival_is_planned": True}, "arrival_date"),
        ({"abroad_country": "IN"}, "abroad_country"),
        ({"whereabouts": Whereabouts.ABROAD, "abroad_country": "DE"}, "abroad_country"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"email": "not-an-address"}, "email"),
        ({"display_name": ""}, "display_name"),
    ],
)
def test_bad_person_data_is_refused_and_nothing_is_saved(office_a, counselor, fields, field):
    data = {"display_name": "Amir", **fields}
    if "abroad_country" in data:
        data["abroad_country"] = Country.objects.get(code=data["abroad_country"])
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            office=office_a, by=counselor, consent_form=ConsentForm.VERBAL, **data
        )
    assert field in caught.value.message_dict
    assert not Person.objects.exists() and not Consent.objects.exists()
    assert not ClientNumberCounter.objects.filter(last__gt=0).exists()


def test_an_unknown_consent_form_is_refused(office_a, counselor):
    with pytest.raises(ValidationError):
        services.person_create(
            office=office_a, by=counselor, consent_form="telepathic", display_name="Amir"
        )
    assert not Person.objects.exists()


def test_roles_without_counseling_cannot_create_people(office_a):
    viewer = member(office_a, Role.STATISTICS_VIEWER, "viewer")
    coordinator = member(office_a, Role.SPONSOR_COORDINATOR, "coordinator")
    for user in (viewer, coordinator):
        with pytest.raises(PermissionDenied):
            services.person_create(
                office=office_a, by=user, consent_form=ConsentForm.VERBAL, display_name="X"
            )


def test_another_offices_person_cannot_be_changed(office_a, office_b, outsider):
    person = make_person(office_a)
    with pytest.raises(PermissionDenied):
        services.person_update(office=office_b, by=outsider, person=person, display_name="Y")
    person.refresh_from_db()
    assert person.display_name == "Amira"


def test_update_audits_the_changed_field_names_only(office_a, counselor):
    person = make_person(office_a, display_name="Amira")
    services.person_update(
        office=office_a,
        by=counselor,
        person=person,
        display_name="Amira K.",
        country_of_origin=Country.objects.get(code="SY"),
        languages=Language.objects.filter(code="ar"),
    )
    entry = AuditEntry.objects.get(action="counseling.person.updated")
    assert entry.data == {"fields": ["country_of_origin", "display_name", "languages"]}
    person.refresh_from_db()
    assert " amira " in person.name_keys


# --- Consent ------------------------------------------------------------------------------------


def test_consent_given_withdrawn_and_given_again(office_a, counselor):
    person = make_person(office_a, consents=())
    consent = services.consent_give(
        office=office_a,
        by=counselor,
        person=person,
        purpose=ConsentPurpose.EMAIL_CONTACT,
        given_on=timezone.localdate(),
        form=ConsentForm.ONLINE,
    )
    with pytest.raises(ValidationError, match="already in force"):
        services.consent_give(
            office=office_a,
            by=counselor,
            person=person,
            purpose=ConsentPurpose.EMAIL_CONTACT,
            given_on=timezone.localdate(),
            form=ConsentForm.ONLINE,
        )
    services.consent_withdraw(office=office_a, by=counselor, consent=consent)
    assert services.active_consent(person, ConsentPurpose.EMAIL_CONTACT) is None
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.consent_withdraw(office=office_a, by=counselor, consent=consent)
    services.consent_give(
        office=office_a,
        by=counselor,
        person=person,
        purpose=ConsentPurpose.EMAIL_CONTACT,
        given_on=timezone.localdate(),
        form=ConsentForm.WRITTEN,
    )
    assert person.consents.count() == 2  # the history stays


def test_consent_dates_must_be_possible(office_a, counselor):
    person = make_person(office_a, consents=())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.consent_give(
            office=office_a,
            by=counselor,
            person=person,
            purpose=ConsentPurpose.EVENTS,
            given_on=tomorrow,
            form=ConsentForm.VERBAL,
        )
    consent = services.consent_give(
        office=office_a,
        by=counselor,
        person=person,
        purpose=ConsentPurpose.EVENTS,
        given_on=timezone.localdate(),
        form=ConsentForm.VERBAL,
    )
    with pytest.raises(ValidationError, match="before it was given"):
        services.consent_withdraw(
            office=office_a,
            by=counselor,
            consent=consent,
            withdrawn_on=timezone.localdate() - dt.timedelta(days=3),
        )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_withdrawn_counseling_consent_stops_new_consultations(office_a, counselor):
    person = make_person(office_a)
    services.consent_withdraw(office=office_a, by=counselor, consent=person.consents.get())
    with pytest.raises(ValidationError, match="not consented to a counseling record"):
        services.consultation_record(
            office=office_a, by=counselor, person=person, topics=topics("work")
        )
    assert not Consultation.objects.exists()


# --- Consultations ------------------------------------------------------------------------------


def test_a_consultation_keeps_the_situation_of_its_day(office_a, counselor):
    person = make_person(
        office_a,
        country_of_origin=Country.objects.get(code="SY"),
        target_group=TargetGroup.objects.get(slug="refugee"),
        municipality="Esslingen",
    )
    consultation = services.consultation_record(
        office=office_a,
        by=counselor,
        person=person,
        topics=topics("residence-title", "language-integration-course"),
        channel="phone",
        duration_minutes=25,
    )
    services.person_update(
        office=office_a,
        by=counselor,
        person=person,
        target_group=TargetGroup.objects.get(slug="skilled-worker"),
        municipality="Stuttgart",
    )
    consultation.refresh_from_db()
    assert consultation.target_group.slug == "refugee"
    assert consultation.municipality == "Esslingen"
    assert consultation.country_of_origin_id == "SY"
    assert consultation.counselor == counselor and consultation.subject == person.subject
    assert consultation.topics.count() == 2
    person.refresh_from_db()
    assert person.last_contact_at == consultation.started_at


def test_consultations_need_a_topic_and_a_possible_time(office_a, counselor):
    person = make_person(office_a)
    with pytest.raises(ValidationError, match="at least one topic"):
        services.consultation_record(office=office_a, by=counselor, person=person, topics=[])
    with pytest.raises(ValidationError, match="future"):
        services.consultation_record(
            office=office_a,
            by=counselor,
            person=person,
            topics=topics("work"),
            started_at=timezone.now() + dt.timedelta(days=2),
        )
    with pytest.raises(ValidationError):
        services.consultation_record(
            office=office_a,
            by=counselor,
            person=person,
            topics=topics("work"),
            duration_minutes=0,
        )
    assert not Consultation.objects.exists()


def test_anonymous_contacts_hold_only_statistics(office_a, counselor):
    contact = services.anonymous_contact_record(
        office=office_a,
        by=counselor,
        topics=topics("work"),
        country_of_origin=Country.objects.get(code="IN"),
        target_group=TargetGroup.objects.get(slug="skilled-worker"),
        whereabouts=Whereabouts.ABROAD,
    )
    assert contact.is_anonymous and contact.person is None and not contact.in_germany
    with pytest.raises(TypeError):
        services.anonymous_contact_record(
            office=office_a, by=counselor, topics=topics("work"), notes="name and address"
        )


# --- Referrals ----------------------------------------------------------------------------------


@pytest.fixture
def iq_service(office_a):
    return make_service(
        title="IQ Anerkennungsberatung",
        office=office_a,
        topics=("recognition-professional",),
        languages=("de", "fr"),
        texts={"fr": {"title": "Conseil en reconnaissance IQ"}},
        email="iq@example.org",
    )


def test_a_referral_to_an_archived_service_is_refused(office_a, counselor, iq_service):
    person = make_person(office_a)
    iq_service.is_archived = True
    iq_service.save()
    with pytest.raises(ValidationError, match="archived"):
        services.referral_create(office=office_a, by=counselor, person=person, service=iq_service)
    assert not Referral.objects.exists()


def test_referral_statuses_stamp_their_dates(office_a, counselor, iq_service):
    person = make_person(office_a)
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)):
        referral = services.referral_create(
            office=office_a,
            by=counselor,
            person=person,
            service=iq_service,
            topic=Topic.objects.get(slug="recognition-professional"),
        )
        assert referral.follow_up_on == dt.date(2026, 5, 18)
    with time_machine.travel(dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC)):
        services.referral_set_status(
            office=office_a, by=counselor, referral=referral, status=ReferralStatus.ARRIVED
        )
        with pytest.raises(ValidationError):
            services.referral_set_status(
                office=office_a,
                by=counselor,
                referral=referral,
                status=ReferralStatus.COMPLETED,
                on=dt.date(2026, 5, 1),
            )
    referral.refresh_from_db()
    assert (referral.status, referral.arrived_on, referral.completed_on) == (
        ReferralStatus.ARRIVED,
        dt.date(2026, 5, 20),
        None,
    )


def test_the_handover_letter_needs_the_consent(office_a, counselor, iq_service):
    person = make_person(office_a)
    referral = services.referral_create(
        office=office_a, by=counselor, person=person, service=iq_service
    )
    with pytest.raises(ValidationError, match="not consented to handing"):
        services.letter_send(
            office=office_a,
            by=counselor,
            referral=referral,
            recipient="iq@example.org",
            link_base=LINK_BASE,
        )
    assert not HandoverLetter.objects.exists() and not mail.outbox


def _letter(office, counselor, service, django_capture_on_commit_callbacks, **person_fields):
    person = make_person(
        office,
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER),
        **person_fields,
    )
    referral = services.referral_create(
        office=office, by=counselor, person=person, service=service, reason="Pflegefachkraft"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_send(
            office=office,
            by=counselor,
            referral=referral,
            recipient="iq@example.org",
            link_base=LINK_BASE,
        )
    token = re.search(r"/partner/referral/([\w-]+)/", mail.outbox[-1].body).group(1)
    return referral, token


def test_the_letter_goes_out_in_german_and_the_clients_language_with_a_one_time_link(
    office_a, counselor, iq_service, django_capture_on_commit_callbacks
):
    referral, token = _letter(
        office_a,
        counselor,
        iq_service,
        django_capture_on_commit_callbacks,
        display_name="Mariam",
        preferred_language=Language.objects.get(code="en"),
    )
    message = mail.outbox[0]
    assert message.to == ["iq@example.org"]
    assert "Guten Tag" in message.body and "Hello" in message.body
    assert "Mariam" in message.body and "IQ Anerkennungsberatung" in message.body
    letter = HandoverLetter.objects.get()
    assert letter.languages == ["de", "en"] and token not in letter.token_hash
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HANDED_OVER and referral.handed_over_on


def test_the_partner_confirms_arrival_then_completion_and_the_link_ends(
    office_a, counselor, iq_service, django_capture_on_commit_callbacks
):
    referral, token = _letter(office_a, counselor, iq_service, django_capture_on_commit_callbacks)
    services.partner_answer(token=token, answer="arrived")
    with pytest.raises(services.LinkError, match="already recorded"):
        services.partner_answer(token=token, answer="arrived")
    services.partner_answer(token=token, answer="completed")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and referral.partner_confirmed_at
    with pytest.raises(services.LinkError):
        services.partner_answer(token=token, answer="declined")
    with pytest.raises(services.LinkError, match="not valid"):
        services.partner_answer(token="guessed", answer="completed")


def test_an_expired_link_changes_nothing(
    office_a, counselor, iq_service, django_capture_on_commit_callbacks
):
    referral, token = _letter(office_a, counselor, iq_service, django_capture_on_commit_callbacks)
    later = timezone.now() + dt.timedelta(days=services.LETTER_LINK_DAYS + 1)
    with time_machine.travel(later), pytest.raises(services.LinkError, match="expired"):
        services.partner_answer(token=token, answer="completed")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HANDED_OVER


def test_letter_templates_refuse_unknown_placeholders(office_a, counselor):
    with pytest.raises(ValidationError) as caught:
        services.letter_template_save(
            office=office_a,
            by=counselor,
            language="ar",
            subject="Hi $person",
            body="$persn, please confirm",
        )
    assert "persn" in str(caught.value) and "$link" in str(caught.value)
    services.letter_template_save(
        office=office_a, by=counselor, language="ar", subject="إحالة $person", body="$link"
    )


# --- Merge, household, outcomes, recognition, follow-ups ----------------------------------------


def test_merge_moves_the_history_and_leaves_a_pointer(office_a, counselor, iq_service):
    keep = make_person(office_a, display_name="Mohammed Ali")
    merge = make_person(
        office_a,
        display_name="Muhammad Ali",
        email="m.ali@example.org",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.EMAIL_CONTACT),
    )
    make_consultation(keep)
    make_consultation(merge)
    services.referral_create(office=office_a, by=counselor, person=merge, service=iq_service)
    relative = make_person(office_a, display_name="Child")
    services.household_link_add(
        office=office_a, by=counselor, person=merge, relative=relative, relation="child"
    )
    services.person_merge(office=office_a, by=counselor, keep=keep, merge=merge)
    keep.refresh_from_db()
    merge.refresh_from_db()
    assert keep.consultations.count() == 2 and keep.referrals.count() == 1
    assert set(Consultation.objects.values_list("subject", flat=True)) == {keep.subject}
    assert keep.email == "m.ali@example.org"
    assert services.active_consent(keep, ConsentPurpose.EMAIL_CONTACT)
    assert Consent.objects.filter(person=keep, withdrawn_on__isnull=True).count() == 2
    assert merge.merged_into == keep and merge.email == "" and "Muhammad" not in merge.display_name
    assert HouseholdLink.objects.get(person=keep).relative == relative
    assert AuditEntry.objects.filter(action="counseling.person.merged").exists()
    with pytest.raises(ValidationError):
        services.person_merge(office=office_a, by=counselor, keep=keep, merge=merge)


def test_household_links_go_both_ways(office_a, counselor):
    parent, child = make_person(office_a, display_name="Parent"), make_person(office_a)
    services.household_link_add(
        office=office_a, by=counselor, person=parent, relative=child, relation="child"
    )
    assert HouseholdLink.objects.get(person=child).relation == "parent"
    with pytest.raises(ValidationError):
        services.household_link_add(
            office=office_a, by=counselor, person=parent, relative=parent, relation="spouse"
        )
    services.household_link_remove(
        office=office_a, by=counselor, link=HouseholdLink.objects.get(person=parent)
    )
    assert not HouseholdLink.objects.exists()


def test_the_recognition_pipeline_records_its_milestones(office_a, counselor):
    person = make_person(office_a)
    case = services.recognition_save(
        office=office_a,
        by=counselor,
        person=person,
        profession="Registered nurse (BSc)",
        country=Country.objects.get(code="PH"),
        reference_occupation="Pflegefachfrau",
    )
    person.refresh_from_db()
    assert person.recognition_pending
    case = services.recognition_save(
        office=office_a, by=counselor, person=person, case=case, stage=RecognitionStage.APPLIED
    )
    assert case.handed_on and case.applied_on
    with pytest.raises(ValidationError, match="decision"):
        services.recognition_save(
            office=office_a,
            by=counselor,
            person=person,
            case=case,
            stage=RecognitionStage.DECIDED,
        )
    case.refresh_from_db()
    services.recognition_save(
        office=office_a,
        by=counselor,
        person=person,
        case=case,
        stage=RecognitionStage.DECIDED,
        decision="partial",
    )
    kinds = sorted(Outcome.objects.filter(person=person).values_list("kind", flat=True))
    assert kinds == ["recognition_applied", "recognition_granted"]
    with pytest.raises(ValidationError, match="earlier stage"):
        services.recognition_save(
            office=office_a, by=counselor, person=person, case=case, stage="collected"
        )
    person.refresh_from_db()
    assert not person.recognition_pending


def test_milestones_cannot_lie_ahead(office_a, counselor):
    person = make_person(office_a)
    with pytest.raises(ValidationError):
        services.outcome_record(
            office=office_a,
            by=counselor,
            person=person,
            kind="job_started",
            reached_on=timezone.localdate() + dt.timedelta(days=1),
        )
    outcome = services.outcome_record(
        office=office_a,
        by=counselor,
        person=person,
        kind="job_started",
        reached_on=timezone.localdate(),
    )
    services.outcome_delete(office=office_a, by=counselor, outcome=outcome)
    assert not Outcome.objects.exists()


def test_follow_ups_go_to_counseling_staff_only(office_a, counselor, colleague):
    person = make_person(office_a)
    coordinator = member(office_a, Role.SPONSOR_COORDINATOR, "coordinator")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.follow_up_create(
            office=office_a,
            by=counselor,
            person=person,
            title="Call back",
            due_on=tomorrow,
            assigned_to=coordinator,
        )
    with pytest.raises(ValidationError):
        services.follow_up_create(
            office=office_a,
            by=counselor,
            person=person,
            title="Call back",
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    task = services.follow_up_create(
        office=office_a,
        by=counselor,
        person=person,
        title="Call back",
        due_on=tomorrow,
        assigned_to=colleague,
    )
    services.follow_up_set_done(office=office_a, by=colleague, follow_up=task)
    assert FollowUp.objects.get().done_at is not None
