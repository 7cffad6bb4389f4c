"""Whatever a browser posts to the busiest forms, the answer is a page, never an error, and a
record is saved only when all of it is valid."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.counseling.models import Consultation, Person
from tests.conftest import login
from tests.counseling.factories import make_person

text = st.text(max_size=80)
maybe = st.one_of(st.none(), text)
dates = st.one_of(text, st.dates().map(str), st.just("2026-02-30"))
countries = st.one_of(text, st.sampled_from(["DE", "SY", "XK", "ZZ", "de", ""]))

person_posts = st.fixed_dictionaries(
    {
        "display_name": text,
        "email": maybe,
        "phone": maybe,
        "arrival_date": dates,
        "arrival_is_planned": st.sampled_from(["", "on"]),
        "country_of_origin": countries,
        "abroad_country": countries,
        "whereabouts": st.sampled_from(["region", "germany", "abroad", "moon", ""]),
        "time_zone": st.sampled_from(["", "Europe/Berlin", "Asia/Kolkata", "Mars/Base"]),
        "consent_form": st.sampled_from(["written", "verbal", "online", "", "psychic"]),
        "confirm_new": st.sampled_from(["", "1"]),
        "languages": st.lists(st.sampled_from(["de", "ar", "xx", ""]), max_size=3),
    }
)
slow = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@given(post=person_posts)
@slow
def test_any_post_to_the_person_form_answers_with_a_page(client, counselor, post):
    login(client, counselor)
    before = Person.objects.count()
    data = {key: value for key, value in post.items() if value is not None}
    response = client.post(reverse("counseling:person-create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Person.objects.count() == before  # refused: nothing saved
    else:
        assert Person.objects.count() == before + 1


@pytest.mark.django_db
@given(
    post=st.fixed_dictionaries(
        {
            "topics": st.lists(st.sampled_from(["1", "2", "999999", "x", ""]), max_size=3),
            "channel": st.sampled_from(["in_person", "phone", "fax", ""]),
            "started_at": st.one_of(text, st.datetimes().map(lambda d: d.isoformat()[:16])),
            "duration_minutes": st.one_of(text, st.integers(-5, 1000).map(str)),
            "language": st.sampled_from(["de", "ar", "zz", ""]),
            "service": st.sampled_from(["", "0", "999999", "abc"]),
            "follow_up_on": dates,
            "task_title": text,
            "task_due_on": dates,
        }
    )
)
@slow
def test_any_post_to_the_consultation_form_saves_all_or_nothing(client, counselor, post):
    login(client, counselor)
    person = Person.objects.first() or make_person(counselor.memberships.get().office)
    before = Consultation.objects.count()
    response = client.post(
        reverse("counseling:consultation-create", args=[person.pk]),
        {key: value for key, value in post.items() if value is not None},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Consultation.objects.count() == before
