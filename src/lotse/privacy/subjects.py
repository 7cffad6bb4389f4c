"""A data subject's records across the apps: which rows are about a person of the counseling
app, and the rights that act on all of them (erasure, Art. 17; restriction, Art. 18).

A person's own rows hang on `Person` by foreign key. Event registrations do not: people register
on the portal without a record, so a registration is the person's when it carries their e-mail
address or phone number in the same office.
"""

from __future__ import annotations

from django.db.models import QuerySet

from lotse.core.text import digits
from lotse.counseling.models import Person
from lotse.events.models import Registration


def registrations_of(person: Person) -> QuerySet[Registration]:
    """The person's event registrations in their office, matched by e-mail or phone."""
    ids: set[int] = set()
    candidates = Registration.objects.filter(office_id=person.office_id, anonymised_at__isnull=True)
    if person.email:
        ids.update(candidates.filter(email__iexact=person.email).values_list("id", flat=True))
    if len(person.phone_digits) >= 6:
        for pk, phone in candidates.exclude(phone="").values_list("id", "phone"):
            if digits(phone) == person.phone_digits:
                ids.add(pk)
    return Registration.objects.filter(pk__in=ids).select_related("event")
