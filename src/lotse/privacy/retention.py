"""Retention: what is due in an office under its rules, why, and the runs that anonymise it.

Each automatic rule of the register (`register.AUTOMATIC_RULES`) has a period in months per office
(`RetentionRule`, else `register.DEFAULT_MONTHS`) and a reference day per record: the last
contact, the end of the event, the day the volunteering ended, the day a request was closed, the
last change of a pool member who left. A record is due on its reference day plus the period, and
the nightly run (`tasks.nightly_retention`) anonymises what is due that day. Everything is
counted in calendar days of the installation's time zone, so the preview's dates are the days
the run acts.

Anonymising keeps what the statistics read (`lotse.reports.figures_*`): consultations, referrals
and milestones keep their snapshot and `subject`; registrations their status, target group and
country; volunteers their status, dates and training attendances; requests their kind, source
and dates; tandems their dates, status and reason for ending. A person of the counseling app is
erased outright (`subjects.erase_person`), which leaves those rows without the person.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_scopes import scope, scopes_disabled

from lotse.ask.services import prune_questions
from lotse.core import policy
from lotse.core.audit import audit_record
from lotse.core.models import Office, User
from lotse.counseling.models import (
    CLOSED_REFERRAL_STATUSES,
    Consultation,
    FollowUp,
    Person,
    RecognitionCase,
    RecognitionStage,
    Referral,
)
from lotse.events.models import Event, Registration, Staffing
from lotse.pool.models import PoolMember
from lotse.privacy import subjects
from lotse.privacy.models import (
    ErasureGround,
    RetentionRule,
    RetentionRun,
)
from lotse.privacy.register import AUTOMATIC_RULES, DEFAULT_MONTHS, retention_text
from lotse.sponsorship.models import (
    Proposal,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)

logger = logging.getLogger(__name__)

#: The preview looks this many days ahead.
PREVIEW_DAYS = 30
#: Records listed per rule on the preview (the counts cover all of them).
PREVIEW_ITEMS = 10
#: People erased per office and run: each erasure is a dozen statements, and a first run over
#: years of records should not hold one transaction for hours; the rest follows next night.
MAX_PEOPLE_PER_RUN = 1000

#: The keys of `RetentionRun.counts` in words (rules, plus the parts counted on their own).
COUNT_LABELS = {
    "counseling": dict(AUTOMATIC_RULES)["counseling"],
    "anonymous-contacts": gettext_lazy("Anonymous contacts (notes cleared)"),
    **dict(AUTOMATIC_RULES),
    "task-results": gettext_lazy("Finished background tasks"),
    "asked-questions": gettext_lazy("Questions asked on the portal"),
}


# --- Periods and days ----------------------------------------------------------------------------


def periods(office: Office) -> dict[str, tuple[int, bool]]:
    """{rule: (months, applied automatically)} of the office, defaults where it set none."""
    result = {rule: (DEFAULT_MONTHS[rule], True) for rule, _label in AUTOMATIC_RULES}
    rows = RetentionRule.objects.filter(office=office).values_list("rule", "months", "enabled")
    for rule, months, enabled in rows:
        if rule in result:
            result[rule] = (months, enabled)
    return result


def _shift(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (31 Aug → 28 Feb)."""
    year, month = _shift(day, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff(today: dt.date, months: int) -> dt.date:
    """The last reference day that is due on `today`: due iff add_months(day, months) <= today.

    Not simply `today - months`: on the last day of a month every longer day before it is due
    too (on 28 February, six months after 29, 30 and 31 August have all come).
    """
    year, month = _shift(today, -months)
    last = calendar.monthrange(year, month)[1]
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(today.day, last))


def _day_end(day: dt.date) -> dt.datetime:
    """Midnight after `day` in the installation's time zone."""
    return dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )


def _window(name: str, *, until: dt.date, after: dt.date | None = None, dates: bool) -> Q:
    """Reference day of `name` in (after, until]; `dates` for a DateField, else a moment."""
    if dates:
        q = Q(**{f"{name}__lte": until})
        return q & Q(**{f"{name}__gt": after}) if after else q
    q = Q(**{f"{name}__lt": _day_end(until)})
    return q & Q(**{f"{name}__gte": _day_end(after)}) if after else q


def _as_day(value: dt.date | dt.datetime) -> dt.date:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


# --- Preview items -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One record (or one event's registrations) in the preview, with the reason in words."""

    label: str
    due_on: dt.date
    reason: str
    url: str = ""


class Rule:
    """One automatic rule: which records are due when, and how they are anonymised."""

    key: str = ""
    #: The reference field's lookup, and whether it is a DateField (else a moment).
    reference = ""
    dates = False

    def records(self, office: Office) -> QuerySet[Any]:
        """The office's records this rule still has to act on, due or not."""
        raise NotImplementedError

    def selection(
        self, office: Office, *, until: dt.date, after: dt.date | None = None
    ) -> QuerySet[Any]:
        """The records due with reference day in (after, until]."""
        return self.records(office).filter(
            _window(self.reference, until=until, after=after, dates=self.dates)
        )

    def describe(self, record: Any, due_on: dt.date) -> Item:
        raise NotImplementedError

    def related(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """What describe() reads, loaded with the list."""
        return queryset

    def items(self, office: Office, *, until: dt.date, months: int, limit: int) -> list[Item]:
        """The first records due up to `until`, soonest first."""
        found = self.related(self.selection(office, until=until)).order_by(self.reference, "pk")
        items = []
        for record in found[:limit]:
            day = _as_day(_lookup(record, self.reference))
            items.append(self.describe(record, add_months(day, months)))
        return items

    def kept(
        self, office: Office, *, until: dt.date, months: int, limit: int
    ) -> tuple[int, list[Item]]:
        """Records past their period that are kept anyway, and why."""
        return 0, []

    def extra_due(self, office: Office, *, until: dt.date) -> dict[str, int]:
        """Counts of what the rule clears besides its records (anonymous contacts)."""
        return {}

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        raise NotImplementedError


def _lookup(record: Any, path: str) -> Any:
    for part in path.split("__"):
        record = getattr(record, part)
    return record


# --- Counseling ----------------------------------------------------------------------------------


def _open_cases() -> dict[str, Exists]:
    """A case of the person still open: each keeps the record past its period."""
    person = OuterRef("pk")
    return {
        "open_referral": Exists(
            Referral.objects.filter(person=person).exclude(status__in=CLOSED_REFERRAL_STATUSES)
        ),
        "open_follow_up": Exists(FollowUp.objects.filter(person=person, done_at__isnull=True)),
        "open_recognition": Exists(
            RecognitionCase.objects.filter(person=person).exclude(stage=RecognitionStage.DECIDED)
        ),
        "active_tandem": Exists(Tandem.objects.filter(person=person, status=TandemStatus.ACTIVE)),
        "open_request": Exists(
            SponsorshipRequest.objects.filter(person=person).exclude(status=RequestStatus.CLOSED)
        ),
    }


OPEN_CASE_REASONS = {
    "open_referral": gettext_lazy("a referral is open"),
    "open_follow_up": gettext_lazy("a follow-up is open"),
    "open_recognition": gettext_lazy("a recognition case is open"),
    "active_tandem": gettext_lazy("a tandem is active"),
    "open_request": gettext_lazy("a sponsorship request is open"),
}


class CounselingRule(Rule):
    key = "counseling"
    reference = "reference"

    def records(self, office: Office) -> QuerySet[Person]:
        # A record merged into another goes with that one (erase_person takes it along).
        return Person.objects.filter(office=office, merged_into__isnull=True).annotate(
            reference=Coalesce("last_contact_at", "created_at")
        )

    def selection(
        self, office: Office, *, until: dt.date, after: dt.date | None = None
    ) -> QuerySet[Person]:
        cases = _open_cases()
        return (
            super()
            .selection(office, until=until, after=after)
            .filter(restricted_at__isnull=True)
            .filter(*(~case for case in cases.values()))
        )

    def describe(self, record: Person, due_on: dt.date) -> Item:
        if record.last_contact_at:
            reason = _("Last contact on %(date)s; no case is open.")
        else:
            reason = _("Recorded on %(date)s without any contact since; no case is open.")
        return Item(
            label=f"{record.display_name} ({record.client_number})",
            due_on=due_on,
            reason=reason % {"date": _day(_as_day(record.reference))},
            url=reverse("counseling:person-detail", kwargs={"person_id": record.pk}),
        )

    def kept(
        self, office: Office, *, until: dt.date, months: int, limit: int
    ) -> tuple[int, list[Item]]:
        cases = _open_cases()
        held = (
            super()
            .selection(office, until=until)
            .annotate(**cases)
            .filter(Q(restricted_at__isnull=False, _connector=Q.OR, **dict.fromkeys(cases, True)))
        )
        items = []
        for person in held.order_by("reference", "pk")[:limit]:
            if person.restricted_at:
                reason = _("Processing is restricted (Art. 18 GDPR) since %(date)s.") % {
                    "date": _day(timezone.localdate(person.restricted_at))
                }
            else:
                open_ = [
                    str(text) for name, text in OPEN_CASE_REASONS.items() if getattr(person, name)
                ]
                reason = _("Kept while %(cases)s.") % {"cases": ", ".join(open_)}
            items.append(
                Item(
                    label=f"{person.display_name} ({person.client_number})",
                    due_on=add_months(_as_day(person.reference), months),
                    reason=reason,
                    url=reverse("counseling:person-detail", kwargs={"person_id": person.pk}),
                )
            )
        return held.count(), items

    def _contacts(self, office: Office, until: dt.date) -> QuerySet[Consultation]:
        # Contacts without a person: their free text may still name someone.
        return Consultation.objects.filter(
            office=office, person__isnull=True, started_at__lt=_day_end(until)
        ).exclude(notes="", outcome="", next_steps="")

    def extra_due(self, office: Office, *, until: dt.date) -> dict[str, int]:
        return {"anonymous-contacts": self._contacts(office, until).count()}

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        people = list(
            self.selection(office, until=until).order_by("reference", "pk")[:MAX_PEOPLE_PER_RUN]
        )
        for person in people:
            subjects.erase_person(
                office=office, person=person, ground=ErasureGround.RETENTION, by=None, run=run
            )
        contacts = 0
        for ids in subjects.batches(self._contacts(office, until)):
            contacts += Consultation.objects.filter(pk__in=ids).update(
                notes="", outcome="", next_steps=""
            )
        return {self.key: len(people), "anonymous-contacts": contacts}


# --- Events --------------------------------------------------------------------------------------


class RegistrationRule(Rule):
    key = "event-registrations"
    reference = "event__ends_at"

    def records(self, office: Office) -> QuerySet[Registration]:
        return Registration.objects.filter(office=office, anonymised_at__isnull=True)

    def items(self, office: Office, *, until: dt.date, months: int, limit: int) -> list[Item]:
        # One line per event: its registrations go together.
        waiting = Q(registrations__anonymised_at__isnull=True)
        events = (
            Event.objects.filter(
                _window("ends_at", until=until, dates=False),
                Exists(self.records(office).filter(event=OuterRef("pk"))),
                office=office,
            )
            .annotate(waiting=Count("registrations", filter=waiting))
            .prefetch_related("translations")
            .order_by("ends_at", "pk")
        )
        items = []
        for event in events[:limit]:
            ended = timezone.localdate(event.ends_at)
            label = ngettext(
                "%(event)s (%(count)s registration)",
                "%(event)s (%(count)s registrations)",
                event.waiting,
            ) % {"event": event.title, "count": event.waiting}
            items.append(
                Item(
                    label=label,
                    due_on=add_months(ended, months),
                    reason=_("The event ended on %(date)s.") % {"date": _day(ended)},
                    url=reverse("events:event-detail", kwargs={"event_id": event.pk}),
                )
            )
        return items

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        count = 0
        # The unique index on (event, e-mail) leaves out blank addresses: clearing many is fine.
        for ids in subjects.batches(self.selection(office, until=until)):
            count += subjects.anonymise_registrations(ids, now)
        return {self.key: count}


# --- Sponsorship ---------------------------------------------------------------------------------


def _volunteered() -> Q:
    """Signed the pledge or accompanied someone: a volunteer, not only an applicant."""
    return Q(pledge_signed_on__isnull=False) | Q(
        Exists(Tandem.objects.filter(volunteer=OuterRef("pk")))
    )


class VolunteersEndedRule(Rule):
    key = "volunteers-ended"
    reference = "status_changed_on"
    dates = True

    def records(self, office: Office) -> QuerySet[Volunteer]:
        return Volunteer.objects.filter(
            _volunteered(),
            office=office,
            status=VolunteerStatus.ENDED,
            anonymised_at__isnull=True,
        )

    def describe(self, record: Volunteer, due_on: dt.date) -> Item:
        return Item(
            label=f"{record.first_name} {record.last_name}",
            due_on=due_on,
            reason=_("Volunteering ended on %(date)s.") % {"date": _day(record.status_changed_on)},
            url=reverse("sponsorship:volunteer-detail", kwargs={"volunteer_id": record.pk}),
        )

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        return {self.key: subjects.anonymise_volunteers(self.selection(office, until=until), now)}


class ApplicationsDeclinedRule(VolunteersEndedRule):
    key = "applications-declined"

    def records(self, office: Office) -> QuerySet[Volunteer]:
        return Volunteer.objects.filter(
            office=office, status=VolunteerStatus.ENDED, anonymised_at__isnull=True
        ).exclude(_volunteered())

    def describe(self, record: Volunteer, due_on: dt.date) -> Item:
        return Item(
            label=f"{record.first_name} {record.last_name}",
            due_on=due_on,
            reason=_("The application ended on %(date)s without volunteering.")
            % {"date": _day(record.status_changed_on)},
            url=reverse("sponsorship:volunteer-detail", kwargs={"volunteer_id": record.pk}),
        )


class RequestsClosedRule(Rule):
    key = "requests-closed"
    reference = "closed_at"

    def records(self, office: Office) -> QuerySet[SponsorshipRequest]:
        return SponsorshipRequest.objects.filter(
            office=office,
            status=RequestStatus.CLOSED,
            closed_at__isnull=False,
            anonymised_at__isnull=True,
        )

    def related(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("person")

    def describe(self, record: SponsorshipRequest, due_on: dt.date) -> Item:
        if record.person is not None:
            label = record.person.display_name
        else:
            label = record.contact_name or _("Request of %(date)s") % {
                "date": _day(timezone.localdate(record.created_at))
            }
        return Item(
            label=label,
            due_on=due_on,
            reason=_("Closed on %(date)s.") % {"date": _day(timezone.localdate(record.closed_at))},
            url=reverse("sponsorship:request-detail", kwargs={"request_id": record.pk}),
        )

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        count = 0
        # Kind, source and the dates stay: the request figures count by them.
        for ids in subjects.batches(self.selection(office, until=until)):
            Proposal.objects.filter(request_id__in=ids).update(reasons=[])
            Tandem.objects.filter(request_id__in=ids).update(feedback_newcomer="")
            count += SponsorshipRequest.objects.filter(pk__in=ids).update(
                contact_name="",
                contact_email="",
                contact_phone="",
                note="",
                needs=[],
                interests="",
                district="",
                gender_preference="",
                has_children=False,
                availability=[],
                languages=[],
                anonymised_at=now,
            )
        return {self.key: count}


# --- Pool ----------------------------------------------------------------------------------------


class PoolLeftRule(Rule):
    key = "pool-left"
    reference = "updated_at"

    def records(self, office: Office) -> QuerySet[PoolMember]:
        return PoolMember.objects.filter(office=office, is_active=False, anonymised_at__isnull=True)

    def describe(self, record: PoolMember, due_on: dt.date) -> Item:
        return Item(
            label=record.name,
            due_on=due_on,
            reason=_("Not active; last changed on %(date)s.")
            % {"date": _day(timezone.localdate(record.updated_at))},
            url=reverse("pool:member-detail", kwargs={"member_id": record.pk}),
        )

    def apply(
        self, office: Office, *, until: dt.date, now: dt.datetime, run: RetentionRun
    ) -> dict[str, int]:
        count = 0
        # The row stays: staffing rows point at it (PROTECT) and the events figures count them.
        # QuerySet.update() leaves `updated_at` alone, so the reference day does not move.
        for ids in subjects.batches(self.selection(office, until=until)):
            PoolMember.languages.through.objects.filter(poolmember_id__in=ids).delete()
            Staffing.objects.filter(member_id__in=ids).update(note="")
            count += PoolMember.objects.filter(pk__in=ids).update(
                name="",
                email="",
                phone="",
                notes="",
                fee_note="",
                availability=[],
                anonymised_at=now,
            )
        return {self.key: count}


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        CounselingRule(),
        RegistrationRule(),
        VolunteersEndedRule(),
        ApplicationsDeclinedRule(),
        RequestsClosedRule(),
        PoolLeftRule(),
    )
}


# --- Preview -------------------------------------------------------------------------------------


@dataclass
class RulePreview:
    rule: str
    label: str
    months: int
    enabled: bool
    description: str
    due_now: int
    due_soon: int
    items: list[Item]
    kept_count: int = 0
    kept: list[Item] = field(default_factory=list)
    #: {count key: number} cleared besides the records (anonymous contacts), in words.
    extra: list[tuple[str, int]] = field(default_factory=list)


def preview(office: Office, *, now: dt.datetime | None = None) -> list[RulePreview]:
    """Per rule: due now, due within PREVIEW_DAYS (the first few listed), kept although due.

    A fixed number of queries per rule, however many records are due.
    """
    today = timezone.localdate(now or timezone.now())
    soon = today + dt.timedelta(days=PREVIEW_DAYS)
    labels = dict(AUTOMATIC_RULES)
    result = []
    with scope(office=[office.pk]):
        for key, (months, enabled) in periods(office).items():
            rule = RULES[key]
            until_now, until_soon = cutoff(today, months), cutoff(soon, months)
            kept_count, kept = rule.kept(
                office, until=until_now, months=months, limit=PREVIEW_ITEMS
            )
            extra = rule.extra_due(office, until=until_now)
            result.append(
                RulePreview(
                    rule=key,
                    label=str(labels[key]),
                    months=months,
                    enabled=enabled,
                    description=retention_text(key, months),
                    due_now=rule.selection(office, until=until_now).count(),
                    due_soon=rule.selection(office, until=until_soon, after=until_now).count(),
                    items=rule.items(office, until=until_soon, months=months, limit=PREVIEW_ITEMS),
                    kept_count=kept_count,
                    kept=kept,
                    extra=[(str(COUNT_LABELS[k]), n) for k, n in extra.items()],
                )
            )
    return result


# --- Runs ----------------------------------------------------------------------------------------


def run_retention(
    office: Office,
    *,
    trigger: str,
    by: User | None = None,
    now: dt.datetime | None = None,
) -> RetentionRun:
    """Apply the office's enabled rules to what is due on `now`'s day, and log the run.

    Each rule commits on its own: one that fails is rolled back and named in the log (the
    exception's class only: its message may quote data), and the others still run.
    """
    if by is not None:
        policy.require(by, "privacy.retention.manage", office)
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts: dict[str, int] = {}
    failed: list[str] = []
    with scope(office=[office.pk]):
        run = RetentionRun.objects.create(
            office=office, trigger=trigger, started_by=by, started_at=now
        )
        for key, (months, enabled) in periods(office).items():
            if not enabled:
                continue
            try:
                with transaction.atomic():
                    counts.update(
                        RULES[key].apply(office, until=cutoff(today, months), now=now, run=run)
                    )
            except Exception as error:  # logged by class; the other rules go on
                failed.append(f"{key}: {type(error).__name__}")
                logger.error(
                    "retention rule %s failed in office %s: %s",
                    key,
                    office.pk,
                    type(error).__name__,
                )
        _finish(run, counts, failed, now)
        audit_record(
            action="privacy.retention.run",
            actor=by,
            office=office,
            obj=run,
            data={
                "trigger": trigger,
                "counts": counts,
                "failed": [f.split(":")[0] for f in failed],
            },
        )
    return run


def _finish(run: RetentionRun, counts: dict[str, int], failed: list[str], now: dt.datetime) -> None:
    run.counts = counts
    run.error = "; ".join(failed)[:200]
    run.finished_at = max(timezone.now(), now)
    run.save(update_fields=["counts", "error", "finished_at"])


def task_results_days() -> int:
    return int(getattr(settings, "LOTSE_TASK_RESULTS_DAYS", 30))


def _database_backends() -> list[str]:
    """Aliases of the configured task backends that keep results in the database."""
    from django_tasks import task_backends

    try:
        from django_tasks_db.backend import DatabaseBackend
    except ImportError:  # pragma: no cover  (the package is a dependency)
        return []
    aliases = getattr(settings, "TASKS", {})
    return [alias for alias in aliases if isinstance(task_backends[alias], DatabaseBackend)]


def prune_task_results(*, now: dt.datetime) -> int:
    """Delete finished task results older than LOTSE_TASK_RESULTS_DAYS: they hold e-mail texts."""
    backends = _database_backends()
    if not backends:
        return 0
    from django_tasks_db.models import DBTaskResult

    old = DBTaskResult.objects.finished().filter(
        backend_name__in=backends,
        finished_at__lt=now - dt.timedelta(days=task_results_days()),
    )
    return old.delete()[0]


def run_installation(
    *, trigger: str, by: User | None = None, now: dt.datetime | None = None
) -> RetentionRun:
    """The installation's own part, logged as a run without an office."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed: list[str] = []
    with scopes_disabled():
        run = RetentionRun.objects.create(
            office=None, trigger=trigger, started_by=by, started_at=now
        )
        # Each part commits on its own, so one that fails leaves the other done.
        parts = (
            ("task-results", lambda: prune_task_results(now=now)),
            ("asked-questions", lambda: prune_questions(now=now)),
        )
        for key, prune in parts:
            try:
                with transaction.atomic():
                    counts[key] = prune()
            except Exception as error:  # logged by class, never its message
                failed.append(f"{key}: {type(error).__name__}")
                logger.error("pruning %s failed: %s", key, type(error).__name__)
        _finish(run, counts, failed, now)
        audit_record(
            action="privacy.retention.run",
            actor=by,
            obj=run,
            data={
                "trigger": trigger,
                "counts": counts,
                "failed": [f.split(":")[0] for f in failed],
            },
        )
    return run


def count_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """A run's counts other than 0 in words, in the order of the rules."""
    order = list(COUNT_LABELS)
    keys = sorted(counts, key=lambda k: order.index(k) if k in order else len(order))
    return [(str(COUNT_LABELS.get(key, key)), counts[key]) for key in keys if counts[key]]


# --- Rules ---------------------------------------------------------------------------------------


def rules_save(*, office: Office, by: User, values: dict[str, tuple[int, bool]]) -> list[str]:
    """Store the office's periods; returns the rules that changed (audited by key)."""
    policy.require(by, "privacy.retention.manage", office)
    with transaction.atomic():
        current = periods(office)
        rows = {row.rule: row for row in RetentionRule.objects.filter(office=office)}
        changed = []
        for key, (months, enabled) in values.items():
            if key not in current or current[key] == (months, enabled):
                continue
            row = rows.get(key) or RetentionRule(office=office, rule=key)
            row.months, row.enabled, row.changed_by = months, enabled, by
            row.full_clean()
            row.save()
            changed.append(key)
        if changed:
            audit_record(
                action="privacy.retention.rules_changed",
                actor=by,
                office=office,
                data={"rules": changed},
            )
    return changed
