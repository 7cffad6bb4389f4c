"""The statistics dashboard: who may see it, which offices, and that it shows the figures'
numbers, each computed once."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.core.models import Office, Role, User
from lotse.reports import figures
from lotse.reports.figures import BREAKDOWN, COUNT, Figure, Result
from lotse.reports.scope import Scope
from lotse.reports.selectors import Change, dashboard_for
from tests.conftest import login, member
from tests.core.factories import MembershipFactory
from tests.reports.conftest import CounselingData, berlin, consult

pytestmark = pytest.mark.django_db

URL = reverse("reports:dashboard")
#: 15 March 2026 in Berlin: the default period is March 2025 to February 2026.
NOW = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)


# --- a registry of our own -------------------------------------------------------------------


@contextmanager
def only_figures() -> Iterator[Counter[tuple[str, Scope]]]:
    """Replace the registry by the fake figures below for the block; count their computations.

    figures.py has no `unregister`: the registry dict is swapped and restored here.
    """
    saved = dict(figures._FIGURES)
    calls: Counter[tuple[str, Scope]] = Counter()
    figures._FIGURES.clear()
    try:
        _register_fakes(calls)
        yield calls
    finally:
        figures._FIGURES.clear()
        figures._FIGURES.update(saved)


def days(scope: Scope) -> int:
    return (scope.end - scope.start).days


def _register_fakes(calls: Counter[tuple[str, Scope]]) -> None:
    def counted(key: str) -> Any:
        def decorate(func: Any) -> Any:
            def wrapped(figure: Figure, scope: Scope) -> Result:
                calls[(key, scope)] += 1
                return func(figure, scope)

            return wrapped

        return decorate

    @figures.register("people_counselled", label="People counselled", section="Counseling",
                      kind=COUNT, definition="Distinct people.", order=1)  # fmt: skip
    @counted("people_counselled")
    def people(figure: Figure, scope: Scope) -> Result:
        # Grows with the period's length and the number of offices: every scope differs.
        return figures.count_result(figure, scope, 1000 + days(scope) * 3 * len(scope.offices))

    @figures.register("consultations", label="Consultations", section="Counseling", kind=COUNT,
                      definition="Consultations.", order=2)  # fmt: skip
    @counted("consultations")
    def consultations(figure: Figure, scope: Scope) -> Result:
        return figures.count_result(figure, scope, days(scope) * 10 * len(scope.offices))

    @figures.register("anonymous_contacts", label="Anonymous contacts", section="Counseling",
                      kind=COUNT, definition="Without a record.", order=3)  # fmt: skip
    @counted("anonymous_contacts")
    def anonymous(figure: Figure, scope: Scope) -> Result:
        return figures.count_result(figure, scope, 7)

    @figures.register("countries", label="Countries of origin", section="Counseling",
                      kind=BREAKDOWN, definition="By country.", order=4)  # fmt: skip
    @counted("countries")
    def countries(figure: Figure, scope: Scope) -> Result:
        pairs = [(f"C{n:02d}", 200 - n * 10) for n in range(14)]
        return figures.breakdown_result(figure, scope, pairs, {"C00": "Syria", "C01": "Poland"})

    @figures.register("eu_share", label="From the EU", section="Counseling", kind=BREAKDOWN,
                      definition="By freedom of movement.", order=5)  # fmt: skip
    @counted("eu_share")
    def eu_share(figure: Figure, scope: Scope) -> Result:
        eu = 49 if scope.start.year >= 2025 else 40
        pairs = [("eu-eea-ch", eu), ("third", 100 - eu)]
        return figures.breakdown_result(figure, scope, pairs, {"eu-eea-ch": "EU", "third": "Third"})

    @figures.register("events", label="Events held", section="Events", kind=COUNT,
                      definition="Events.", order=600)  # fmt: skip
    @counted("events")
    def events(figure: Figure, scope: Scope) -> Result:
        return figures.count_result(figure, scope, 0)


@pytest.fixture
def fakes() -> Iterator[Counter[tuple[str, Scope]]]:
    with only_figures() as calls:
        yield calls


@pytest.fixture(autouse=True)
def _march_2026() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "viewer-a")


def get(client: Client, user: User, query: str = "", **headers: str) -> Any:
    return login(client, user).get(f"{URL}?{query}" if query else URL, **headers)


def figure_text(html: str, key: str) -> str:
    match = re.search(rf'data-figure="{key}">([^<]*)<', html)
    assert match, f"no card for {key}"
    return match.group(1)


def parse_svg(html: str, marker: str = "") -> ET.Element:
    """The first SVG in the page (with `marker` in its opening tag), parsed as XML."""
    match = re.search(rf"<svg[^>]*{re.escape(marker)}.*?</svg>", html, re.S)
    assert match, "no chart"
    return ET.fromstring(match.group(0))  # noqa: S314 - our own output, the point of the test


# --- access ----------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, fakes: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", [Role.STATISTICS_VIEWER, Role.OFFICE_ADMIN])
def test_statistics_viewers_and_office_admins_see_the_dashboard(
    client: Client, office_a: Office, role: str, fakes: Any
) -> None:
    response = get(client, member(office_a, role, "reader"))
    assert response.status_code == 200
    assert "Key figures" in response.content.decode()


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.SPONSOR_COORDINATOR, Role.EVENT_MANAGER])
def test_other_roles_are_refused(client: Client, office_a: Office, role: str, fakes: Any) -> None:
    assert get(client, member(office_a, role, "worker")).status_code == 403


def test_only_get_is_answered(client: Client, viewer: User, fakes: Any) -> None:
    assert login(client, viewer).post(URL).status_code == 405


def test_a_viewer_of_two_offices_sees_both_together_by_default(
    client: Client, office_a: Office, office_b: Office, viewer: User, fakes: Any
) -> None:
    MembershipFactory(user=viewer, office=office_b, role=Role.STATISTICS_VIEWER)
    response = get(client, viewer)
    board = response.context["board"]
    assert set(board.scope.offices) == {office_a.pk, office_b.pk}
    html = response.content.decode()
    assert "all 2 offices" in html and office_a.name in html and office_b.name in html
    # Two offices over the twelve months: the fake figure says so.
    scope = board.scope
    assert figure_text(html, "consultations") == f"{days(scope) * 10 * 2:,}"


def test_the_offices_on_offer_are_only_the_users_own(
    client: Client, office_a: Office, office_b: Office, viewer: User, fakes: Any
) -> None:
    html = get(client, viewer).content.decode()
    assert office_b.name not in html
    offered = re.findall(r'name="offices" value="(\d+)"', html)
    assert offered == [str(office_a.pk)]


def test_a_crafted_office_of_another_center_is_refused(
    client: Client, office_a: Office, office_b: Office, viewer: User, fakes: Any
) -> None:
    response = get(client, viewer, f"offices={office_a.pk}&offices={office_b.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not one of the offices whose statistics you may read" in html
    assert response.context["board"].scope.offices == (office_a.pk,)
    assert all(office_b.pk not in scope.offices for _key, scope in fakes)


def test_an_office_where_the_user_has_another_role_is_refused_too(
    client: Client, office_a: Office, office_b: Office, viewer: User, fakes: Any
) -> None:
    MembershipFactory(user=viewer, office=office_b, role=Role.COUNSELOR)
    response = get(client, viewer, f"offices={office_b.pk}")
    assert response.context["board"].scope.offices == (office_a.pk,)
    assert "is not one of the offices" in response.content.decode()


def test_the_selector_refuses_a_scope_with_an_office_not_the_users(
    office_a: Office, office_b: Office, viewer: User, fakes: Any
) -> None:
    scope = Scope(
        offices=(office_a.pk, office_b.pk), start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        dashboard_for(user=viewer, scope=scope, granularity="month")
    assert not fakes


# --- what it shows ---------------------------------------------------------------------------


def test_the_cards_show_the_figures_numbers_and_their_change(
    client: Client, office_a: Office, viewer: User, fakes: Any
) -> None:
    response = get(client, viewer, f"period=last-year&offices={office_a.pk}")
    html = response.content.decode()
    scope = Scope(offices=(office_a.pk,), start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1))
    assert response.context["board"].scope == scope
    for key in ("people_counselled", "consultations"):
        assert figure_text(html, key) == f"{figures.compute(key, scope).total:,}"
    # 365 days against 366 (2024): fewer consultations, down by 0 %; people likewise.
    assert figure_text(html, "eu_share") == "49.0\u00a0%"
    assert "+9.0 percentage points on the previous period" in html
    assert "Share from the EU, the EEA and Switzerland" in html
    assert "Jan. 1, 2025 – Dec. 31, 2025" in html and "Jan. 1, 2024 – Dec. 31, 2024" in html


def test_counts_not_among_the_cards_show_in_their_section(
    client: Client, viewer: User, fakes: Any
) -> None:
    html = get(client, viewer).content.decode()
    assert figure_text(html, "anonymous_contacts") == "7"
    assert figure_text(html, "events") == "0"
    assert html.index('id="section-counseling"') < html.index('id="section-events"')


def test_a_breakdown_has_a_chart_and_a_table_with_the_same_numbers(
    client: Client, viewer: User, fakes: Any
) -> None:
    html = get(client, viewer).content.decode()
    block = html[html.index('id="figure-countries"') :]
    block = block[: block.index('id="figure-eu_share"')]
    svg = parse_svg(block)
    svg_texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    # The ten largest, then the other four summed (50 + 40 + 30 + 20 = 140).
    assert svg_texts[:2] == ["Syria", "200 (10.6\u00a0%)"]
    assert "All 4 others" in svg_texts and "140 (7.4\u00a0%)" in svg_texts
    assert '<th scope="row" class="fw-normal">Syria</th><td>200</td><td>10.6\u00a0%</td>' in block
    assert "All 14 categories" in block  # the full table, folded
    assert '<th scope="row" class="fw-normal">C13</th><td>70</td>' in block
    assert "<caption>Countries of origin</caption>" in block


def test_the_trend_has_one_column_per_month_and_a_table(
    client: Client, office_a: Office, viewer: User, fakes: Any
) -> None:
    response = get(client, viewer, f"period=last-year&offices={office_a.pk}&granularity=quarter")
    trends = response.context["board"].trends
    assert [trend.figure.key for trend in trends] == ["people_counselled", "consultations"]
    consultations = trends[1]
    assert [value for _part, value in consultations.points] == [900, 910, 920, 920]
    html = response.content.decode()
    assert '<th scope="row" class="fw-normal">Q1 2025</th><td>900</td>' in html
    svg = parse_svg(html, 'id="trend-consultations"')
    assert svg.get("role") == "img"


def test_missing_figures_are_skipped(client: Client, viewer: User) -> None:
    with only_figures():
        del figures._FIGURES["people_counselled"]
        del figures._FIGURES["eu_share"]
        response = get(client, viewer)
    assert response.status_code == 200
    board = response.context["board"]
    assert [card.figure.key for card in board.cards] == ["consultations", "countries", "events"]
    assert [trend.figure.key for trend in board.trends] == ["consultations"]


def test_an_empty_registry_says_so(client: Client, viewer: User) -> None:
    with only_figures():
        figures._FIGURES.clear()
        response = get(client, viewer)
    assert response.status_code == 200
    assert "No figures are available yet." in response.content.decode()


def test_each_figure_is_computed_once_per_scope(
    client: Client, office_a: Office, viewer: User, fakes: Counter[tuple[str, Scope]]
) -> None:
    # One month shown by month: the trend's only column is the period itself.
    response = get(client, viewer, f"period=month&month=2026-02&offices={office_a.pk}")
    board = response.context["board"]
    assert fakes and max(fakes.values()) == 1
    assert fakes[("consultations", board.scope)] == 1
    assert fakes[("consultations", board.previous)] == 1
    assert board.computed == len(fakes)


def test_bad_input_shows_messages_and_the_defaults(
    client: Client, viewer: User, fakes: Any
) -> None:
    response = get(client, viewer, "period=custom&date_from=2026-02-30&granularity=week")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date." in html and "Select a valid choice" in html
    assert 'aria-invalid="true"' in html
    scope = response.context["board"].scope
    assert (scope.start, scope.end) == (dt.date(2025, 3, 1), dt.date(2026, 3, 1))


def test_downloads_carry_the_same_filters_and_public_versions_add_public(
    client: Client, office_a: Office, viewer: User, fakes: Any
) -> None:
    response = get(client, viewer, f"period=last-year&offices={office_a.pk}")
    html = response.content.decode()
    query = response.context["query"]
    assert query == f"period=last-year&offices={office_a.pk}&granularity=month"
    escaped = query.replace("&", "&amp;")
    for name in ("report-pdf", "report-xlsx", "report-csv"):
        assert f'href="{reverse("reports:" + name)}?{escaped}"' in html
        assert f'href="{reverse("reports:" + name)}?{escaped}&amp;public=1"' in html


def test_funder_templates_are_offered_to_office_admins_only(
    client: Client, office_a: Office, viewer: User, fakes: Any
) -> None:
    link = reverse("reports:template-list")
    assert link not in get(client, viewer).content.decode()
    admin = member(office_a, Role.OFFICE_ADMIN, "admin")
    assert link in get(Client(HTTP_ACCEPT_LANGUAGE="en"), admin).content.decode()


def test_the_page_speaks_german(client: Client, viewer: User, fakes: Any) -> None:
    response = get(client, viewer, "period=last-year", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()
    assert figure_text(response.content.decode(), "consultations") == "3.650"


# --- the change in words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "direction", "text"),
    [
        (Change(120, 100), "up", "+20 % on the previous period"),
        (Change(88, 100), "down", "−12 % on the previous period"),
        (Change(100, 100), "same", "unchanged on the previous period"),
        (Change(5, 0), "up", "0 in the previous period"),
        (Change(0.49, 0.4, points=True), "up", "+9.0 percentage points on the previous period"),
        (Change(1001, 1000), "up", "+0.1 % on the previous period"),
        (Change(1000, 1001), "down", "−0.1 % on the previous period"),
        (Change(1025, 1000), "up", "+2.5 % on the previous period"),
    ],
)
def test_the_change_is_said_in_words_with_an_arrow(
    change: Change, direction: str, text: str
) -> None:
    assert change.direction == direction
    assert change.text == text
    assert change.arrow in "▲▼▶"


# --- with the real figures -------------------------------------------------------------------


def test_the_dashboard_shows_the_real_figures_numbers(
    client: Client, counseling_data: CounselingData, office_a: Office, viewer: User
) -> None:
    query = f"period=custom&date_from=2025-01-01&date_to=2025-02-28&offices={office_a.pk}"
    response = get(client, viewer, query)
    assert response.status_code == 200
    html = response.content.decode()
    scope = counseling_data.scope()
    assert response.context["board"].scope == scope
    for key in ("people_counselled", "new_people", "consultations", "countries_count"):
        assert figure_text(html, key) == f"{figures.compute(key, scope).total:,}"
    for row in figures.compute("channels", scope).rows:
        assert f'<th scope="row" class="fw-normal">{row.label}</th><td>{row.value}</td>' in html
    # Numbers only: nothing of the people behind them.
    for person in counseling_data.people.values():
        assert person.full_name not in html and person.email not in html
        assert person.client_number not in html


def test_the_number_of_queries_does_not_grow_with_the_data(
    client: Client, counseling_data: CounselingData, office_a: Office, viewer: User
) -> None:
    query = f"period=custom&date_from=2025-01-01&date_to=2025-02-28&offices={office_a.pk}"
    login(client, viewer).get(URL)  # the first request after logging in writes the session
    for day in range(1, 4):
        consult(office_a, None, berlin(2025, 2, day, 12), country="PL", topics=["housing"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{URL}?{query}").status_code == 200
    for day in range(4, 28):
        consult(office_a, None, berlin(2025, 2, day, 12), country="PL", topics=["housing"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{URL}?{query}").status_code == 200
    assert len(many) == len(few)
