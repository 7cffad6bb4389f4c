"""A small counseling data set with known answers for every counseling figure.

Offices A and B; January and February 2025 (Europe/Berlin), with a little before and after:

| who | office | first snapshot | consultations (Berlin time) |
| --- | --- | --- | --- |
| Amira | A | SY, refugee, protection, region | 10 Jan, 5 Feb |
| Bogdan | A | RO, EU citizen, free movement, region | 15 Jan |
| Chen | A | IN, skilled worker, Blue Card, abroad (IN) | 20 Jan |
| Dmytro | A | UA, skilled worker, temporary protection, in Germany | 31 Jan 23:30 |
| (Dmytro) | A | from now on: refugee, region | 10 Feb |
| Elena | A | IT, skilled worker, free movement, region | 15 Dec 2024, 1 Feb 00:00 |
| Farid | A | nothing recorded, region | 28 Feb 23:59, 1 Mar 00:00 |
| anonymous 1 | A | CH, region | 12 Jan |
| anonymous 2 | A | SY, refugee, region | 20 Feb |
| Goran | B | HR, skilled worker, region | 20 Jan |

The tests in test_figures_counseling.py spell out the answers.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings

from lotse.core.models import Office, ResidenceStatus, TargetGroup, Topic
from lotse.counseling.models import (
    Channel,
    Consultation,
    Outcome,
    OutcomeKind,
    Person,
    Referral,
    ReferralStatus,
    Whereabouts,
)
from lotse.directory.models import Organisation, Service
from lotse.reports.scope import Scope
from tests.counseling.factories import make_person
from tests.directory.factories import OrganisationFactory, make_service

BERLIN = zoneinfo.ZoneInfo(settings.TIME_ZONE)
JAN, FEB, MAR = dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)


def berlin(*parts: int) -> dt.datetime:
    """A moment in the installation's time zone (2025, 1, 31, 23, 30)."""
    return dt.datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


def target_group(slug: str) -> TargetGroup:
    return TargetGroup.objects.get(slug=slug)


def status(slug: str) -> ResidenceStatus:
    return ResidenceStatus.objects.get(slug=slug)


def situation(
    *,
    country: str | None = None,
    group: str | None = None,
    residence: str | None = None,
    whereabouts: str = Whereabouts.REGION,
    abroad: str | None = None,
) -> dict[str, Any]:
    return {
        "country_of_origin_id": country,
        "target_group": target_group(group) if group else None,
        "residence_status": status(residence) if residence else None,
        "whereabouts": whereabouts,
        "abroad_country_id": abroad,
    }


def set_situation(person: Person, **facts: Any) -> None:
    """Change the person's recorded situation (what later snapshots copy)."""
    for name, value in situation(**facts).items():
        setattr(person, name, value)
    person.save()


def consult(
    office: Office,
    person: Person | None,
    at: dt.datetime,
    *,
    topics: Iterable[str] = ("work",),
    channel: str = Channel.IN_PERSON,
    language: str | None = "de",
    **facts: Any,
) -> Consultation:
    """A consultation with the person's situation as it is now, or an anonymous contact with
    the given facts."""
    snapshot = person.situation() if person is not None else situation(**facts)
    consultation = Consultation.objects.create(
        office=office,
        person=person,
        is_anonymous=person is None,
        started_at=at,
        channel=channel,
        language_id=language,
        **({"subject": person.subject} if person is not None else {}),
        **snapshot,
    )
    consultation.topics.set(Topic.objects.filter(slug__in=topics))
    return consultation


def refer(
    person: Person,
    service: Service,
    suggested_on: dt.date,
    *,
    status: str = ReferralStatus.SUGGESTED,
    confirmed_at: dt.datetime | None = None,
    **dates: dt.date,
) -> Referral:
    return Referral.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        **person.situation(),
        service=service,
        status=status,
        suggested_on=suggested_on,
        partner_confirmed_at=confirmed_at,
        **dates,
    )


def milestone(person: Person, kind: str, reached_on: dt.date) -> Outcome:
    return Outcome.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        **person.situation(),
        kind=kind,
        reached_on=reached_on,
    )


def personal(name: str, **facts: Any) -> dict[str, Any]:
    """Every personal field filled, so erasure has something to remove."""
    slug = name.lower()
    return {
        "display_name": name,
        "full_name": f"{name} Example",
        "email": f"{slug}@example.org",
        "phone": "+49 711 555 0101",
        "address": f"{name}straße 1\n70173 Stuttgart",
        "profession": "Nurse",
        "qualification": "Bachelor of Nursing",
        "arrival_date": dt.date(2024, 6, 1),
        **situation(**facts),
    }


@dataclass
class CounselingData:
    office_a: Office
    office_b: Office
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def scope(
        self,
        start: dt.date = JAN,
        end: dt.date = MAR,
        *offices: Office,
        group: str | None = None,
    ) -> Scope:
        return Scope(
            offices=tuple(o.pk for o in (offices or (self.office_a,))),
            start=start,
            end=end,
            target_group=target_group(group).pk if group else None,
        )


@pytest.fixture
def counseling_data(office_a: Office, office_b: Office) -> CounselingData:
    data = CounselingData(office_a, office_b)
    make = data.people.setdefault

    amira = make(
        "amira",
        make_person(
            office_a, **personal("Amira", country="SY", group="refugee", residence="protection")
        ),
    )
    consult(
        office_a,
        amira,
        berlin(2025, 1, 10, 10),
        topics=["residence-title", "work-job-search"],
        language="ar",
    )
    consult(
        office_a,
        amira,
        berlin(2025, 2, 5, 10),
        topics=["language-integration-course"],
        channel=Channel.PHONE,
    )

    bogdan = make(
        "bogdan",
        make_person(
            office_a,
            **personal("Bogdan", country="RO", group="eu-citizen", residence="eu-free-movement"),
        ),
    )
    consult(
        office_a,
        bogdan,
        berlin(2025, 1, 15, 9),
        topics=["work"],
        channel=Channel.EMAIL,
        language="ro",
    )

    chen = make(
        "chen",
        make_person(
            office_a,
            **personal(
                "Chen",
                country="IN",
                group="skilled-worker",
                residence="blue-card",
                whereabouts=Whereabouts.ABROAD,
                abroad="IN",
            ),
        ),
    )
    # Two subtopics of one main topic: the consultation counts under each.
    consult(
        office_a,
        chen,
        berlin(2025, 1, 20, 8),
        topics=["recognition-professional", "recognition-academic"],
        channel=Channel.VIDEO,
        language="en",
    )

    dmytro = make(
        "dmytro",
        make_person(
            office_a,
            **personal(
                "Dmytro",
                country="UA",
                group="skilled-worker",
                residence="temporary-protection",
                whereabouts=Whereabouts.GERMANY,
            ),
        ),
    )
    # 23:30 in Berlin on 31 January is 22:30 UTC: still January.
    consult(
        office_a,
        dmytro,
        berlin(2025, 1, 31, 23, 30),
        topics=["asylum-temporary-protection", "work"],
        language="uk",
    )
    set_situation(dmytro, country="UA", group="refugee", residence="temporary-protection")
    consult(office_a, dmytro, berlin(2025, 2, 10, 11), topics=["language"])

    elena = make(
        "elena",
        make_person(
            office_a,
            **personal("Elena", country="IT", group="skilled-worker", residence="eu-free-movement"),
        ),
    )
    consult(office_a, elena, berlin(2024, 12, 15, 10), topics=["work"])
    # Midnight in Berlin on 1 February is 23:00 UTC on 31 January: February.
    consult(
        office_a,
        elena,
        berlin(2025, 2, 1, 0, 0),
        topics=["recognition-regulated"],
        channel=Channel.PHONE,
    )

    farid = make("farid", make_person(office_a, **personal("Farid")))
    consult(
        office_a, farid, berlin(2025, 2, 28, 23, 59), topics=["health-insurance"], language=None
    )
    consult(office_a, farid, berlin(2025, 3, 1, 0, 0), topics=["health"])

    consult(
        office_a,
        None,
        berlin(2025, 1, 12, 15),
        topics=["housing"],
        channel=Channel.PHONE,
        country="CH",
    )
    consult(
        office_a,
        None,
        berlin(2025, 2, 20, 15),
        topics=["asylum-procedure"],
        channel=Channel.CHAT,
        language="ar",
        country="SY",
        group="refugee",
    )

    goran = make(
        "goran",
        make_person(
            office_b,
            **personal("Goran", country="HR", group="skilled-worker", residence="eu-free-movement"),
        ),
    )
    consult(office_b, goran, berlin(2025, 1, 20, 10), topics=["work"])

    immigration = OrganisationFactory(owner_office=office_a, name="Immigration office")
    iq = OrganisationFactory(owner_office=office_a, name="IQ recognition counseling")
    jobcenter = OrganisationFactory(owner_office=office_a, name="Jobcenter")
    data.organisations = {"immigration": immigration, "iq": iq, "jobcenter": jobcenter}
    residence = make_service(title="Residence permits", organisation=immigration)
    recognition = make_service(title="Recognition counseling", organisation=iq)
    jobs = make_service(title="Job placement", organisation=jobcenter)

    refer(
        amira,
        residence,
        dt.date(2025, 1, 10),
        status=ReferralStatus.COMPLETED,
        handed_over_on=dt.date(2025, 1, 11),
        completed_on=dt.date(2025, 2, 15),
        confirmed_at=berlin(2025, 2, 15, 12),
    )
    # Arrived and confirmed only after the period: at its end it was handed over, unconfirmed.
    refer(
        chen,
        recognition,
        dt.date(2025, 1, 20),
        status=ReferralStatus.ARRIVED,
        handed_over_on=dt.date(2025, 1, 21),
        arrived_on=dt.date(2025, 3, 5),
        confirmed_at=berlin(2025, 3, 5, 9),
    )
    refer(dmytro, residence, dt.date(2025, 2, 10))
    refer(bogdan, jobs, dt.date(2024, 12, 20))
    refer(goran, recognition, dt.date(2025, 1, 20))
    refer(
        elena,
        recognition,
        dt.date(2025, 2, 28),
        status=ReferralStatus.NOT_TAKEN_UP,
        not_taken_up_on=dt.date(2025, 2, 28),
    )

    milestone(amira, OutcomeKind.RESIDENCE_TITLE_OBTAINED, dt.date(2025, 2, 1))
    milestone(chen, OutcomeKind.RECOGNITION_GRANTED, dt.date(2025, 1, 25))
    milestone(dmytro, OutcomeKind.LANGUAGE_COURSE_STARTED, dt.date(2025, 2, 20))
    milestone(elena, OutcomeKind.JOB_STARTED, dt.date(2025, 3, 1))
    milestone(bogdan, OutcomeKind.JOB_STARTED, dt.date(2024, 12, 31))
    milestone(bogdan, OutcomeKind.JOB_STARTED, dt.date(2025, 1, 31))
    milestone(goran, OutcomeKind.APPRENTICESHIP_STARTED, dt.date(2025, 1, 10))
    return data
