"""The URL sweep: every URL pattern, requested as anonymous, as every role of another office,
and as a logged-in user with no office. Later apps' views fall under it without extra work;
a view whose URL takes an object id needs one line in OBJECT_SAMPLES (and its model one in
SAMPLE_MODELS). API endpoints (django-ninja) are swept the same way, with their own methods."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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


def _example_question(office: Office) -> int:
    from lotse.directory.models import ExampleQuestion
    from tests.directory.factories import make_service

    service = make_service(title="Sweep example service", office=office)
    return ExampleQuestion.objects.create(service=service, text="Sweep example").pk


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


def _asked_question(office: Office) -> int:
    from lotse.ask.models import AskedQuestion

    return AskedQuestion.objects.create(
        office=office, language="de", text=MARKER, answered=False, feedback="not_helped"
    ).pk


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
    "question_id": _asked_question,
    "example_id": _example_question,
}
#: The model each sample creates, and the path from it to its owner office (default: the
#: model's `office` or `owner_office` field). The completeness test creates every sample and
#: checks that it belongs to the office it was made for, so a refusal in the sweep means
#: "another office's object", not "no such object".
SAMPLE_MODELS: dict[str, tuple[str, str]] = {
    "membership_id": ("core.Membership", "office"),
    "service_id": ("directory.Service", "owner_office"),
    "organisation_id": ("directory.Organisation", "owner_office"),
    "location_id": ("directory.Location", "organisation__owner_office"),
    "page_id": ("directory.InfoPage", "owner_office"),
    "person_id": ("counseling.Person", "office"),
    "consent_id": ("counseling.Consent", "office"),
    "link_id": ("counseling.HouseholdLink", "office"),
    "consultation_id": ("counseling.Consultation", "office"),
    "referral_id": ("counseling.Referral", "office"),
    "outcome_id": ("counseling.Outcome", "office"),
    "case_id": ("counseling.RecognitionCase", "office"),
    "follow_up_id": ("counseling.FollowUp", "office"),
    "volunteer_id": ("sponsorship.Volunteer", "office"),
    "session_id": ("sponsorship.TrainingSession", "office"),
    "request_id": ("sponsorship.SponsorshipRequest", "office"),
    "proposal_id": ("sponsorship.Proposal", "office"),
    "tandem_id": ("sponsorship.Tandem", "office"),
    "event_id": ("events.Event", "office"),
    "registration_id": ("events.Registration", "office"),
    "staffing_id": ("events.Staffing", "office"),
    "program_id": ("events.Program", "office"),
    "member_id": ("pool.PoolMember", "office"),
    "template_id": ("reports.FunderTemplate", "office"),
    "reference": ("privacy.ErasureRecord", "office"),
    "question_id": ("ask.AskedQuestion", "office"),
    "example_id": ("directory.ExampleQuestion", "service__owner_office"),
}
#: The field a sample's URL value is looked up by, where it is not the primary key.
SAMPLE_LOOKUPS = {"reference": "reference"}
#: Objects every office reads (the regional directory) but only the owner office changes: other
#: offices may GET their pages, minus the owner's internal parts (the marker), and never POST.
SHARED_OBJECTS = {"service_id", "organisation_id", "location_id", "page_id"}
#: URL kwargs that are not object ids.
PLAIN_SAMPLES: dict[str, str] = {"uidb64": "MQ", "token": "set-password", "language": "en"}

#: Django's admin guards itself (staff login, and OTP when two-factor is required); tested apart.
SKIPPED_NAMESPACES = ("admin",)
REFUSED = {403, 404, 405}
#: An API refuses an anonymous client with 401 (no session or key) instead of the login page.
API_REFUSED = REFUSED | {401}


def api_operations(view: Callable[..., Any]) -> list[Any]:
    """The django-ninja operations behind a URL's view; none for an ordinary Django view.

    Ninja routes every method of one path through one closure over its PathView.
    """
    from ninja.operation import PathView

    for cell in getattr(view, "__closure__", None) or ():
        try:
            contents = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(contents, PathView):
            return list(contents.operations)
    return []


@dataclass
class Route:
    path: str
    name: str
    view: Callable[..., Any]
    kwargs: list[str]
    #: The API operations (django-ninja) behind this path; empty for a page.
    operations: list[Any] = field(default_factory=list)
    namespace: str = ""

    @property
    def full_name(self) -> str:
        """The name to reverse (`events-public:register`), or the path for an unnamed URL."""
        if not self.name:
            return self.path
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    @property
    def access(self) -> str | None:
        if self.operations:
            return self._api_access()
        view = self.view
        access = getattr(view, "lotse_access", None)
        if access is None and hasattr(view, "view_class"):
            access = getattr(view.view_class, "lotse_access", None)
        return access

    def _api_access(self) -> str | None:
        """An endpoint marked like a view (staff_view, public_view) counts as marked; else one
        behind ninja's authentication is "api"; one with neither declares nothing."""
        marks = {getattr(op.view_func, "lotse_access", None) for op in self.operations}
        if len(marks) == 1 and None not in marks:
            return marks.pop()
        if all(op.auth_callbacks for op in self.operations):
            return "api"
        return None

    @property
    def is_public(self) -> bool:
        return self.access == "public"

    @property
    def is_api(self) -> bool:
        return bool(self.operations)

    @property
    def methods(self) -> list[str]:
        """The methods to try: an API endpoint's own, else GET and POST."""
        if not self.operations:
            return ["get", "post"]
        found = {method.lower() for op in self.operations for method in op.methods}
        return sorted(found)


def _route_text(pattern: Any) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "de/"
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    return str(pattern.regex.pattern).lstrip("^").rstrip("$").replace("\\Z", "")


def iter_routes(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        text = prefix + _route_text(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            yield from iter_routes(entry.url_patterns, text, inner)
        elif isinstance(entry, URLPattern):
            kwargs = re.findall(r"<(?:\w+:)?(\w+)>", text)
            yield Route(
                path="/" + text,
                name=entry.name or "",
                view=entry.callback,
                kwargs=kwargs,
                operations=api_operations(entry.callback),
                namespace=namespace,
            )


def build_sample(kwarg: str, office: Office, built: dict[str, Any] | None = None) -> Any:
    """Create the sample object for a URL kwarg in `office`; return its value for the URL."""
    sample = OBJECT_SAMPLES[kwarg]
    nested = sample.__code__.co_argcount == 2
    return sample(office, {} if built is None else built) if nested else sample(office)


def sample_owner(kwarg: str, office: Office) -> Any:
    """The id of the office that owns the object the sample for `kwarg` creates in `office`."""
    from django.apps import apps

    value = build_sample(kwarg, office)
    label, owner = SAMPLE_MODELS[kwarg]
    lookup = SAMPLE_LOOKUPS.get(kwarg, "pk")
    model = apps.get_model(label)
    return model.objects.values_list(owner, flat=True).get(**{lookup: value})


def office_owned_models() -> list[Any]:
    """Every model with an owner office: a foreign key named `office` or `owner_office`."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    owned = []
    for model in apps.get_models():
        for name in ("office", "owner_office"):
            try:
                found = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(found, models.ForeignKey) and found.related_model is Office:
                owned.append(model)
                break
    return owned


def office_models_without_url() -> list[str]:
    """Models with an owner office that no URL addresses by id (reached only through another
    object's page, or not at all); the completeness test lists them."""
    addressed = {label for label, _owner in SAMPLE_MODELS.values()}
    return sorted(
        model._meta.label for model in office_owned_models() if model._meta.label not in addressed
    )


def build_path(route: Route, office: Office) -> str | None:
    """Fill the route's kwargs with samples owned by `office`; None if a kwarg has no sample."""
    path = route.path
    built: dict[str, Any] = {}
    for kwarg in route.kwargs:
        if kwarg in OBJECT_SAMPLES:
            value = build_sample(kwarg, office, built)
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


@dataclass
class Coverage:
    """What one sweep covered, for the test's report."""

    urls: int = 0
    public: int = 0
    swept: int = 0
    with_object: int = 0
    api: int = 0
    roles: list[str] = field(default_factory=list)
    strangers: list[str] = field(default_factory=list)
    requests: int = 0

    def summary(self) -> str:
        return (
            f"URL sweep: {self.urls} URL patterns, {self.public} public (their forms: the "
            f"hostile-input tests), {self.swept} swept ({self.with_object} with an object id of "
            f"the owner office, {self.api} API endpoints); {len(self.strangers)} strangers "
            f"(anonymous, {len(self.roles)} roles of another office: {', '.join(self.roles)}; "
            f"a user without office); {self.requests} requests."
        )


def sweep(
    *,
    owner_office: Office,
    other_office: Office,
    coverage: Coverage | None = None,
    only: Callable[[Route], bool] | None = None,
) -> list[str]:
    """Return every problem found; an empty list means no URL let a stranger in.

    Strangers are: anonymous; every role of another office; a logged-in user with no office.
    A URL with an object id of the owner office must refuse them all (403/404/405, or the login
    page for anonymous). A URL without an id may serve a stranger their own office's page when
    their role allows the action, but never a byte of the owner office's planted marker.
    """
    from lotse.core import policy

    problems: list[str] = []
    # `only`: the control tests sweep just their planted views, not the whole project again.
    routes = [route for route in iter_routes() if only is None or only(route)]
    coverage = Coverage() if coverage is None else coverage
    coverage.urls = len(routes)
    coverage.roles = list(Role.values)
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
    coverage.strangers = [who for who, *_rest in strangers]

    for route in routes:
        label = route.name or route.path
        access = route.access
        if access is None:
            problems.append(f"{label}: view declares no access (use public_view/staff_view)")
            continue
        if route.is_public:
            coverage.public += 1
            continue
        path = build_path(route, owner_office)
        if path is None:
            missing = [k for k in route.kwargs if k not in OBJECT_SAMPLES | PLAIN_SAMPLES]
            problems.append(f"{label}: no sample for {missing}; add one to OBJECT_SAMPLES")
            continue
        object_kwargs = [k for k in route.kwargs if k in OBJECT_SAMPLES]
        takes_object = bool(object_kwargs)
        shared = takes_object and all(k in SHARED_OBJECTS for k in object_kwargs)
        refused = API_REFUSED if route.is_api else REFUSED
        coverage.swept += 1
        coverage.with_object += takes_object
        coverage.api += route.is_api
        for who, client, user, office in strangers:
            for method in route.methods:
                response = getattr(client, method)(path)
                coverage.requests += 1
                status = response.status_code
                if user is None:
                    to_login = status == 302 and "/login/" in response.get("Location", "")
                    ok = to_login or status in refused
                elif shared and method == "get" and access.startswith("staff:"):
                    allowed = policy.can(user, access.removeprefix("staff:"), office)
                    ok = status in refused or (allowed and status == 200)
                elif takes_object:
                    ok = status in refused
                elif access.startswith("staff:"):
                    allowed = policy.can(user, access.removeprefix("staff:"), office)
                    ok = allowed or status in refused
                else:
                    ok = True
                body = getattr(response, "content", b"")
                if MARKER.encode() in body:
                    problems.append(f"{label}: {method.upper()} {path} as {who} leaked data")
                if not ok:
                    problems.append(f"{label}: {method.upper()} {path} as {who} gave {status}")
    return problems
