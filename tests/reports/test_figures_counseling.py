"""Every counseling figure on a hand-made data set with known answers (see conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotse.reports import figures
from lotse.reports.figures import BREAKDOWN, COUNT, Result
from lotse.reports.scope import Scope
from tests.reports.conftest import FEB, JAN, MAR, CounselingData, berlin, consult

pytestmark = pytest.mark.django_db

COUNSELING = [
    "people_counselled",
    "new_people",
    "consultations",
    "anonymous_contacts",
    "countries",
    "countries_count",
    "eu_share",
    "refugees",
    "target_groups",
    "whereabouts",
    "topics",
    "channels",
    "languages",
    "referrals_by_organisation",
    "referrals_by_status",
    "referrals_confirmed",
    "outcomes",
]


def total(key: str, scope: Scope) -> int:
    return figures.compute(key, scope).total


def rows(key: str, scope: Scope) -> dict[str, int]:
    return {row.key: row.value for row in figures.compute(key, scope).rows}


def labels(result: Result) -> dict[str, str]:
    return {row.key: row.label for row in result.rows}


def test_every_counseling_figure_is_registered_in_its_section() -> None:
    registered = {f.key: f for f in figures.all_figures() if str(f.section) == "Counseling"}
    assert set(registered) == set(COUNSELING)
    for figure in registered.values():
        assert 100 <= figure.order < 400
        assert str(figure.label) and str(figure.definition)
    kinds = {key: registered[key].kind for key in COUNSELING}
    assert kinds["people_counselled"] == kinds["referrals_confirmed"] == COUNT
    assert kinds["countries"] == kinds["outcomes"] == BREAKDOWN


# --- The answers for office A, January and February 2025 ------------------------------------------


def test_people_counselled_are_distinct_people_plus_anonymous_contacts(
    counseling_data: CounselingData,
) -> None:
    # Amira, Bogdan, Chen, Dmytro, Elena, Farid and two anonymous contacts.
    assert total("people_counselled", counseling_data.scope()) == 8


def test_new_people_had_no_consultation_before_the_period(counseling_data: CounselingData) -> None:
    # Elena came in December already.
    assert total("new_people", counseling_data.scope()) == 7
    assert total("new_people", counseling_data.scope(dt.date(2024, 12, 1), MAR)) == 8


def test_consultations_and_anonymous_contacts(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    # Elena's December and Farid's March consultations lie outside.
    assert total("consultations", scope) == 10
    assert total("anonymous_contacts", scope) == 2


def test_countries_count_people_with_a_known_country(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    result = figures.compute("countries", scope)
    assert rows("countries", scope) == {"SY": 2, "RO": 1, "IN": 1, "UA": 1, "IT": 1, "CH": 1}
    assert result.total == 7  # Farid's country is not recorded
    assert result.rows[0].key == "SY" and result.share(result.rows[0]) == pytest.approx(2 / 7)
    assert labels(result)["SY"] == "Syria"
    assert total("countries_count", scope) == 6


def test_country_names_follow_the_active_language(counseling_data: CounselingData) -> None:
    with translation.override("de"):
        result = figures.compute("countries", counseling_data.scope())
    assert labels(result)["SY"] == "Syrien"


def test_eu_share_folds_eu_eea_and_switzerland(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    # RO, IT and CH (the anonymous contact) vs SY twice, IN and UA; Farid unknown.
    assert rows("eu_share", scope) == {"eu-eea-ch": 3, "third": 4, "unknown": 1}
    assert total("eu_share", scope) == 8


def test_refugees_by_target_group_or_protection_status(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    # Amira (refugee, protection), Dmytro (temporary protection while still a "skilled worker"),
    # the second anonymous contact (refugee).
    assert rows("refugees", scope) == {"refugee": 3, "other": 5}
    assert total("refugees", scope) == 8


def test_target_groups_as_recorded_at_the_first_consultation_of_the_period(
    counseling_data: CounselingData,
) -> None:
    # Dmytro counts as a skilled worker (31 January), not as the refugee he is recorded as
    # from 10 February.
    assert rows("target_groups", counseling_data.scope()) == {
        "refugee": 2,
        "eu-citizen": 1,
        "skilled-worker": 3,
        "unknown": 2,
    }
    # In February alone, his first consultation recorded him as a refugee.
    assert rows("target_groups", counseling_data.scope(FEB, MAR)) == {
        "refugee": 3,
        "skilled-worker": 1,
        "unknown": 1,
    }


def test_whereabouts(counseling_data: CounselingData) -> None:
    assert rows("whereabouts", counseling_data.scope()) == {"region": 6, "germany": 1, "abroad": 1}
    assert rows("whereabouts", counseling_data.scope(FEB, MAR)) == {"region": 5}


def test_topics_count_a_consultation_under_each_of_its_topics(
    counseling_data: CounselingData,
) -> None:
    scope = counseling_data.scope()
    result = figures.compute("topics", scope)
    assert rows("topics", scope) == {
        "work": 2,  # Bogdan, Dmytro
        "work-job-search": 1,
        "residence-title": 1,
        "language-integration-course": 1,
        "language": 1,
        "recognition-professional": 1,  # Chen's one consultation counts under both
        "recognition-academic": 1,
        "recognition-regulated": 1,
        "asylum-temporary-protection": 1,
        "asylum-procedure": 1,
        "health-insurance": 1,
        "housing": 1,
    }
    assert result.total == 10  # the consultations; the rows add up to more
    assert labels(result)["work"] == "Work and job search"
    assert labels(result)["recognition-academic"] == (
        "Recognition of qualifications: Recognition of university degrees"
    )


def test_channels_and_languages(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    assert rows("channels", scope) == {
        "in_person": 4,
        "phone": 3,
        "email": 1,
        "video": 1,
        "chat": 1,
    }
    assert rows("languages", scope) == {
        "de": 4,
        "ar": 2,
        "ro": 1,
        "en": 1,
        "uk": 1,
        "unknown": 1,
    }
    result = figures.compute("languages", scope)
    assert labels(result)["ar"] == "Arabic" and labels(result)["unknown"] == "Not recorded"
    assert result.total == 10


def test_referrals_by_organisation_status_and_confirmation(
    counseling_data: CounselingData,
) -> None:
    scope = counseling_data.scope()
    orgs = counseling_data.organisations
    immigration, iq = str(orgs["immigration"].pk), str(orgs["iq"].pk)
    # Bogdan's December referral and Goran's (office B) are not counted.
    assert rows("referrals_by_organisation", scope) == {immigration: 2, iq: 2}
    result = figures.compute("referrals_by_organisation", scope)
    assert labels(result)[immigration] == "Immigration office"
    # Chen's referral arrived on 5 March: at the end of February it was handed over.
    assert rows("referrals_by_status", scope) == {
        "completed": 1,
        "handed_over": 1,
        "suggested": 1,
        "not_taken_up": 1,
    }
    assert total("referrals_confirmed", scope) == 1
    # A period ending later sees the partner's answer.
    later = counseling_data.scope(JAN, dt.date(2025, 4, 1))
    assert rows("referrals_by_status", later)["arrived"] == 1
    assert total("referrals_confirmed", later) == 2


def test_outcomes_are_milestones_reached_in_the_period(counseling_data: CounselingData) -> None:
    # Elena's job (1 March) and Bogdan's first job (31 December) lie outside; Goran is in B.
    assert rows("outcomes", counseling_data.scope()) == {
        "residence_title_obtained": 1,
        "recognition_granted": 1,
        "language_course_started": 1,
        "job_started": 1,
    }
    result = figures.compute("outcomes", counseling_data.scope())
    assert labels(result)["recognition_granted"] == "Recognition granted"


# --- Filters ------------------------------------------------------------------------------------


def test_office_filter(counseling_data: CounselingData) -> None:
    data = counseling_data
    only_b = data.scope(JAN, MAR, data.office_b)
    assert total("people_counselled", only_b) == 1
    assert total("consultations", only_b) == 1
    assert rows("countries", only_b) == {"HR": 1}
    assert rows("outcomes", only_b) == {"apprenticeship_started": 1}
    assert rows("referrals_by_organisation", only_b) == {str(data.organisations["iq"].pk): 1}
    both = data.scope(JAN, MAR, data.office_a, data.office_b)
    assert total("people_counselled", both) == 9
    assert total("consultations", both) == 11
    assert rows("eu_share", both) == {"eu-eea-ch": 4, "third": 4, "unknown": 1}
    assert total("referrals_by_status", both) == 5


def test_target_group_filter_uses_the_snapshot(counseling_data: CounselingData) -> None:
    refugees = counseling_data.scope(group="refugee")
    # People whose first consultation in the period recorded them as refugees: Amira and the
    # anonymous contact; Dmytro was a skilled worker on 31 January.
    assert total("people_counselled", refugees) == 2
    assert total("new_people", refugees) == 2
    assert rows("countries", refugees) == {"SY": 2}
    # Consultations recording a refugee: Amira's two, Dmytro's second, the anonymous one.
    assert total("consultations", refugees) == 4
    assert total("anonymous_contacts", refugees) == 1
    assert rows("topics", refugees) == {
        "residence-title": 1,
        "work-job-search": 1,
        "language-integration-course": 1,
        "language": 1,
        "asylum-procedure": 1,
    }
    assert rows("outcomes", refugees) == {
        "residence_title_obtained": 1,
        "language_course_started": 1,
    }
    assert total("referrals_by_status", refugees) == 2  # Amira's and Dmytro's
    february = counseling_data.scope(FEB, MAR, group="refugee")
    assert total("people_counselled", february) == 3
    assert total("new_people", february) == 1  # the anonymous contact


def test_period_boundaries_are_midnight_in_berlin(counseling_data: CounselingData) -> None:
    january = counseling_data.scope(JAN, FEB)
    february = counseling_data.scope(FEB, MAR)
    # Dmytro at 23:30 on 31 January is January; Elena at 00:00 on 1 February is February;
    # Farid at 23:59 on 28 February is February, at 00:00 on 1 March is not.
    assert total("consultations", january) == 5
    assert total("consultations", february) == 5
    assert total("people_counselled", january) == 5
    assert total("people_counselled", february) == 5
    assert total("new_people", january) == 5
    assert total("new_people", february) == 2  # Farid and the second anonymous contact
    march = counseling_data.scope(MAR, dt.date(2025, 4, 1))
    assert total("consultations", march) == 1
    assert total("new_people", march) == 0
    # Dates: a milestone on 1 February is February's; on 31 January, January's.
    assert rows("outcomes", january) == {"recognition_granted": 1, "job_started": 1}
    assert rows("outcomes", february) == {
        "residence_title_obtained": 1,
        "language_course_started": 1,
    }


def test_over_time_and_change(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    monthly = figures.over_time("new_people", scope, "month")
    assert [(part.start, value) for part, value in monthly] == [(JAN, 5), (FEB, 2)]
    quarterly = figures.over_time("consultations", scope, "quarter")
    assert [(part.start, part.end, value) for part, value in quarterly] == [(JAN, MAR, 10)]
    assert figures.change("new_people", counseling_data.scope(FEB, MAR)) == (2, 5, -0.6)
    # December had Elena's consultation only.
    assert figures.change("people_counselled", counseling_data.scope(JAN, FEB)) == (5, 1, 4.0)
    empty_before = counseling_data.scope(dt.date(2024, 11, 1), dt.date(2024, 12, 1))
    assert figures.change("consultations", empty_before) == (0, 0, None)


def test_an_empty_scope_gives_zeros(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope(dt.date(2023, 1, 1), dt.date(2024, 1, 1))
    for result in figures.report(scope, COUNSELING):
        assert result.total == 0 and result.rows == ()


def test_a_report_shares_its_queries(counseling_data: CounselingData) -> None:
    scope = counseling_data.scope()
    with CaptureQueriesContext(connection) as alone:
        for key in COUNSELING:
            figures.compute(key, scope)
    with CaptureQueriesContext(connection) as shared:
        results = figures.report(scope, COUNSELING)
    # The people and consultation groups run once in a report, not once per figure.
    assert len(shared.captured_queries) < len(alone.captured_queries)
    assert len(shared.captured_queries) <= 15
    assert [r.total for r in results] == [figures.compute(k, scope).total for k in COUNSELING]
    # Outside a report nothing is kept: a new consultation counts at once.
    consult(counseling_data.office_a, None, berlin(2025, 1, 2, 9), country="SY")
    assert total("people_counselled", scope) == 9
