"""Retention rules: each rule's boundary day, what is kept and why, what anonymising keeps for
the statistics, the run log, and that another office's records are never touched."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.conf import settings

from lotse.core.models import AuditEntry, Language, Office, TargetGroup, User
from lotse.counseling.models import (
    Consultation,
    FollowUp,
    Person,
    RecognitionCase,
    Referral,
    ReferralStatus,
    RestrictionGround,
)
from lotse.events.models import Registration, RegistrationStatus, Staffing
from lotse.pool.models import PoolMember, PoolRole
from lotse.privacy import retention
from lotse.privacy.models import ErasureGround, ErasureRecord, RetentionRule, RunTrigger
from lotse.privacy.register import AUTOMATIC_RULES, DEFAULT_MONTHS
from lotse.sponsorship.models import (
    Attendance,
    CheckIn,
    Mood,
    Preference,
    RequestSource,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    TrainingSession,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)
from tests.conftest import member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service
from tests.events.factories import make_event, make_registration
from tests.pool.factories import make_member
from tests.reports.conftest import CounselingData, counseling_data  # noqa: F401  (a fixture)
from tests.reports.test_erasure import scopes, snapshot
from tests.sponsorship.test_matching_views import make_request, make_volunteer

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def berlin(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


def run_at(office: Office, moment: dt.datetime, **kwargs: Any) -> retention.RetentionRun:
    """The nightly run as it happens at `moment`."""
    with time_machine.travel(moment, tick=False):
        return retention.run_retention(office, trigger=RunTrigger.SCHEDULED, **kwargs)


def old_person(office: Office, name: str = "Marker Person", **fields: Any) -> Person:
    """Last contact 15 March 2022, 10:00: due after 36 months on 15 March 2025."""
    return make_person(
        office,
        display_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        last_contact_at=fields.pop("last_contact_at", berlin(2022, 3, 15, 10)),
        **fields,
    )


# --- Days ----------------------------------------------------------------------------------------


def test_a_record_is_due_exactly_when_its_period_has_passed() -> None:
    # cutoff() answers "which reference days are due today" for the database; add_months()
    # answers "when is this one due" for the preview. They must agree on every day.
    start = dt.date(2023, 1, 1)
    for months in (1, 6, 12, 36):
        for offset in range(0, 800, 3):
            today = start + dt.timedelta(days=offset)
            last = retention.cutoff(today, months)
            assert retention.add_months(last, months) <= today
            assert retention.add_months(last + dt.timedelta(days=1), months) > today


def test_month_ends_are_clamped() -> None:
    assert retention.add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert retention.cutoff(dt.date(2025, 2, 28), 6) == dt.date(2024, 8, 31)
    assert retention.cutoff(dt.date(2025, 2, 27), 6) == dt.date(2024, 8, 27)


def test_every_automatic_rule_has_a_selector_and_a_default() -> None:
    keys = {key for key, _label in AUTOMATIC_RULES}
    assert set(retention.RULES) == keys == set(DEFAULT_MONTHS)


def test_periods_fall_back_to_the_register(office_a: Office, office_b: Office) -> None:
    RetentionRule.objects.create(office=office_a, rule="counseling", months=24, enabled=False)
    assert retention.periods(office_a)["counseling"] == (24, False)
    assert retention.periods(office_a)["pool-left"] == (DEFAULT_MONTHS["pool-left"], True)
    assert retention.periods(office_b)["counseling"] == (36, True)


# --- Counseling ----------------------------------------------------------------------------------


def test_a_person_is_erased_on_the_day_the_period_ends(office_a: Office) -> None:
    person = old_person(office_a)
    make_consultation(person, started_at=berlin(2022, 3, 15, 10), notes="Marker notes")

    run = run_at(office_a, berlin(2025, 3, 14, 23, 30))
    assert Person.objects.filter(pk=person.pk).exists()
    assert run.counts["counseling"] == 0

    run = run_at(office_a, berlin(2025, 3, 15, 3))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert run.counts["counseling"] == 1
    record = ErasureRecord.objects.get(run=run)
    assert record.ground == ErasureGround.RETENTION and record.erased_by is None
    consultation = Consultation.objects.get(subject=person.subject)
    assert consultation.person is None and consultation.notes == ""


def test_a_person_without_contact_counts_from_when_they_were_recorded(office_a: Office) -> None:
    with time_machine.travel(berlin(2022, 5, 2, 9), tick=False):
        person = make_person(office_a, last_contact_at=None)
    run_at(office_a, berlin(2025, 5, 1, 3))
    assert Person.objects.filter(pk=person.pk).exists()
    run_at(office_a, berlin(2025, 5, 2, 3))
    assert not Person.objects.filter(pk=person.pk).exists()


def _referral(person: Person) -> None:
    Referral.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        service=make_service(title="Residence permits"),
        status=ReferralStatus.HANDED_OVER,
    )


def _follow_up(person: Person) -> None:
    FollowUp.objects.create(
        office=person.office, person=person, title="Call back", due_on=dt.date(2022, 4, 1)
    )


def _recognition(person: Person) -> None:
    RecognitionCase.objects.create(office=person.office, person=person, profession="Nurse")


def _tandem(person: Person) -> None:
    request = make_request(person.office, person=person, status=RequestStatus.MATCHED)
    Tandem.objects.create(
        office=person.office,
        request=request,
        volunteer=make_volunteer(person.office, qualified=False),
        person=person,
        started_on=dt.date(2022, 1, 10),
    )


def _request(person: Person) -> None:
    make_request(person.office, person=person, status=RequestStatus.WAITING)


@pytest.mark.parametrize(
    ("open_case", "reason"),
    [
        (_referral, "a referral is open"),
        (_follow_up, "a follow-up is open"),
        (_recognition, "a recognition case is open"),
        (_tandem, "a tandem is active"),
        (_request, "a sponsorship request is open"),
    ],
)
def test_an_open_case_keeps_the_person(
    office_a: Office, open_case: Callable[[Person], None], reason: str
) -> None:
    person = old_person(office_a)
    open_case(person)

    [rule] = [
        r for r in retention.preview(office_a, now=berlin(2025, 6, 1, 12)) if r.rule == "counseling"
    ]
    assert rule.due_now == 0
    assert rule.kept_count == 1
    assert reason in rule.kept[0].reason
    assert rule.kept[0].url == f"/staff/counseling/people/{person.pk}/"

    run = run_at(office_a, berlin(2025, 6, 1, 3))
    assert Person.objects.filter(pk=person.pk).exists()
    assert run.counts["counseling"] == 0


def test_a_closed_case_does_not_keep_the_person(office_a: Office) -> None:
    person = old_person(office_a)
    _referral(person)
    Referral.objects.filter(person=person).update(status=ReferralStatus.COMPLETED)
    _follow_up(person)
    FollowUp.objects.filter(person=person).update(done_at=berlin(2022, 4, 1, 9))
    run_at(office_a, berlin(2025, 6, 1, 3))
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_restricted_person_is_only_stored(office_a: Office) -> None:
    person = old_person(office_a)
    Person.objects.filter(pk=person.pk).update(
        restricted_at=berlin(2024, 1, 10, 9), restriction_ground=RestrictionGround.LEGAL_CLAIMS
    )
    [rule] = [
        r for r in retention.preview(office_a, now=berlin(2025, 6, 1, 12)) if r.rule == "counseling"
    ]
    assert rule.due_now == 0 and rule.kept_count == 1
    assert "restricted (Art. 18 GDPR)" in rule.kept[0].reason

    run_at(office_a, berlin(2025, 6, 1, 3))
    assert Person.objects.filter(pk=person.pk).exists()


def test_anonymous_contacts_lose_their_notes_after_the_period(office_a: Office) -> None:
    old = Consultation.objects.create(
        office=office_a,
        is_anonymous=True,
        started_at=berlin(2022, 3, 15, 10),
        notes="Marker walk-in",
        outcome="Marker outcome",
        next_steps="Marker steps",
        country_of_origin_id="SY",
    )
    recent = Consultation.objects.create(
        office=office_a, is_anonymous=True, started_at=berlin(2022, 3, 16, 10), notes="Keep"
    )
    run = run_at(office_a, berlin(2025, 3, 15, 3))
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.notes, old.outcome, old.next_steps) == ("", "", "")
    assert old.country_of_origin_id == "SY" and old.subject
    assert recent.notes == "Keep"
    assert run.counts["anonymous-contacts"] == 1


def test_the_preview_lists_what_is_due_next_with_its_day(office_a: Office) -> None:
    due = old_person(office_a, "Due Now")
    soon = old_person(office_a, "Due Soon", last_contact_at=berlin(2022, 3, 30, 10))
    old_person(office_a, "Later", last_contact_at=berlin(2022, 6, 1, 10))

    [rule] = [
        r
        for r in retention.preview(office_a, now=berlin(2025, 3, 20, 12))
        if r.rule == "counseling"
    ]
    assert (rule.due_now, rule.due_soon) == (1, 1)
    assert [item.label.split(" (")[0] for item in rule.items] == ["Due Now", "Due Soon"]
    assert [item.due_on for item in rule.items] == [dt.date(2025, 3, 15), dt.date(2025, 3, 30)]
    assert rule.items[0].reason == "Last contact on 03/15/2022; no case is open."
    assert rule.items[1].url.endswith(f"/people/{soon.pk}/")
    assert due.pk  # still there: the preview changes nothing
    assert Person.objects.count() == 3


# --- Events --------------------------------------------------------------------------------------


def _registrations(office: Office) -> tuple[Registration, Registration]:
    """Two people at an event that ended on 10 February 2025, 20:00 (due 10 August 2025)."""
    event = make_event(office, starts_at=berlin(2025, 2, 10, 18))
    refugee = TargetGroup.objects.get(slug="refugee")
    first = make_registration(
        event,
        name="Marker Guest",
        email="guest@example.org",
        phone="0711 1234567",
        interpreting_into=Language.objects.get(code="ar"),
        childcare=True,
        accessibility_needs="Marker wheelchair",
        target_group=refugee,
        country_of_origin_id="SY",
        status=RegistrationStatus.ATTENDED,
    )
    second = make_registration(event, name="Other Guest", email="other@example.org")
    return first, second


def test_registrations_are_anonymised_the_period_after_the_event(office_a: Office) -> None:
    first, second = _registrations(office_a)

    run = run_at(office_a, berlin(2025, 8, 9, 23))
    first.refresh_from_db()
    assert first.name == "Marker Guest" and run.counts["event-registrations"] == 0

    run = run_at(office_a, berlin(2025, 8, 10, 3))
    assert run.counts["event-registrations"] == 2
    first.refresh_from_db()
    assert (first.name, first.email, first.phone, first.accessibility_needs) == ("", "", "", "")
    assert first.interpreting_into is None and first.childcare is False
    assert first.anonymised_at == berlin(2025, 8, 10, 3)
    # The facts the statistics count stay.
    assert first.status == RegistrationStatus.ATTENDED
    assert first.target_group.slug == "refugee" and first.country_of_origin_id == "SY"
    # Both live registrations now have a blank e-mail: the unique index leaves blanks out.
    second.refresh_from_db()
    assert second.email == "" and second.status == RegistrationStatus.REGISTERED


# --- Volunteers ----------------------------------------------------------------------------------


def _ended_volunteer(office: Office, *, volunteered: bool, **fields: Any) -> Volunteer:
    volunteer = make_volunteer(
        office,
        first_name="Marker",
        last_name="Volunteer",
        email=f"marker-{volunteered}@example.org",
        motivation="Marker motivation",
        coordinator_notes="Marker notes",
        prefers=[Preference.FAMILY, Preference.SINGLE],
        offers=["authorities", "children_school"],
        interests="Marker hiking",
        gender="female",
        status=VolunteerStatus.ENDED,
        status_changed_on=dt.date(2024, 3, 15),
        pledge_signed_on=dt.date(2023, 1, 5) if volunteered else None,
        certificate_seen_on=dt.date(2023, 1, 5) if volunteered else None,
        **fields,
    )
    return volunteer


def test_a_volunteer_who_ended_is_anonymised_after_a_year(office_a: Office) -> None:
    volunteer = _ended_volunteer(office_a, volunteered=True)
    request = make_request(office_a, status=RequestStatus.CLOSED, closed_at=berlin(2024, 3, 15, 9))
    tandem = Tandem.objects.create(
        office=office_a,
        request=request,
        volunteer=volunteer,
        started_on=dt.date(2023, 2, 1),
        status=TandemStatus.ENDED,
        ended_on=dt.date(2024, 3, 1),
        end_reason="goal_reached",
        agreement="Marker agreement",
        usual_places="Marker café",
        feedback_volunteer="Marker feedback",
    )
    check_in = CheckIn.objects.create(tandem=tandem, mood=Mood.GOOD, note="Marker check-in")
    attendances = Attendance.objects.filter(volunteer=volunteer).count()
    assert attendances == 1
    user = User.objects.create(username="marker-login", email="login@example.org")
    Volunteer.objects.filter(pk=volunteer.pk).update(user=user)

    run = run_at(office_a, berlin(2025, 3, 14, 12))
    assert run.counts["volunteers-ended"] == 0

    run = run_at(office_a, berlin(2025, 3, 15, 3))
    assert run.counts["volunteers-ended"] == 1
    assert run.counts["applications-declined"] == 0
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.last_name, volunteer.email, volunteer.phone) == (
        "",
        "",
        "",
        "",
    )
    assert volunteer.motivation == volunteer.coordinator_notes == volunteer.interests == ""
    assert volunteer.district == volunteer.gender == "" and volunteer.availability == []
    assert volunteer.pledge_signed_on is None and volunteer.certificate_seen_on is None
    assert volunteer.user is None and volunteer.anonymised_at is not None
    # Only what "volunteers newly qualified" reads of their wishes stays.
    assert volunteer.prefers == [Preference.FAMILY]
    assert volunteer.offers == ["children_school"]
    assert volunteer.status == VolunteerStatus.ENDED
    assert volunteer.status_changed_on == dt.date(2024, 3, 15)
    assert not VolunteerLanguage.objects.filter(volunteer=volunteer).exists()
    assert Attendance.objects.filter(volunteer=volunteer).count() == attendances
    tandem.refresh_from_db()
    assert (tandem.agreement, tandem.usual_places, tandem.feedback_volunteer) == ("", "", "")
    assert tandem.end_reason == "goal_reached" and tandem.ended_on == dt.date(2024, 3, 1)
    check_in.refresh_from_db()
    assert check_in.note == ""
    user.refresh_from_db()
    assert (
        not user.is_active and user.email != "login@example.org" and not user.has_usable_password()
    )


def test_a_colleagues_login_is_only_unlinked(office_a: Office, office_b: Office) -> None:
    colleague = member(office_b, "counselor", "colleague-b")
    volunteer = _ended_volunteer(office_a, volunteered=True, user=colleague)
    run_at(office_a, berlin(2025, 3, 15, 3))
    volunteer.refresh_from_db()
    colleague.refresh_from_db()
    assert volunteer.user is None
    assert colleague.is_active and colleague.username == "colleague-b"


def test_an_application_that_ended_goes_after_six_months(office_a: Office) -> None:
    volunteer = _ended_volunteer(office_a, volunteered=False, qualified=False)
    run = run_at(office_a, berlin(2024, 9, 14, 12))
    assert run.counts["applications-declined"] == 0
    run = run_at(office_a, berlin(2024, 9, 15, 3))
    assert run.counts["applications-declined"] == 1
    assert run.counts["volunteers-ended"] == 0
    volunteer.refresh_from_db()
    assert volunteer.first_name == "" and volunteer.anonymised_at is not None


def test_active_volunteers_are_never_touched(office_a: Office) -> None:
    volunteer = make_volunteer(office_a, status_changed_on=dt.date(2015, 1, 1))
    run_at(office_a, berlin(2025, 3, 15, 3))
    volunteer.refresh_from_db()
    assert volunteer.first_name == "Greta" and volunteer.anonymised_at is None


# --- Requests ------------------------------------------------------------------------------------


def test_a_closed_request_loses_its_contact_a_year_after_closing(office_a: Office) -> None:
    request = make_request(
        office_a,
        source=RequestSource.PORTAL,
        kind=Preference.FAMILY,
        status=RequestStatus.CLOSED,
        closed_at=berlin(2024, 3, 15, 9),
        contact_name="Marker Family",
        contact_email="family@example.org",
        contact_phone="0711 99",
        note="Marker note",
        interests="Marker football",
        gender_preference="female",
        has_children=True,
    )
    run = run_at(office_a, berlin(2025, 3, 14, 12))
    assert run.counts["requests-closed"] == 0
    run = run_at(office_a, berlin(2025, 3, 15, 3))
    assert run.counts["requests-closed"] == 1
    request.refresh_from_db()
    assert (request.contact_name, request.contact_email, request.contact_phone) == ("", "", "")
    assert request.note == request.interests == request.district == ""
    assert request.needs == request.languages == request.availability == []
    assert request.gender_preference == "" and request.has_children is False
    assert request.anonymised_at is not None
    assert (request.kind, request.source) == (Preference.FAMILY, RequestSource.PORTAL)
    assert request.closed_at == berlin(2024, 3, 15, 9)


# --- Pool ----------------------------------------------------------------------------------------


def test_a_pool_member_who_left_is_anonymised_and_the_row_stays(office_a: Office) -> None:
    member_ = make_member(
        office_a,
        name="Marker Interpreter",
        email="interpreter@example.org",
        phone="0711 77",
        notes="Marker notes",
        fee_note="45 EUR",
        availability=["mon-evening"],
        is_active=False,
    )
    event = make_event(office_a, starts_at=berlin(2024, 2, 1, 18))
    staffing = Staffing.objects.create(
        event=event,
        office=office_a,
        role=PoolRole.INTERPRETER,
        language=Language.objects.get(code="ar"),
        member=member_,
        note="Marker staffing",
    )
    PoolMember.objects.filter(pk=member_.pk).update(updated_at=berlin(2024, 3, 15, 9))

    run = run_at(office_a, berlin(2025, 3, 14, 12))
    assert run.counts["pool-left"] == 0
    run = run_at(office_a, berlin(2025, 3, 15, 3))
    assert run.counts["pool-left"] == 1
    member_.refresh_from_db()
    assert (member_.name, member_.email, member_.phone, member_.notes, member_.fee_note) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert member_.availability == [] and not member_.languages.exists()
    assert member_.roles == [PoolRole.INTERPRETER] and member_.anonymised_at is not None
    staffing.refresh_from_db()
    assert staffing.member_id == member_.pk and staffing.note == ""


# --- Runs ----------------------------------------------------------------------------------------


def test_a_run_is_logged_and_a_second_run_finds_nothing(office_a: Office) -> None:
    old_person(office_a)
    _registrations(office_a)
    run = run_at(office_a, berlin(2025, 9, 1, 3))
    assert run.counts["counseling"] == 1 and run.counts["event-registrations"] == 2
    assert run.trigger == RunTrigger.SCHEDULED and run.finished_at and run.error == ""
    entry = AuditEntry.objects.get(action="privacy.retention.run", object_id=str(run.pk))
    assert entry.office == office_a and entry.actor is None
    assert entry.data["counts"] == run.counts

    again = run_at(office_a, berlin(2025, 9, 1, 3, 5))
    assert again.total == 0


def test_a_failing_rule_is_named_and_the_others_still_run(
    office_a: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = old_person(office_a)
    first, _second = _registrations(office_a)

    def fail(*args: Any, **kwargs: Any) -> dict[str, int]:
        Registration.objects.update(name="half done")
        raise ValueError("Marker Guest is broken")

    monkeypatch.setattr(retention.RULES["event-registrations"], "apply", fail)
    run = run_at(office_a, berlin(2025, 9, 1, 3))
    assert run.error == "event-registrations: ValueError"
    assert "Marker" not in run.error
    assert not Person.objects.filter(pk=person.pk).exists()
    first.refresh_from_db()
    assert first.name == "Marker Guest"  # rolled back
    entry = AuditEntry.objects.get(action="privacy.retention.run")
    assert entry.data["failed"] == ["event-registrations"]


def test_a_rule_that_is_not_applied_automatically_is_left_alone(office_a: Office) -> None:
    RetentionRule.objects.create(
        office=office_a, rule="event-registrations", months=6, enabled=False
    )
    first, _second = _registrations(office_a)
    run = run_at(office_a, berlin(2025, 9, 1, 3))
    assert "event-registrations" not in run.counts
    first.refresh_from_db()
    assert first.name == "Marker Guest"
    [rule] = [
        r
        for r in retention.preview(office_a, now=berlin(2025, 9, 1, 12))
        if r.rule == "event-registrations"
    ]
    assert rule.due_now == 2 and not rule.enabled


def test_an_office_period_moves_the_day(office_a: Office) -> None:
    RetentionRule.objects.create(office=office_a, rule="counseling", months=12)
    person = old_person(office_a)
    run_at(office_a, berlin(2023, 3, 15, 3))
    assert not Person.objects.filter(pk=person.pk).exists()


def test_another_offices_records_are_never_touched(office_a: Office, office_b: Office) -> None:
    theirs = old_person(office_b, "Their Person")
    their_registration, _ = _registrations(office_b)
    their_volunteer = _ended_volunteer(office_b, volunteered=True)
    their_contact = Consultation.objects.create(
        office=office_b, is_anonymous=True, started_at=berlin(2022, 1, 1, 9), notes="Theirs"
    )
    old_person(office_a)

    run = run_at(office_a, berlin(2026, 1, 1, 3))
    assert run.counts["counseling"] == 1
    assert Person.objects.filter(pk=theirs.pk).exists()
    their_registration.refresh_from_db()
    their_volunteer.refresh_from_db()
    their_contact.refresh_from_db()
    assert their_registration.name == "Marker Guest"
    assert their_volunteer.first_name == "Marker"
    assert their_contact.notes == "Theirs"
    for rule in retention.preview(office_a, now=berlin(2026, 1, 1, 12)):
        assert all("Their" not in item.label for item in rule.items + rule.kept)


# --- Statistics ----------------------------------------------------------------------------------


def _sponsorship_events_and_pool(data: CounselingData) -> None:
    """Something for every rule to anonymise in the report's months (January, February 2025)."""
    office = data.office_a
    amira = data.people["amira"]
    sponsor = make_volunteer(
        office,
        qualified=False,
        prefers=[Preference.FAMILY],
        offers=["everyday"],
        applied_at=berlin(2025, 1, 3, 9),
        status=VolunteerStatus.ENDED,
        status_changed_on=dt.date(2025, 2, 20),
    )
    # Qualified on 5 February with child protection (she wishes to accompany families), on
    # 15 January without: the February report tells the two apart.
    for module, month, day in (("introduction", 1, 15), ("child_protection", 2, 5)):
        session = TrainingSession.objects.create(
            office=office,
            kind="seminar",
            module=module,
            title=module,
            starts_at=berlin(2025, month, day, 18),
            ends_at=berlin(2025, month, day, 21),
            place="Town hall",
        )
        Attendance.objects.create(session=session, volunteer=sponsor, status="attended")
    make_volunteer(
        office,
        qualified=False,
        email="applicant@example.org",
        pledge_signed_on=None,
        applied_at=berlin(2025, 1, 5, 9),
        status=VolunteerStatus.ENDED,
        status_changed_on=dt.date(2025, 1, 30),
    )
    request = make_request(
        office,
        person=amira,
        kind=Preference.FAMILY,
        status=RequestStatus.CLOSED,
        contact_name="Amira Example",
        created_at=berlin(2025, 1, 12, 10),
        closed_at=berlin(2025, 2, 20, 9),
    )
    Tandem.objects.create(
        office=office,
        request=request,
        volunteer=sponsor,
        person=amira,
        started_on=dt.date(2025, 1, 20),
        status=TandemStatus.ENDED,
        ended_on=dt.date(2025, 2, 20),
        end_reason="goal_reached",
        agreement="Marker agreement",
    )
    SponsorshipRequest.objects.create(
        office=office,
        source=RequestSource.PORTAL,
        status=RequestStatus.CLOSED,
        district="Mitte",
        contact_name="Marker Portal",
        created_at=berlin(2025, 2, 2, 10),
        closed_at=berlin(2025, 2, 3, 10),
    )
    event = make_event(office, starts_at=berlin(2025, 2, 10, 18))
    refugee = TargetGroup.objects.get(slug="refugee")
    for index, (status, group, country) in enumerate(
        [
            (RegistrationStatus.ATTENDED, refugee, "SY"),
            (RegistrationStatus.ATTENDED, None, "RO"),
            (RegistrationStatus.NO_SHOW, refugee, None),
            (RegistrationStatus.CANCELLED, None, None),
        ]
    ):
        make_registration(
            event,
            name=f"Marker Guest {index}",
            email=f"guest{index}@example.org",
            status=status,
            target_group=group,
            country_of_origin_id=country,
        )
    interpreter = make_member(office, is_active=False)
    Staffing.objects.create(
        event=event,
        office=office,
        role=PoolRole.INTERPRETER,
        language=Language.objects.get(code="ar"),
        member=interpreter,
    )
    PoolMember.objects.filter(pk=interpreter.pk).update(updated_at=berlin(2025, 2, 11, 9))


def test_a_run_changes_no_figure_of_the_report(request: pytest.FixtureRequest) -> None:
    data: CounselingData = request.getfixturevalue("counseling_data")
    # Close the open referrals, so the people go rather than stay for an open case.
    Referral.objects.exclude(
        status__in=[ReferralStatus.COMPLETED, ReferralStatus.NOT_TAKEN_UP]
    ).update(status=ReferralStatus.COMPLETED, completed_on=dt.date(2025, 3, 10))
    _sponsorship_events_and_pool(data)
    with time_machine.travel(berlin(2030, 1, 1, 3), tick=False):
        before = {scope: snapshot(scope) for scope in scopes(data)}
        assert before[scopes(data)[0]]["participants"][0] == 2
        assert before[scopes(data)[1]]["volunteers_qualified"][0] == 1
        runs = [
            retention.run_retention(office, trigger=RunTrigger.SCHEDULED)
            for office in (data.office_a, data.office_b)
        ]
        for scope, figures_before in before.items():
            after = snapshot(scope)
            changed = [key for key in figures_before if after[key] != figures_before[key]]
            assert not changed, f"the retention run changed {changed}"
    counts = runs[0].counts
    assert counts["counseling"] == 6 and runs[1].counts["counseling"] == 1
    assert counts["anonymous-contacts"] == 0  # the data set's walk-ins carry no notes
    assert counts["event-registrations"] == 4
    assert counts["volunteers-ended"] == 1 and counts["applications-declined"] == 1
    assert counts["requests-closed"] == 1  # Amira's went with her erasure
    assert counts["pool-left"] == 1
    assert not Person.objects.exists()
    assert not Registration.objects.filter(name__startswith="Marker").exists()
