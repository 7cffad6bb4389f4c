"""Writing training sessions and attendance: seminars before the first tandem, reflection meetings.

Each service asks the policy, validates, writes in one transaction and leaves an audit entry with
ids and statuses only. A session's places are counted under a row lock, so two coordinators
registering at once cannot overbook it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Office, User
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)

SESSION_FIELDS = ("kind", "module", "title", "starts_at", "ends_at", "place", "capacity")
ACTION = "sponsorship.training.manage"


def places_taken(session: TrainingSession) -> int:
    """Attendances that hold a place: a volunteer marked absent (excused) frees theirs."""
    return (
        Attendance.objects.filter(session=session).exclude(status=AttendanceStatus.ABSENT).count()
    )


def _check_office(office: Office, session: TrainingSession | None, volunteer: Any = None) -> None:
    if session is not None and session.office_id != office.pk:
        raise ValidationError(_("This session belongs to another office."))
    if volunteer is not None and volunteer.office_id != office.pk:
        raise ValidationError(_("This volunteer belongs to another office."))


def _locked(session: TrainingSession) -> TrainingSession:
    """The session row, locked until the transaction ends, with its current values."""
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_save(
    *, office: Office, by: User, session: TrainingSession | None = None, **fields: Any
) -> TrainingSession:
    """Create a session (no `session`) or change one; the model checks dates and module."""
    policy.require(by, ACTION, office)
    _check_office(office, session)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    creating = session is None
    session = TrainingSession(office=office) if creating else _locked(session)
    before = {name: getattr(session, name) for name in fields}
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    if not creating:
        taken = places_taken(session)
        if session.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s volunteers are registered: the session needs at least as many"
                        " places."
                    )
                    % {"count": taken}
                }
            )
    session.save()
    if creating:
        audit_record(
            action="sponsorship.training.session_created", actor=by, office=office, obj=session
        )
    else:
        changed = changed_fields(before, {name: getattr(session, name) for name in fields})
        if changed:
            audit_record(
                action="sponsorship.training.session_updated",
                actor=by,
                office=office,
                obj=session,
                data={"fields": changed},
            )
    return session


@transaction.atomic
def session_cancel(*, office: Office, by: User, session: TrainingSession) -> TrainingSession:
    """Call a session off; its attendances stay, but nobody can be registered any more."""
    policy.require(by, ACTION, office)
    _check_office(office, session)
    session = _locked(session)
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    if session.ends_at <= timezone.now():
        raise ValidationError(_("A session that is over cannot be cancelled."))
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    audit_record(
        action="sponsorship.training.session_cancelled",
        actor=by,
        office=office,
        obj=session,
        data={"attendances": session.attendances.count()},
    )
    return session


def _check_free_place(session: TrainingSession) -> None:
    if places_taken(session) >= session.capacity:
        raise ValidationError(
            _("This session is full: all %(capacity)s places are taken.")
            % {"capacity": session.capacity}
        )


@transaction.atomic
def attendance_register(
    *, office: Office, by: User, session: TrainingSession, volunteer: Volunteer
) -> Attendance:
    """Register a volunteer for a session, while places are free."""
    policy.require(by, ACTION, office)
    _check_office(office, session, volunteer)
    session = _locked(session)
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if volunteer.status == VolunteerStatus.ENDED:
        raise ValidationError(_("This volunteer has ended their engagement."))
    if Attendance.objects.filter(session=session, volunteer=volunteer).exists():
        raise ValidationError(
            _("%(name)s is already registered for this session.") % {"name": volunteer}
        )
    _check_free_place(session)
    attendance = Attendance(session=session, volunteer=volunteer)
    attendance.full_clean(validate_unique=False)
    attendance.save()
    audit_record(
        action="sponsorship.training.attendance_registered",
        actor=by,
        office=office,
        obj=session,
        data={"volunteer": volunteer.pk},
    )
    return attendance


@transaction.atomic
def attendance_set(
    *,
    office: Office,
    by: User,
    session: TrainingSession,
    volunteer: Volunteer,
    status: str,
    now: dt.datetime | None = None,
) -> Attendance:
    """Record whether a registered volunteer came; "attended" only once the session began."""
    policy.require(by, ACTION, office)
    _check_office(office, session, volunteer)
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": _("Unknown attendance status.")})
    session = _locked(session)
    attendance = (
        Attendance.objects.select_for_update().filter(session=session, volunteer=volunteer).first()
    )
    if attendance is None:
        raise ValidationError(
            _("%(name)s is not registered for this session.") % {"name": volunteer}
        )
    if attendance.status == status:
        return attendance
    now = now or timezone.now()
    if status == AttendanceStatus.ATTENDED:
        if session.is_cancelled:
            raise ValidationError(_("This session is cancelled."))
        if session.starts_at > now:
            raise ValidationError(
                {"status": _("Attendance can be recorded once the session has started.")}
            )
    if attendance.status == AttendanceStatus.ABSENT:
        # Coming back from "absent" takes a place again.
        if session.is_cancelled:
            raise ValidationError(_("This session is cancelled."))
        _check_free_place(session)
    previous = attendance.status
    attendance.status = status
    attendance.save(update_fields=["status"])
    audit_record(
        action="sponsorship.training.attendance_changed",
        actor=by,
        office=office,
        obj=session,
        data={"volunteer": volunteer.pk, "from": previous, "to": status},
    )
    return attendance
