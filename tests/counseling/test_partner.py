"""The partner's answer page: reached through the handover letter's link, without an account."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from lotse.core.models import Office, User
from lotse.counseling import services
from lotse.counseling.models import ConsentPurpose, HandoverLetter, Referral, ReferralStatus
from tests.counseling.factories import make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(office_a: Office, counselor: User) -> Referral:
    person = make_person(
        office_a,
        display_name="Amira",
        full_name="Amira Zzfullname",
        email="amira@example.org",
        phone="+49 170 1234567",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER),
    )
    service = make_service(title="IQ Anerkennungsberatung", office=office_a)
    return services.referral_create(
        office=office_a,
        by=counselor,
        person=person,
        service=service,
        reason="Zzreason: nursing degree",
    )


def send_letter(client: Client, counselor: User, referral: Referral, capture: Any) -> str:
    """Send the letter through the staff page; return the path of the link in the e-mail."""
    client.force_login(counselor, backend="django.contrib.auth.backends.ModelBackend")
    with capture(execute=True):
        response = client.post(
            f"/staff/counseling/referrals/{referral.pk}/letter/",
            {"recipient": "partner@example.org"},
        )
    assert response.status_code == 302
    link = re.search(r"http://testserver(/partner/referral/[\w-]+/?)", mail.outbox[-1].body)
    assert link is not None
    return link.group(1)


@pytest.fixture
def link(
    client: Client, counselor: User, referral: Referral, django_capture_on_commit_callbacks: Any
) -> str:
    return send_letter(client, counselor, referral, django_capture_on_commit_callbacks)


def test_the_partner_sees_who_was_referred_and_nothing_more(link: str, referral: Referral) -> None:
    partner = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = partner.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Welcome Center A" in page and "IQ Anerkennungsberatung" in page
    assert "Amira" in page
    assert referral.suggested_on.strftime("%Y") in page
    for private in ("Zzfullname", "amira@example.org", "1234567", "Zzreason", "client"):
        assert private not in page
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    assert "The person arrived" in page and "We cannot take this on" in page


def test_the_letter_s_link_is_the_answer_page(link: str) -> None:
    assert link.endswith("/")
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(link).status_code == 200


def test_the_partner_confirms_arrival_then_completion_then_no_more(
    link: str, referral: Referral
) -> None:
    partner = Client(HTTP_ACCEPT_LANGUAGE="en")
    arrived = partner.post(link, {"answer": "arrived"})
    assert arrived.status_code == 200
    assert "Thank you" in arrived.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ARRIVED
    assert referral.arrived_on == timezone.localdate()
    assert referral.partner_confirmed_at is not None
    page = partner.get(link).content.decode()
    assert 'value="arrived"' not in page and 'value="completed"' in page

    completed = partner.post(link, {"answer": "completed"})
    assert completed.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.completed_on == timezone.localdate()
    letter = HandoverLetter.objects.get()
    assert letter.answer == "completed" and letter.used_at is not None

    refused = partner.post(link, {"answer": "declined"})
    assert refused.status_code == 410
    assert "already answered" in refused.content.decode()
    assert refused["X-Robots-Tag"].startswith("noindex")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and referral.not_taken_up_on is None
    assert 'name="answer"' not in partner.get(link).content.decode()


def test_the_partner_may_decline(link: str, referral: Referral) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(link, {"answer": "declined"})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_TAKEN_UP


def test_an_unknown_answer_changes_nothing(link: str, referral: Referral) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(link, {"answer": "delete"})
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HANDED_OVER


def test_an_unknown_token_is_not_found(db: None) -> None:
    partner = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = partner.get("/partner/referral/not-a-real-token/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert (
        partner.post("/partner/referral/not-a-real-token/", {"answer": "arrived"}).status_code
        == 404
    )


def test_an_expired_link_is_gone(link: str, referral: Referral) -> None:
    later = timezone.now() + dt.timedelta(days=services.LETTER_LINK_DAYS + 1)
    with time_machine.travel(later):
        response = Client(HTTP_ACCEPT_LANGUAGE="en").post(link, {"answer": "arrived"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HANDED_OVER


def test_the_page_follows_the_browser_language(link: str) -> None:
    german = Client(HTTP_ACCEPT_LANGUAGE="de").get(link).content.decode()
    assert '<html lang="de"' in german


def test_a_browser_s_answer_passes_without_a_csrf_cookie(link: str, referral: Referral) -> None:
    # With Referrer-Policy no-referrer browsers post with `Origin: null` and the partner has no
    # CSRF cookie: the token in the address is the credential, so the page takes the answer.
    partner = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = partner.post(link, {"answer": "arrived"}, HTTP_ORIGIN="null")
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ARRIVED
