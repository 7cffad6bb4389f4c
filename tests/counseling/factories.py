"""Counseling records for tests, written through the services where it matters (consent,
client numbers), directly where a test only needs rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.core.models import Office, Topic, User
from lotse.counseling.models import (
    Consent,
    ConsentForm,
    ConsentPurpose,
    Consultation,
    Person,
)
from lotse.counseling.services import _person_derived, next_client_number


def make_person(
    office: Office,
    *,
    display_name: str = "Amira",
    consents: Iterable[str] = (ConsentPurpose.COUNSELING,),
    **fields: Any,
) -> Person:
    """A person of `office` with the given consents in force (counseling record by default)."""
    year = timezone.localdate().year
    with transaction.atomic():  # the counter row is locked while counting
        number, sequence = next_client_number(office, year)
    person = Person(
        office=office,
        display_name=display_name,
        client_number=number,
        number_year=year,
        number_sequence=sequence,
        last_contact_at=fields.pop("last_contact_at", timezone.now() - dt.timedelta(days=30)),
        **fields,
    )
    _person_derived(person)
    person.save()
    for purpose in consents:
        Consent.objects.create(
            office=office,
            person=person,
            purpose=purpose,
            given_on=timezone.localdate() - dt.timedelta(days=1),
            form=ConsentForm.VERBAL,
        )
    return person


def make_consultation(
    person: Person,
    *,
    counselor: User | None = None,
    topics: Iterable[str] = ("work",),
    started_at: dt.datetime | None = None,
    **fields: Any,
) -> Consultation:
    consultation = Consultation.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        counselor=counselor,
        started_at=started_at or timezone.now(),
        **person.situation(),
        **fields,
    )
    consultation.topics.set(Topic.objects.filter(slug__in=topics))
    if person.last_contact_at is None or consultation.started_at > person.last_contact_at:
        Person.objects.filter(pk=person.pk).update(last_contact_at=consultation.started_at)
    return consultation
