"""Hostile input to every public form and every public search: a clear validation error or a
safe rendering, never a server error, and nothing stored from what was refused.

Hostile means: very long strings, control characters with NUL, scripts and attribute-breaking
HTML, SQL-looking and template-looking text, lone surrogates and bytes that are no UTF-8 (sent
raw, as no browser would), a wrong or unknown charset, the right-to-left override and
zero-width characters, emoji, and numbers far beyond any column.

LOTSE_HOSTILE_EXAMPLES (default 20) sets the examples per test, for a longer run by hand.
"""

from __future__ import annotations

import os
import uuid
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client, TestCase
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lotse.core.models import Office, Role
from tests.conftest import login, member
from tests.core.test_public_forms import OPEN_FORMS, TOKEN_FORMS, FormCase

pytestmark = pytest.mark.django_db

settings.register_profile(
    "lotse-hostile",
    max_examples=int(os.environ.get("LOTSE_HOSTILE_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hostile_run = settings(settings.get_profile("lotse-hostile"))


# --- What a hostile client sends ----------------------------------------------------------------

#: Markup that would run or break out of an attribute if a page printed it unescaped.
MARKUP = [
    '<script>alert("lotse-xss")</script>',
    '"><img src=x onerror=alert("lotse-xss")>',
    "'><svg onload=alert('lotse-xss')>",
    "</textarea><script>alert(1)</script>",
    '<a href="javascript:alert(1)">lotse-xss</a>',
]
PAYLOADS = [
    *MARKUP,
    "' OR '1'='1' --",
    "'; DROP TABLE events_registration; --",
    "1 UNION SELECT password FROM core_user",
    "{{ 7*7 }}{% debug %}${7*7}%s%n",
    "\x00",
    "Amina\x00Yusuf",
    "\x1b[2J\x07\x08\x7f",
    "line\r\nBcc: victim@example.org",
    "\u202eflow.exe",  # right-to-left override
    "A\u200b\u200c\u200d\u2060\ufeffB",  # zero-width characters
    "😀" * 80,
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "\ud800",  # lone surrogates: not encodable as UTF-8, sent raw
    "x\udfffy",
    "x" * 20_000,
    "9" * 5000,
    str(2**63),
    str(-(2**63) - 1),
    "1e309",
    "-1",
    "NaN",
    "0x7fffffffffffffff",
    "９９",  # full-width digits
    "",
    " ",
]
#: Code points from the troublesome categories: surrogates, controls, format (RLO, zero width),
#: line and paragraph separators, combining marks.
awkward_text = st.text(
    alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Mn"]), max_size=40
)
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=300),
    awkward_text,
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), st.text(max_size=20)),
)
#: Bytes as they come, mostly no valid UTF-8.
raw_bytes = st.binary(min_size=1, max_size=60)
hostile_value = st.one_of(hostile_text, hostile_text, raw_bytes)

FORM = "application/x-www-form-urlencoded"
#: The charset a client claims: none, the right one, a wrong one, one that does not exist.
CONTENT_TYPES = [FORM, f"{FORM}; charset=utf-8", f"{FORM}; charset=latin-1", f"{FORM}; charset=x"]


def _raw(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def urlencoded(data: dict[str, Any]) -> bytes:
    """Encode as a form does, but byte for byte: surrogates and broken UTF-8 go through."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{quote(_raw(key), safe='')}={quote(_raw(item), safe='')}")
    return "&".join(pairs).encode("ascii")


def multipart(data: dict[str, Any], boundary: str) -> bytes:
    parts = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            head = b'Content-Disposition: form-data; name="' + _raw(key) + b'"\r\n\r\n'
            parts.append(f"--{boundary}\r\n".encode() + head + _raw(item) + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def _shown(response: Any) -> str:
    return response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""


def assert_safe(response: Any) -> None:
    """No server error, and no markup printed as it came."""
    assert response.status_code < 500, response.status_code
    content = _shown(response)
    for markup in MARKUP:
        assert markup not in content, markup


# --- Every public form --------------------------------------------------------------------------

#: What a form answers when it takes the submission (the partner's page thanks on itself).
TAKEN = {"partner:referral-answer": 200}
#: Answers that refuse: the form again with messages, a bad request, an unknown or spent link.
REFUSING = {200, 400, 404, 410}


@pytest.mark.parametrize("case", OPEN_FORMS + TOKEN_FORMS, ids=lambda case: case.id)
@hostile_run
@given(data=st.data())
def test_hostile_input_to_a_public_form_is_refused_or_stored_escaped(
    client: Client, office_a: Office, case: FormCase, data: st.DataObject
) -> None:
    path, valid = case.build(office_a)
    names = sorted(valid)
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    post: dict[str, Any] = dict(valid)
    for name in chosen:
        post[name] = data.draw(hostile_value, label=name)
    if data.draw(st.booleans(), label="unknown field"):
        post[data.draw(hostile_text, label="extra name")] = data.draw(hostile_value)
    content_type = data.draw(st.sampled_from([*CONTENT_TYPES, "multipart"]), label="encoding")
    if content_type == "multipart":
        boundary = uuid.uuid4().hex
        body = multipart({k: v for k, v in post.items() if '"' not in str(k)}, boundary)
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        body = urlencoded(post)

    before = case.stored()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.generic("POST", path, body, content_type=content_type)
    assert_safe(response)
    stored = case.stored() - before
    event(f"answered {response.status_code}, stored {stored}, {content_type.split(';')[0]}")
    assert stored in (0, 1)
    taken = TAKEN.get(case.name, 302)
    if response.status_code != taken:
        assert response.status_code in REFUSING
        assert stored == 0, "refused, but stored"
    if stored and response.status_code == 302:
        # What was stored is shown escaped on the next page (the personal page, the thanks).
        assert_safe(client.get(response["Location"]))


# --- Public searches and links ------------------------------------------------------------------

SEARCH_PARAMS = ["q", "topic", "language", "district", "target_group", "access", "page"]
CALENDAR_PARAMS = ["program", "language", "target_group", "date_from", "date_to", "page"]


def _query(params: dict[str, Any]) -> str:
    return urlencoded(params).decode()


@hostile_run
@given(params=st.dictionaries(st.sampled_from(SEARCH_PARAMS), hostile_value, min_size=1))
def test_hostile_search_parameters_give_a_page(
    client: Client, office_a: Office, params: dict[str, Any]
) -> None:
    response = client.get(f"/en/search/?{_query(params)}")
    assert response.status_code == 200
    assert_safe(response)


@hostile_run
@given(params=st.dictionaries(st.sampled_from(CALENDAR_PARAMS), hostile_value, min_size=1))
def test_hostile_calendar_filters_give_a_page(
    client: Client, office_a: Office, params: dict[str, Any]
) -> None:
    response = client.get(f"/en/events/?{_query(params)}")
    assert response.status_code == 200
    assert_safe(response)


@hostile_run
@given(token=hostile_value, number=st.one_of(st.integers(min_value=0), st.just(10**30)))
def test_hostile_links_are_not_found(client: Client, token: Any, number: int) -> None:
    part = quote(_raw(token), safe="") or "x"
    for path in (
        f"/en/events/my/{part}/",
        f"/en/events/my/{part}/calendar.ics",
        f"/partner/referral/{part}/",
        f"/en/events/programs/{part}/",
        f"/en/pages/{part}/",
        f"/en/events/{number}/",
        f"/en/services/{number}/",
    ):
        response = client.get(path)
        assert response.status_code in (301, 302, 404), path
        assert_safe(response)


# --- Stored markup is shown escaped everywhere it appears ---------------------------------------


def test_markup_stored_through_the_public_forms_is_escaped_on_staff_pages(
    client: Client, office_a: Office
) -> None:
    from lotse.events.models import Registration
    from lotse.sponsorship.models import SponsorshipRequest, Volunteer

    script, attribute = MARKUP[0], MARKUP[1]
    fields = {
        "events-public:register": {"name": script, "accessibility_needs": attribute},
        "volunteer:apply": {"first_name": script, "last_name": attribute, "motivation": script},
        "volunteer:ask": {"contact_name": script, "district": attribute, "note": script},
    }
    for case in OPEN_FORMS:
        if case.name in fields:
            path, valid = case.build(office_a)
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = client.post(path, {**valid, **fields[case.name]})
            assert response.status_code == 302, case.name
            assert_safe(client.get(response["Location"]))

    registration = Registration.objects.get(name=script)
    volunteer = Volunteer.objects.get(first_name=script)
    request = SponsorshipRequest.objects.get(contact_name=script)
    staff = login(Client(), member(office_a, Role.OFFICE_ADMIN, "hostile-admin"))
    pages = [
        f"/staff/events/{registration.event_id}/participants/",
        f"/staff/events/{registration.event_id}/attendance/",
        "/staff/sponsorship/volunteers/",
        f"/staff/sponsorship/volunteers/{volunteer.pk}/",
        "/staff/sponsorship/requests/?status=to_confirm",
        f"/staff/sponsorship/requests/{request.pk}/",
    ]
    for page in pages:
        response = staff.get(page)
        assert response.status_code == 200, page
        assert_safe(response)
        assert "&lt;script&gt;alert(&quot;lotse-xss&quot;)&lt;/script&gt;" in _shown(response), page
