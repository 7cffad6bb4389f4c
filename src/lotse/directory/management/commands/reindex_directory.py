from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from lotse.directory.models import Service
from lotse.directory.search import reindex_service
from lotse.directory.selectors import with_public_relations


class Command(BaseCommand):
    help = "Rebuild the directory's search entries (after an upgrade changed how they are built)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        with scopes_disabled():
            for service in with_public_relations(Service.objects.order_by("pk")).iterator(
                chunk_size=500
            ):
                reindex_service(service)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search entries of {count} services."))
