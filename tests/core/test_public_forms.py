"""The public forms: which exist, their spam guard and rate limit, their size limits, no personal
data in any address, and hostile input to the core app's own forms.

The form cases below (a page with its valid POST, and what a submission stores) are shared with
the hostile-input and rate-limit tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlencode

import pytest
from django import forms
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.models import Office
from lotse.core.spam import MIN_SECONDS, SpamGuardMixin, start_token
from tests.sweep import iter_routes

pytestmark = pytest.mark.django_db


# --- The public forms ---------------------------------------------------------------------------


def _started() -> str:
    """A time-trap token as a person's browser sends it: some time after the form was shown."""
    return start_token(time.time() - MIN_SECONDS - 30)


def _spam_fields() -> dict[str, str]:
    return {"website": "", "started": _started()}


def _public_office(office: Office) -> Office:
    office.email = "wc@example.org"
    office.save()
    return office


def _registration_fields() -> dict[str, Any]:
    return {
        "name": "Amina Yusuf",
        "email": "amina@example.org",
        "phone": "",
        "language": "en",
        "interpreting_into": "",
        "childcare": "",
        "accessibility_needs": "",
        "target_group": "",
        "country_of_origin": "",
        "consent": "on",
        **_spam_fields(),
    }


def _register(office: Office) -> tuple[str, dict[str, Any]]:
    from tests.events.factories import make_event

    event = make_event(office)
    return f"/en/events/{event.pk}/register/", _registration_fields()


def _series(office: Office) -> tuple[str, dict[str, Any]]:
    from tests.events.factories import make_event, make_program

    program = make_program(office, is_series=True, title="Pflege")
    modules = [
        make_event(office, program=program, module_number=n, starts_in=dt.timedelta(days=7 * n))
        for n in (1, 2)
    ]
    # One module of two: a valid booking stores one registration, as the other forms store one.
    data = {**_registration_fields(), "modules": [str(modules[0].pk)]}
    return f"/en/events/programs/{program.slug}/register/", data


def _apply(office: Office) -> tuple[str, dict[str, Any]]:
    _public_office(office)
    data = {
        "office": str(office.pk),
        "first_name": "Greta",
        "last_name": "Hilfreich",
        "email": "greta@example.org",
        "phone": "+49 711 555",
        "district": "Bad Cannstatt",
        "gender": "",
        "language_1": "de",
        "level_1": "5",
        **{f"{kind}_{row}": "" for kind in ("language", "level") for row in (2, 3, 4)},
        "availability": ["mon-evening"],
        "offers": ["authorities"],
        "interests": "",
        "prefers": ["family"],
        "max_tandems": "1",
        "interpreter_ok": "",
        "motivation": "",
        "consent": "on",
        **_spam_fields(),
    }
    return "/en/volunteer/", data


def _ask(office: Office) -> tuple[str, dict[str, Any]]:
    _public_office(office)
    data = {
        "office": str(office.pk),
        "contact_name": "Yusuf Haddad",
        "contact_email": "yusuf@example.org",
        "contact_phone": "",
        "languages": ["ar"],
        "district": "Feuerbach",
        "kind": "family",
        "has_children": "",
        "needs": ["housing"],
        "availability": ["tue-afternoon"],
        "gender_preference": "",
        "note": "",
        "consent": "on",
        **_spam_fields(),
    }
    return "/en/volunteer/ask/", data


def _barrier(office: Office) -> tuple[str, dict[str, Any]]:
    _public_office(office)
    data = {"page": "/en/search/", "barrier": "The button has no label.", "email": ""}
    return "/en/accessibility/report-a-barrier/", {**data, **_spam_fields()}


def _personal_token(office: Office, status: str) -> str:
    from lotse.events import links
    from tests.events.factories import make_event, make_registration

    event = make_event(office)
    registration = make_registration(event, status=status, email="amina@example.org")
    return links.token_for(registration)


def _feedback(office: Office) -> tuple[str, dict[str, Any]]:
    token = _personal_token(office, "attended")
    return f"/en/events/my/{token}/feedback/", {"rating": "4", "useful": "yes", "comment": ""}


def _cancel(office: Office) -> tuple[str, dict[str, Any]]:
    token = _personal_token(office, "registered")
    return f"/en/events/my/{token}/cancel/", {"registration": "all", "confirm": "yes"}


def _partner(office: Office) -> tuple[str, dict[str, Any]]:
    from lotse.counseling.models import ConsentPurpose, HandoverLetter, Referral
    from tests.counseling.factories import make_person
    from tests.directory.factories import make_service

    person = make_person(
        office, consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER)
    )
    referral = Referral.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        service=make_service(title="IQ Beratung", office=office),
        status="handed_over",
    )
    token = f"partner-token-{referral.pk}-{time.time_ns()}"
    HandoverLetter.objects.create(
        office=office,
        referral=referral,
        recipient="partner@example.org",
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return f"/partner/referral/{token}/", {"answer": "arrived"}


def _ask_feedback(office: Office) -> tuple[str, dict[str, Any]]:
    from lotse.ask.models import AskedQuestion

    asked = AskedQuestion.objects.create(office=office, language="en", text="Kita")
    return "/en/ask/feedback/", {"key": asked.key, "helped": "yes"}


def _count(label: str, **filters: Any) -> Callable[[], int]:
    def count() -> int:
        from django.apps import apps

        return apps.get_model(label).objects.filter(**filters).count()

    return count


@dataclass(frozen=True)
class FormCase:
    #: The URL name of the form's page.
    name: str
    #: Arrange what the form needs in an office; return its path and a valid POST.
    build: Callable[[Office], tuple[str, dict[str, Any]]]
    #: What a valid submission adds one to: rows, or e-mails for the barrier report.
    stored: Callable[[], int]
    #: The form's class, for the size checks (field names match the model's columns).
    form: str
    model: str | None

    @property
    def id(self) -> str:
        return self.name.split(":")[-1]


#: Open to everyone: honeypot and time trap, and a rate limit.
OPEN_FORMS = [
    FormCase(
        "events-public:register",
        _register,
        _count("events.Registration"),
        "lotse.events.forms_public.RegistrationForm",
        "events.Registration",
    ),
    FormCase(
        "events-public:series-register",
        _series,
        _count("events.Registration"),
        "lotse.events.forms_public.SeriesRegistrationForm",
        "events.Registration",
    ),
    FormCase(
        "volunteer:apply",
        _apply,
        _count("sponsorship.Volunteer"),
        "lotse.sponsorship.forms.ApplicationForm",
        "sponsorship.Volunteer",
    ),
    FormCase(
        "volunteer:ask",
        _ask,
        _count("sponsorship.SponsorshipRequest"),
        "lotse.sponsorship.forms_requests.PublicRequestForm",
        "sponsorship.SponsorshipRequest",
    ),
    FormCase(
        "portal:barrier-report",
        _barrier,
        lambda: len(mail.outbox),
        "lotse.portal.forms.BarrierReportForm",
        None,
    ),
]
#: Behind a personal link: the unguessable token is the credential, so no spam guard (a script
#: without the token gets 404); rate-limited all the same.
TOKEN_FORMS = [
    FormCase(
        "events-public:my-feedback",
        _feedback,
        _count("events.Feedback"),
        "lotse.events.forms_public.FeedbackForm",
        "events.Feedback",
    ),
    FormCase(
        "events-public:my-cancel",
        _cancel,
        _count("events.Registration", status="cancelled"),
        "",
        None,
    ),
    FormCase(
        "partner:referral-answer",
        _partner,
        _count("counseling.HandoverLetter", answer="arrived"),
        "",
        None,
    ),
    # "Did this help?" under a portal answer: the question's random key is the credential. An
    # unknown key gets the same thanks (not a 404), so the form tells nobody what was asked.
    FormCase(
        "portal:ask-feedback",
        _ask_feedback,
        _count("ask.AskedQuestion", feedback="helped"),
        "lotse.portal.forms.AskFeedbackForm",
        "ask.AskedQuestion",
    ),
]
#: Public URLs that take a POST and are no form of the portal, and what guards them.
OTHER_POSTS = {
    "core:login": "django-axes locks a username out from an address after failed logins",
    "core:logout": "ends the caller's own session, nothing more",
    "core:password-reset": "answers the same for every address; mails only known users",
    "core:password-reset-confirm": "needs the signed token from the reset e-mail",
    "set_language": "Django's language switch: stores nothing but the choice",
    "/admin/login/": "a redirect to the login page",
    "portal:ask": "a question answered on the spot; rate-limited per address (three times a "
    "form's budget), stored only as text without contact data, sends nothing",
}


def submit(client: Client, path: str, data: Any, **extra: Any) -> Any:
    """POST as a browser does, and run what the view leaves for after the commit (e-mails)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data, **extra)


def _dummy_path(route: Any) -> str:
    path = route.path
    for kwarg in route.kwargs:
        value = "999999" if kwarg.endswith("_id") else "x"
        path = re.sub(rf"<(?:\w+:)?{kwarg}>", value, path)
    return path


def public_post_routes(client: Client) -> dict[str, Any]:
    """Every public URL that takes a POST (a GET-only view answers 405 before anything else)."""
    found = {}
    for route in iter_routes():
        if route.is_public and client.post(_dummy_path(route)).status_code != 405:
            found[route.full_name] = route
    return found


def test_every_public_post_is_a_known_form_or_guarded_otherwise(client: Client) -> None:
    """A new public form fails here until it is added to the cases above, with its guards."""
    known = {case.name for case in OPEN_FORMS + TOKEN_FORMS} | set(OTHER_POSTS)
    assert set(public_post_routes(client)) == known


def test_every_public_form_is_rate_limited(client: Client) -> None:
    routes = public_post_routes(client)
    for case in OPEN_FORMS + TOKEN_FORMS:
        assert getattr(routes[case.name].view, "lotse_rate_limit", None), case.name


@pytest.mark.parametrize("case", OPEN_FORMS, ids=lambda case: case.id)
def test_every_open_form_carries_the_honeypot_and_the_time_trap(
    client: Client, office_a: Office, case: FormCase
) -> None:
    path, _data = case.build(office_a)
    html = client.get(path, follow=True).content.decode()  # series: the program's page
    assert 'name="website"' in html
    assert re.search(r'type="hidden" name="started" value="[^"]+:[^"]+"', html)
    form_class = _import(case.form)
    assert issubclass(form_class, SpamGuardMixin)


@pytest.mark.parametrize("case", OPEN_FORMS, ids=lambda case: case.id)
@pytest.mark.parametrize(
    "spam",
    [
        {"website": "http://spam.example"},
        {"started": "now"},
        {"started": "forged"},
        {"started": ""},
    ],
    ids=["honeypot", "too-fast", "forged-token", "no-token"],
)
def test_spam_gets_a_person_s_answer_and_nothing_is_stored(
    client: Client, office_a: Office, case: FormCase, spam: dict[str, str]
) -> None:
    path, data = case.build(office_a)
    if spam.get("started") == "now":
        spam = {"started": start_token()}  # sent at once, as no person could
    before = case.stored()
    response = submit(client, path, {**data, **spam})
    assert response.status_code == 302  # the thank-you a person gets: a script learns nothing
    assert case.stored() == before


@pytest.mark.parametrize("case", OPEN_FORMS + TOKEN_FORMS, ids=lambda case: case.id)
def test_a_valid_submission_is_stored(client: Client, office_a: Office, case: FormCase) -> None:
    """The positive control for the spam, size and hostile-input tests."""
    path, data = case.build(office_a)
    before = case.stored()
    response = submit(client, path, data)
    assert response.status_code in (200, 302)
    assert case.stored() == before + 1


# --- Size limits --------------------------------------------------------------------------------


def _import(dotted: str) -> Any:
    from django.utils.module_loading import import_string

    return import_string(dotted)


def _form_instance(dotted: str) -> forms.Form:
    form_class = _import(dotted)
    offices = Office.objects.all()
    kwargs: dict[str, Any] = {
        "lotse.events.forms_public.RegistrationForm": {"reader": "en"},
        "lotse.events.forms_public.SeriesRegistrationForm": {"reader": "en", "modules": []},
        "lotse.sponsorship.forms.ApplicationForm": {"offices": offices},
        "lotse.sponsorship.forms_requests.PublicRequestForm": {"offices": offices},
    }.get(dotted, {})
    return form_class(**kwargs)


@pytest.mark.parametrize(
    "case", [c for c in OPEN_FORMS + TOKEN_FORMS if c.form], ids=lambda case: case.id
)
def test_every_text_field_of_a_public_form_has_a_length_limit_within_its_column(
    office_a: Office, case: FormCase
) -> None:
    from django.apps import apps

    form = _form_instance(case.form)
    model = apps.get_model(case.model) if case.model else None
    columns = {f.name: f for f in model._meta.get_fields()} if model else {}
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField) or name == SpamGuardMixin.HONEYPOT:
            continue  # the honeypot is never stored: a filled one ends the request
        assert field.max_length, f"{case.form}.{name} has no max_length"
        column = columns.get(name)
        if column is not None and getattr(column, "max_length", None):
            assert field.max_length <= column.max_length, f"{case.form}.{name}"


def _oversize_body(data: dict[str, Any], size: int) -> bytes:
    padded = {**data, "accessibility_needs": "x" * size, "note": "x", "motivation": "x"}
    return urlencode(padded, doseq=True).encode()


@pytest.mark.parametrize("case", OPEN_FORMS + TOKEN_FORMS, ids=lambda case: case.id)
def test_a_body_over_the_upload_limit_is_refused_and_nothing_stored(
    client: Client, office_a: Office, case: FormCase
) -> None:
    path, data = case.build(office_a)
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit and limit <= 10 * 1024 * 1024
    before = case.stored()
    urlencoded = submit(
        client,
        path,
        _oversize_body(data, limit + 1),
        content_type="application/x-www-form-urlencoded",
    )
    multipart = submit(client, path, {**data, "website": "", "padding": "x" * (limit + 1)})
    assert urlencoded.status_code in (400, 413)
    assert multipart.status_code in (400, 413)
    assert case.stored() == before


def test_too_many_fields_are_refused(client: Client, office_a: Office) -> None:
    path, data = _register(office_a)
    fields = [(f"f{n}", "x") for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]
    body = urlencode([*data.items(), *fields]).encode()
    response = submit(client, path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert _count("events.Registration")() == 0


# --- No personal data in addresses --------------------------------------------------------------

#: Unique values typed into the forms; none may show up in an address.
PRIVATE = {
    "name": "Zzurlname Privatus",
    "email": "zzurlmail@example.org",
    "phone": "+49 711 7654329",
    "text": "Zzurltext",
}


def _leaks(url: str) -> list[str]:
    text = unquote(unquote(url)).casefold()
    found = [value for value in PRIVATE.values() if value.casefold() in text]
    if "7654329" in text:
        found.append("phone digits")
    if "zzurl" in text:
        found.append("a marker")
    return found


class Recorder:
    """A client that notes every address it requests and every redirect it is sent to."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.urls: list[str] = []

    def visit(self, method: str, path: str, data: Any = None) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = getattr(self.client, method)(path, data, follow=True)
        self.urls.append(path)
        self.urls.extend(url for url, _status in response.redirect_chain)
        request = response.request
        self.urls.append(f"{request['PATH_INFO']}?{request.get('QUERY_STRING', '')}")
        return response


def test_no_submitted_value_appears_in_any_address(client: Client, office_a: Office) -> None:
    browser = Recorder(client)
    name, email, phone, text = PRIVATE.values()
    personal = {"name": name, "email": email, "phone": phone, "accessibility_needs": text}

    for build in (_register, _series):
        path, data = build(office_a)
        browser.visit("get", path)
        page = browser.visit("post", path, {**data, **personal})
        assert page.status_code == 200 and "my/" in page.request["PATH_INFO"]
        my = page.request["PATH_INFO"]
        browser.visit("get", my)
        browser.visit("post", f"{my}cancel/", {"registration": "all"})
        browser.visit("post", f"{my}cancel/", {"registration": "all", "confirm": "yes"})
    # Without an e-mail address the personal page is the only way back: still a token.
    path, data = _register(office_a)
    browser.visit("post", path, {**data, **personal, "email": ""})

    path, data = _apply(office_a)
    browser.visit("get", path)
    browser.visit(
        "post",
        path,
        {**data, "first_name": name, "last_name": name, "email": email, "phone": phone,
         "district": text, "interests": text, "motivation": text},
    )  # fmt: skip
    path, data = _ask(office_a)
    browser.visit(
        "post",
        path,
        {**data, "contact_name": name, "contact_email": email, "contact_phone": phone,
         "district": text, "note": text},
    )  # fmt: skip
    path, data = _barrier(office_a)
    browser.visit("post", path, {**data, "barrier": text, "email": email, "page": text})
    path, data = _feedback(office_a)
    browser.visit("post", path, {**data, "comment": text})
    path, data = _partner(office_a)
    browser.visit("post", path, data)
    answer = browser.visit("post", "/en/ask/", {"q": f"{text} Kita {email} {phone} {name}"})
    key = re.search(r'name="key" value="([^"]+)"', answer.content.decode())[1]
    browser.visit("post", "/en/ask/feedback/", {"key": key, "helped": "no"})

    from lotse.events.models import Registration
    from lotse.sponsorship.models import SponsorshipRequest, Volunteer

    # The flows went through: people are registered, the application and request are stored.
    assert Registration.objects.filter(name=name).count() == 3
    assert Volunteer.objects.filter(email=email).exists()
    assert SponsorshipRequest.objects.filter(contact_email=email).exists()
    assert len(browser.urls) > 20
    leaks = {url: _leaks(url) for url in browser.urls if _leaks(url)}
    assert leaks == {}
    # The links in the e-mails are addresses too.
    links = [url for message in mail.outbox for url in re.findall(r"https?://\S+", message.body)]
    assert links
    assert {url: _leaks(url) for url in links if _leaks(url)} == {}


def test_the_personal_link_is_a_signed_token_not_an_id(client: Client, office_a: Office) -> None:
    path, data = _register(office_a)
    response = submit(client, path, data)
    token = re.fullmatch(r"/en/events/my/([^/]+)/", response["Location"])
    assert token is not None
    from lotse.events.models import Registration

    registration = Registration.objects.get()
    assert str(registration.pk) != token.group(1)
    assert registration.public_id.hex not in token.group(1)  # signed and encoded, not bare
    tampered = token.group(1)[:-2] + ("AA" if not token.group(1).endswith("AA") else "BB")
    assert client.get(f"/en/events/my/{quote(tampered)}/").status_code == 404


# --- Hostile input to the core app's public forms -----------------------------------------------

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", "\u202eevil", "a" * 5000, "\x00", "=cmd|x"]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(username=hostile, password=hostile)
def test_the_login_form_survives_any_input(client: Client, username: str, password: str) -> None:
    response = client.post("/staff/login/", {"username": username, "password": password})
    assert response.status_code in {200, 403, 429}
    assert b"<script>alert(1)</script>" not in response.content


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(email=hostile)
def test_the_password_reset_form_survives_any_input(client: Client, email: str) -> None:
    response = client.post("/staff/password/reset/", {"email": email})
    assert response.status_code in {200, 302}
