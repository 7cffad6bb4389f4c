"""PDF printing with WeasyPrint, kept off the network and away from local files."""

from __future__ import annotations


def refuse_fetching(url: str, *args: object, **kwargs: object) -> dict:
    # Lotse's PDFs are self-contained (inline SVG, system fonts): a template that asks for a
    # resource is a mistake, and fetching it could reach an outside host or read a local file.
    raise ValueError(f"Lotse's PDFs load no resources ({url})")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=refuse_fetching).write_pdf()
