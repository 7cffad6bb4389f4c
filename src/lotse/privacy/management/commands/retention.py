"""`manage.py retention`: apply the retention rules now, preview them, or queue the nightly run.

The output holds counts and dates only, never names: it ends up in cron mails and logs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_scopes import scopes_disabled

from lotse.core.models import Office
from lotse.privacy import retention, tasks
from lotse.privacy.models import RunTrigger


class Command(BaseCommand):
    help = (
        "Apply the retention rules of every active office (or one) and prune old task results; "
        "--preview shows what is due without changing anything; --schedule queues the nightly "
        "run when the task backend can wait."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", metavar="SLUG", help="Only this office.")
        parser.add_argument(
            "--preview", action="store_true", help="Show what is due; change nothing."
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the nightly run (03:00) if none is queued; run nothing now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("en")
        if options["schedule"]:
            if tasks.ensure_scheduled():
                self.stdout.write(self.style.SUCCESS("The nightly retention run is queued."))
            else:
                self.stdout.write(
                    self.style.WARNING(
                        "Nothing queued: the task backend cannot run tasks later. "
                        "Run `manage.py retention` every night from cron instead."
                    )
                )
            return
        offices = self._offices(options["office"])
        if options["preview"]:
            for office in offices:
                self._preview(office)
            return
        for office in offices:
            run = retention.run_retention(office, trigger=RunTrigger.MANUAL)
            self._report(office.slug, run)
        if not options["office"]:
            self._report("installation", retention.run_installation(trigger=RunTrigger.MANUAL))

    def _offices(self, slug: str | None) -> list[Office]:
        with scopes_disabled():
            offices = Office.objects.filter(is_active=True).order_by("slug")
            if slug:
                offices = Office.objects.filter(slug=slug)
                if not offices.exists():
                    raise CommandError(f"No office with the slug {slug!r}.")
            return list(offices)

    def _preview(self, office: Office) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(office.slug))
        for rule in retention.preview(office):
            state = "" if rule.enabled else " (not applied automatically)"
            extra = "".join(f", {label.lower()}: {number}" for label, number in rule.extra)
            self.stdout.write(
                f"  {rule.rule}: {rule.months} months{state}; due now {rule.due_now}{extra}, "
                f"within {retention.PREVIEW_DAYS} days {rule.due_soon}, "
                f"kept although due {rule.kept_count}"
            )

    def _report(self, name: str, run: Any) -> None:
        counts = ", ".join(f"{key}: {number}" for key, number in run.counts.items()) or "nothing"
        if run.error:
            self.stdout.write(self.style.ERROR(f"{name}: {counts}; failed: {run.error}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"{name}: {counts}"))
