"""The event figures on a small hand-made data set with answers counted by hand.

The period is the first quarter of 2025, [1 January, 1 April) in Europe/Berlin. Events start
right on both boundaries: midnight of 1 January (in; still 2024 in UTC) and midnight of 1 April
(out), and at 23:00 on 31 December (out; already 22:00 UTC of the same day, so a UTC day cut
would not tell either). Office B holds one event, counted only when B is in the scope.

Registrations of office A's events in the period (tg = target group, c = country given):

| event | registration: status, tg, c |
| --- | --- |
| E1 info night, 1 Jan 00:00, for refugees | attended refugee SY; attended refugee -; no-show student PL; cancelled; registered |
| E2 info night, 31 Mar 23:00 | attended student PL; attended - CH; waiting; attended - NO |
| E3 club, 10 Feb, for students | attended refugee SY; no-show |
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

import django_scopes
import pytest

from lotse.core.models import Country, Office, TargetGroup
from lotse.events.models import Event, Program
from lotse.reports import figures
from lotse.reports.scope import Scope
from tests.events.factories import make_event, make_program, make_registration

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
Q1 = (dt.date(2025, 1, 1), dt.date(2025, 4, 1))


def at(*args: int) -> dt.datetime:
    """A time in Berlin."""
    return dt.datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


@dataclass
class Data:
    a: Office
    b: Office
    info: Program
    club: Program
    refugee: int
    student: int

    def scope(self, *offices: Office, **fields: Any) -> Scope:
        start, end = fields.pop("period", Q1)
        return Scope(
            offices=tuple(o.pk for o in offices or (self.a,)), start=start, end=end, **fields
        )


def event(program: Program, starts: dt.datetime, *groups: TargetGroup, **fields: Any) -> Event:
    made = make_event(program.office, program=program, starts_at=starts, **fields)
    made.target_groups.set(groups)
    return made


def register(
    target: Event, status: str, group: TargetGroup | None = None, country: str = ""
) -> None:
    make_registration(
        target,
        status=status,
        target_group=group,
        country_of_origin=Country.objects.get(code=country) if country else None,
    )


@pytest.fixture
def data(office_a: Office, office_b: Office) -> Data:
    refugee = TargetGroup.objects.get(slug="refugee")
    student = TargetGroup.objects.get(slug="student")
    info = make_program(office_a, title="Information Nights")
    club = make_program(office_a, title="Welcome Club", kind="club")

    e1 = event(info, at(2025, 1, 1, 0, 0), refugee)
    register(e1, "attended", refugee, "SY")
    register(e1, "attended", refugee)
    register(e1, "no_show", student, "PL")
    register(e1, "cancelled")
    register(e1, "registered")
    e2 = event(info, at(2025, 3, 31, 23, 0))
    register(e2, "attended", student, "PL")
    register(e2, "attended", None, "CH")
    register(e2, "waiting")
    register(e2, "attended", None, "NO")
    e3 = event(club, at(2025, 2, 10, 18), student)
    register(e3, "attended", refugee, "SY")
    register(e3, "no_show")

    # Not in the period or not held.
    register(event(club, at(2025, 2, 11, 18), refugee, status="cancelled"), "cancelled", refugee)
    event(club, at(2025, 2, 12, 18), refugee, status="draft")
    register(event(info, at(2024, 12, 31, 23, 0), refugee), "attended", refugee, "SY")
    register(event(info, at(2025, 4, 1, 0, 0), refugee), "attended", refugee, "SY")

    other = make_program(office_b, title="Dialogue evenings", kind="dialogue")
    register(event(other, at(2025, 2, 10, 18), refugee), "attended", refugee, "SY")
    return Data(office_a, office_b, info, club, refugee.pk, student.pk)


def total(key: str, scope: Scope) -> int:
    return figures.compute(key, scope).total


def rows(key: str, scope: Scope) -> dict[str, int]:
    return {row.key: row.value for row in figures.compute(key, scope).rows}


def labels(key: str, scope: Scope) -> dict[str, str]:
    return {row.key: row.label for row in figures.compute(key, scope).rows}


def test_events_held_are_published_events_starting_in_the_period(data: Data) -> None:
    assert total("events", data.scope()) == 3
    assert total("events", data.scope(data.a, data.b)) == 4
    assert total("events", data.scope(data.b)) == 1


def test_events_by_program_are_labelled_with_the_program_title(data: Data) -> None:
    scope = data.scope()
    info, club = str(data.info.pk), str(data.club.pk)
    assert rows("events_by_program", scope) == {info: 2, club: 1}
    assert labels("events_by_program", scope) == {info: "Information Nights", club: "Welcome Club"}
    assert total("events_by_program", scope) == 3


def test_with_a_target_group_events_are_those_announced_for_it(data: Data) -> None:
    refugees = data.scope(target_group=data.refugee)
    assert total("events", refugees) == 1  # E1 (E2 names no group, E3 is for students)
    assert rows("events_by_program", refugees) == {str(data.info.pk): 1}
    assert total("events", data.scope(target_group=data.student)) == 1
    assert total("events", data.scope(data.a, data.b, target_group=data.refugee)) == 2


def test_registrations_by_status_count_every_registration_of_the_events_held(data: Data) -> None:
    scope = data.scope()
    assert total("registrations", scope) == 11
    assert rows("registrations", scope) == {
        "attended": 6,
        "no_show": 2,
        "cancelled": 1,
        "registered": 1,
        "waiting": 1,
    }
    assert labels("registrations", scope)["no_show"] == "Did not come"
    assert total("registrations", data.scope(data.a, data.b)) == 12


def test_participants_are_attendances(data: Data) -> None:
    assert total("participants", data.scope()) == 6
    assert total("participants", data.scope(data.a, data.b)) == 7
    assert total("participants", data.scope(data.b)) == 1


def test_participants_by_program(data: Data) -> None:
    scope = data.scope()
    assert rows("participants_by_program", scope) == {str(data.info.pk): 5, str(data.club.pk): 1}
    assert labels("participants_by_program", scope)[str(data.club.pk)] == "Welcome Club"


def test_participants_by_target_group_count_who_gave_none_as_not_given(data: Data) -> None:
    scope = data.scope()
    refugee, student = str(data.refugee), str(data.student)
    assert rows("participants_by_target_group", scope) == {refugee: 3, student: 1, "unknown": 2}
    assert labels("participants_by_target_group", scope) == {
        refugee: "Refugee or protection seeker",
        student: "Student",
        "unknown": "Not given",
    }
    assert total("participants_by_target_group", scope) == 6


def test_participants_by_country_count_who_gave_none_as_not_given(data: Data) -> None:
    scope = data.scope()
    assert rows("participants_by_country", scope) == {
        "SY": 2,
        "PL": 1,
        "CH": 1,
        "NO": 1,
        "unknown": 1,
    }
    assert labels("participants_by_country", scope)["PL"] == Country.objects.get(code="PL").name
    assert labels("participants_by_country", scope)["unknown"] == "Not given"
    # Largest first.
    assert figures.compute("participants_by_country", scope).rows[0].key == "SY"


def test_participants_by_country_group_put_eea_and_switzerland_with_the_eu(data: Data) -> None:
    scope = data.scope()
    assert rows("participants_by_country_group", scope) == {
        "eu-eea-ch": 3,
        "third": 2,
        "unknown": 1,
    }
    assert total("participants_by_country_group", scope) == 6
    assert labels("participants_by_country_group", scope)["eu-eea-ch"] == "EU, EEA and Switzerland"


def test_with_a_target_group_participants_are_those_who_gave_it(data: Data) -> None:
    refugees = data.scope(target_group=data.refugee)
    assert total("participants", refugees) == 3
    assert rows("registrations", refugees) == {"attended": 3}
    assert rows("participants_by_program", refugees) == {
        str(data.info.pk): 2,
        str(data.club.pk): 1,
    }
    assert rows("participants_by_target_group", refugees) == {str(data.refugee): 3}
    assert rows("participants_by_country", refugees) == {"SY": 2, "unknown": 1}
    assert rows("participants_by_country_group", refugees) == {"third": 2, "unknown": 1}
    students = data.scope(target_group=data.student)
    assert rows("registrations", students) == {"attended": 1, "no_show": 1}
    assert total("participants", data.scope(data.a, data.b, target_group=data.refugee)) == 4


def test_over_time_splits_the_quarter_into_months(data: Data) -> None:
    months = figures.over_time("participants", data.scope(), "month")
    assert [(part.start.month, value) for part, value in months] == [(1, 2), (2, 1), (3, 3)]
    now, before, change = figures.change("events", data.scope())
    assert (now, before) == (3, 1)  # the fourth quarter of 2024 held the 31 December event
    assert change == 2.0


def test_every_event_figure_is_in_the_events_section() -> None:
    keys = [f.key for f in figures.all_figures() if str(f.section) == "Events"]
    assert keys == list(EVENTS)
    for key in EVENTS:
        assert 500 <= figures.get(key).order < 600
        assert str(figures.get(key).definition)


def test_each_figure_is_one_aggregate_query_plus_labels(
    data: Data, django_assert_num_queries: Any
) -> None:
    scope = data.scope(data.a, data.b)
    # Program titles come with their translations (two queries); taxonomy names with one.
    expected = {"events_by_program": 3, "participants_by_program": 3}
    expected |= {"participants_by_target_group": 2, "participants_by_country": 2}
    for key in EVENTS:
        with django_assert_num_queries(expected.get(key, 1)):
            figures.compute(key, scope)


def test_figures_read_every_office_of_the_report_while_a_request_scope_is_active(
    data: Data,
) -> None:
    # Views run inside the office scope the middleware opens; a report spans several offices.
    scope = data.scope(data.a, data.b)
    expected = {key: figures.compute(key, scope).total for key in EVENTS}
    with django_scopes.scopes_disabled(), django_scopes.scope(office=data.a):
        assert {key: figures.compute(key, scope).total for key in EVENTS} == expected


EVENTS = (
    "events",
    "events_by_program",
    "registrations",
    "participants",
    "participants_by_program",
    "participants_by_target_group",
    "participants_by_country",
    "participants_by_country_group",
)
