"""Background tasks of the directory (run by the configured django-tasks backend)."""

from __future__ import annotations

from django_tasks import task

from lotse.directory import semantic


@task()
def embed_entry(*, service_id: int | None = None, page_id: int | None = None) -> int:
    """Recompute the routing vectors of one service or page after its content changed."""
    return semantic.refresh(service_id=service_id, page_id=page_id)
