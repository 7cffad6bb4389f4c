from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from lotse.core.demo import DEMO_PASSWORD, demo_logins, seed_all
from lotse.core.models import Office


class Command(BaseCommand):
    help = "Create demo offices, one user per role and the taxonomies (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the data for benchmarks (1 = a realistic demo).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing but print the logins when offices exist already.",
        )

    def handle(self, *args: Any, scale: int, if_empty: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with LOTSE_ENV=production.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        with scopes_disabled():
            if if_empty and Office.objects.exists():
                self.stdout.write("The database has data already: no demo data loaded.")
            else:
                seed_all(scale=scale, stdout=self.stdout)
                self.stdout.write(self.style.SUCCESS(f"Demo data ready (scale {scale})."))
        logins = demo_logins()
        width = max(len(username) for username, _ in logins)
        self.stdout.write("")
        self.stdout.write(
            "Back office: http://127.0.0.1:8000/staff/   Portal: http://127.0.0.1:8000/"
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, label in logins:
            self.stdout.write(f"  {username.ljust(width)}  {label}")
        self.stdout.write("")
