"""Demo data for core: offices, one user per role, the taxonomies. Later apps add their own
`lotse.<app>.demo.seed(scale=..., stdout=...)`, which `seed_demo` calls in app order."""

from __future__ import annotations

from typing import Any, TextIO

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.models import Membership, Office, Role, User
from lotse.core.taxonomies import sync_taxonomies
from lotse.core.taxonomy_names import sync_term_names
from lotse.core.topic_keywords import sync_topic_keywords

DEMO_PASSWORD = "lotse-demo"  # noqa: S105 - printed for the demo; seed_demo refuses production

OFFICES = [
    {
        "slug": "stuttgart",
        "name": "Welcome Center Stuttgart",
        "client_prefix": "S",
        "street": "Charlottenplatz 17",
        "postal_code": "70173",
        "city": "Stuttgart",
        "phone": "+49 711 000000-0",
        "email": "welcome@stuttgart.example",
        "opening_hours": "Mo, Di, Do 9–13 Uhr und 14–17 Uhr\nMi 13–17 Uhr · Fr 9–13 Uhr",
    },
    {
        "slug": "region-stuttgart",
        "name": "Welcome Service Region Stuttgart",
        "client_prefix": "RS",
        "street": "Friedrichstraße 10",
        "postal_code": "70174",
        "city": "Stuttgart",
        "phone": "+49 711 000001-0",
        "email": "welcome-service@region-stuttgart.example",
        "opening_hours": "Mo–Do 9–16 Uhr · Fr 9–12 Uhr, und nach Vereinbarung per Video",
    },
    {
        "slug": "braunschweig",
        "name": "Welcome Center Region Braunschweig",
        "client_prefix": "BS",
        "street": "Ackerstraße 22",
        "postal_code": "38126",
        "city": "Braunschweig",
        "phone": "+49 531 000000-0",
        "email": "welcome@region-braunschweig.example",
        "opening_hours": "Mo–Fr 9–15 Uhr und nach Vereinbarung",
    },
]

# (username, first name, last name, [(office slug, role), ...], platform admin)
S, RS, BS = "stuttgart", "region-stuttgart", "braunschweig"
USERS: list[tuple[str, str, str, list[tuple[str, str]], bool]] = [
    ("counselor", "Aylin", "Demir", [(S, Role.COUNSELOR), (RS, Role.COUNSELOR)], False),
    ("colleague", "Jonas", "Weber", [(S, Role.COUNSELOR)], False),
    ("coordinator", "Maria", "Lopez", [(S, Role.SPONSOR_COORDINATOR)], False),
    ("events", "Tobias", "Keller", [(S, Role.EVENT_MANAGER)], False),
    ("officeadmin", "Sabine", "Hoffmann", [(S, Role.OFFICE_ADMIN)], False),
    ("statistics", "Frank", "Schulz", [(S, Role.STATISTICS_VIEWER), (RS, Role.STATISTICS_VIEWER)],
     False),
    ("counselor-bs", "Olena", "Kovalenko", [(BS, Role.COUNSELOR)], False),
    ("admin-bs", "Lukas", "Brandt", [(BS, Role.OFFICE_ADMIN)], False),
    ("platform", "Petra", "Neumann", [], True),
]  # fmt: skip


def _offices() -> dict[str, Office]:
    offices = {}
    for data in OFFICES:
        fields = dict(data)
        slug = fields.pop("slug")
        office, _ = Office.objects.get_or_create(slug=slug, defaults=fields)
        offices[slug] = office
    return offices


def _user(
    username: str, first: str, last: str, *, superuser: bool = False, hashed: str = ""
) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.lotse.example",
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        if hashed:
            user.password = hashed
        else:
            user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed(*, scale: int, stdout: TextIO) -> dict[str, Any]:
    """Create offices, demo users and memberships; with scale > 1 also extra counselors."""
    from django.apps import apps

    created = sync_taxonomies(apps)
    sync_topic_keywords(apps)
    sync_term_names(apps)
    offices = _offices()
    for username, first, last, roles, superuser in USERS:
        user = _user(username, first, last, superuser=superuser)
        for slug, role in roles:
            Membership.objects.get_or_create(
                user=user, office=offices[slug], defaults={"role": role}
            )
    # Benchmarks need bigger teams: 20 more counselors per office for every step of scale. They
    # share one password hash: argon2 on thousands of users would take minutes.
    hashed = make_password(DEMO_PASSWORD) if scale > 1 else ""
    for office in offices.values():
        for number in range(1, (scale - 1) * 20 + 1):
            user = _user(
                f"{office.slug}-counselor-{number}", "Demo", f"Counselor {number}", hashed=hashed
            )
            Membership.objects.get_or_create(
                user=user, office=office, defaults={"role": Role.COUNSELOR}
            )
    return {"taxonomies": created}


def demo_logins() -> list[tuple[str, str]]:
    """(username, what the login is for), for printing."""
    names = {office["slug"]: office["name"] for office in OFFICES}
    return [
        (
            username,
            ", ".join(f"{Role(role).label} ({names[slug]})" for slug, role in roles)
            or str(_("Platform admin")),
        )
        for username, _first, _last, roles, _superuser in USERS
    ]


def seed_all(*, scale: int, stdout: TextIO) -> None:
    """Run core's seed, then every other Lotse app's `demo.seed`, in one transaction."""
    from importlib import import_module
    from importlib.util import find_spec

    with transaction.atomic():
        seed(scale=scale, stdout=stdout)
        for config in django_apps.get_app_configs():
            if not config.name.startswith("lotse.") or config.name == "lotse.core":
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is not None:
                import_module(module_name).seed(scale=scale, stdout=stdout)
