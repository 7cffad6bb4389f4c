"""The demo volunteers: about 150, every status, valid records, the same every time."""

from __future__ import annotations

from io import StringIO

import pytest
from django.db.models import Count

from lotse.core import demo as core_demo
from lotse.sponsorship import demo
from lotse.sponsorship.models import (
    Attendance,
    TrainingSession,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[str, str, str, int]]:
    return list(
        Volunteer.objects.order_by("id").values_list(
            "last_name", "district", "status", "max_tandems"
        )
    )


def test_the_demo_volunteers_are_valid_varied_and_deterministic():
    core_demo.seed(scale=1, stdout=StringIO())
    demo.seed(scale=1, stdout=StringIO())
    volunteers = list(Volunteer.objects.all())
    assert 140 <= len(volunteers) <= 160
    for volunteer in volunteers:
        volunteer.full_clean()
    statuses = dict(Volunteer.objects.values_list("status").annotate(n=Count("id")))
    assert set(statuses) == set(VolunteerStatus.values)
    active = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE)
    assert not active.filter(pledge_signed_on__isnull=True).exists()
    assert (
        VolunteerLanguage.objects.exclude(language_id="de").values("language").distinct().count()
        >= 8
    )
    assert Volunteer.objects.filter(certificate_seen_on__isnull=False).exists()
    # Without counseling records in this test there are no requests; the full demo has them.
    assert TrainingSession.objects.count() == 5 * 3
    assert Attendance.objects.filter(status="attended").exists()
    first = snapshot()
    demo.seed(scale=1, stdout=StringIO())  # a second run adds nothing
    assert snapshot() == first
    Attendance.objects.all().delete()
    TrainingSession.objects.all().delete()
    Volunteer.objects.all().delete()
    demo.seed(scale=1, stdout=StringIO())
    assert [row[1:] for row in snapshot()] == [row[1:] for row in first]
