"""Figures of the counseling app (see figures.py and docs/statistics.md).

Every figure reads the rows that survive erasure (ADR 0007): consultations, referrals and
milestones with their office, date, situation snapshot and `subject`; never `Person`.

Each figure filters by the scope: `office_id IN (offices)`, the period (`started_at` within
[start_at, end_at), midnight in the installation's time zone; `suggested_on` and `reached_on`
within [start, end) as calendar days) and the target group of the snapshot.

A handful of grouped queries serve all of them; figures that share one run it once per scope
inside `figures.shared_queries()` (which `report()`, `over_time()` and `change()` open):

- people: one row per subject with the snapshot of their first consultation in the period
  (ROW_NUMBER() OVER (PARTITION BY subject ...)), grouped by country, target group, whereabouts,
  refugee or not, and new or not. The groups number at most a few thousand whatever the number
  of people; the per-person figures add groups up.
- consultations: grouped by channel, language and anonymous or not.
- topics, referrals, milestones: one grouped query each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Country, CountryGroup, Language, ResidenceStatus, TargetGroup, Topic
from lotse.counseling.models import (
    Channel,
    Consultation,
    Outcome,
    OutcomeKind,
    Referral,
    ReferralStatus,
    Whereabouts,
)
from lotse.directory.models import Organisation
from lotse.reports.figures import (
    BREAKDOWN,
    COUNT,
    Figure,
    Result,
    breakdown_result,
    count_result,
    register,
    shared,
)
from lotse.reports.scope import Scope

SECTION = _("Counseling")
#: The key of a breakdown row for a value nobody recorded.
UNKNOWN = "unknown"
NOT_RECORDED = _("Not recorded")

#: Refugees and protection seekers: the target group "refugee", or one of these residence-status
#: categories, whatever the target group (as the Federal Statistical Office counts
#: "Schutzsuchende": in the asylum procedure, protected, temporarily protected, or tolerated after
#: a refusal).
REFUGEE_TARGET_GROUP = "refugee"
PROTECTION_STATUSES = ("asylum-seeker", "protection", "temporary-protection", "toleration")
REFUGEE, NOT_REFUGEE = "refugee", "other"

#: Rows of the EU share: Country.group folded into free movement vs third countries.
FREE_MOVEMENT, THIRD_COUNTRIES = "eu-eea-ch", "third"
FREE_MOVEMENT_GROUPS = frozenset({CountryGroup.EU, CountryGroup.EEA, CountryGroup.CH})


#: PostgreSQL's work_mem for the large aggregates (see `_analytic_query`).
WORK_MEM = "64MB"


# --- The shared grouped queries -----------------------------------------------------------------


@dataclass(frozen=True)
class PeopleGroup:
    """How many people share these facts (as recorded on their first consultation)."""

    country: str | None
    target_group: int | None
    whereabouts: str
    is_refugee: bool
    is_new: bool
    people: int


def _people(scope: Scope) -> list[PeopleGroup]:
    return shared("counseling.people", scope, lambda: _people_query(scope))


def _people_query(scope: Scope) -> list[PeopleGroup]:
    """The people of the period, grouped by the snapshot of their first consultation in it.

    Portable SQL (PostgreSQL and SQLite both know window functions): the ORM cannot aggregate
    over a filtered window. `is_new` asks whether the subject had a consultation in the scope's
    offices before the period; the index on `subject` answers it per person.
    """
    ops, quote = connection.ops, connection.ops.quote_name
    consultation = quote(Consultation._meta.db_table)
    target_groups = quote(TargetGroup._meta.db_table)
    statuses = quote(ResidenceStatus._meta.db_table)
    offices = ", ".join(["%s"] * len(scope.offices))
    protection = ", ".join(["%s"] * len(PROTECTION_STATUSES))
    start = ops.adapt_datetimefield_value(scope.start_at)
    end = ops.adapt_datetimefield_value(scope.end_at)
    target = "AND snap.target_group_id = %s" if scope.target_group is not None else ""
    # `nth < 2`, not `nth = 1`: PostgreSQL guesses a third of the rows pass an inequality but
    # almost none an equality on a window's result; with the better guess it groups the people
    # in a hash table instead of sorting them. The taxonomy ids come from uncorrelated
    # subqueries (run once), so no row is joined to a taxonomy table.
    sql = f"""
        SELECT country_of_origin_id, target_group_id, whereabouts, is_refugee, is_new, COUNT(*)
        FROM (
            SELECT snap.country_of_origin_id, snap.target_group_id, snap.whereabouts,
                   CASE WHEN snap.target_group_id IN (
                            SELECT id FROM {target_groups} WHERE slug = %s)
                        OR snap.residence_status_id IN (
                            SELECT id FROM {statuses} WHERE slug IN ({protection}))
                   THEN 1 ELSE 0 END AS is_refugee,
                   CASE WHEN EXISTS (
                       SELECT 1 FROM {consultation} earlier
                       WHERE earlier.subject = snap.subject
                         AND +earlier.office_id IN ({offices})
                         AND earlier.started_at < %s
                   ) THEN 0 ELSE 1 END AS is_new
            FROM (
                SELECT subject, country_of_origin_id, target_group_id, residence_status_id,
                       whereabouts,
                       ROW_NUMBER() OVER (PARTITION BY subject ORDER BY started_at, id) AS nth
                FROM {consultation}
                WHERE office_id IN ({offices}) AND started_at >= %s AND started_at < %s
            ) snap
            WHERE snap.nth < 2 {target}
        ) people
        GROUP BY country_of_origin_id, target_group_id, whereabouts, is_refugee, is_new
    """  # noqa: S608 - only table names and placeholders are formatted in
    params: list[Any] = [REFUGEE_TARGET_GROUP, *PROTECTION_STATUSES]
    params += [*scope.offices, start, *scope.offices, start, end]
    if scope.target_group is not None:
        params.append(scope.target_group)
    with _analytic_query(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            PeopleGroup(country, group, whereabouts, bool(refugee), bool(new), people)
            for country, group, whereabouts, refugee, new, people in cursor.fetchall()
        ]


@contextmanager
def _analytic_query() -> Iterator[None]:
    """On PostgreSQL, run the next query without JIT compilation and with room to hash.

    The planner's cost of these one-off aggregates over a year of consultations passes the JIT
    threshold, and compiling costs more than it saves (0.2 s of 0.7 s on the people query with a
    million consultations). It also expects up to 100,000 groups (there are a few thousand) and,
    with the default 4 MB of work_mem, sorts 300,000 rows to disk instead of hashing them
    (another 0.4 s). `set_config(..., true)` is SET LOCAL: it ends with the transaction this
    opens (or the caller's).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)",
                [WORK_MEM],
            )
        yield


def _sum_people(scope: Scope, key: Callable[[PeopleGroup], Hashable]) -> Counter[Hashable]:
    """Add up the people groups by `key`: sums of database counts, no rows counted here."""
    totals: Counter[Hashable] = Counter()
    for group in _people(scope):
        totals[key(group)] += group.people
    return totals


def _consultations(scope: Scope) -> QuerySet[Consultation]:
    queryset = Consultation.objects.with_scopes_disabled().filter(
        office_id__in=scope.offices, started_at__gte=scope.start_at, started_at__lt=scope.end_at
    )
    if scope.target_group is not None:
        queryset = queryset.filter(target_group_id=scope.target_group)
    return queryset.order_by()


@dataclass(frozen=True)
class ConsultationGroup:
    channel: str
    language: str | None
    is_anonymous: bool
    consultations: int


def _consultation_groups(scope: Scope) -> list[ConsultationGroup]:
    def query() -> list[ConsultationGroup]:
        rows = (
            _consultations(scope)
            .values("channel", "language_id", "is_anonymous")
            .annotate(n=Count("id"))
            .values_list("channel", "language_id", "is_anonymous", "n")
        )
        return [ConsultationGroup(*row) for row in rows]

    return shared("counseling.consultations", scope, query)


def _sum_consultations(
    scope: Scope, key: Callable[[ConsultationGroup], Hashable]
) -> Counter[Hashable]:
    totals: Counter[Hashable] = Counter()
    for group in _consultation_groups(scope):
        totals[key(group)] += group.consultations
    return totals


def _status_at_end(scope: Scope) -> Case:
    """The referral's status as it stood at the end of the period, from the dated steps.

    The current status when it was reached before the end; otherwise the furthest step reached
    before the end. So a closed period's figures do not move when a partner answers later.
    """
    dates = {
        ReferralStatus.SUGGESTED: "suggested_on",
        ReferralStatus.HANDED_OVER: "handed_over_on",
        ReferralStatus.ARRIVED: "arrived_on",
        ReferralStatus.COMPLETED: "completed_on",
        ReferralStatus.NOT_TAKEN_UP: "not_taken_up_on",
    }
    current = [
        When(Q(status=status, **{f"{field}__lt": scope.end}), then=Value(status.value))
        for status, field in dates.items()
    ]
    furthest = [
        When(Q(**{f"{dates[status]}__lt": scope.end}), then=Value(status.value))
        for status in (
            ReferralStatus.COMPLETED,
            ReferralStatus.NOT_TAKEN_UP,
            ReferralStatus.ARRIVED,
            ReferralStatus.HANDED_OVER,
        )
    ]
    return Case(*current, *furthest, default=Value(ReferralStatus.SUGGESTED.value))


@dataclass(frozen=True)
class ReferralGroup:
    organisation: int
    status: str
    confirmed: bool
    referrals: int


def _referral_groups(scope: Scope) -> list[ReferralGroup]:
    def query() -> list[ReferralGroup]:
        queryset = Referral.objects.with_scopes_disabled().filter(
            office_id__in=scope.offices, suggested_on__gte=scope.start, suggested_on__lt=scope.end
        )
        if scope.target_group is not None:
            queryset = queryset.filter(target_group_id=scope.target_group)
        rows = (
            queryset.order_by()
            .annotate(
                organisation=F("service__organisation_id"),
                status_at_end=_status_at_end(scope),
                confirmed=Case(
                    When(partner_confirmed_at__lt=scope.end_at, then=Value(True)),
                    default=Value(False),
                ),
            )
            .values("organisation", "status_at_end", "confirmed")
            .annotate(n=Count("id"))
            .values_list("organisation", "status_at_end", "confirmed", "n")
        )
        return [ReferralGroup(org, status, bool(ok), n) for org, status, ok, n in rows]

    return shared("counseling.referrals", scope, query)


# --- Labels -------------------------------------------------------------------------------------


def _or_unknown(value: Any) -> Any:
    return UNKNOWN if value in (None, "") else value


def _breakdown(
    figure: Figure,
    scope: Scope,
    counts: Counter[Hashable],
    labels: dict[Any, Any],
    total: int | None = None,
) -> Result:
    """Rows keyed by the counted value, with a "Not recorded" row for missing values."""
    merged: Counter[Hashable] = Counter()
    for key, value in counts.items():
        merged[_or_unknown(key)] += value
    labels = {**{key: str(label) for key, label in labels.items()}, UNKNOWN: str(NOT_RECORDED)}
    return breakdown_result(figure, scope, merged.items(), labels, total=total)


def _country_names(codes: Iterable[Any]) -> dict[str, str]:
    return {c.code: c.name for c in Country.objects.filter(code__in=[c for c in codes if c])}


# --- People -------------------------------------------------------------------------------------

PER_PERSON = _(
    "Each person counts once, with the situation recorded at their first consultation in the"
    " period; anonymous contacts count as people of their own."
)


def _per_person(definition: Any) -> Any:
    """The definition followed by how people are counted, translated when shown."""
    return format_lazy("{} {}", definition, PER_PERSON)


@register(
    "people_counselled",
    label=_("People counselled"),
    section=SECTION,
    kind=COUNT,
    order=100,
    definition=_(
        "Distinct people with at least one consultation in the period, plus every anonymous"
        " contact (an anonymous contact is one person). Counted by the random key each"
        " consultation keeps of its person, so the figure survives the person's erasure. With a"
        " target group chosen: the people whose first consultation in the period recorded it."
    ),
)
def people_counselled(figure: Figure, scope: Scope) -> Result:
    return count_result(figure, scope, sum(group.people for group in _people(scope)))


@register(
    "new_people",
    label=_("New people"),
    section=SECTION,
    kind=COUNT,
    order=110,
    definition=_(
        "People counselled whose first consultation ever in the chosen offices falls in the"
        " period (every anonymous contact is new)."
    ),
)
def new_people(figure: Figure, scope: Scope) -> Result:
    return count_result(figure, scope, sum(g.people for g in _people(scope) if g.is_new))


@register(
    "consultations",
    label=_("Consultations"),
    section=SECTION,
    kind=COUNT,
    order=120,
    definition=_(
        "Consultations in the period, anonymous contacts included, in any channel. With a"
        " target group chosen: the consultations that recorded it."
    ),
)
def consultations(figure: Figure, scope: Scope) -> Result:
    total = sum(group.consultations for group in _consultation_groups(scope))
    return count_result(figure, scope, total)


@register(
    "anonymous_contacts",
    label=_("Anonymous contacts"),
    section=SECTION,
    kind=COUNT,
    order=130,
    definition=_(
        "Consultations recorded without a person's record (a walk-in or phone question); part"
        " of the consultations, and each one a person of its own among the people counselled."
    ),
)
def anonymous_contacts(figure: Figure, scope: Scope) -> Result:
    total = sum(g.consultations for g in _consultation_groups(scope) if g.is_anonymous)
    return count_result(figure, scope, total)


@register(
    "countries",
    label=_("Countries of origin"),
    section=SECTION,
    kind=BREAKDOWN,
    order=200,
    definition=_per_person(
        _(
            "People counselled by country of origin; the total is the people whose country of"
            " origin is known (the others count as not recorded in the EU share)."
        )
    ),
)
def countries(figure: Figure, scope: Scope) -> Result:
    counts = _sum_people(scope, lambda group: group.country)
    known = Counter({code: n for code, n in counts.items() if code})
    return _breakdown(figure, scope, known, _country_names(known))


@register(
    "countries_count",
    label=_("Countries of origin (number)"),
    section=SECTION,
    kind=COUNT,
    order=205,
    definition=_(
        "How many different countries of origin the people counselled come from, as recorded"
        " at their first consultation in the period."
    ),
)
def countries_count(figure: Figure, scope: Scope) -> Result:
    codes = {group.country for group in _people(scope) if group.country}
    return count_result(figure, scope, len(codes))


@register(
    "eu_share",
    label=_("From the EU, the EEA and Switzerland"),
    section=SECTION,
    kind=BREAKDOWN,
    order=210,
    definition=_per_person(
        _(
            "People counselled by the freedom of movement of their country of origin: EU member"
            " states, the EEA and Switzerland together, third countries, and not recorded."
        )
    ),
)
def eu_share(figure: Figure, scope: Scope) -> Result:
    by_country = _sum_people(scope, lambda group: group.country)
    known = [code for code in by_country if code]
    groups = dict(Country.objects.filter(code__in=known).values_list("code", "group"))
    counts: Counter[Hashable] = Counter()
    for code, people in by_country.items():
        if not code:
            counts[UNKNOWN] += people
        elif groups.get(code) in FREE_MOVEMENT_GROUPS:
            counts[FREE_MOVEMENT] += people
        else:
            counts[THIRD_COUNTRIES] += people
    labels = {
        FREE_MOVEMENT: _("EU, EEA and Switzerland"),
        THIRD_COUNTRIES: _("Third countries"),
    }
    return _breakdown(figure, scope, counts, labels)


@register(
    "refugees",
    label=_("Refugees and protection seekers"),
    section=SECTION,
    kind=BREAKDOWN,
    order=220,
    definition=_per_person(
        _(
            "People counselled who are refugees or protection seekers: the target group"
            " 'refugee or protection seeker', or a residence status in the asylum procedure,"
            " with protection status, with temporary protection (§ 24) or tolerated (Duldung)."
            " The total is all people counselled."
        )
    ),
)
def refugees(figure: Figure, scope: Scope) -> Result:
    counts = _sum_people(scope, lambda group: REFUGEE if group.is_refugee else NOT_REFUGEE)
    labels = {REFUGEE: _("Refugees and protection seekers"), NOT_REFUGEE: _("Other people")}
    return _breakdown(figure, scope, counts, labels)


@register(
    "target_groups",
    label=_("Target groups"),
    section=SECTION,
    kind=BREAKDOWN,
    order=230,
    definition=_per_person(_("People counselled by target group.")),
)
def target_groups(figure: Figure, scope: Scope) -> Result:
    by_id = _sum_people(scope, lambda group: group.target_group)
    terms = {g.pk: g for g in TargetGroup.objects.filter(pk__in=[pk for pk in by_id if pk])}
    counts: Counter[Hashable] = Counter()
    for pk, people in by_id.items():
        counts[terms[pk].slug if pk in terms else None] += people
    return _breakdown(figure, scope, counts, {g.slug: g.name for g in terms.values()})


@register(
    "whereabouts",
    label=_("Where people live"),
    section=SECTION,
    kind=BREAKDOWN,
    order=240,
    definition=_per_person(
        _(
            "People counselled by where they lived: in the region, elsewhere in Germany, or"
            " abroad (the first two are the people in Germany)."
        )
    ),
)
def whereabouts(figure: Figure, scope: Scope) -> Result:
    counts = _sum_people(scope, lambda group: group.whereabouts)
    return _breakdown(figure, scope, counts, dict(Whereabouts.choices))


# --- Consultations ------------------------------------------------------------------------------


@register(
    "topics",
    label=_("Topics"),
    section=SECTION,
    kind=BREAKDOWN,
    order=300,
    definition=_(
        "Consultations by topic as recorded (a subtopic is shown with its main topic). A"
        " consultation with two topics counts under both, so the rows add up to more than the"
        " total, which is the number of consultations."
    ),
)
def topics(figure: Figure, scope: Scope) -> Result:
    # Links joined to the period's consultations, counted per topic: a link is unique per
    # consultation and topic, so COUNT(*) needs no DISTINCT (which would sort a million rows).
    links = Consultation.topics.through.objects.filter(
        consultation__office_id__in=scope.offices,
        consultation__started_at__gte=scope.start_at,
        consultation__started_at__lt=scope.end_at,
    )
    if scope.target_group is not None:
        links = links.filter(consultation__target_group_id=scope.target_group)
    rows = links.order_by().values("topic_id").annotate(n=Count("*"))
    by_id = Counter(dict(rows.values_list("topic_id", "n")))
    terms = list(Topic.objects.filter(pk__in=list(by_id)).select_related("parent"))
    counts = Counter({term.slug: by_id[term.pk] for term in terms})
    names = {
        term.slug: (
            gettext("%(topic)s: %(subtopic)s") % {"topic": term.parent.name, "subtopic": term.name}
            if term.parent
            else term.name
        )
        for term in terms
    }
    total = sum(group.consultations for group in _consultation_groups(scope))
    return _breakdown(figure, scope, counts, names, total)


@register(
    "channels",
    label=_("Channels"),
    section=SECTION,
    kind=BREAKDOWN,
    order=310,
    definition=_("Consultations by channel: in person, phone, e-mail, video, chat, outreach."),
)
def channels(figure: Figure, scope: Scope) -> Result:
    counts = _sum_consultations(scope, lambda group: group.channel)
    return _breakdown(figure, scope, counts, dict(Channel.choices))


@register(
    "languages",
    label=_("Languages of counseling"),
    section=SECTION,
    kind=BREAKDOWN,
    order=320,
    definition=_("Consultations by the language the counseling was held in."),
)
def languages(figure: Figure, scope: Scope) -> Result:
    counts = _sum_consultations(scope, lambda group: group.language)
    names = {lang.code: lang.name for lang in Language.objects.filter(code__in=list(counts))}
    return _breakdown(figure, scope, counts, names)


# --- Referrals and milestones -------------------------------------------------------------------


@register(
    "referrals_by_organisation",
    label=_("Referrals by organisation"),
    section=SECTION,
    kind=BREAKDOWN,
    order=330,
    definition=_(
        "Referrals suggested in the period, by the organisation of the directory whose service"
        " the person was referred to."
    ),
)
def referrals_by_organisation(figure: Figure, scope: Scope) -> Result:
    counts: Counter[Hashable] = Counter()
    for group in _referral_groups(scope):
        counts[group.organisation] += group.referrals
    names = dict(Organisation.objects.filter(pk__in=list(counts)).values_list("pk", "name"))
    return _breakdown(figure, scope, counts, names)


@register(
    "referrals_by_status",
    label=_("Referrals by outcome"),
    section=SECTION,
    kind=BREAKDOWN,
    order=340,
    definition=_(
        "Referrals suggested in the period, by the status they had reached at the end of the"
        " period (suggested, handed over, arrived, completed, not taken up); later news does"
        " not change a closed period."
    ),
)
def referrals_by_status(figure: Figure, scope: Scope) -> Result:
    counts: Counter[Hashable] = Counter()
    for group in _referral_groups(scope):
        counts[group.status] += group.referrals
    return _breakdown(figure, scope, counts, dict(ReferralStatus.choices))


@register(
    "referrals_confirmed",
    label=_("Referrals confirmed by the partner"),
    section=SECTION,
    kind=COUNT,
    order=350,
    definition=_(
        "Referrals suggested in the period that the partner confirmed through the link of the"
        " handover letter before the end of the period."
    ),
)
def referrals_confirmed(figure: Figure, scope: Scope) -> Result:
    total = sum(group.referrals for group in _referral_groups(scope) if group.confirmed)
    return count_result(figure, scope, total)


@register(
    "outcomes",
    label=_("Milestones reached"),
    section=SECTION,
    kind=BREAKDOWN,
    order=360,
    definition=_(
        "Milestones reached in the period, by kind (recognition granted, job started,"
        " apprenticeship started, language course started, residence title obtained, and the"
        " others); a person reaching two milestones counts under both."
    ),
)
def outcomes(figure: Figure, scope: Scope) -> Result:
    queryset = Outcome.objects.with_scopes_disabled().filter(
        office_id__in=scope.offices, reached_on__gte=scope.start, reached_on__lt=scope.end
    )
    if scope.target_group is not None:
        queryset = queryset.filter(target_group_id=scope.target_group)
    rows = queryset.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n")
    return _breakdown(figure, scope, Counter(dict(rows)), dict(OutcomeKind.choices))
