"""The counselor's day on the start page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import Role
from lotse.counseling import services
from lotse.counseling.models import FollowUp, Referral
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


def test_a_follow_up_set_today_shows_on_tomorrows_start_page(client, office_a, counselor):
    person = make_person(office_a, display_name="Amira Haddad")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    services.follow_up_create(
        office=office_a, by=counselor, person=person, title="Ask about the diploma", due_on=tomorrow
    )
    login(client, counselor)
    assert "Ask about the diploma" not in client.get(reverse("core:dashboard")).text
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        login(client, counselor)  # yesterday's session ended with the idle timeout
        page = client.get(reverse("core:dashboard")).text
    assert "Ask about the diploma" in page and "Amira Haddad" in page


def test_done_follow_ups_leave_the_start_page(client, office_a, counselor):
    person = make_person(office_a)
    task = FollowUp.objects.create(
        office=office_a,
        person=person,
        title="Call back",
        due_on=timezone.localdate(),
        assigned_to=counselor,
    )
    login(client, counselor)
    assert "Call back" in client.get(reverse("core:dashboard")).text
    services.follow_up_set_done(office=office_a, by=counselor, follow_up=task)
    assert "Call back" not in client.get(reverse("core:dashboard")).text


def test_roles_without_counseling_see_no_counseling_panel(client, office_a):
    person = make_person(office_a, display_name="Zzsecret")
    FollowUp.objects.create(
        office=office_a, person=person, title="Zzsecret task", due_on=timezone.localdate()
    )
    for role in (Role.SPONSOR_COORDINATOR, Role.EVENT_MANAGER, Role.STATISTICS_VIEWER):
        user = member(office_a, role, f"user-{role}")
        login(client, user)
        page = client.get(reverse("core:dashboard"))
        assert page.status_code == 200 and "Zzsecret" not in page.text


def test_the_start_page_runs_a_fixed_number_of_queries(
    client, office_a, counselor, django_assert_max_num_queries
):
    service = make_service(title="Jobcenter", office=office_a)
    login(client, counselor)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for size in (2, 30):
        for index in range(size):
            person = make_person(office_a, display_name=f"Person {size}-{index}")
            make_consultation(person, counselor=counselor)
            FollowUp.objects.create(
                office=office_a, person=person, title="Due", due_on=timezone.localdate()
            )
            Referral.objects.create(
                office=office_a,
                person=person,
                subject=person.subject,
                service=service,
                created_by=counselor,
                follow_up_on=yesterday,
            )
        with django_assert_max_num_queries(26):
            assert client.get(reverse("core:dashboard")).status_code == 200
