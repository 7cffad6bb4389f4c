"""Reading what the matching page and the tandem pages show: proposals, tandems and their alerts.

Each function asks the policy first; another office's proposal or tandem is not found (404).
Queries are bounded whatever the numbers: related rows come with select_related/prefetch, and the
names of languages with one query per page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core import policy
from lotse.core.models import Language, Office, User
from lotse.sponsorship import matching, selectors_training
from lotse.sponsorship.models import (
    Offer,
    Preference,
    ProgramSettings,
    Proposal,
    ProposalStatus,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)

#: A tandem without contact for this many days is flagged on the list. One value for every office
#: for now; a per-office setting needs a model field (reported to the lead).
NO_CONTACT_ALERT_DAYS = 42

#: The engine's reasons (matching.MESSAGES), marked here so makemessages finds them; the keys and
#: English texts must stay equal to the engine's (a test compares them).
REASON_MESSAGES = {
    "speaks": _("Speaks {languages}"),
    "interpreter": _("No shared language: works with an interpreter"),
    "covers_needs": _("Covers {covered} of {total} needs"),
    "same_district": _("Same district"),
    "other_district": _("Other district ({district}), distance {distance}"),
    "shared_interests": _("Shared interests: {interests}"),
    "waiting": _("Waiting {days} days"),
    "prefers_kind": _("Prefers to accompany: {kind}"),
    "no_preference": _("Open to every kind of request"),
    "prefers_other": _("Prefers {preferred} rather than {kind}"),
    "no_language": _("No shared language and no interpreter"),
    "no_common_time": _("No common time"),
    "no_capacity": _("No free capacity"),
    "no_safeguarding": _("Children in the family: extended certificate of conduct missing"),
    "gender_preference": _("Gender preference: {gender}"),
    "rejected": _("Rejected before"),
}
GENDER_LABELS = dict(Volunteer._meta.get_field("gender").choices)


# --- Who may be matched ---------------------------------------------------------------------------


def matchable_volunteers(office: Office) -> QuerySet[Volunteer]:
    """Active, qualified volunteers with `active_tandems` counted and their languages fetched."""
    return (
        Volunteer.objects.filter(
            office=office,
            status=VolunteerStatus.ACTIVE,
            pk__in=selectors_training.qualified_volunteer_ids(office),
        )
        .annotate(active_tandems=Count("tandems", filter=Q(tandems__status=TandemStatus.ACTIVE)))
        .prefetch_related(
            Prefetch("languages", queryset=VolunteerLanguage.objects.order_by("language_id"))
        )
        .order_by("pk")
    )


def waiting_requests(office: Office) -> QuerySet[SponsorshipRequest]:
    return SponsorshipRequest.objects.filter(office=office, status=RequestStatus.WAITING).order_by(
        "pk"
    )


def rejected_pairs(office: Office) -> set[tuple[int, int]]:
    return set(
        Proposal.objects.filter(office=office, status=ProposalStatus.REJECTED).values_list(
            "request_id", "volunteer_id"
        )
    )


# --- The matching page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchingCounts:
    waiting: int
    available: int
    proposed: int


def matching_counts(*, user: User, office: Office) -> MatchingCounts:
    policy.require(user, "sponsorship.match.run", office)
    volunteers = matchable_volunteers(office).prefetch_related(None)
    available = sum(1 for v in volunteers.values("max_tandems", "active_tandems") if _free(v) > 0)
    return MatchingCounts(
        waiting=waiting_requests(office).count(),
        available=available,
        proposed=Proposal.objects.filter(office=office, status=ProposalStatus.PROPOSED).count(),
    )


def _free(row: dict[str, Any]) -> int:
    return row["max_tandems"] - row["active_tandems"]


def open_proposals(*, user: User, office: Office) -> QuerySet[Proposal]:
    """The undecided proposals, best first, with both sides."""
    policy.require(user, "sponsorship.match.run", office)
    languages = VolunteerLanguage.objects.select_related("language").order_by("-level")
    return (
        Proposal.objects.filter(office=office, status=ProposalStatus.PROPOSED)
        .select_related("request__person", "volunteer")
        .prefetch_related(Prefetch("volunteer__languages", queryset=languages))
        .order_by("-score", "id")
    )


def proposal_get(*, user: User, office: Office, proposal_id: int) -> Proposal:
    policy.require(user, "sponsorship.match.run", office)
    proposal = (
        Proposal.objects.filter(office=office, pk=proposal_id)
        .select_related("request__person", "volunteer")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def language_names(codes: Any) -> dict[str, str]:
    """Names in the active language for the given codes: one query for a whole page."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    return {language.code: language.name for language in Language.objects.filter(code__in=wanted)}


def reason_text(reason: dict[str, Any], names: dict[str, str]) -> str:
    """One stored reason in the active language, codes replaced by names."""
    key = reason.get("key", "")
    params = dict(reason.get("params") or {})
    if key not in REASON_MESSAGES:
        return key
    kinds = dict(Preference.choices)
    if "languages" in params:
        params["languages"] = ", ".join(
            names.get(code.strip(), code.strip()) for code in str(params["languages"]).split(",")
        )
    if "kind" in params:
        params["kind"] = str(kinds.get(params["kind"], params["kind"]))
    if "preferred" in params:
        params["preferred"] = ", ".join(
            str(kinds.get(code.strip(), code.strip()))
            for code in str(params["preferred"]).split(",")
        )
    if "gender" in params:
        params["gender"] = str(GENDER_LABELS.get(params["gender"], params["gender"]))
    try:
        return str(REASON_MESSAGES[key]).format(**params)
    except (KeyError, IndexError, ValueError):
        # A stored reason from an older engine version: show the key rather than fail the page.
        return key


def reason_codes(reasons: list[dict[str, Any]]) -> set[str]:
    codes: set[str] = set()
    for reason in reasons:
        value = (reason.get("params") or {}).get("languages")
        if value:
            codes.update(code.strip() for code in str(value).split(","))
    return codes


def offer_labels(values: Any) -> list[str]:
    labels = dict(Offer.choices)
    return [str(labels[value]) for value in values or [] if value in labels]


def waiting_days(request: SponsorshipRequest, today: dt.date | None = None) -> int:
    since = request.waiting_since or request.created_at
    return max(((today or timezone.localdate()) - timezone.localdate(since)).days, 0)


def program_settings(office: Office) -> ProgramSettings:
    """The office's settings, or the defaults (unsaved) when it has never changed them."""
    return ProgramSettings.objects.filter(office=office).first() or ProgramSettings(office=office)


def weights_of(settings: ProgramSettings) -> matching.Weights:
    return matching.Weights(
        needs=settings.weight_needs,
        language=settings.weight_language,
        distance=settings.weight_distance,
        interests=settings.weight_interests,
        waiting=settings.weight_waiting,
        preference=settings.weight_preference,
    )


# --- Tandems --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TandemAlerts:
    check_in_due_on: dt.date
    check_in_overdue: bool
    #: Days since the last contact (or the start) when that exceeds NO_CONTACT_ALERT_DAYS.
    no_contact_days: int | None

    @property
    def any(self) -> bool:
        return self.check_in_overdue or self.no_contact_days is not None


def alerts_for(
    *,
    started_on: dt.date,
    last_check_in: dt.date | None,
    last_contact_on: dt.date | None,
    every_days: int,
    today: dt.date | None = None,
    no_contact_after: int = NO_CONTACT_ALERT_DAYS,
) -> TandemAlerts:
    today = today or timezone.localdate()
    due_on = (last_check_in or started_on) + dt.timedelta(days=every_days)
    since_contact = (today - (last_contact_on or started_on)).days
    return TandemAlerts(
        check_in_due_on=due_on,
        check_in_overdue=due_on < today,
        no_contact_days=since_contact if since_contact > no_contact_after else None,
    )


ALERT_FILTERS = ("check_in", "no_contact")


def _tandem_base(user: User, office: Office) -> QuerySet[Tandem]:
    policy.require(user, "sponsorship.tandem.manage", office)
    return Tandem.objects.filter(office=office)


def active_tandems(
    *, user: User, office: Office, alert: str = ""
) -> list[tuple[int, TandemAlerts]]:
    """Ids and alerts of the office's active tandems, those needing attention first.

    The alerts compare a per-row interval with today, which SQL dialects write differently; so
    one narrow query reads the few columns of every active tandem and Python orders them. The
    page then loads its rows with `tandems_by_id`.
    """
    rows = (
        _tandem_base(user, office)
        .filter(status=TandemStatus.ACTIVE)
        .annotate(last_check_in=Max("check_ins__on"))
        .values_list("pk", "started_on", "last_check_in", "last_contact_on", "check_in_every_days")
    )
    today = timezone.localdate()
    no_contact_after = program_settings(office).no_contact_alert_days
    found = []
    for pk, started_on, last_check_in, last_contact_on, every in rows:
        alerts = alerts_for(
            started_on=started_on,
            last_check_in=last_check_in,
            last_contact_on=last_contact_on,
            every_days=every,
            today=today,
            no_contact_after=no_contact_after,
        )
        if alert == "check_in" and not alerts.check_in_overdue:
            continue
        if alert == "no_contact" and alerts.no_contact_days is None:
            continue
        found.append((pk, alerts))
    found.sort(key=lambda item: (not item[1].any, item[1].check_in_due_on, item[0]))
    return found


def tandems_by_id(*, user: User, office: Office, ids: list[int]) -> dict[int, Tandem]:
    found = (
        _tandem_base(user, office).filter(pk__in=ids).select_related("request__person", "volunteer")
    )
    return {tandem.pk: tandem for tandem in found}


def tandem_get(*, user: User, office: Office, tandem_id: int) -> Tandem:
    languages = VolunteerLanguage.objects.select_related("language").order_by("-level")
    tandem = (
        _tandem_base(user, office)
        .filter(pk=tandem_id)
        .select_related("request__person", "volunteer")
        .prefetch_related(
            Prefetch("volunteer__languages", queryset=languages),
            "check_ins__recorded_by",
        )
        .annotate(last_check_in=Max("check_ins__on"))
        .first()
    )
    if tandem is None:
        raise Http404
    return tandem
