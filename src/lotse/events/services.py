"""Writes of the events app: registrations, the waiting list, check-in, events and programs.

Capacity is exact under concurrency: every change to who holds a place locks the event's row
first (`_locked`), counts, and decides within that lock. On PostgreSQL simultaneous
registrations queue on the lock; SQLite writes one transaction at a time anyway. Locks on
several events (a series) are taken in id order, so two series bookings cannot deadlock.

E-mails leave after the transaction commits (core.mail), in the participant's language.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from lotse.core import scheduling
from lotse.core.audit import audit_record, changed_fields
from lotse.core.mail import queue_templated_email
from lotse.core.models import Language, Office, TargetGroup, User
from lotse.directory.services import save_text_row
from lotse.events import calendar, links
from lotse.events.models import (
    HOLDS_PLACE,
    LIVE,
    Event,
    EventStatus,
    EventTranslation,
    Feedback,
    Program,
    ProgramTranslation,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Staffing,
)
from lotse.pool.models import PoolMember, PoolRole

#: Reminders go out this long before an event starts.
REMINDER_AHEAD = dt.timedelta(days=1)
#: Feedback is asked for this long after an event ends.
FEEDBACK_AFTER = dt.timedelta(hours=2)
#: Attendance (check-in, walk-ins at the door) opens this long before the start.
ATTENDANCE_OPENS = dt.timedelta(hours=12)


def _save(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def _locked(event_ids: Iterable[int]) -> list[Event]:
    """Lock the events' rows (in id order) for the rest of the transaction."""
    ids = sorted(set(event_ids))
    with scopes_disabled():
        events = list(
            Event.objects.select_for_update(of=("self",))
            .select_related("program", "office")
            .filter(pk__in=ids)
            .order_by("pk")
        )
    if len(events) != len(ids):
        raise Event.DoesNotExist
    return events


def places_taken(event: Event) -> int:
    with scopes_disabled():
        return Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count()


# --- E-mails ------------------------------------------------------------------------------------


def _ics_attachment(events: Sequence[Event], language: str) -> list[list[str]]:
    content = calendar.ics(events, base_url=settings.LOTSE_BASE_URL, language=language)
    return [["event.ics", content, "text/calendar"]]


def _mail(registration: Registration, template: str, **context: Any) -> None:
    """One e-mail to a participant (those who gave only a phone number are called instead).

    Rendered after the transaction commits, so the event's row lock is not held while the text
    and the calendar file are built (that doubled a registration's time under load).
    """
    if not registration.email:
        return
    transaction.on_commit(partial(_mail_now, registration, template, **context))


def _mail_now(registration: Registration, template: str, **context: Any) -> None:
    events = context.pop("events", None) or [registration.event]
    page = "my-feedback" if template == "feedback" else "my"
    link = settings.LOTSE_BASE_URL + links.personal_path(registration, page=page)
    queue_templated_email(
        template=f"events/email/{template}",
        context={"registration": registration, "event": registration.event, "events": events,
                 "link": link, "office": registration.office, **context},
        to=[registration.email],
        language=registration.language,
        attachments=_ics_attachment(events, registration.language)
        if template in WITH_CALENDAR_FILE
        else None,
    )  # fmt: skip


#: The messages about a date carry a calendar file.
WITH_CALENDAR_FILE = frozenset(
    {"confirmed", "waiting", "promoted", "reminder", "event_cancelled", "series_confirmed"}
)


# --- Registering --------------------------------------------------------------------------------


def _check_open(event: Event, *, source: str, now: dt.datetime) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event has been cancelled."))
    if source == RegistrationSource.PORTAL and not event.registration_open(now):
        raise ValidationError(_("Registration for this event is closed."))
    if source != RegistrationSource.PORTAL and event.status == EventStatus.DRAFT:
        raise ValidationError(_("Publish the event before registering people."))


def _add(
    event: Event,
    *,
    fields: dict[str, Any],
    source: str,
    now: dt.datetime,
    admit_over_capacity: bool,
    series_key: uuid.UUID | None,
) -> Registration:
    """Create one registration in a locked event: a place if there is one, else the waiting list."""
    email = (fields.get("email") or "").strip().lower()
    with scopes_disabled():
        if (
            email
            and Registration.objects.filter(event=event, email=email, status__in=LIVE).exists()
        ):
            raise ValidationError(
                {"email": _("This e-mail address is registered for this event already.")}
            )
        taken = Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count()
    if source == RegistrationSource.DOOR and event.starts_at - now > ATTENDANCE_OPENS:
        raise ValidationError(_("Attendance can be recorded on the day of the event."))
    if event.capacity is None or taken < event.capacity or admit_over_capacity:
        status, waiting_since = RegistrationStatus.REGISTERED, None
    elif source == RegistrationSource.DOOR:
        # Nobody waits at the door: staff admit over capacity on purpose, or turn them away.
        raise ValidationError(_("This event is full."))
    elif event.waiting_list:
        status, waiting_since = RegistrationStatus.WAITING, now
    else:
        raise ValidationError(_("This event is full."))
    registration = Registration(
        event=event,
        office=event.office,
        status=status,
        waiting_since=waiting_since,
        source=source,
        series_key=series_key,
        created_at=now,
        **{**fields, "email": email},
    )
    if source == RegistrationSource.DOOR:
        registration.status = RegistrationStatus.ATTENDED
        registration.checked_in_at = now
    # The checks above stand for the unique constraints (under the lock), so full_clean need
    # not query them again; the index still refuses a duplicate that slipped past.
    registration.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # The partial unique index saw a registration the check above could not (a race on
        # the same e-mail in another event transaction cannot happen under the lock, but a
        # direct insert elsewhere could): answer as for a duplicate.
        raise ValidationError(
            {"email": _("This e-mail address is registered for this event already.")}
        ) from None
    return registration


PERSON_FIELDS = (
    "name",
    "email",
    "phone",
    "language",
    "interpreting_into",
    "childcare",
    "accessibility_needs",
    "target_group",
    "country_of_origin",
    "consent_at",
)


def _person_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown registration fields {sorted(unknown)}")
    if not (fields.get("name") or "").strip():
        raise ValidationError({"name": _("Please give a name.")})
    language = fields.get("language") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    return {**fields, "name": fields["name"].strip(), "language": language}


def _require_contact(fields: dict[str, Any], source: str) -> None:
    """People registering themselves leave a way to reach them (not everyone has e-mail)."""
    if source != RegistrationSource.PORTAL:
        return
    if not ((fields.get("email") or "").strip() or (fields.get("phone") or "").strip()):
        raise ValidationError({"email": _("Give an e-mail address or a phone number.")})
    if not fields.get("consent_at"):
        raise ValidationError(_("Please agree to the data processing to register."))


def register(
    *,
    event: Event,
    source: str = RegistrationSource.PORTAL,
    by: User | None = None,
    admit_over_capacity: bool = False,
    now: dt.datetime | None = None,
    **fields: Any,
) -> Registration:
    """Register one person for one event: a place, or the waiting list when it is full.

    Portal registrations need contact (e-mail or phone) and consent, which the form checks;
    staff may register walk-ins with a name only, and admit over capacity on purpose.
    """
    now = now or timezone.now()
    fields = _person_fields(fields)
    _require_contact(fields, source)
    with transaction.atomic():
        (event,) = _locked([event.pk])
        _check_open(event, source=source, now=now)
        registration = _add(
            event, fields=fields, source=source, now=now,
            admit_over_capacity=admit_over_capacity, series_key=None,
        )  # fmt: skip
        if by is not None:
            audit_record(
                action="events.registration.created", actor=by, office=event.office,
                obj=registration, data={"source": source, "status": registration.status},
            )  # fmt: skip
        if source != RegistrationSource.DOOR:
            _mail(
                registration,
                "confirmed" if registration.status == RegistrationStatus.REGISTERED else "waiting",
            )
    return registration


def register_series(
    *,
    program: Program,
    events: Sequence[Event],
    source: str = RegistrationSource.PORTAL,
    by: User | None = None,
    now: dt.datetime | None = None,
    **fields: Any,
) -> list[Registration]:
    """Book several modules of a series at once (all or nothing), sharing one personal link.

    Each module gets a place or a waiting-list entry of its own; one e-mail lists them all.
    """
    now = now or timezone.now()
    fields = _person_fields(fields)
    _require_contact(fields, source)
    if not program.is_series:
        raise ValidationError(_("Only a workshop series can be booked as a whole."))
    if not events:
        raise ValidationError(_("Choose at least one module."))
    if any(event.program_id != program.pk for event in events):
        raise ValidationError(_("These modules do not belong to this series."))
    key = uuid.uuid4()
    with transaction.atomic():
        locked = _locked(event.pk for event in events)
        for event in locked:
            _check_open(event, source=source, now=now)
        registrations = [
            _add(event, fields=fields, source=source, now=now, admit_over_capacity=False,
                 series_key=key)
            for event in sorted(locked, key=lambda e: (e.starts_at, e.pk))
        ]  # fmt: skip
        if by is not None:
            audit_record(
                action="events.registration.series_created", actor=by, office=program.office,
                obj=program, data={"modules": len(registrations)},
            )  # fmt: skip
        _mail(registrations[0], "series_confirmed", registrations=registrations,
              events=[r.event for r in registrations])  # fmt: skip
    return registrations


def _promote(event: Event, now: dt.datetime) -> list[Registration]:
    """Move people up from the waiting list while the locked event has free places."""
    if event.capacity is None and not event.waiting_list:
        return []
    with scopes_disabled():
        taken = Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count()
        free = None if event.capacity is None else max(event.capacity - taken, 0)
        waiting = Registration.objects.filter(
            event=event, status=RegistrationStatus.WAITING
        ).order_by("waiting_since", "id")
        moved = list(waiting if free is None else waiting[:free])
    for registration in moved:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _mail(registration, "promoted")
    return moved


def cancel_registration(
    *, registration: Registration, by: User | None = None, now: dt.datetime | None = None
) -> list[Registration]:
    """Cancel one registration; the next people on the waiting list move up and are told.

    Returns those who moved up. Cancelling twice changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        (event,) = _locked([registration.event_id])
        with scopes_disabled():
            registration = Registration.objects.select_for_update(of=("self",)).get(
                pk=registration.pk
            )
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        if registration.status in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
            raise ValidationError(_("This registration can no longer be cancelled."))
        if by is None and event.starts_at <= now:
            raise ValidationError(
                _("The event has begun; your registration can no longer be cancelled here.")
            )
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        audit_record(
            action="events.registration.cancelled", actor=by, office=event.office,
            obj=registration, data={"by_participant": by is None},
        )  # fmt: skip
        _mail(registration, "cancelled")
        promoted = _promote(event, now) if event.starts_at > now else []
    return promoted


def set_attendance(
    *, registration: Registration, by: User, status: str, now: dt.datetime | None = None
) -> Registration:
    """Check a person in at the door (attended), mark them absent, or undo either."""
    allowed = {
        RegistrationStatus.ATTENDED,
        RegistrationStatus.NO_SHOW,
        RegistrationStatus.REGISTERED,
    }
    if status not in allowed:
        raise ValidationError(_("Choose attended, did not come, or registered."))
    now = now or timezone.now()
    with transaction.atomic():
        (event,) = _locked([registration.event_id])
        with scopes_disabled():
            registration = Registration.objects.select_for_update(of=("self",)).get(
                pk=registration.pk
            )
        if registration.status not in HOLDS_PLACE:
            raise ValidationError(
                _("Only people with a place can be checked in; move them up first.")
            )
        if status != RegistrationStatus.REGISTERED and event.starts_at - now > ATTENDANCE_OPENS:
            raise ValidationError(_("Attendance can be recorded on the day of the event."))
        registration.status = status
        registration.checked_in_at = now if status == RegistrationStatus.ATTENDED else None
        registration.save(update_fields=["status", "checked_in_at"])
    return registration


def admit_from_waiting_list(*, registration: Registration, by: User) -> Registration:
    """Give a waiting person a place now, even beyond capacity (a staff decision)."""
    now = timezone.now()
    with transaction.atomic():
        _locked([registration.event_id])
        with scopes_disabled():
            registration = Registration.objects.select_for_update(of=("self",)).get(
                pk=registration.pk
            )
        if registration.status != RegistrationStatus.WAITING:
            raise ValidationError(_("This person is not on the waiting list."))
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit_record(
            action="events.registration.admitted", actor=by, office=registration.office,
            obj=registration,
        )  # fmt: skip
        _mail(registration, "promoted")
    return registration


def mark_absent_rest(*, event: Event, by: User, now: dt.datetime | None = None) -> int:
    """After the event: everyone still 'registered' did not come."""
    now = now or timezone.now()
    if event.starts_at > now:
        raise ValidationError(_("The event has not begun yet."))
    with transaction.atomic():
        _locked([event.pk])
        with scopes_disabled():
            count = Registration.objects.filter(
                event=event, status=RegistrationStatus.REGISTERED
            ).update(status=RegistrationStatus.NO_SHOW)
        audit_record(
            action="events.attendance.closed", actor=by, office=event.office, obj=event,
            data={"no_shows": count},
        )  # fmt: skip
    return count


# --- Events and programs ------------------------------------------------------------------------

EVENT_FIELDS = (
    "program",
    "module_number",
    "starts_at",
    "ends_at",
    "time_zone",
    "location",
    "address",
    "online_url",
    "language",
    "capacity",
    "waiting_list",
    "registration_opens_at",
    "registration_closes_at",
)


def _schedule_messages(event: Event) -> None:
    """Queue the reminder and the feedback request for the event's current times."""
    from lotse.events import tasks

    if event.status != EventStatus.PUBLISHED or event.reminder_scheduled_for == event.starts_at:
        return
    scheduling.enqueue_at(
        tasks.send_reminders, max(event.starts_at - REMINDER_AHEAD, timezone.now()),
        event_id=event.pk, starts_at=event.starts_at.isoformat(),
    )  # fmt: skip
    scheduling.enqueue_at(
        tasks.send_feedback_requests, event.ends_at + FEEDBACK_AFTER,
        event_id=event.pk, ends_at=event.ends_at.isoformat(),
    )  # fmt: skip
    Event.objects.filter(pk=event.pk).update(reminder_scheduled_for=event.starts_at)
    event.reminder_scheduled_for = event.starts_at


@transaction.atomic
def event_save(
    *,
    office: Office,
    by: User,
    event: Event | None = None,
    texts: dict[str, str] | None = None,
    interpretation: Iterable[Language] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    partners: Iterable[Any] | None = None,
    **fields: Any,
) -> Event:
    """Create or change an event; German texts (title, summary, description, cost) with it.

    More places move people up from the waiting list; a new start queues a new reminder.
    """
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields {sorted(unknown)}")
    program = fields.get("program") or (event.program if event else None)
    if program is None or program.office_id != office.pk:
        raise ValidationError({"program": _("Choose a program of your office.")})
    if event is not None and event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    creating = event is None
    if creating:
        event = Event(office=office, created_by=by)
    else:
        (event,) = _locked([event.pk])
    before = {name: getattr(event, name, None) for name in EVENT_FIELDS if not creating}
    for name, value in fields.items():
        setattr(event, name, value)
    if not program.is_series:
        event.module_number = None
    if not (event.location_id or event.address or event.online_url):
        raise ValidationError(
            {"address": _("Give a place: from the directory, an address or an online link.")}
        )
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    if (
        event.registration_closes_at
        and event.starts_at
        and event.registration_closes_at > event.ends_at
    ):
        raise ValidationError(
            {"registration_closes_at": _("Registration must close before the event ends.")}
        )
    if (
        event.registration_opens_at
        and event.registration_closes_at
        and event.registration_opens_at >= event.registration_closes_at
    ):
        raise ValidationError(
            {"registration_opens_at": _("Registration must open before it closes.")}
        )
    if not creating and event.capacity is not None:
        taken = places_taken(event)
        if event.capacity < taken:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(count)s person holds a place already; cancel the registration "
                        "before lowering the places below that.",
                        "%(count)s people hold a place already; cancel some before lowering "
                        "the places below that.",
                        taken,
                    )
                    % {"count": taken}
                }
            )
    try:
        with transaction.atomic():
            _save(event)
    except IntegrityError:
        raise ValidationError(
            {"module_number": _("This series has a module with this number already.")}
        ) from None
    if interpretation is not None:
        event.interpretation.set(interpretation)
    if target_groups is not None:
        event.target_groups.set(target_groups)
    if partners is not None:
        event.partners.set(partners)
    if texts is not None:
        if not (texts.get("title") or "").strip():
            raise ValidationError({"title": _("Give the event a title.")})
        save_text_row(
            model=EventTranslation, parent="event", obj=event, language="de", texts=texts, by=by
        )
    after = {name: getattr(event, name, None) for name in EVENT_FIELDS}
    audit_record(
        action="events.event.created" if creating else "events.event.changed",
        actor=by, office=office, obj=event,
        data={} if creating else {"fields": changed_fields(before, after)},
    )  # fmt: skip
    if not creating:
        _promote(event, timezone.now())
    _schedule_messages(event)
    return event


@transaction.atomic
def event_text_save(
    *, office: Office, by: User, event: Event, language: str, texts: dict[str, str]
) -> EventTranslation:
    if event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    row, changed = save_text_row(
        model=EventTranslation, parent="event", obj=event, language=language, texts=texts, by=by
    )
    if changed:
        audit_record(
            action="events.event.translation_saved", actor=by, office=office, obj=event,
            data={"language": language, "version": row.version},
        )  # fmt: skip
    return row


@transaction.atomic
def event_publish(*, office: Office, by: User, event: Event) -> Event:
    (event,) = _locked([event.pk])
    if event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if not event.translations.filter(language="de").exists():
        raise ValidationError(_("Write the German title first."))
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit_record(action="events.event.published", actor=by, office=office, obj=event)
    _schedule_messages(event)
    return event


@transaction.atomic
def event_cancel(*, office: Office, by: User, event: Event, note: str) -> int:
    """Cancel the event; everyone registered or waiting is told. Returns how many were told."""
    (event,) = _locked([event.pk])
    if event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event is cancelled already."))
    now = timezone.now()
    event.status = EventStatus.CANCELLED
    event.cancelled_at = now
    event.cancellation_note = note.strip()
    event.save(update_fields=["status", "cancelled_at", "cancellation_note", "updated_at"])
    with scopes_disabled():
        live = list(
            Registration.objects.filter(
                event=event,
                status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
            ).select_related("office", "event")
        )
    for registration in live:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        _mail(registration, "event_cancelled", note=event.cancellation_note)
    Registration.objects.bulk_update(live, ["status", "cancelled_at"])
    audit_record(
        action="events.event.cancelled", actor=by, office=office, obj=event,
        data={"told": len(live)},
    )  # fmt: skip
    return len(live)


@transaction.atomic
def event_copy(*, office: Office, by: User, event: Event, starts_at: dt.datetime) -> Event:
    """A draft copy at a new start (same length, texts, languages, staffing roles, partners)."""
    if event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a start in the future.")})
    shift = starts_at - event.starts_at
    copy = Event(
        program=event.program,
        office=office,
        module_number=None,
        starts_at=starts_at,
        ends_at=event.ends_at + shift,
        time_zone=event.time_zone,
        location=event.location,
        address=event.address,
        online_url=event.online_url,
        language=event.language,
        capacity=event.capacity,
        waiting_list=event.waiting_list,
        registration_opens_at=None,
        registration_closes_at=(
            event.registration_closes_at + shift if event.registration_closes_at else None
        ),
        copied_from=event,
        created_by=by,
    )
    _save(copy)
    copy.interpretation.set(event.interpretation.all())
    copy.target_groups.set(event.target_groups.all())
    copy.partners.set(event.partners.all())
    EventTranslation.objects.bulk_create(
        EventTranslation(
            event=copy, language=row.language, version=row.version,
            source_version=row.source_version, updated_by=by,
            **{name: getattr(row, name) for name in EventTranslation.TEXT_FIELDS},
        )
        for row in event.translations.all()
    )  # fmt: skip
    with scopes_disabled():
        staffing = list(Staffing.objects.filter(event=event))
    Staffing.objects.bulk_create(
        Staffing(event=copy, office=office, role=row.role, language=row.language,
                 member=row.member, note=row.note)
        for row in staffing
    )  # fmt: skip
    audit_record(
        action="events.event.copied", actor=by, office=office, obj=copy,
        data={"from": event.pk},
    )  # fmt: skip
    return copy


@transaction.atomic
def staffing_add(
    *,
    office: Office,
    by: User,
    event: Event,
    role: str,
    member: PoolMember,
    language: Language | None = None,
    note: str = "",
) -> Staffing:
    if event.office_id != office.pk or member.office_id != office.pk:
        raise ValidationError(_("Choose people from your office's pool."))
    if not member.is_active:
        raise ValidationError({"member": _("This person is no longer active in the pool.")})
    if role not in member.roles:
        raise ValidationError(
            {"member": _("%(name)s is not in the pool as %(role)s.")
             % {"name": member.name, "role": PoolRole(role).label}}
        )  # fmt: skip
    if role == PoolRole.INTERPRETER:
        if language is None:
            raise ValidationError({"language": _("Name the language to interpret into.")})
        if not member.languages.filter(pk=language.pk).exists():
            raise ValidationError(
                {"language": _("%(name)s does not speak this language.") % {"name": member.name}}
            )
    else:
        language = None
    staffing = Staffing(
        event=event, office=office, role=role, member=member, language=language, note=note
    )
    try:
        with transaction.atomic():
            _save(staffing)
    except (IntegrityError, ValidationError) as error:
        if isinstance(error, ValidationError) and "__all__" not in getattr(error, "error_dict", {}):
            raise
        raise ValidationError(_("This person has this role at the event already.")) from None
    audit_record(
        action="events.staffing.added", actor=by, office=office, obj=event,
        data={"role": role, "member": member.pk},
    )  # fmt: skip
    return staffing


@transaction.atomic
def staffing_remove(*, office: Office, by: User, staffing: Staffing) -> None:
    if staffing.office_id != office.pk:
        raise ValidationError(_("This role belongs to another office."))
    audit_record(
        action="events.staffing.removed", actor=by, office=office, obj=staffing.event,
        data={"role": staffing.role, "member": staffing.member_id},
    )  # fmt: skip
    staffing.delete()


PROGRAM_FIELDS = (
    "slug",
    "kind",
    "is_series",
    "certificate_min_modules",
    "is_public",
    "is_archived",
)


@transaction.atomic
def program_save(
    *,
    office: Office,
    by: User,
    program: Program | None = None,
    texts: dict[str, str] | None = None,
    **fields: Any,
) -> Program:
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise TypeError(f"unknown program fields {sorted(unknown)}")
    if program is not None and program.office_id != office.pk:
        raise ValidationError(_("This program belongs to another office."))
    creating = program is None
    program = program or Program(office=office)
    for name, value in fields.items():
        setattr(program, name, value)
    if not program.is_series:
        program.certificate_min_modules = None
    with scopes_disabled():  # the web address is unique across offices
        taken = Program.objects.filter(slug=program.slug).exclude(pk=program.pk).exists()
    if taken:
        raise ValidationError({"slug": _("This web address is taken already; choose another.")})
    try:
        with transaction.atomic(), scopes_disabled():
            _save(program)
    except IntegrityError:
        raise ValidationError(
            {"slug": _("This web address is taken already; choose another.")}
        ) from None
    if texts is not None:
        if not (texts.get("title") or "").strip():
            raise ValidationError({"title": _("Give the program a title.")})
        save_text_row(
            model=ProgramTranslation, parent="program", obj=program, language="de",
            texts=texts, by=by,
        )  # fmt: skip
    audit_record(
        action="events.program.created" if creating else "events.program.changed",
        actor=by, office=office, obj=program,
    )  # fmt: skip
    return program


@transaction.atomic
def program_text_save(
    *, office: Office, by: User, program: Program, language: str, texts: dict[str, str]
) -> ProgramTranslation:
    if program.office_id != office.pk:
        raise ValidationError(_("This program belongs to another office."))
    row, _changed = save_text_row(
        model=ProgramTranslation, parent="program", obj=program, language=language,
        texts=texts, by=by,
    )  # fmt: skip
    return row


# --- Messages, reminders, feedback --------------------------------------------------------------


def message_participants(
    *, office: Office, by: User, event: Event, subject: str, body: str, statuses: Sequence[str]
) -> int:
    """One e-mail per participant with the chosen statuses (nobody sees the others' addresses).

    Returns how many were written to; those without e-mail are counted by the page.
    """
    if event.office_id != office.pk:
        raise ValidationError(_("This event belongs to another office."))
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    valid = set(RegistrationStatus.values)
    if not statuses or not set(statuses) <= valid:
        raise ValidationError({"statuses": _("Choose whom to write to.")})
    with scopes_disabled():
        recipients = list(
            Registration.objects.filter(event=event, status__in=statuses)
            .exclude(email="")
            .select_related("event", "office")
        )
    with transaction.atomic():
        for registration in recipients:
            _mail(registration, "message", subject=subject, body=body)
        audit_record(
            action="events.participants.messaged", actor=by, office=office, obj=event,
            data={"count": len(recipients), "statuses": sorted(statuses)},
        )  # fmt: skip
    return len(recipients)


def send_reminders(*, event: Event, now: dt.datetime | None = None) -> int:
    """E-mail a reminder to everyone with a place who was not reminded yet; returns how many.

    Safe to run twice (the scheduled task and the staff button may both run).
    """
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return 0
    with transaction.atomic():
        with scopes_disabled():
            due = list(
                Registration.objects.select_for_update(of=("self",))
                .filter(event=event, status=RegistrationStatus.REGISTERED, reminded_at=None)
                .exclude(email="")  # staff call those who gave only a phone number
                .select_related("event", "office")
            )
        for registration in due:
            registration.reminded_at = now
            _mail(registration, "reminder")
        Registration.objects.bulk_update(due, ["reminded_at"])
    return len(due)


def send_feedback_requests(*, event: Event, now: dt.datetime | None = None) -> int:
    """Ask those who attended for their feedback, once."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED or event.ends_at > now:
        return 0
    with transaction.atomic():
        with scopes_disabled():
            due = list(
                Registration.objects.select_for_update(of=("self",))
                .filter(
                    event=event,
                    status=RegistrationStatus.ATTENDED,
                    feedback_requested_at=None,
                )
                .select_related("event", "office")
            )
        for registration in due:
            registration.feedback_requested_at = now
            _mail(registration, "feedback")
        Registration.objects.bulk_update(due, ["feedback_requested_at"])
    return len(due)


def feedback_submit(
    *, registration: Registration, rating: int, useful: bool | None, comment: str
) -> Feedback:
    """Take one feedback per attended registration; it is stored without the person."""
    with transaction.atomic():
        with scopes_disabled():
            registration = Registration.objects.select_for_update(of=("self",)).get(
                pk=registration.pk
            )
        if registration.status != RegistrationStatus.ATTENDED:
            raise ValidationError(_("Feedback is for people who took part."))
        if registration.feedback_given_at is not None:
            raise ValidationError(_("Thank you, we have your feedback already."))
        feedback = _save(
            Feedback(
                event_id=registration.event_id, office_id=registration.office_id,
                rating=rating, useful=useful, comment=comment.strip(),
            )
        )  # fmt: skip
        Registration.objects.filter(pk=registration.pk).update(feedback_given_at=timezone.now())
    return feedback
