"""The events selectors: staffing warnings, feedback figures, the month grid, the event list's
filters and counts, translation status, and that they ask the policy first."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lotse.core.models import Office, Role, User
from lotse.events import selectors
from lotse.events.models import (
    EventStatus,
    EventTranslation,
    Feedback,
    ProgramKind,
    RegistrationStatus,
    Staffing,
)
from lotse.pool.models import PoolRole
from tests.conftest import member
from tests.events.factories import make_event, make_program, make_registration
from tests.pool.factories import make_member

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(office_a: Office) -> User:
    return member(office_a, Role.EVENT_MANAGER, "manager")


def _staff(event: Any, role: str, language: str | None = None, **member_fields: Any) -> Staffing:
    person = make_member(event.office, roles=(role,), **member_fields)
    return Staffing.objects.create(
        event=event, office=event.office, role=role, language_id=language, member=person
    )


def _kinds(warnings: list[selectors.StaffingWarning]) -> list[tuple[str, str | None, int]]:
    return [(w.kind, w.language.code if w.language else None, w.count) for w in warnings]


# --- Staffing warnings --------------------------------------------------------------------------


def test_an_announced_language_without_an_interpreter_is_a_warning(office_a: Office) -> None:
    event = make_event(office_a)
    event.interpretation.set(["ar", "fa"])
    _staff(event, PoolRole.INTERPRETER, "ar")
    # A speaker who speaks Persian does not interpret it.
    _staff(event, PoolRole.SPEAKER, languages=("fa",))

    warnings = selectors.staffing_warnings(event)

    assert _kinds(warnings) == [("no_interpreter", "fa", 0)]
    assert warnings[0].message == (
        "Interpreting into Persian is announced, but no interpreter is staffed."
    )


def test_a_dialogue_without_a_moderator_is_a_warning(office_a: Office) -> None:
    dialogue = make_program(office_a, kind=ProgramKind.DIALOGUE)
    event = make_event(office_a, program=dialogue)
    assert _kinds(selectors.staffing_warnings(event)) == [("no_moderator", None, 0)]
    _staff(event, PoolRole.MODERATOR)
    assert selectors.staffing_warnings(event) == []
    # Other kinds of program need no moderator.
    assert selectors.staffing_warnings(make_event(office_a)) == []


def test_participants_asking_for_an_unstaffed_language_are_counted(office_a: Office) -> None:
    event = make_event(office_a)
    make_registration(event, name="Ana", interpreting_into_id="uk")
    make_registration(event, name="Ben", interpreting_into_id="uk", status="waiting")
    make_registration(event, name="Cem", interpreting_into_id="uk", status="cancelled")
    make_registration(event, name="Dana", interpreting_into_id="ar")
    make_registration(event, name="Emre", interpreting_into_id="tr", status="attended")
    _staff(event, PoolRole.INTERPRETER, "ar")

    warnings = selectors.staffing_warnings(event)

    assert _kinds(warnings) == [("interpreting_asked", "uk", 2)]
    assert warnings[0].message == (
        "2 participants ask for interpreting into Ukrainian; no interpreter for it is staffed."
    )


def test_a_cancelled_event_has_no_warnings(office_a: Office) -> None:
    event = make_event(office_a, status=EventStatus.CANCELLED)
    event.interpretation.set(["ar"])
    assert selectors.staffing_warnings(event) == []


def test_warnings_of_many_events_take_four_queries(
    office_a: Office, django_assert_num_queries: Any
) -> None:
    dialogue = make_program(office_a, kind=ProgramKind.DIALOGUE)
    events = []
    for number in range(12):
        event = make_event(office_a, program=dialogue if number % 2 else None)
        event.interpretation.set(["ar", "uk"])
        make_registration(event, name=f"P{number}", interpreting_into_id="fa")
        events.append(event)
    _staff(events[0], PoolRole.INTERPRETER, "ar")
    events = list(selectors.event_list(user=_manager(office_a), office=office_a))

    with django_assert_num_queries(4):
        warnings = selectors.warnings_by_event(events)

    assert len(warnings[events[0].pk]) == 2  # Ukrainian, Persian asked
    assert len(warnings[events[1].pk]) == 4  # Arabic, Ukrainian, moderator, Persian asked


def _manager(office: Office) -> User:
    return member(office, Role.EVENT_MANAGER, f"m-{office.pk}")


# --- Feedback -----------------------------------------------------------------------------------


def test_feedback_summary(office_a: Office) -> None:
    event = make_event(office_a)
    assert selectors.feedback_summary(event) == selectors.FeedbackSummary(0, None, None, [])
    for rating, useful, comment in (
        (5, True, "Sehr hilfreich"),
        (4, True, ""),
        (2, False, "Zu lang"),
    ):
        Feedback.objects.create(
            event=event, office=office_a, rating=rating, useful=useful, comment=comment
        )
    Feedback.objects.create(event=event, office=office_a, rating=4, useful=None)
    Feedback.objects.create(event=make_event(office_a), office=office_a, rating=1)

    summary = selectors.feedback_summary(event)

    assert (summary.count, summary.average, summary.useful_percent) == (4, 3.8, 67)
    assert [item.comment for item in summary.comments] == ["Zu lang", "Sehr hilfreich"]


# --- The month grid -----------------------------------------------------------------------------


def test_the_month_grid_places_events_on_their_local_day(
    office_a: Office, office_b: Office, manager: User
) -> None:
    late = make_event(office_a, starts_at=dt.datetime(2026, 4, 1, 0, 15, tzinfo=BERLIN))
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    far = make_event(
        office_a, starts_at=dt.datetime(2026, 4, 30, 8, 0, tzinfo=tokyo), time_zone="Asia/Tokyo"
    )
    make_event(office_a, starts_at=dt.datetime(2026, 3, 31, 23, 0, tzinfo=BERLIN))
    make_event(office_b, starts_at=dt.datetime(2026, 4, 10, 18, 0, tzinfo=BERLIN))

    month = selectors.calendar_month(
        user=manager, office=office_a, year=2026, month=4, today=dt.date(2026, 4, 10)
    )

    assert month.weeks[0][0].date == dt.date(2026, 3, 30)  # a Monday
    assert all(len(week) == 7 for week in month.weeks)
    days = {day.date: day for week in month.weeks for day in week}
    assert [event.pk for event in days[dt.date(2026, 4, 1)].events] == [late.pk]
    assert [event.pk for event in days[dt.date(2026, 4, 30)].events] == [far.pk]
    assert not days[dt.date(2026, 3, 31)].in_month and days[dt.date(2026, 3, 31)].events
    assert days[dt.date(2026, 4, 10)].is_today and not days[dt.date(2026, 4, 10)].events
    assert [day.date for day in month.days_with_events] == [
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 30),
    ]
    assert (month.previous, month.next) == (dt.date(2026, 3, 1), dt.date(2026, 5, 1))


# --- The list -----------------------------------------------------------------------------------


def test_the_list_counts_places_and_waiting_and_finds_a_title_in_any_language(
    office_a: Office, manager: User
) -> None:
    event = make_event(office_a, title="Sprachcafé", translations={"en": "Language café"})
    make_registration(event, name="Ana")
    make_registration(event, name="Ben", status=RegistrationStatus.ATTENDED)
    make_registration(event, name="Cem", status=RegistrationStatus.WAITING)
    make_registration(event, name="Dana", status=RegistrationStatus.CANCELLED)

    [found] = selectors.event_list(user=manager, office=office_a, q="café")

    assert (found.taken_count, found.waiting_count) == (2, 1)
    assert selectors.places_left(found) == 18
    assert list(selectors.event_list(user=manager, office=office_a, q="language")) == [found]
    assert not selectors.event_list(user=manager, office=office_a, q="kino").exists()
    assert selectors.status_counts(event) == {
        "registered": 1,
        "waiting": 1,
        "cancelled": 1,
        "attended": 1,
        "no_show": 0,
    }


def test_the_translation_status_per_language(office_a: Office) -> None:
    event = make_event(office_a, translations={"en": "Arrival", "ar": "الوصول"})
    EventTranslation.objects.filter(event=event, language="de").update(version=2)
    EventTranslation.objects.filter(event=event, language="ar").update(source_version=2)

    rows = {row.code: row.status for row in selectors.language_rows(event)}

    assert rows["de"] == "current"
    assert rows["en"] == "outdated" and rows["ar"] == "current" and rows["fr"] == "missing"


def test_a_series_lists_its_modules_by_number(office_a: Office) -> None:
    series = make_program(office_a, is_series=True)
    third = make_event(office_a, program=series, module_number=3, starts_in=dt.timedelta(1))
    first = make_event(office_a, program=series, module_number=1, starts_in=dt.timedelta(20))
    extra = make_event(office_a, program=series, starts_in=dt.timedelta(2))
    assert list(selectors.program_events(series)) == [first, third, extra]


# --- The policy ---------------------------------------------------------------------------------


def test_selectors_ask_the_policy(office_a: Office, counselor: User) -> None:
    event = make_event(office_a)
    with pytest.raises(PermissionDenied):
        selectors.event_list(user=counselor, office=office_a)
    with pytest.raises(PermissionDenied):
        selectors.event_get(user=counselor, office=office_a, event_id=event.pk)
    with pytest.raises(PermissionDenied):
        selectors.calendar_month(user=counselor, office=office_a, year=2026, month=3)
    with pytest.raises(PermissionDenied):
        selectors.pool_for_staffing(user=counselor, office=office_a)


def test_another_offices_event_and_program_are_not_found(
    office_a: Office, office_b: Office, manager: User
) -> None:
    event = make_event(office_b)
    with pytest.raises(Http404):
        selectors.event_get(user=manager, office=office_a, event_id=event.pk)
    with pytest.raises(Http404):
        selectors.program_get(user=manager, office=office_a, program_id=event.program_id)


def test_program_web_addresses_are_checked_across_offices(office_b: Office) -> None:
    program = make_program(office_b, slug="welcome-club")
    assert selectors.program_slug_taken(slug="welcome-club")
    assert not selectors.program_slug_taken(slug="welcome-club", program=program)
    assert not selectors.program_slug_taken(slug="info-nights")
