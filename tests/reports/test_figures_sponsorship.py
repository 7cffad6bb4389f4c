"""The welcome-sponsor figures on a small hand-made data set with answers counted by hand.

The period is the first quarter of 2025, [1 January, 1 April) in Europe/Berlin. Things happen
right on both boundaries: midnight of 1 January (in the period; still 2024 in UTC) and midnight
of 1 April (out). Office B holds one of everything, counted only when B is in the scope.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from dataclasses import dataclass
from typing import Any

import django_scopes
import pytest
from django.utils import timezone

from lotse.core.models import Office, TargetGroup
from lotse.reports import figures
from lotse.reports.scope import Scope
from lotse.sponsorship.models import (
    Attendance,
    SessionKind,
    SponsorshipRequest,
    Tandem,
    TrainingSession,
    Volunteer,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
Q1 = (dt.date(2025, 1, 1), dt.date(2025, 4, 1))
_numbers = itertools.count(1)


def at(*args: int) -> dt.datetime:
    """A time in Berlin."""
    return dt.datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def volunteer(
    office: Office,
    *,
    status: str = "active",
    since: dt.date = dt.date(2024, 1, 1),
    applied: dt.datetime | None = None,
    **fields: Any,
) -> Volunteer:
    number = next(_numbers)
    return Volunteer.objects.create(
        office=office,
        first_name="Vol",
        last_name=f"Unteer {number}",
        email=f"v{number}@example.org",
        district="Mitte",
        status=status,
        status_changed_on=since,
        applied_at=applied or at(2023, 6, 1, 12),
        consent_given_at=at(2023, 6, 1, 12),
        **fields,
    )


def request(
    office: Office,
    created: dt.datetime | None = None,
    *,
    kind: str = "single",
    source: str = "counselor",
    status: str = "waiting",
) -> SponsorshipRequest:
    return SponsorshipRequest.objects.create(
        office=office,
        source=source,
        status=status,
        district="Mitte",
        kind=kind,
        created_at=created or at(2024, 5, 1, 10),
    )


def tandem(
    office: Office,
    by: Volunteer,
    started: dt.date,
    ended: dt.date | None = None,
    reason: str = "",
) -> Tandem:
    return Tandem.objects.create(
        office=office,
        request=request(office, status="closed" if ended else "matched"),
        volunteer=by,
        started_on=started,
        ended_on=ended,
        status="ended" if ended else "active",
        end_reason=reason,
    )


def session(
    office: Office, starts: dt.datetime, module: str = "", *, cancelled: bool = False
) -> TrainingSession:
    return TrainingSession.objects.create(
        office=office,
        kind=SessionKind.SEMINAR if module else SessionKind.REFLECTION,
        module=module,
        title=module or "Reflection",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        place="Rathaus",
        is_cancelled=cancelled,
    )


def attend(session: TrainingSession, **statuses: Volunteer | list[Volunteer]) -> None:
    for status, volunteers in statuses.items():
        for person in volunteers if isinstance(volunteers, list) else [volunteers]:
            Attendance.objects.create(session=session, volunteer=person, status=status)


@dataclass
class Data:
    a: Office
    b: Office

    def scope(self, *offices: Office, **fields: Any) -> Scope:
        start, end = fields.pop("period", Q1)
        return Scope(
            offices=tuple(o.pk for o in offices or (self.a,)), start=start, end=end, **fields
        )


@pytest.fixture
def data(office_a: Office, office_b: Office) -> Data:
    a, b = office_a, office_b
    # Requests: three of office A in Q1 (both boundaries), two just outside, one of B.
    request(a, at(2025, 1, 1, 0, 0), kind="family", source="counselor")
    request(a, at(2025, 3, 31, 23, 59, 59), kind="single", source="portal", status="to_confirm")
    request(a, at(2025, 2, 10, 9), kind="student", source="portal", status="closed")
    request(a, at(2024, 12, 31, 23, 59, 59), kind="family")
    request(a, at(2025, 4, 1, 0, 0), kind="family")
    request(b, at(2025, 2, 10, 9), kind="family")

    # Volunteers of office A (applied long ago unless said otherwise).
    v1 = volunteer(a, since=dt.date(2025, 2, 1), applied=at(2025, 1, 1, 0, 0), prefers=["family"])
    v2 = volunteer(a, since=dt.date(2025, 4, 1), applied=at(2024, 12, 31, 23, 0))
    v3 = volunteer(a, status="paused", since=dt.date(2025, 3, 15), prefers=["family"])
    v4 = volunteer(a, status="paused", since=dt.date(2024, 12, 31))
    v5 = volunteer(a, status="ended", since=dt.date(2025, 2, 1))
    v6 = volunteer(a, status="ended", since=dt.date(2025, 2, 1), prefers=["family"])
    v7 = volunteer(a, status="applied", since=dt.date(2025, 3, 31), applied=at(2025, 3, 31, 23, 30))
    v8 = volunteer(a, since=dt.date(2024, 1, 1), offers=["children_school", "everyday"])
    v9 = volunteer(a, status="ended", since=dt.date(2024, 12, 31))
    vb = volunteer(b, since=dt.date(2024, 1, 1), applied=at(2025, 2, 1, 12))

    # Tandems (their requests were made in May 2024, outside the period).
    tandem(a, v8, dt.date(2024, 6, 1))  # runs on: active
    tandem(a, v9, dt.date(2024, 6, 1), dt.date(2024, 12, 31), "moved")  # ended before
    tandem(a, v6, dt.date(2024, 10, 1), dt.date(2025, 1, 1), "goal_reached")  # ends on day one
    tandem(a, v1, dt.date(2025, 1, 1))  # starts on day one
    tandem(a, v8, dt.date(2025, 3, 31), dt.date(2025, 3, 31))  # one day, no reason given
    tandem(a, v2, dt.date(2025, 4, 1))  # starts after
    tandem(b, vb, dt.date(2025, 2, 1), dt.date(2025, 3, 1), "moved")

    # Training.
    intro = session(a, at(2025, 1, 1, 0, 0), "introduction")
    attend(intro, attended=[v1, v2, v3], registered=v7, absent=v5)
    child = session(a, at(2025, 3, 31, 18), "child_protection")
    attend(child, attended=[v1, v2, v6, v8])
    attend(session(a, at(2024, 12, 31, 18), "introduction"), attended=[v4, v8])
    attend(session(a, at(2025, 2, 1, 10), "introduction", cancelled=True), attended=v5)
    attend(session(a, at(2025, 2, 15, 18)), attended=[v1, v8], absent=v6)
    attend(session(a, at(2025, 4, 1, 0, 0), "intercultural"), attended=[v8, v9])
    attend(session(a, at(2025, 4, 1, 0, 0), "introduction"), attended=v6)
    attend(session(b, at(2025, 2, 1, 10), "introduction"), attended=vb)
    return Data(a, b)


def total(key: str, scope: Scope) -> int:
    return figures.compute(key, scope).total


def rows(key: str, scope: Scope) -> dict[str, int]:
    return {row.key: row.value for row in figures.compute(key, scope).rows}


def labels(key: str, scope: Scope) -> dict[str, str]:
    return {row.key: row.label for row in figures.compute(key, scope).rows}


def test_requests_count_what_arrived_in_the_period_at_midnight_in_berlin(data: Data) -> None:
    assert total("sponsorship_requests", data.scope()) == 3
    assert total("sponsorship_requests", data.scope(data.a, data.b)) == 4
    assert total("sponsorship_requests", data.scope(data.b)) == 1


def test_requests_by_kind_and_by_way_in(data: Data) -> None:
    scope = data.scope()
    assert rows("sponsorship_requests_by_kind", scope) == {"family": 1, "single": 1, "student": 1}
    assert labels("sponsorship_requests_by_kind", scope)["family"] == "A family"
    assert rows("sponsorship_requests_by_source", scope) == {"counselor": 1, "portal": 2}
    assert total("sponsorship_requests_by_source", scope) == 3
    assert rows("sponsorship_requests_by_kind", data.scope(data.a, data.b))["family"] == 2


def test_new_active_and_ended_tandems(data: Data) -> None:
    scope = data.scope()
    assert total("tandems_new", scope) == 2
    assert total("tandems_active", scope) == 4
    assert total("tandems_ended", scope) == 2
    both = data.scope(data.a, data.b)
    assert (total("tandems_new", both), total("tandems_active", both)) == (3, 5)
    assert total("tandems_ended", both) == 3


def test_ended_tandems_by_reason_count_a_missing_reason_as_not_given(data: Data) -> None:
    scope = data.scope()
    assert rows("tandems_ended_by_reason", scope) == {"goal_reached": 1, "unknown": 1}
    assert labels("tandems_ended_by_reason", scope)["unknown"] == "Not given"
    assert rows("tandems_ended_by_reason", data.scope(data.b)) == {"moved": 1}


def test_new_volunteers_are_applications_received_in_the_period(data: Data) -> None:
    assert total("volunteers_new", data.scope()) == 2  # v1 at midnight, v7 at 23:30
    assert total("volunteers_new", data.scope(data.a, data.b)) == 3


def test_active_volunteers_by_status_pause_or_tandem(data: Data) -> None:
    # v1 active since February; v3 paused in March; v6 ended but accompanied a tandem ending on
    # 1 January; v8 active for long. Not: v2 (active only from 1 April, tandem from 1 April), v4
    # (paused before), v5 (ended, no tandem), v7 (applied), v9 (tandem ended the day before).
    assert total("volunteers_active", data.scope()) == 4
    assert total("volunteers_active", data.scope(data.a, data.b)) == 5


def test_volunteers_trained_attended_a_seminar_that_took_place_in_the_period(data: Data) -> None:
    # Introduction on 1 January: v1 v2 v3; child protection on 31 March: v1 v2 v6 v8. The
    # cancelled seminar, the reflection meeting and 1 April's seminars do not count.
    assert total("volunteers_trained", data.scope()) == 5
    assert total("volunteers_trained", data.scope(data.a, data.b)) == 6


def test_volunteers_qualified_on_their_last_required_seminar(data: Data) -> None:
    # v1 (families): introduction and child protection both in Q1 -> on 31 March.
    # v2 (no children): introduction on 1 January at midnight.
    # v8 (offers help with children): introduction in December, child protection on 31 March.
    # Not: v3 (families, child protection missing), v4 (December), v5 (cancelled seminar),
    # v6 (families: child protection in March, introduction only on 1 April), v7 (registered).
    assert total("volunteers_qualified", data.scope()) == 3
    assert total("volunteers_qualified", data.scope(data.a, data.b)) == 4
    april = data.scope(period=(dt.date(2025, 4, 1), dt.date(2025, 5, 1)))
    assert total("volunteers_qualified", april) == 1  # v6, on 1 April at midnight


def test_training_attendances_by_kind_count_places_attended(data: Data) -> None:
    scope = data.scope()
    assert rows("training_attendances_by_kind", scope) == {
        "introduction": 3,
        "child_protection": 4,
        "reflection": 2,
    }
    assert total("training_attendances_by_kind", scope) == 9
    assert labels("training_attendances_by_kind", scope)["reflection"] == "Reflection meeting"
    assert rows("training_attendances_by_kind", data.scope(data.b)) == {"introduction": 1}


def test_the_target_group_filter_does_not_apply_and_the_definitions_say_so(data: Data) -> None:
    refugees = data.scope(target_group=TargetGroup.objects.get(slug="refugee").pk)
    for key in SPONSORSHIP:
        filtered, unfiltered = figures.compute(key, refugees), figures.compute(key, data.scope())
        assert (filtered.total, filtered.rows) == (unfiltered.total, unfiltered.rows), key
        figure = figures.get(key)
        assert "The target group filter does not apply" in str(figure.definition)
        assert str(figure.section) == "Welcome sponsors"
        assert 400 <= figure.order < 500


def test_a_period_not_yet_begun_has_no_active_tandems_or_volunteers(data: Data) -> None:
    today = timezone.localdate()
    ahead = data.scope(period=(today + dt.timedelta(days=1), today + dt.timedelta(days=30)))
    assert total("tandems_active", ahead) == 0
    assert total("volunteers_active", ahead) == 0
    # The period that holds today counts the running tandem and the active volunteers.
    current = data.scope(period=(today, today + dt.timedelta(days=1)))
    assert total("tandems_active", current) == 3  # v8's, v1's and v2's tandems run on
    assert total("volunteers_active", current) == 3  # v1, v2, v8


def test_over_time_splits_the_quarter_into_months(data: Data) -> None:
    months = figures.over_time("tandems_new", data.scope(), "month")
    assert [(part.start.month, value) for part, value in months] == [(1, 1), (2, 0), (3, 1)]
    months = figures.over_time("tandems_active", data.scope(), "month")
    assert [value for _part, value in months] == [3, 2, 3]


def test_figures_read_every_office_of_the_report_while_a_request_scope_is_active(
    data: Data,
) -> None:
    # Views run inside the office scope the middleware opens; a report spans several offices.
    scope = data.scope(data.a, data.b)
    expected = {key: figures.compute(key, scope).total for key in SPONSORSHIP}
    with django_scopes.scopes_disabled(), django_scopes.scope(office=data.a):
        assert {key: figures.compute(key, scope).total for key in SPONSORSHIP} == expected


SPONSORSHIP = (
    "sponsorship_requests",
    "sponsorship_requests_by_kind",
    "sponsorship_requests_by_source",
    "tandems_new",
    "tandems_active",
    "tandems_ended",
    "tandems_ended_by_reason",
    "volunteers_new",
    "volunteers_active",
    "volunteers_trained",
    "volunteers_qualified",
    "training_attendances_by_kind",
)


def test_each_figure_is_one_aggregate_query(data: Data, django_assert_num_queries: Any) -> None:
    scope = data.scope(data.a, data.b)
    for key in SPONSORSHIP:
        with django_assert_num_queries(1):
            figures.compute(key, scope)
