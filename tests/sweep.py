"""The URL sweep: every URL pattern, requested as anonymous, as every role of another office,
and as a logged-in user with no office. Later apps' views fall under it without extra work;
a view whose URL takes an object id needs one line in OBJECT_SAMPLES."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from lotse.core.models import Office, Role, User
from tests.core.factories import MembershipFactory, UserFactory


def _service(office: Office) -> int:
    from lotse.directory.models import ServiceContact
    from tests.directory.factories import make_service

    # The title is public; the internal notes and the contact person are the owner office's.
    service = make_service(title="Sweep service", office=office, internal_notes=MARKER)
    ServiceContact.objects.create(service=service, name=MARKER, email="contact@example.org")
    return service.pk


def _organisation(office: Office) -> int:
    from tests.directory.factories import OrganisationFactory

    return OrganisationFactory(owner_office=office).pk


def _location(office: Office) -> int:
    from tests.directory.factories import LocationFactory, OrganisationFactory

    return LocationFactory(organisation=OrganisationFactory(owner_office=office)).pk


def _page(office: Office) -> int:
    from tests.directory.factories import InfoPageFactory

    return InfoPageFactory(owner_office=office).pk


def _erasure(office: Office) -> str:
    from lotse.privacy.models import ErasureGround, ErasureRecord

    return ErasureRecord.objects.create(
        office=office, ground=ErasureGround.REQUEST, counts={"counseling.person": 1}
    ).reference


def _person(office: Office) -> Any:
    from tests.counseling.factories import make_person

    return make_person(office, display_name=MARKER, full_name=MARKER, email="m@example.org")


def _consent(office: Office) -> int:
    return _person(office).consents.get().pk


def _household_link(office: Office) -> int:
    from lotse.counseling.models import HouseholdLink

    person, relative = _person(office), _person(office)
    return HouseholdLink.objects.create(
        office=office, person=person, relative=relative, relation="spouse"
    ).pk


def _consultation(office: Office) -> Any:
    from tests.counseling.factories import make_consultation

    return make_consultation(_person(office), notes=MARKER, outcome=MARKER)


def _referral(office: Office) -> Any:
    from lotse.counseling.models import Referral
    from tests.directory.factories import make_service

    person = _person(office)
    return Referral.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        service=make_service(title="Referred", office=office),
        reason=MARKER,
    )


def _outcome(office: Office) -> int:
    from lotse.counseling.models import Outcome

    person = _person(office)
    return Outcome.objects.create(
        office=office, person=person, subject=person.subject, kind="job_started", note=MARKER
    ).pk


def _recognition_case(office: Office) -> int:
    from lotse.counseling.models import RecognitionCase

    return RecognitionCase.objects.create(
        office=office, person=_person(office), profession=MARKER
    ).pk


def _follow_up(office: Office) -> int:
    import datetime as dt

    from lotse.counseling.models import FollowUp

    return FollowUp.objects.create(
        office=office, person=_person(office), title=MARKER, due_on=dt.date.today()
    ).pk


def _volunteer(office: Office) -> int:
    from django.utils import timezone

    from lotse.sponsorship.models import Volunteer

    return Volunteer.objects.create(
        office=office,
        first_name=MARKER,
        last_name=MARKER,
        email="v@example.org",
        district="Mitte",
        consent_given_at=timezone.now(),
        coordinator_notes=MARKER,
    ).pk


def _session(office: Office) -> int:
    import datetime as dt

    from django.utils import timezone

    from lotse.sponsorship.models import Attendance, TrainingSession, Volunteer

    start = timezone.now() + dt.timedelta(days=3)
    session = TrainingSession.objects.create(
        office=office,
        kind="seminar",
        module="introduction",
        title=MARKER,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place=MARKER,
    )
    Attendance.objects.create(
        session=session, volunteer=Volunteer.objects.get(pk=_volunteer(office))
    )
    return session.pk


def _request(office: Office) -> Any:
    from lotse.sponsorship.models import SponsorshipRequest

    person = _person(office)
    return SponsorshipRequest.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        source="counselor",
        needs=["authorities"],
        languages=["ar"],
        district=MARKER,
        availability=["mon-morning"],
        note=MARKER,
    )


def _proposal(office: Office) -> int:
    from lotse.sponsorship.models import Proposal, Volunteer

    return Proposal.objects.create(
        office=office,
        request=_request(office),
        volunteer=Volunteer.objects.get(pk=_volunteer(office)),
        score=1.0,
    ).pk


def _tandem(office: Office) -> int:
    from lotse.sponsorship.models import Tandem, Volunteer

    request = _request(office)
    return Tandem.objects.create(
        office=office,
        request=request,
        volunteer=Volunteer.objects.get(pk=_volunteer(office)),
        person=request.person,
        agreement=MARKER,
    ).pk


#: URL kwarg -> a function that creates an object owned by the given office and returns its id.
# Samples for nested URLs (an event's registration, a program's certificate) take `built`, the
# objects made for the same path so far, so the inner object belongs to the outer one.


def _program(office: Office, built: dict[str, Any]) -> int:
    from tests.events.factories import make_program

    built["program"] = make_program(office, is_series=True, title="Sweep series")
    return built["program"].pk


def _event(office: Office, built: dict[str, Any]) -> Any:
    from tests.events.factories import make_event

    if "event" not in built:
        program = built.get("program")
        # Starting within the hour, so the door's check-in is open.
        built["event"] = make_event(
            office,
            program=program,
            module_number=1 if program else None,
            title="Sweep event",
            starts_in=dt.timedelta(hours=1),
        )
    return built["event"]


def _registration(office: Office, built: dict[str, Any]) -> int:
    from tests.events.factories import make_registration

    return make_registration(
        _event(office, built), name=MARKER, email="m@example.org", status="attended"
    ).pk


def _pool_member(office: Office) -> Any:
    from tests.pool.factories import make_member

    return make_member(office, name=MARKER, notes=MARKER, email="m@example.org")


def _staffing(office: Office, built: dict[str, Any]) -> int:
    from lotse.events.models import Staffing

    return Staffing.objects.create(
        event=_event(office, built),
        office=office,
        role="moderator",
        member=_pool_member(office),
        note=MARKER,
    ).pk


def _funder_template(office: Office) -> int:
    from lotse.reports.models import FunderTemplate, FunderTemplateItem

    template = FunderTemplate.objects.create(office=office, name=f"ESF {MARKER}", funder=MARKER)
    FunderTemplateItem.objects.create(
        template=template, position=1, figure_key="consultations", label=MARKER
    )
    return template.pk


OBJECT_SAMPLES: dict[str, Callable[..., Any]] = {
    "membership_id": lambda office: MembershipFactory(office=office, role=Role.COUNSELOR).pk,
    "service_id": _service,
    "organisation_id": _organisation,
    "location_id": _location,
    "page_id": _page,
    "person_id": lambda office: _person(office).pk,
    "consent_id": _consent,
    "link_id": _household_link,
    "consultation_id": lambda office: _consultation(office).pk,
    "referral_id": lambda office: _referral(office).pk,
    "outcome_id": _outcome,
    "case_id": _recognition_case,
    "follow_up_id": _follow_up,
    "volunteer_id": _volunteer,
    "session_id": _session,
    "request_id": lambda office: _request(office).pk,
    "proposal_id": _proposal,
    "tandem_id": _tandem,
    "event_id": lambda office, built: _event(office, built).pk,
    "registration_id": _registration,
    "staffing_id": _staffing,
    "program_id": _program,
    "member_id": lambda office: _pool_member(office).pk,
    "template_id": _funder_template,
    "reference": _erasure,
}
#: Objects every office reads (the regional directory) but only the owner office changes: other
#: offices may GET their pages, minus the owner's internal parts (the marker), and never POST.
SHARED_OBJECTS = {"service_id", "organisation_id", "location_id", "page_id"}
#: URL kwargs that are not object ids.
PLAIN_SAMPLES: dict[str, str] = {"uidb64": "MQ", "token": "set-password", "language": "en"}

#: Django's admin guards itself (staff login, and OTP when two-factor is required); tested apart.
SKIPPED_NAMESPACES = ("admin",)
REFUSED = {403, 404, 405}


@dataclass
class Route:
    path: str
    name: str
    view: Callable[..., Any]
    kwargs: list[str]

    @property
    def access(self) -> str | None:
        view = self.view
        access = getattr(view, "lotse_access", None)
        if access is None and hasattr(view, "view_class"):
            access = getattr(view.view_class, "lotse_access", None)
        return access

    @property
    def is_public(self) -> bool:
        return self.access == "public"


def _route_text(pattern: Any) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "de/"
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    return str(pattern.regex.pattern).lstrip("^").rstrip("$").replace("\\Z", "")


def iter_routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        text = prefix + _route_text(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from iter_routes(entry.url_patterns, text)
        elif isinstance(entry, URLPattern):
            kwargs = re.findall(r"<(?:\w+:)?(\w+)>", text)
            yield Route(path="/" + text, name=entry.name or "", view=entry.callback, kwargs=kwargs)


def build_path(route: Route, office: Office) -> str | None:
    """Fill the route's kwargs with samples owned by `office`; None if a kwarg has no sample."""
    path = route.path
    built: dict[str, Any] = {}
    for kwarg in route.kwargs:
        if kwarg in OBJECT_SAMPLES:
            sample = OBJECT_SAMPLES[kwarg]
            nested = sample.__code__.co_argcount == 2
            value = sample(office, built) if nested else sample(office)
        elif kwarg in PLAIN_SAMPLES:
            value = PLAIN_SAMPLES[kwarg]
        else:
            return None
        path = re.sub(rf"<(?:\w+:)?{kwarg}>", str(value), path)
    return path


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


#: Planted in the owner office's data; no response to a stranger may contain it.
MARKER = "Zzmarkerowner"


def sweep(*, owner_office: Office, other_office: Office) -> list[str]:
    """Return every problem found; an empty list means no URL let a stranger in.

    Strangers are: anonymous; every role of another office; a logged-in user with no office.
    A URL with an object id of the owner office must refuse them all (403/404/405, or the login
    page for anonymous). A URL without an id may serve a stranger their own office's page when
    their role allows the action, but never a byte of the owner office's planted marker.
    """
    from lotse.core import policy

    problems: list[str] = []
    routes = list(iter_routes())
    owner = UserFactory(username="sweep-owner", last_name=MARKER)
    MembershipFactory(user=owner, office=owner_office, role=Role.COUNSELOR)
    strangers: list[tuple[str, Client, User | None, Office | None]] = [
        ("anonymous", Client(), None, None)
    ]
    for role in Role.values:
        user = UserFactory(username=f"sweep-{other_office.slug}-{role}")
        MembershipFactory(user=user, office=other_office, role=role)
        strangers.append((f"{role} of {other_office.slug}", _login(user), user, other_office))
    lonely = UserFactory(username="sweep-no-office")
    strangers.append(("user without office", _login(lonely), lonely, None))

    for route in routes:
        label = route.name or route.path
        if route.access is None:
            problems.append(f"{label}: view declares no access (use public_view/staff_view)")
            continue
        if route.is_public:
            continue
        path = build_path(route, owner_office)
        if path is None:
            missing = [k for k in route.kwargs if k not in OBJECT_SAMPLES | PLAIN_SAMPLES]
            problems.append(f"{label}: no sample for {missing}; add one to OBJECT_SAMPLES")
            continue
        object_kwargs = [k for k in route.kwargs if k in OBJECT_SAMPLES]
        takes_object = bool(object_kwargs)
        shared = takes_object and all(k in SHARED_OBJECTS for k in object_kwargs)
        for who, client, user, office in strangers:
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                status = response.status_code
                if user is None:
                    to_login = status == 302 and "/login/" in response.get("Location", "")
                    ok = to_login or status in REFUSED
                elif shared and method == "get" and route.access.startswith("staff:"):
                    allowed = policy.can(user, route.access.removeprefix("staff:"), office)
                    ok = status in REFUSED or (allowed and status == 200)
                elif takes_object:
                    ok = status in REFUSED
                elif route.access.startswith("staff:"):
                    allowed = policy.can(user, route.access.removeprefix("staff:"), office)
                    ok = allowed or status in REFUSED
                else:
                    ok = True
                body = getattr(response, "content", b"")
                if MARKER.encode() in body:
                    problems.append(f"{label}: {method.upper()} {path} as {who} leaked data")
                if not ok:
                    problems.append(f"{label}: {method.upper()} {path} as {who} gave {status}")
    return problems
