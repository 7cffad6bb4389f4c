from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django_scopes import ScopeError, scope

from lotse.core import policy
from lotse.core.models import Membership, Office, Role, User
from tests.conftest import member

pytestmark = pytest.mark.django_db

#: The expected matrix, written out so a change to RULES shows up here as a deliberate edit.
EXPECTED = {
    "core.dashboard.view": set(Role.values),
    "core.office.view": set(Role.values),
    "core.office.edit": {Role.OFFICE_ADMIN},
    "core.member.view": {Role.OFFICE_ADMIN},
    "core.member.manage": {Role.OFFICE_ADMIN},
    "core.audit.view": {Role.OFFICE_ADMIN},
}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_matrix(office_a: Office, office_b: Office, role: str, action: str) -> None:
    user = member(office_a, role, f"matrix-{role}")
    assert policy.can(user, action, office_a) == (role in EXPECTED[action])
    assert policy.can(user, action, office_b) is False


def test_it_denies_what_no_rule_mentions(counselor: User, office_a: Office) -> None:
    with pytest.raises(KeyError, match="Unknown action"):
        policy.can(counselor, "core.everything.do", office_a)


def test_it_denies_anonymous_and_inactive_users(counselor: User, office_a: Office) -> None:
    assert policy.can(AnonymousUser(), "core.dashboard.view", office_a) is False
    counselor.is_active = False
    assert policy.can(counselor, "core.dashboard.view", office_a) is False


def test_an_inactive_office_grants_nothing(office_admin: User, office_a: Office) -> None:
    office_a.is_active = False
    office_a.save()
    assert policy.can(office_admin, "core.dashboard.view", office_a) is False


def test_platform_actions_are_for_platform_admins_only(
    platform_admin: User, office_admin: User, office_a: Office
) -> None:
    assert policy.can(platform_admin, "core.taxonomy.edit") is True
    assert policy.can(office_admin, "core.taxonomy.edit", office_a) is False
    # Platform admins run the installation; they do not read an office's data without a role.
    assert policy.can(platform_admin, "core.audit.view", office_a) is False


def test_personal_data_needs_a_verified_second_factor_when_required(
    settings: object, office_admin: User, office_a: Office
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    assert policy.two_factor_required(office_admin) is True
    assert policy.can(office_admin, "core.member.view", office_a) is False
    office_admin.is_verified = lambda: True
    assert policy.can(office_admin, "core.member.view", office_a) is True


def test_statistics_viewers_need_no_second_factor(settings: object, office_a: Office) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    viewer = member(office_a, Role.STATISTICS_VIEWER, "viewer")
    assert policy.two_factor_required(viewer) is False
    assert policy.can(viewer, "core.dashboard.view", office_a) is True


def test_register_refuses_to_redefine_an_action() -> None:
    with pytest.raises(ValueError, match="already registered"):
        policy.register("core.audit.view", policy.Rule(frozenset(Role.values)))


def test_office_owned_queries_without_an_office_scope_raise(
    counselor: User, office_a: Office, office_b: Office
) -> None:
    member(office_b, Role.COUNSELOR, "counselor-b")
    with scope(), pytest.raises(ScopeError):
        Membership.objects.count()
    with scope(office=[office_a.pk]):
        assert {m.office_id for m in Membership.objects.all()} == {office_a.pk}
    with scope(office=[]):
        assert Membership.objects.count() == 0
