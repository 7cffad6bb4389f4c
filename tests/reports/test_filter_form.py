"""The report filter: presets give the right Scope, bad input falls back with a message, and
only the offices a user may report on can be chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.http import QueryDict
from django.utils import translation

from lotse.core.models import Office, Role, TargetGroup, User
from lotse.reports.forms import ReportFilterForm
from lotse.reports.scope import Scope
from tests.conftest import member

D = dt.date
#: 15 March 2026, 11:00 in Berlin.
NOW = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _march_2026() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def viewer(office_a: Office, office_b: Office) -> User:
    """A statistics viewer of both offices."""
    user = member(office_a, Role.STATISTICS_VIEWER, "viewer")
    from tests.core.factories import MembershipFactory

    MembershipFactory(user=user, office=office_b, role=Role.STATISTICS_VIEWER)
    return user


def form_for(user: User, data: dict[str, Any] | str | None = None) -> ReportFilterForm:
    if isinstance(data, str):
        data = QueryDict(data)
    elif isinstance(data, dict):
        query = QueryDict(mutable=True)
        for key, value in data.items():
            query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
        data = query
    return ReportFilterForm(data, user=user, office=None)


def period_of(user: User, **data: Any) -> tuple[dt.date, dt.date]:
    offices = [office.pk for office in Office.objects.all()]
    form = form_for(user, {"offices": offices, **data})
    assert form.is_valid(), form.errors
    scope = form.scope()
    return scope.start, scope.end


# --- presets ---------------------------------------------------------------------------------


def test_a_first_visit_shows_the_last_twelve_full_months_of_all_offices(
    viewer: User, office_a: Office, office_b: Office
) -> None:
    form = form_for(viewer)
    assert form.is_valid() and not form.errors
    assert form.scope() == Scope(
        offices=tuple(sorted((office_a.pk, office_b.pk))), start=D(2025, 3, 1), end=D(2026, 3, 1)
    )
    assert form.granularity() == "month"


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("this-year", D(2026, 1, 1), D(2026, 3, 16)),
        ("last-year", D(2025, 1, 1), D(2026, 1, 1)),
        ("last-12-months", D(2025, 3, 1), D(2026, 3, 1)),
        ("this-quarter", D(2026, 1, 1), D(2026, 3, 16)),
        ("last-quarter", D(2025, 10, 1), D(2026, 1, 1)),
    ],
)
def test_presets_give_their_period(viewer: User, period: str, start: dt.date, end: dt.date) -> None:
    assert period_of(viewer, period=period) == (start, end)


def test_running_periods_end_today_so_the_comparison_has_the_same_length(viewer: User) -> None:
    scope = form_for(viewer, {"period": "this-year"}).scope()
    previous = scope.previous()
    assert previous.end == scope.start
    assert previous.end - previous.start == scope.end - scope.start


def test_last_year_is_compared_with_the_year_before(viewer: User) -> None:
    previous = form_for(viewer, {"period": "last-year"}).scope().previous()
    assert (previous.start, previous.end) == (D(2024, 1, 1), D(2025, 1, 1))


def test_a_past_month_is_whole_and_the_running_month_ends_today(viewer: User) -> None:
    assert period_of(viewer, period="month", month="2026-02") == (D(2026, 2, 1), D(2026, 3, 1))
    assert period_of(viewer, period="month", month="2026-03") == (D(2026, 3, 1), D(2026, 3, 16))
    assert period_of(viewer, period="month", month="2025-12") == (D(2025, 12, 1), D(2026, 1, 1))


def test_a_period_of_ones_own_includes_its_last_day(viewer: User) -> None:
    assert period_of(viewer, period="custom", date_from="2025-05-01", date_to="2025-05-31") == (
        D(2025, 5, 1),
        D(2025, 6, 1),
    )


def test_the_year_turns_at_midnight_in_the_installations_time_zone(viewer: User) -> None:
    # 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Berlin.
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        assert period_of(viewer, period="this-year") == (D(2027, 1, 1), D(2027, 1, 2))
        assert period_of(viewer, period="last-year") == (D(2026, 1, 1), D(2027, 1, 1))


def test_a_target_group_narrows_the_scope(viewer: User, office_a: Office) -> None:
    refugees = TargetGroup.objects.get(slug="refugee")
    form = form_for(viewer, {"target_group": refugees.pk, "offices": [office_a.pk]})
    assert form.is_valid() and form.scope().target_group == refugees.pk
    assert form_for(viewer, {"period": "last-year"}).scope().target_group is None


@pytest.mark.parametrize("granularity", ["month", "quarter", "year"])
def test_the_chart_steps_are_taken_as_chosen(
    viewer: User, office_a: Office, granularity: str
) -> None:
    form = form_for(viewer, {"granularity": granularity, "offices": [office_a.pk]})
    assert form.is_valid() and form.granularity() == granularity


# --- offices ---------------------------------------------------------------------------------


def test_a_viewer_of_two_offices_may_choose_one(
    viewer: User, office_a: Office, office_b: Office
) -> None:
    form = form_for(viewer, {"offices": [office_b.pk]})
    assert form.is_valid()
    assert form.scope().offices == (office_b.pk,)
    assert [office.pk for office in form.offices_in_use()] == [office_b.pk]


def test_the_offices_offered_are_only_those_whose_statistics_the_user_may_read(
    office_a: Office, office_b: Office
) -> None:
    user = member(office_a, Role.STATISTICS_VIEWER, "mixed")
    from tests.core.factories import MembershipFactory

    MembershipFactory(user=user, office=office_b, role=Role.COUNSELOR)
    form = form_for(user)
    assert [value for value, _label in form.fields["offices"].choices] == [office_a.pk]
    assert form.scope().offices == (office_a.pk,)


def test_an_office_the_user_may_not_report_on_is_refused_never_included(
    office_a: Office, office_b: Office
) -> None:
    user = member(office_a, Role.STATISTICS_VIEWER, "only-a")
    form = form_for(user, {"offices": [office_a.pk, office_b.pk]})
    assert not form.is_valid()
    assert "not one of the offices whose statistics you may read" in str(form.errors["offices"])
    assert form.scope().offices == (office_a.pk,)
    assert f"offices={office_b.pk}" not in form.query_string()


def test_an_inactive_office_is_not_offered(
    viewer: User, office_a: Office, office_b: Office
) -> None:
    Office.objects.filter(pk=office_b.pk).update(is_active=False)
    form = form_for(viewer, {"offices": [office_b.pk]})
    assert not form.is_valid()
    assert form.scope().offices == (office_a.pk,)


def test_no_office_ticked_means_all_of_them(
    viewer: User, office_a: Office, office_b: Office
) -> None:
    form = form_for(viewer, {"period": "last-year"})
    assert form.is_valid()
    assert set(form.scope().offices) == {office_a.pk, office_b.pk}
    assert (form.scope().start, form.scope().end) == (D(2025, 1, 1), D(2026, 1, 1))
    assert set(form["offices"].value()) == {str(office_a.pk), str(office_b.pk)}  # shown ticked


def test_an_empty_office_list_asks_for_one_and_shows_all(
    viewer: User, office_a: Office, office_b: Office
) -> None:
    form = form_for(viewer, "period=last-year&offices=")
    assert form.errors["offices"] == ["Choose at least one office."]
    assert set(form.scope().offices) == {office_a.pk, office_b.pk}


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "fortnight"}, "period"),
        ({"period": "month"}, "month"),
        ({"period": "month", "month": "2019-01"}, "month"),
        ({"period": "month", "month": "March"}, "month"),
        ({"period": "custom"}, "date_from"),
        ({"period": "custom", "date_from": "2025-01-01"}, "date_to"),
        ({"period": "custom", "date_from": "2025-02-01", "date_to": "2025-01-01"}, "date_to"),
        ({"period": "custom", "date_from": "1999-12-31", "date_to": "2000-01-31"}, "date_from"),
        ({"period": "custom", "date_from": "2000-01-01", "date_to": "2025-01-01"}, "date_to"),
        ({"period": "custom", "date_from": "yesterday", "date_to": "2025-01-01"}, "date_from"),
        ({"target_group": "999999"}, "target_group"),
        ({"target_group": "refugee"}, "target_group"),
        ({"granularity": "week"}, "granularity"),
    ],
)
def test_bad_input_gets_a_message_on_its_field_and_the_default_is_used(
    viewer: User, office_a: Office, office_b: Office, data: dict[str, str], field: str
) -> None:
    form = form_for(viewer, {"offices": [office_a.pk, office_b.pk], **data})
    assert not form.is_valid()
    assert field in form.errors
    scope = form.scope()  # never raises
    if field in ("period", "month", "date_from", "date_to"):
        assert (scope.start, scope.end) == (D(2025, 3, 1), D(2026, 3, 1))
    assert scope.offices == tuple(sorted((office_a.pk, office_b.pk)))
    assert form.granularity() == "month"
    form_for(viewer, form.query_string()).scope()


def test_too_many_months_for_one_chart_ask_for_coarser_steps(viewer: User) -> None:
    form = form_for(
        viewer,
        {"period": "custom", "date_from": "2020-01-01", "date_to": "2024-12-31"},
    )
    assert "choose quarters or years" in str(form.errors["granularity"])
    assert (form.scope().start, form.scope().end) == (D(2020, 1, 1), D(2025, 1, 1))
    assert form.granularity() == "quarter"
    assert (
        form_for(
            viewer, {"period": "custom", "date_from": "2000-01-01", "date_to": "2019-12-31"}
        ).granularity()
        == "year"
    )


# --- carrying the filters --------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"period": "last-year", "granularity": "quarter"},
        {"period": "month", "month": "2025-11"},
        {"period": "custom", "date_from": "2024-06-01", "date_to": "2025-05-31"},
        {"period": "this-quarter", "target_group": "refugee-pk"},
    ],
)
def test_the_query_string_carries_the_same_filters(
    viewer: User, office_b: Office, data: dict[str, Any]
) -> None:
    if data.get("target_group") == "refugee-pk":
        data["target_group"] = TargetGroup.objects.get(slug="refugee").pk
    form = form_for(viewer, {**data, "offices": [office_b.pk]})
    assert form.is_valid(), form.errors
    again = form_for(viewer, form.query_string())
    assert again.is_valid(), again.errors
    assert again.scope() == form.scope()
    assert again.granularity() == form.granularity()


def test_the_query_string_takes_extras_and_uses_the_fallbacks(viewer: User) -> None:
    form = form_for(viewer, {"period": "custom"})
    query = QueryDict(form.query_string(public=1))
    assert query["public"] == "1"
    assert query["period"] == "last-12-months"
    again = form_for(viewer, query.urlencode())
    assert again.is_valid() and again.scope() == form.scope()


def test_the_period_is_described_in_words(viewer: User) -> None:
    assert form_for(viewer, {"period": "last-year"}).describe() == "Jan. 1, 2025 – Dec. 31, 2025"
    assert form_for(viewer, {"period": "month", "month": "2026-03"}).describe() == (
        "March 1, 2026 – March 15, 2026"
    )
    with translation.override("de"):
        assert form_for(viewer, {"period": "last-year"}).describe() == (
            "1. Januar 2025 – 31. Dezember 2025"
        )
