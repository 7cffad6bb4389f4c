"""Directory search: one function, PostgreSQL full-text search with a tested SQLite path.

Each service has one search entry per language it has text in. An entry's document is that
language's texts plus what every reader may type whatever the service's languages: the
organisation's name, the topics' names and search keywords in all languages, and the place.
So "recognition nurse" finds a German-only service through the English topic keywords.

PostgreSQL: `vector` holds to_tsvector(<language's configuration>, unaccent(text)); a query is
matched against it with the reader's configuration and with 'simple' (no stemming) OR-ed, each
term as a prefix, ranked by ts_rank. SQLite: the same text, accents folded and lower-cased; each
query term matches as a substring and entries are ranked by how many terms they contain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from lotse.core.text import WORD, fold
from lotse.directory.models import Service, ServiceSearchEntry

#: PostgreSQL text-search configurations per language; others use 'simple'.
PG_CONFIGS = {
    "de": "german",
    "en": "english",
    "ru": "russian",
    "tr": "turkish",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "ar": "arabic",
    "ro": "romanian",
}
MIN_PREFIX = 3


def terms_of(query: str) -> list[str]:
    seen: list[str] = []
    for word in WORD.findall(fold(query)):
        if len(word) >= 2 and word not in seen:
            seen.append(word)
    return seen[:12]


#: Separates the parts of a document: the title, the service's other texts, the shared words.
PART_END = "\n"


def document(texts: list[str], shared: str) -> str:
    """The search text of one entry: title, then the other own texts, then the shared words.

    `texts` starts with the title. The title ranks highest, the service's own texts next, the
    shared words (topic names and keywords, place) last: among the many services of a topic the
    one whose title says it comes first.
    """
    title, *rest = texts or [""]
    parts = [title, " ".join(rest), shared]
    return PART_END.join(fold(" ".join(part.split())) for part in parts)


def document_parts(text: str) -> list[str]:
    """Title, own texts and shared words of a stored document."""
    parts = text.split(PART_END, 2)
    return parts + [""] * (3 - len(parts))


def pg_config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


def _shared_text(service: Service) -> str:
    parts: list[str] = [service.organisation.name]
    for topic in service.topics.all():
        parts.extend(topic.names.values())
        parts.extend(topic.keywords.values())
        if topic.parent_id:
            parts.extend(topic.parent.names.values())
            parts.extend(topic.parent.keywords.values())
    for group in service.target_groups.all():
        parts.extend(group.names.values())
    for location in service.locations.all():
        parts.extend([location.city, location.district])
    return " ".join(part for part in parts if part)


def entries_for(service: Service) -> list[ServiceSearchEntry]:
    """The service's search entries, unsaved: one per language it has text in."""
    shared = _shared_text(service)
    return [
        ServiceSearchEntry(
            service=service,
            language=row.language,
            text=document([getattr(row, name) for name in row.TEXT_FIELDS], shared),
        )
        for row in service.translations.all()
    ]


@transaction.atomic
def reindex_service(service: Service) -> None:
    """Rebuild the service's search entries from its current texts (and, queued, its vectors)."""
    from lotse.directory.semantic import schedule

    schedule(service_id=service.pk)
    ServiceSearchEntry.objects.filter(service=service).delete()
    if service.is_archived:
        return
    entries = ServiceSearchEntry.objects.bulk_create(entries_for(service))
    if connection.vendor == "postgresql" and entries:
        update_vectors([entry.pk for entry in entries])


def update_vectors(entry_ids: Iterable[int]) -> None:
    """Fill the PostgreSQL tsvectors of these entries from their text."""
    table = ServiceSearchEntry._meta.db_table
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in PG_CONFIGS.items()
    )
    with connection.cursor() as cursor:
        # The service's own texts (title and the rest) weigh A, the shared words B: ts_rank then
        # prefers a service's own words. (A third weight for the title alone doubled the vector
        # and the search time; the SQLite path, which pays nothing for it, does weigh the title.)
        config = f"CASE language {cases} ELSE 'simple'::regconfig END"
        own = "split_part(text, E'\\n', 1) || ' ' || split_part(text, E'\\n', 2)"
        shared = "split_part(text, E'\\n', 3)"
        vectors = [
            f"setweight(to_tsvector({config}, {own}), 'A')",
            f"setweight(to_tsvector('simple', {own}), 'A')",
            f"setweight(to_tsvector({config}, {shared}), 'B')",
            f"setweight(to_tsvector('simple', {shared}), 'B')",
        ]
        cursor.execute(
            f"UPDATE {table} SET vector = "  # noqa: S608 - fixed names, ids as parameter
            + " || ".join(vectors)
            + " "
            "WHERE id = ANY(%s)",
            [list(entry_ids)],
        )


@dataclass(frozen=True)
class Hit:
    service_id: int
    score: float


def search_service_ids(
    query: str, *, language: str, candidates: QuerySet[Service] | None = None, limit: int = 50
) -> list[Hit]:
    """Return the best matching services for a free-text query, best first.

    `candidates` narrows the search (filters); None means all services not archived. Only the
    entries in the reader's language, German and English are searched: the German entry already
    carries every language's topic keywords, and ranking ten entries per service would cost ten
    times as much.
    """
    terms = terms_of(query)
    if not terms:
        return []
    if candidates is None:
        candidates = Service.objects.filter(is_archived=False)
    languages = list(dict.fromkeys([language, settings.LANGUAGE_CODE, "en"]))
    if connection.vendor == "postgresql":
        return _pg_search(candidates, terms, language, languages, limit)
    entries = ServiceSearchEntry.objects.filter(
        service__in=candidates.values("pk"), language__in=languages
    )
    return _portable_search(entries, terms, language, limit)


def _pg_search(
    candidates: QuerySet[Service], terms: list[str], language: str, languages: list[str],
    limit: int,
) -> list[Hit]:  # fmt: skip
    # Long terms match as prefixes without stemming ('simple'); every term also goes through the
    # reader's configuration, which stems it and drops stop words ("de", "la", "и").
    # German compounds need prefixes: "Anerkennung" must find "Anerkennungsberatung".
    simple = [f"{term}:*" for term in terms if len(term) >= MIN_PREFIX]
    tsquery, params = "to_tsquery(%s::regconfig, %s)", [pg_config(language), " | ".join(terms)]
    if simple:
        tsquery, params = f"(to_tsquery('simple', %s) || {tsquery})", [" | ".join(simple), *params]
    candidate_sql, candidate_params = candidates.values("pk").query.sql_with_params()
    table = ServiceSearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH q AS (SELECT {tsquery} AS tq)
            SELECT e.service_id,
                   MAX(ts_rank(e.vector, q.tq)
                       + CASE WHEN e.language = %s THEN 0.05 ELSE 0 END) AS score
            FROM {table} e, q
            WHERE e.language = ANY(%s) AND e.vector @@ q.tq
              AND e.service_id IN ({candidate_sql})
            GROUP BY e.service_id
            ORDER BY score DESC, e.service_id
            LIMIT %s
            """,  # noqa: S608 - fixed table name and query shapes, values as parameters
            [*params, language, languages, *candidate_params, limit],
        )
        return [Hit(service_id, float(score)) for service_id, score in cursor.fetchall()]


def _portable_search(
    entries: QuerySet[ServiceSearchEntry], terms: list[str], language: str, limit: int
) -> list[Hit]:
    from django.db.models import Q

    # Two-letter terms ("de", "la") would match inside almost every text: they only count as
    # whole words, and only narrow the search when nothing longer was typed.
    long_terms = [term for term in terms if len(term) >= MIN_PREFIX] or terms
    match = Q()
    for term in long_terms:
        match |= Q(text__contains=term)
    scores: dict[int, float] = {}
    for service_id, entry_language, text in entries.filter(match).values_list(
        "service_id", "language", "text"
    ):
        fields = [set(WORD.findall(part)) for part in document_parts(text)]
        score = 0.0
        for term in terms:
            # The title counts most, then the service's own texts, then the shared words.
            for words, weight in zip(fields, (2.0, 1.0, 0.6), strict=True):
                if term in words:
                    score += weight
                    break
                if any(word.startswith(term) for word in words):
                    score += 0.8 * weight
                    break
            else:
                if len(term) >= MIN_PREFIX and term in text:
                    score += 0.3
        if entry_language == language:
            score += 0.05
        scores[service_id] = max(scores.get(service_id, 0.0), score)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Hit(service_id, score) for service_id, score in ranked]
