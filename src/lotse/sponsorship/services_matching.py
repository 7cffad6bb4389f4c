"""Matching requests with volunteers, the coordinator's decisions, and the tandems that follow.

`run` feeds the pure engine (`matching.py`) with the office's waiting requests and its active,
qualified volunteers with free capacity, and stores what it proposes. A coordinator then accepts
(a tandem starts, both sides are told by e-mail), rejects (the pair is never proposed again) or
swaps two proposals' volunteers. Tandems record what was agreed, check-ins and how they ended.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.mail import queue_templated_email
from lotse.core.models import Office, User
from lotse.counseling.models import ConsentPurpose
from lotse.counseling.services import active_consent
from lotse.sponsorship import matching
from lotse.sponsorship.models import (
    CheckIn,
    EndReason,
    Mood,
    ProgramSettings,
    Proposal,
    ProposalStatus,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from lotse.sponsorship.selectors_matching import (
    language_names,
    matchable_volunteers,
    offer_labels,
    program_settings,
    reason_text,
    rejected_pairs,
    waiting_days,
    waiting_requests,
    weights_of,
)

TANDEM_FIELDS = ("agreement", "expected_duration", "usual_places", "check_in_every_days")


# --- Rows to the engine's dataclasses -------------------------------------------------------------


def _slots(values: Any) -> frozenset[tuple[str, str]]:
    """ "mon-evening" -> ("mon", "evening"), the engine's slot."""
    found = set()
    for value in values or []:
        day, _sep, part = str(value).partition("-")
        if part:
            found.add((day, part))
    return frozenset(found)


def _interests(text: str) -> frozenset[str]:
    return frozenset(part.strip().casefold() for part in text.split(",") if part.strip())


def engine_request(request: SponsorshipRequest, today: dt.date | None = None) -> matching.Request:
    return matching.Request(
        id=request.pk,
        languages=frozenset(request.languages or []),
        needs=frozenset(request.needs or []),
        district=request.district.strip().casefold(),
        availability=_slots(request.availability),
        has_children=request.has_children,
        gender_preference=request.gender_preference,
        interests=_interests(request.interests),
        waiting_days=waiting_days(request, today),
        kind=request.kind,
    )


def engine_volunteer(volunteer: Volunteer, active_tandems: int) -> matching.Volunteer:
    """`active_tandems` is passed in: the list annotates it, a single decision counts it."""
    return matching.Volunteer(
        id=volunteer.pk,
        languages={row.language_id: row.level for row in volunteer.languages.all()},
        interpreter_ok=volunteer.interpreter_ok,
        offers=frozenset(volunteer.offers or []),
        district=volunteer.district.strip().casefold(),
        availability=_slots(volunteer.availability),
        capacity_free=max(volunteer.max_tandems - active_tandems, 0),
        safeguarding_children=volunteer.safeguarding_for_children(),
        gender=volunteer.gender,
        interests=_interests(volunteer.interests),
        prefers=frozenset(volunteer.prefers or []),
    )


def _reasons(reasons: Any) -> list[dict[str, Any]]:
    return [{"key": reason.key, "params": dict(reason.params)} for reason in reasons]


def _refusal(refused: list[matching.Reason]) -> ValidationError:
    texts = [reason_text({"key": r.key, "params": r.params}, {}) for r in refused]
    return ValidationError(
        _("This pair is not allowed: %(reasons)s.") % {"reasons": "; ".join(texts)}
    )


def _active_count(volunteer: Volunteer) -> int:
    return Tandem.objects.filter(volunteer=volunteer, status=TandemStatus.ACTIVE).count()


def _require_office(office: Office, *objects: Any) -> None:
    if any(obj.office_id != office.pk for obj in objects):
        raise ValidationError(_("This belongs to another office."))


# --- Matching -------------------------------------------------------------------------------------


def run(*, office: Office, by: User, weights: matching.Weights | None = None) -> list[Proposal]:
    """Compute proposals for every waiting request; replaces the undecided ones of the last run.

    Rejected pairs stay excluded for good; accepted proposals became tandems and no longer wait.
    """
    policy.require(by, "sponsorship.match.run", office)
    weights = weights or weights_of(program_settings(office))
    today = timezone.localdate()
    requests = [engine_request(row, today) for row in waiting_requests(office)]
    volunteers = [engine_volunteer(row, row.active_tandems) for row in matchable_volunteers(office)]
    volunteers = [volunteer for volunteer in volunteers if volunteer.capacity_free > 0]
    found = matching.propose(
        requests, volunteers, weights=weights, exclude_pairs=rejected_pairs(office)
    )
    rows = [
        Proposal(
            office=office,
            request_id=found_one.request_id,
            volunteer_id=found_one.volunteer_id,
            score=round(float(found_one.score), 4),
            reasons=_reasons(found_one.reasons),
        )
        for found_one in found
    ]
    with transaction.atomic():
        Proposal.objects.filter(office=office, status=ProposalStatus.PROPOSED).delete()
        Proposal.objects.bulk_create(rows)
        audit_record(
            action="sponsorship.match.run",
            actor=by,
            office=office,
            data={
                "requests": len(requests),
                "volunteers": len(volunteers),
                "proposals": len(rows),
            },
        )
    return rows


def _locked_open(office: Office, proposal: Proposal) -> Proposal:
    _require_office(office, proposal)
    locked = (
        # Lock the proposal row only: PostgreSQL cannot lock the nullable side of a join.
        Proposal.objects.select_for_update(of=("self",))
        .select_related("request__person", "volunteer")
        .get(pk=proposal.pk)
    )
    if locked.status != ProposalStatus.PROPOSED:
        raise ValidationError(_("This proposal was already decided."))
    return locked


def _decide(proposal: Proposal, by: User, status: str) -> None:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    proposal.save(update_fields=["status", "decided_at", "decided_by"])


@transaction.atomic
def accept(*, office: Office, by: User, proposal: Proposal) -> Tandem:
    """Start the tandem; other open proposals of the request (and of a now full volunteer) go."""
    policy.require(by, "sponsorship.match.run", office)
    proposal = _locked_open(office, proposal)
    request, volunteer = proposal.request, proposal.volunteer
    # The world may have changed since the run: check again what the engine checked then.
    # Locked, so two coordinators accepting at once cannot overfill the volunteer's places.
    list(Volunteer.objects.select_for_update().filter(pk=volunteer.pk).values_list("pk"))
    if request.status != RequestStatus.WAITING:
        raise ValidationError(_("This request is no longer waiting for a sponsor."))
    if volunteer.status != VolunteerStatus.ACTIVE:
        raise ValidationError(_("This volunteer is not active."))
    active = _active_count(volunteer)
    ok, refused = matching.allowed(
        engine_request(request), engine_volunteer(volunteer, active), rejected_pairs(office)
    )
    if not ok:
        raise _refusal(refused)
    tandem = Tandem.objects.create(
        office=office,
        request=request,
        volunteer=volunteer,
        person=request.person,
        started_on=timezone.localdate(),
    )
    request.status = RequestStatus.MATCHED
    request.save(update_fields=["status"])
    _decide(proposal, by, ProposalStatus.ACCEPTED)
    others = Proposal.objects.filter(office=office, status=ProposalStatus.PROPOSED)
    others.filter(request=request).delete()
    if active + 1 >= volunteer.max_tandems:
        others.filter(volunteer=volunteer).delete()
    audit_record(
        action="sponsorship.proposal.accepted",
        actor=by,
        office=office,
        obj=proposal,
        data={"tandem": tandem.pk},
    )
    _notify_tandem(office, tandem)
    return tandem


@transaction.atomic
def reject(*, office: Office, by: User, proposal: Proposal) -> Proposal:
    """The pair stays stored as rejected, so no later run proposes it again."""
    policy.require(by, "sponsorship.match.run", office)
    proposal = _locked_open(office, proposal)
    _decide(proposal, by, ProposalStatus.REJECTED)
    audit_record(action="sponsorship.proposal.rejected", actor=by, office=office, obj=proposal)
    return proposal


@transaction.atomic
def swap(*, office: Office, by: User, proposal_a: Proposal, proposal_b: Proposal) -> None:
    """Exchange the volunteers of two open proposals, if both new pairs keep the hard rules."""
    policy.require(by, "sponsorship.match.run", office)
    if proposal_a.pk == proposal_b.pk:
        raise ValidationError(_("Choose two different proposals."))
    a = _locked_open(office, proposal_a)
    b = _locked_open(office, proposal_b)
    if a.volunteer_id == b.volunteer_id:
        raise ValidationError(
            _("Both proposals have the same volunteer: swapping changes nothing.")
        )
    today = timezone.localdate()
    requests = {p.request_id: engine_request(p.request, today) for p in (a, b)}
    volunteers = {
        p.volunteer_id: engine_volunteer(p.volunteer, _active_count(p.volunteer)) for p in (a, b)
    }
    excluded = rejected_pairs(office)
    for request_id, volunteer_id in (
        (a.request_id, b.volunteer_id),
        (b.request_id, a.volunteer_id),
    ):
        ok, refused = matching.allowed(requests[request_id], volunteers[volunteer_id], excluded)
        if not ok:
            raise _refusal(refused)
    current = [matching.Proposal(p.request_id, p.volunteer_id, p.score) for p in (a, b)]
    new = matching.swap(
        current,
        a.request_id,
        b.request_id,
        requests.values(),
        volunteers.values(),
        exclude_pairs=excluded,
    )
    for row, computed in zip((a, b), new, strict=True):
        row.volunteer_id = computed.volunteer_id
        row.score = round(float(computed.score), 4)
        row.reasons = _reasons(computed.reasons)
        row.save(update_fields=["volunteer", "score", "reasons"])
    audit_record(
        action="sponsorship.proposal.swapped",
        actor=by,
        office=office,
        obj=a,
        data={"other": b.pk},
    )


# --- Telling both sides ---------------------------------------------------------------------------


def _newcomer_language(request: SponsorshipRequest) -> str:
    person = request.person
    code = getattr(person, "preferred_language_id", None) if person else None
    offered = {code for code, _name in settings.LANGUAGES}
    return code if code in offered else settings.LANGUAGE_CODE


def _notify_tandem(office: Office, tandem: Tandem) -> None:
    """Tell the volunteer whom they accompany, and the newcomer who accompanies them.

    The volunteer learns the first name, languages and needs, and contact details only with
    the newcomer's consent to e-mail contact; nothing of the counseling record.
    """
    request, volunteer, person = tandem.request, tandem.volunteer, tandem.person
    consented = bool(person and active_consent(person, ConsentPurpose.EMAIL_CONTACT))
    name = person.display_name if person else request.contact_name
    contact: dict[str, str] = {}
    if consented and person is not None:
        contact = {"email": person.email, "phone": person.phone}
    names = language_names(request.languages)
    queue_templated_email(
        template="sponsorship/email/proposal_volunteer",
        context={
            "office": office,
            "volunteer_name": volunteer.first_name,
            "newcomer_name": name,
            "contact": {key: value for key, value in contact.items() if value},
            "languages": [names.get(code, code) for code in request.languages or []],
            "needs": offer_labels(request.needs),
            "district": request.district,
        },
        to=[volunteer.email],
        language=settings.LANGUAGE_CODE,
    )
    if consented and person is not None and person.email:
        queue_templated_email(
            template="sponsorship/email/proposal_newcomer",
            context={
                "office": office,
                "newcomer_name": person.display_name,
                "volunteer_name": volunteer.first_name,
            },
            to=[person.email],
            language=_newcomer_language(request),
        )


# --- Tandems --------------------------------------------------------------------------------------


def _require_active(office: Office, tandem: Tandem) -> None:
    _require_office(office, tandem)
    if tandem.status != TandemStatus.ACTIVE:
        raise ValidationError(_("This tandem has ended."))


def _not_future(value: dt.date | None, field: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: _("This date lies in the future.")})


@transaction.atomic
def tandem_update(*, office: Office, by: User, tandem: Tandem, **fields: Any) -> Tandem:
    """What the pair agreed: the agreement, expected duration, usual places, check-in interval."""
    policy.require(by, "sponsorship.tandem.manage", office)
    _require_active(office, tandem)
    unknown = set(fields) - set(TANDEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tandem fields: {sorted(unknown)}")
    before = {name: getattr(tandem, name) for name in fields}
    for name, value in fields.items():
        setattr(tandem, name, value)
    tandem.full_clean(exclude=["office", "request", "volunteer", "person"])
    tandem.save(update_fields=list(fields))
    changed = changed_fields(before, {name: getattr(tandem, name) for name in fields})
    if changed:
        audit_record(
            action="sponsorship.tandem.updated",
            actor=by,
            office=office,
            obj=tandem,
            data={"fields": changed},
        )
    return tandem


@transaction.atomic
def check_in_record(
    *,
    office: Office,
    by: User,
    tandem: Tandem,
    on: dt.date,
    mood: str,
    had_contact: bool,
    note: str = "",
) -> CheckIn:
    """A coordinator's check-in; contact since the last one moves the tandem's last contact."""
    policy.require(by, "sponsorship.tandem.manage", office)
    _require_active(office, tandem)
    _not_future(on, "on")
    if on < tandem.started_on:
        raise ValidationError({"on": _("A check-in cannot come before the tandem started.")})
    if mood not in Mood.values:
        raise ValidationError({"mood": _("Choose how it goes.")})
    check_in = CheckIn(
        tandem=tandem, on=on, mood=mood, had_contact=had_contact, note=note, recorded_by=by
    )
    check_in.full_clean()
    check_in.save()
    if had_contact and (tandem.last_contact_on is None or on > tandem.last_contact_on):
        tandem.last_contact_on = on
        tandem.save(update_fields=["last_contact_on"])
    audit_record(
        action="sponsorship.tandem.checked_in",
        actor=by,
        office=office,
        obj=tandem,
        data={"check_in": check_in.pk, "mood": mood, "had_contact": had_contact},
    )
    return check_in


@transaction.atomic
def tandem_end(
    *,
    office: Office,
    by: User,
    tandem: Tandem,
    ended_on: dt.date,
    end_reason: str,
    feedback_newcomer: str = "",
    feedback_volunteer: str = "",
) -> Tandem:
    """End the tandem: the request closes and the volunteer's place frees up for the next one."""
    policy.require(by, "sponsorship.tandem.manage", office)
    _require_active(office, tandem)
    if not end_reason:
        raise ValidationError({"end_reason": _("Say why the tandem ended.")})
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Choose one of the offered reasons.")})
    if ended_on is None:
        raise ValidationError({"ended_on": _("Enter the date the tandem ended.")})
    _not_future(ended_on, "ended_on")
    if ended_on < tandem.started_on:
        raise ValidationError({"ended_on": _("A tandem cannot end before it started.")})
    tandem.status = TandemStatus.ENDED
    tandem.ended_on = ended_on
    tandem.end_reason = end_reason
    tandem.feedback_newcomer = feedback_newcomer
    tandem.feedback_volunteer = feedback_volunteer
    tandem.save(
        update_fields=[
            "status",
            "ended_on",
            "end_reason",
            "feedback_newcomer",
            "feedback_volunteer",
        ]
    )
    SponsorshipRequest.objects.filter(pk=tandem.request_id).update(
        status=RequestStatus.CLOSED,
        closed_at=timezone.now(),
        close_reason=str(EndReason(end_reason).label),
    )
    audit_record(
        action="sponsorship.tandem.ended",
        actor=by,
        office=office,
        obj=tandem,
        data={"reason": end_reason},
    )
    return tandem


# --- Program settings and reminders ---------------------------------------------------------------

SETTINGS_FIELDS = (
    "weight_needs",
    "weight_language",
    "weight_distance",
    "weight_interests",
    "weight_waiting",
    "weight_preference",
    "no_contact_alert_days",
    "reminder_after_days",
)


@transaction.atomic
def settings_save(*, office: Office, by: User, **fields: Any) -> ProgramSettings:
    """Change the office's matching weights and tandem thresholds."""
    policy.require(by, "sponsorship.match.run", office)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown settings: {sorted(unknown)}")
    current = program_settings(office)
    before = {name: getattr(current, name) for name in fields}
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    audit_record(
        action="sponsorship.settings.updated",
        actor=by,
        office=office,
        obj=current,
        data={"fields": changed_fields(before, fields)},
    )
    return current


@transaction.atomic
def remind_quiet_volunteers(*, office: Office, by: User) -> int:
    """A friendly e-mail, through the task queue, to each volunteer whose active tandem had no
    recorded contact for the office's `reminder_after_days`, at most once per that period."""
    policy.require(by, "sponsorship.tandem.manage", office)
    days = program_settings(office).reminder_after_days
    today = timezone.localdate()
    limit = today - dt.timedelta(days=days)
    quiet = (
        Tandem.objects.select_for_update(of=("self",))
        .filter(office=office, status=TandemStatus.ACTIVE)
        .filter(
            Q(last_contact_on__lte=limit) | Q(last_contact_on__isnull=True, started_on__lte=limit)
        )
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=limit))
        .select_related("volunteer", "request__person")
    )
    sent = 0
    for tandem in quiet:
        person = tandem.request.person
        queue_templated_email(
            template="sponsorship/email/reminder",
            context={
                "volunteer": tandem.volunteer,
                "name": person.display_name if person else tandem.request.contact_name,
                "office": office,
                "days": (today - (tandem.last_contact_on or tandem.started_on)).days,
            },
            to=[tandem.volunteer.email],
            language=settings.LANGUAGE_CODE,
        )
        tandem.reminded_on = today
        tandem.save(update_fields=["reminded_on"])
        sent += 1
    audit_record(
        action="sponsorship.tandem.reminders_sent", actor=by, office=office, data={"count": sent}
    )
    return sent
