from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import AuditEntry, Office, Role, User
from tests.conftest import PASSWORD, login, member
from tests.core.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def post_login(client: Client, username: str, password: str) -> Any:
    return client.post("/staff/login/", {"username": username, "password": password})


def current_token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_a_counselor_logs_in_and_lands_on_the_start_page(
    client: Client, counselor: User, office_a: Office
) -> None:
    response = post_login(client, "counselor-a", PASSWORD)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert office_a.name in page.content.decode()
    entry = AuditEntry.objects.get(action="auth.login.succeeded")
    assert (entry.actor, entry.office) == (counselor, office_a)


def test_a_failed_login_is_audited_in_the_users_offices(
    client: Client, counselor: User, office_a: Office
) -> None:
    response = post_login(client, "counselor-a", "wrong password")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    entry = AuditEntry.objects.get(action="auth.login.failed")
    assert (entry.actor, entry.office) == (counselor, office_a)


def test_a_failed_login_for_an_unknown_name_keeps_no_name(client: Client, db: None) -> None:
    post_login(client, "nobody-by-this-name", "x")
    entry = AuditEntry.objects.get(action="auth.login.failed")
    assert entry.actor is None and entry.office is None
    assert "nobody-by-this-name" not in str(entry.data)


def test_repeated_failures_lock_the_account(client: Client, counselor: User) -> None:
    for _ in range(5):
        post_login(client, "counselor-a", "wrong password")
    locked = post_login(client, "counselor-a", PASSWORD)
    assert locked.status_code == 429
    assert client.get("/staff/").status_code == 302  # still not logged in


def test_without_the_second_factor_no_page_with_personal_data_opens(
    client: Client, settings: Any, office_admin: User
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    response = post_login(client, "admin-a", PASSWORD)
    assert response.status_code == 302
    for path in ["/staff/", "/staff/members/", "/staff/audit/", "/staff/office/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/staff/two-factor/"), path


def test_enrolling_an_authenticator_opens_the_back_office(
    client: Client, settings: Any, office_admin: User
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    post_login(client, "admin-a", PASSWORD)
    page = client.get("/staff/two-factor/?next=/staff/members/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code is inline, fetched from nowhere
    device = TOTPDevice.objects.get(user=office_admin, confirmed=False)

    with time_machine.travel("2026-11-21 09:00 +01:00") as traveller:
        wrong = client.post("/staff/two-factor/", {"token": "000000", "next": "/staff/members/"})
        assert wrong.status_code == 200
        assert client.get("/staff/members/").status_code == 302
        traveller.shift(5)  # past django-otp's throttle after one wrong code
        right = client.post(
            "/staff/two-factor/", {"token": current_token(device), "next": "/staff/members/"}
        )
        # Still in the travelled time: outside it, the session would be hours idle.
        # The backup codes are offered next (tests/core/test_hardening.py), then the page.
        assert right.status_code == 302
        assert right["Location"] == "/staff/two-factor/backup-codes/?next=%2Fstaff%2Fmembers%2F"
        assert client.get("/staff/members/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.two_factor.enrolled").count() == 1


def test_the_next_login_asks_for_the_code_of_the_enrolled_device(
    client: Client, settings: Any, office_admin: User
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=office_admin, name="phone", confirmed=True)
    post_login(client, "admin-a", PASSWORD)
    page = client.get("/staff/two-factor/")
    assert "<svg" not in page.content.decode()
    client.post("/staff/two-factor/", {"token": current_token(device)})
    assert client.get("/staff/audit/").status_code == 200


def test_the_two_factor_page_ignores_a_foreign_next_url(
    client: Client, settings: Any, office_admin: User
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=office_admin, name="phone", confirmed=True)
    post_login(client, "admin-a", PASSWORD)
    response = client.post(
        "/staff/two-factor/", {"token": current_token(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/staff/"


def test_a_session_ends_after_thirty_idle_minutes(client: Client, counselor: User) -> None:
    with time_machine.travel("2026-11-21 09:00 +01:00", tick=False) as traveller:
        login(client, counselor)
        assert client.get("/staff/").status_code == 200
        traveller.shift(29 * 60)
        assert client.get("/staff/").status_code == 200
        traveller.shift(31 * 60)
        response = client.get("/staff/")
        assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_password_reset_mail_is_sent_through_the_task_queue(
    client: Client, counselor: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/password/reset/", {"email": counselor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert done.status_code == 302
    counselor.refresh_from_db()
    assert counselor.check_password("a new long passphrase 42")


def test_password_reset_says_the_same_for_unknown_addresses(client: Client, db: None) -> None:
    response = client.post("/staff/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client: Client, counselor: User) -> None:
    login(client, counselor)
    bad = client.post(
        "/staff/password/",
        {
            "old_password": "wrong",
            "new_password1": "x" * 14 + "9!",
            "new_password2": "x" * 14 + "9!",
        },
    )
    assert bad.status_code == 200
    counselor.refresh_from_db()
    assert counselor.check_password(PASSWORD)


def test_logout_ends_the_session_and_is_audited(client: Client, counselor: User) -> None:
    login(client, counselor)
    assert client.post("/staff/logout/").status_code == 302
    assert client.get("/staff/").status_code == 302
    assert AuditEntry.objects.filter(action="auth.logout", actor=counselor).exists()


def test_an_office_switch_to_a_foreign_office_is_refused(
    client: Client, office_a: Office, office_b: Office
) -> None:
    user = member(office_a, Role.COUNSELOR, "switcher")
    login(client, user)
    assert client.post("/staff/office/switch/", {"office": office_b.pk}).status_code == 404
    assert client.post("/staff/office/switch/", {"office": "x"}).status_code == 404


def test_the_office_switch_changes_the_active_office(
    client: Client, office_a: Office, office_b: Office
) -> None:
    user = member(office_a, Role.COUNSELOR, "switcher")
    member(office_a, Role.COUNSELOR, "only-in-a")
    member(office_b, Role.OFFICE_ADMIN, "someone-b")

    MembershipFactory(user=user, office=office_b, role=Role.OFFICE_ADMIN)
    login(client, user)
    client.post("/staff/office/switch/", {"office": office_a.pk})
    assert client.get("/staff/members/").status_code == 403
    client.post("/staff/office/switch/", {"office": office_b.pk})
    page = client.get("/staff/members/")
    assert page.status_code == 200
    assert "someone-b" in page.content.decode() and "only-in-a" not in page.content.decode()


def test_an_invited_person_who_lost_the_mail_can_ask_for_a_new_link(
    client: Client, office_a: Office, django_capture_on_commit_callbacks: Any
) -> None:
    invited = member(office_a, Role.COUNSELOR, "invited")
    invited.set_unusable_password()
    invited.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/password/reset/", {"email": invited.email.upper()})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [invited.email]


def test_behind_a_proxy_the_client_address_is_audited_and_locked(
    client: Client, settings: Any, counselor: User
) -> None:
    settings.LOTSE_PROXY_COUNT = 1  # one nginx, which appends the address it saw
    for _ in range(5):
        client.post(
            "/staff/login/",
            {"username": "counselor-a", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5",  # the first one is forged
        )
    addresses = set(
        AuditEntry.objects.filter(action="auth.login.failed").values_list("ip_address", flat=True)
    )
    assert addresses == {"203.0.113.5"}
    other_client = client.post(
        "/staff/login/",
        {"username": "counselor-a", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other_client.status_code == 302  # the lock is on that address, not on everyone


def test_an_over_long_name_is_refused_before_the_lockout_records_it(
    client: Client, db: None
) -> None:
    # django-axes keeps attempted names in a 255-character column; PostgreSQL would fail.
    response = post_login(client, "a" * 5000, "x")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() or "invalid-feedback" in (
        response.content.decode()
    )
