"""Figures of the events app (see figures.py): events held, registrations and participants.

An event belongs to the period when it starts in it (`Event.starts_at` against midnight of the
installation's time zone, whatever the event's own zone) and to the office that organises it.
Only published events count: a draft was never announced (nobody can register for it) and a
cancelled event did not take place.

Participants are attendances: a registration marked "attended". Registrations keep no identity
that survives the retention rules, so one person at three events counts three times; "distinct
participants" cannot be told apart and is not offered. The target group and the country of
origin are what participants chose to give when registering; who gave none counts as "not
given". With a target group filter, the registration figures count the registrations that gave
that group, and the event figures the events announced for that group.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from lotse.core.models import Country, CountryGroup, TargetGroup
from lotse.events.models import Event, EventStatus, Program, Registration, RegistrationStatus
from lotse.reports.figures import BREAKDOWN, COUNT, Figure, Result, register
from lotse.reports.figures import breakdown_result as _breakdown
from lotse.reports.figures import count_result as _count
from lotse.reports.scope import Scope

SECTION = _("Events")
#: The key of a breakdown row for what a participant did not give.
UNKNOWN = "unknown"
NOT_GIVEN = _("Not given")
#: The rows of `participants_by_country_group`: EU, EEA and Switzerland together, as funders
#: report "EU" in the wide sense.
EU_EEA_CH = "eu-eea-ch"
THIRD = "third"
#: The groups with freedom of movement (`Country.has_free_movement`).
_FREE_MOVEMENT = (CountryGroup.EU, CountryGroup.EEA, CountryGroup.CH)


def _events(scope: Scope) -> QuerySet[Event]:
    events = Event.objects.filter(
        office__in=scope.offices,
        status=EventStatus.PUBLISHED,
        starts_at__gte=scope.start_at,
        starts_at__lt=scope.end_at,
    )
    if scope.target_group is not None:
        # (event, target group) is unique in the through table: no duplicates from the join.
        events = events.filter(target_groups=scope.target_group)
    return events


def _registrations(scope: Scope, **filters: Any) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(
        event__office__in=scope.offices,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gte=scope.start_at,
        event__starts_at__lt=scope.end_at,
        **filters,
    )
    if scope.target_group is not None:
        registrations = registrations.filter(target_group=scope.target_group)
    return registrations


def _participants(scope: Scope) -> QuerySet[Registration]:
    return _registrations(scope, status=RegistrationStatus.ATTENDED)


def _pairs(queryset: QuerySet[Any], field: str) -> list[tuple[Any, int]]:
    """(value, count) per value of `field`, grouped in the database; a missing value is UNKNOWN."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return [(value if value not in (None, "") else UNKNOWN, n) for value, n in rows]


def _program_labels(pairs: list[tuple[Any, int]]) -> dict[Any, str]:
    """Program titles in the reader's language, for the programs in the rows (two queries)."""
    programs = Program.objects.filter(pk__in=[key for key, _n in pairs]).prefetch_related(
        "translations"
    )
    return {program.pk: program.title for program in programs}


# --- Events --------------------------------------------------------------------------------------


@register(
    "events",
    label=_("Events held"),
    section=SECTION,
    kind=COUNT,
    order=500,
    definition=_(
        "Published events of the office that started in the period (drafts were never "
        "announced; cancelled events did not take place). Each module of a workshop series is "
        "an event. With a target group filter: the events announced for that target group."
    ),
)
@scopes_disabled()
def events(figure: Figure, scope: Scope) -> Result:
    return _count(figure, scope, _events(scope).count())


@register(
    "events_by_program",
    label=_("Events held by program"),
    section=SECTION,
    kind=BREAKDOWN,
    order=505,
    definition=_(
        "The events held in the period (as in “Events held”) by the program they belong to."
    ),
)
@scopes_disabled()
def events_by_program(figure: Figure, scope: Scope) -> Result:
    pairs = _pairs(_events(scope), "program")
    return _breakdown(figure, scope, pairs, _program_labels(pairs))


# --- Registrations and participants --------------------------------------------------------------


@register(
    "registrations",
    label=_("Registrations"),
    section=SECTION,
    kind=BREAKDOWN,
    order=510,
    definition=_(
        "Registrations for the events held in the period, by their status after the event: "
        "attended, did not come, registered (attendance not recorded), still on the waiting "
        "list, or cancelled by the participant or the staff. The total counts them all. With a "
        "target group filter: the registrations that gave that target group."
    ),
)
@scopes_disabled()
def registrations(figure: Figure, scope: Scope) -> Result:
    labels = {value: str(label) for value, label in RegistrationStatus.choices}
    return _breakdown(figure, scope, _pairs(_registrations(scope), "status"), labels)


@register(
    "participants",
    label=_("Participants"),
    section=SECTION,
    kind=COUNT,
    order=520,
    definition=_(
        "Attendances at the events held in the period: registrations marked “attended”, "
        "including people who came to the door. A person at three events counts three times; "
        "registrations keep no lasting identity, so distinct people cannot be counted. With a "
        "target group filter: the attendances of participants who gave that target group."
    ),
)
@scopes_disabled()
def participants(figure: Figure, scope: Scope) -> Result:
    return _count(figure, scope, _participants(scope).count())


@register(
    "participants_by_program",
    label=_("Participants by program"),
    section=SECTION,
    kind=BREAKDOWN,
    order=525,
    definition=_("The participants (attendances, as in “Participants”) by the event's program."),
)
@scopes_disabled()
def participants_by_program(figure: Figure, scope: Scope) -> Result:
    pairs = _pairs(_participants(scope), "event__program")
    return _breakdown(figure, scope, pairs, _program_labels(pairs))


@register(
    "participants_by_target_group",
    label=_("Participants by target group"),
    section=SECTION,
    kind=BREAKDOWN,
    order=530,
    definition=_(
        "The participants (attendances) by the target group they chose to give when "
        "registering; who gave none counts as “not given”. With a target group filter only "
        "that group's row remains."
    ),
)
@scopes_disabled()
def participants_by_target_group(figure: Figure, scope: Scope) -> Result:
    pairs = _pairs(_participants(scope), "target_group")
    groups = TargetGroup.objects.filter(pk__in=[key for key, _n in pairs if key != UNKNOWN])
    labels: dict[Any, str] = {group.pk: group.name for group in groups}
    labels[UNKNOWN] = str(NOT_GIVEN)
    return _breakdown(figure, scope, pairs, labels)


@register(
    "participants_by_country",
    label=_("Participants by country of origin"),
    section=SECTION,
    kind=BREAKDOWN,
    order=535,
    definition=_(
        "The participants (attendances) by the country of origin they chose to give when "
        "registering; who gave none counts as “not given”."
    ),
)
@scopes_disabled()
def participants_by_country(figure: Figure, scope: Scope) -> Result:
    pairs = _pairs(_participants(scope), "country_of_origin")
    countries = Country.objects.filter(pk__in=[key for key, _n in pairs if key != UNKNOWN])
    labels: dict[Any, str] = {country.pk: country.name for country in countries}
    labels[UNKNOWN] = str(NOT_GIVEN)
    return _breakdown(figure, scope, pairs, labels)


@register(
    "participants_by_country_group",
    label=_("Participants from the EU, EEA and Switzerland"),
    section=SECTION,
    kind=BREAKDOWN,
    order=540,
    definition=_(
        "The participants (attendances) by where the country of origin they gave belongs: "
        "the EU, the EEA or Switzerland (freedom of movement) against third countries; who "
        "gave no country counts as “not given”."
    ),
)
@scopes_disabled()
def participants_by_country_group(figure: Figure, scope: Scope) -> Result:
    counts = _participants(scope).aggregate(
        free=Count("pk", filter=Q(country_of_origin__group__in=_FREE_MOVEMENT)),
        third=Count("pk", filter=Q(country_of_origin__group=CountryGroup.THIRD)),
        unknown=Count("pk", filter=Q(country_of_origin__isnull=True)),
    )
    pairs = [(EU_EEA_CH, counts["free"]), (THIRD, counts["third"]), (UNKNOWN, counts["unknown"])]
    labels = {
        EU_EEA_CH: str(_("EU, EEA and Switzerland")),
        THIRD: str(_("Third countries")),
        UNKNOWN: str(NOT_GIVEN),
    }
    return _breakdown(figure, scope, pairs, labels)
