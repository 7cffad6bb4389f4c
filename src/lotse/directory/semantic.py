"""Question routing over the directory: which services and pages answer a question, in any language.

Every public service and published page has a vector of its own texts (the organisation's name
and, in every language it has, its title, summary and the start of its description) and one
vector per example question. They are computed in the task queue after the content changed
(`schedule`), so saving a form never waits for the model, and stored in `RoutingVector`.

A question is embedded once; an entry scores the best of its own vector and its example
questions. Entries of the asker's office get a small lead, because same-type services of two
offices have the same texts and the nearer one is the answer. The vectors are read from the
database once per process and again only when they changed (one aggregate query per question).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count, Max, QuerySet

from lotse.core import embedding
from lotse.directory.models import ExampleQuestion, InfoPage, RoutingVector, Service

#: Characters of a service's description per language in its vector: enough for what it is
#: about; longer passages cost embedding time (quadratic in length) and blur the meaning.
DESCRIPTION_CHARS = 300
PAGE_BODY_CHARS = 400
#: e5 truncates at 512 tokens; a passage stays under it in every script.
PASSAGE_CHARS = 2000
#: The lead of the asker's own office, in cosine similarity.
OFFICE_LEAD = 0.05
#: Below this score (half of own plus example similarity, with the leads) the best entry is a
#: guess: the portal says so and offers the contact first. e5's similarities are compressed:
#: on the test set 95 % of the best answers score 0.867 or more, while off-topic questions
#: ("Wie spät ist es?", "best pizza in town", key mashing) score 0.78 to 0.86.
CONFIDENT = 0.86


def service_passage(service: Service) -> str:
    parts = [service.organisation.name]
    for row in service.translations.all():
        parts.append(f"{row.title}. {row.summary} {row.description[:DESCRIPTION_CHARS]}")
    return " ".join(" ".join(parts).split())[:PASSAGE_CHARS]


def page_passage(page: InfoPage) -> str:
    parts = [f"{row.title}. {row.body[:PAGE_BODY_CHARS]}" for row in page.translations.all()]
    return " ".join(" ".join(parts).split())[:PASSAGE_CHARS]


def _hash(key: int | None, text: str) -> str:
    """Which model made the vector from which text, as a passage (own text) or a question."""
    role = "passage" if key is None else "query"
    return hashlib.sha256(f"{embedding.model_name()}\n{role}\n{text}".encode()).hexdigest()


# --- Keeping the vectors current ------------------------------------------------------------


_deferred = threading.local()


@contextmanager
def deferred() -> Iterator[None]:
    """Schedule nothing inside: a bulk load (the demo) embeds everything once at its end."""
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = False


def schedule(*, service_id: int | None = None, page_id: int | None = None) -> None:
    """Recompute an entry's vectors in the task queue once the current transaction commits."""
    from lotse.directory.tasks import embed_entry

    if getattr(_deferred, "active", False):
        return
    transaction.on_commit(
        lambda: embed_entry.enqueue(service_id=service_id, page_id=page_id), robust=True
    )


def _wanted(owner: Service | InfoPage) -> dict[int | None, str]:
    """The texts an entry should have vectors for: None for its own text, else example ids."""
    if isinstance(owner, Service):
        public = not owner.is_archived and not owner.organisation.is_archived
        own = service_passage(owner) if public else ""
    else:
        own = page_passage(owner) if owner.is_published else ""
    if not own:
        return {}
    wanted: dict[int | None, str] = {None: own}
    for example in owner.example_questions.all():
        wanted[example.pk] = example.text
    return wanted


@transaction.atomic
def refresh(*, service_id: int | None = None, page_id: int | None = None) -> int:
    """Bring one entry's vectors up to date; returns how many vectors it wrote."""
    if service_id is not None:
        owner: Service | InfoPage | None = (
            Service.objects.select_related("organisation")
            .prefetch_related("translations", "example_questions")
            .filter(pk=service_id)
            .first()
        )
        rows = RoutingVector.objects.filter(service_id=service_id)
    else:
        owner = (
            InfoPage.objects.prefetch_related("translations", "example_questions")
            .filter(pk=page_id)
            .first()
        )
        rows = RoutingVector.objects.filter(page_id=page_id)
    wanted = _wanted(owner) if owner is not None else {}
    have = {row.example_id: row for row in rows.select_for_update()}
    stale = [row.pk for key, row in have.items() if key not in wanted]
    todo = [
        (key, text)
        for key, text in wanted.items()
        if key not in have or have[key].text_hash != _hash(key, text)
    ]
    if stale:
        RoutingVector.objects.filter(pk__in=stale).delete()
    if not todo:
        return 0
    # Many entries share texts (an example question at every place of a service): a vector made
    # from the same text by the same model is copied, not computed again.
    known = dict(
        RoutingVector.objects.filter(
            text_hash__in={_hash(key, text) for key, text in todo}
        ).values_list("text_hash", "vector")
    )
    vectors = {
        key: embedding.from_bytes(known[_hash(key, text)])
        for key, text in todo
        if _hash(key, text) in known
    }
    todo_new = [(key, text) for key, text in todo if key not in vectors]
    # The own text is a passage; an example question is a question, and e5 compares questions
    # with questions best when both carry the query prefix.
    passages = [(key, text) for key, text in todo_new if key is None]
    questions = [(key, text) for key, text in todo_new if key is not None]
    for group, embed in (
        (passages, embedding.embed_passages),
        (questions, embedding.embed_queries),
    ):
        for (key, _text), vector in zip(group, embed([text for _key, text in group]), strict=True):
            vectors[key] = vector
    for key, text in todo:
        row = have.get(key) or RoutingVector(service_id=service_id, page_id=page_id, example_id=key)
        row.text_hash = _hash(key, text)
        row.vector = embedding.to_bytes(vectors[key])
        row.save()
    return len(todo)


def refresh_all(*, services: QuerySet[Service] | None = None) -> int:
    """Every entry (a command and the demo use this); returns how many vectors it wrote."""
    services = Service.objects.all() if services is None else services
    done = 0
    for service_id in services.values_list("pk", flat=True).iterator():
        done += refresh(service_id=service_id)
    for page_id in InfoPage.objects.values_list("pk", flat=True):
        done += refresh(page_id=page_id)
    return done


def missing_count() -> int:
    """Public entries without a vector of their own text (the index is still being built)."""
    have = RoutingVector.objects.filter(example__isnull=True)
    services = _public_services().exclude(pk__in=have.values("service_id")).count()
    pages = (
        InfoPage.objects.filter(is_published=True)
        .exclude(pk__in=have.filter(page__isnull=False).values("page_id"))
        .count()
    )
    return services + pages


# --- Ranking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    kind: str  # "service" or "page"
    pk: int


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float
    #: The entry's example question closest to what was asked, and its language.
    example: str = ""
    example_language: str = ""


@dataclass
class _Index:
    version: tuple
    matrix: np.ndarray
    example_ids: list[int | None]
    #: One row per entry that has a vector of its own texts.
    owners: list[Entry]
    own_rows: np.ndarray  # (entries,) row of each entry's own vector
    #: (entries, most examples) rows of each entry's example vectors, -1 where it has fewer.
    example_rows: np.ndarray
    position: dict[Entry, int]


_cache: dict[str, _Index] = {}
_cache_lock = threading.Lock()


def _public_services() -> QuerySet[Service]:
    return Service.objects.filter(is_archived=False, organisation__is_archived=False)


def _index() -> _Index:
    summary = RoutingVector.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    version = (embedding.model_name(), summary["n"], summary["last"], summary["top"])
    found = _cache.get("index")
    if found is not None and found.version == version:
        return found
    rows = RoutingVector.objects.order_by("pk").values_list(
        "service_id", "page_id", "example_id", "vector"
    )
    example_ids, vectors = [], []
    own: dict[Entry, int] = {}
    examples: dict[Entry, list[int]] = {}
    for service_id, page_id, example_id, vector in rows.iterator(chunk_size=2000):
        entry = Entry("service", service_id) if service_id else Entry("page", page_id)
        if example_id is None:
            own[entry] = len(vectors)
        else:
            examples.setdefault(entry, []).append(len(vectors))
        example_ids.append(example_id)
        vectors.append(embedding.from_bytes(vector))
    owners = list(own)
    widest = max((len(examples.get(entry, ())) for entry in owners), default=0)
    example_rows = np.full((len(owners), max(widest, 1)), -1, dtype=np.int64)
    for i, entry in enumerate(owners):
        found_rows = examples.get(entry, [])
        example_rows[i, : len(found_rows)] = found_rows
    index = _Index(
        version=version,
        matrix=np.vstack(vectors)
        if vectors
        else np.zeros((0, embedding.DIMENSIONS), dtype=np.float32),
        example_ids=example_ids,
        owners=owners,
        own_rows=np.array([own[entry] for entry in owners], dtype=np.int64),
        example_rows=example_rows,
        position={entry: i for i, entry in enumerate(owners)},
    )
    with _cache_lock:
        _cache["index"] = index
    return index


def _similarity(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    # Elementwise and summed, not `matrix @ vector`: BLAS would start threads of its own for
    # this, which fight the model's OpenMP threads on a small server and cost milliseconds.
    return np.einsum("ij,j->i", matrix, vector, optimize=False)


def _eligible(office_id: int | None) -> dict[Entry, bool]:
    """Public entries now, and whether each belongs to the asker's office."""
    eligible = {
        Entry("service", pk): owner == office_id
        for pk, owner in _public_services().values_list("pk", "owner_office_id")
    }
    for pk, owner in InfoPage.objects.filter(is_published=True).values_list(
        "pk", "owner_office_id"
    ):
        eligible[Entry("page", pk)] = owner == office_id
    return eligible


#: How many of an entry's example questions count: the mean of its best three rewards an entry
#: that many ways of asking lead to, more than one lucky wording does.
EXAMPLES_COUNTED = 3
#: The directory's full-text search adds this to its first hit (half to the second, a third to
#: the third): exact words such as "Kindergeld" or a provider's name settle close calls.
KEYWORD_LEAD = 0.02
KEYWORD_CANDIDATES = 10
#: Entries whose own texts are this alike (the same service at another place) fill one of the
#: result places, so the three answers are three different things to do.
SAME_SERVICE = 0.98


def _scores(index: _Index, question_vector: np.ndarray) -> np.ndarray:
    """Per entry (in `index.owners` order): own similarity + mean of its best example
    similarities.

    An entry without example questions counts its own similarity twice, so it is not outranked
    merely for having none.
    """
    similarity = _similarity(index.matrix, question_vector)
    own = similarity[index.own_rows]
    present = index.example_rows >= 0
    examples = np.where(present, similarity[index.example_rows], -np.inf)
    counted = np.minimum(present.sum(axis=1), EXAMPLES_COUNTED)
    best_first = -np.sort(-examples, axis=1)[:, :EXAMPLES_COUNTED]
    summed = np.where(np.isfinite(best_first), best_first, 0.0).sum(axis=1)
    mean = np.divide(summed, counted, out=own.copy(), where=counted > 0)
    return own + mean


def rank(
    question: str,
    *,
    language: str = "",
    office_id: int | None = None,
    limit: int = 3,
    only: str = "",
    exclude: Iterable[Entry] = (),
) -> list[Match]:
    """The entries that best answer `question` (in any language), best first.

    `language` is the reader's (for quoting an example question); `office_id` the asker's office,
    whose entries lead slightly; `only` limits the kind ("service"); `exclude` leaves entries out.
    Near-identical entries (one service type at several places) take one place of the result.
    """
    from lotse.directory.search import search_service_ids

    question = " ".join(question.split())[:QUESTION_CHARS]
    if not question:
        return []
    index = _index()
    if not index.owners:
        return []
    vector = embedding.embed_queries([question])[0]
    eligible = _eligible(office_id)
    excluded = set(exclude)
    scores = _scores(index, vector)
    # The keyword lead only reorders close calls, so the full-text search looks at the best
    # candidates only, which keeps it fast on SQLite too.
    close = [index.owners[i] for i in np.argsort(-scores)[:KEYWORD_CANDIDATES]]
    candidates = Service.objects.filter(pk__in=[e.pk for e in close if e.kind == "service"])
    for position, hit in enumerate(
        search_service_ids(question, language=language or "de", candidates=candidates, limit=3)
    ):
        i = index.position.get(Entry("service", hit.service_id))
        if i is not None:
            scores[i] += KEYWORD_LEAD / (position + 1)
    ranked = sorted(
        (
            (float(scores[i]) + (OFFICE_LEAD if eligible[entry] else 0.0), entry)
            for i, entry in enumerate(index.owners)
            if entry in eligible and entry not in excluded and (not only or entry.kind == only)
        ),
        key=lambda item: (-item[0], item[1].kind, item[1].pk),
    )
    chosen: list[tuple[float, Entry]] = []
    for score, entry in ranked:
        own = index.matrix[index.own_rows[index.position[entry]]]
        if any(
            float(own @ index.matrix[index.own_rows[index.position[other]]]) >= SAME_SERVICE
            for _score, other in chosen
        ):
            continue
        chosen.append((score, entry))
        if len(chosen) >= limit:
            break
    quoted = _quotes(index, vector, [entry for _score, entry in chosen], language)
    return [Match(entry, score / 2, *quoted.get(entry, ("", ""))) for score, entry in chosen]


#: A question is embedded from its first characters only (the form allows 300).
QUESTION_CHARS = 300


def _quotes(
    index: _Index, vector: np.ndarray, entries: list[Entry], language: str
) -> dict[Entry, tuple[str, str]]:
    """For each entry, its example question closest to the question, in the reader's language
    if it has one there (the reason line quotes it)."""
    rows = {
        entry: [int(row) for row in index.example_rows[index.position[entry]] if row >= 0]
        for entry in entries
    }
    ids = [index.example_ids[row] for found in rows.values() for row in found]
    if not ids:
        return {}
    texts = {
        pk: (text, lang)
        for pk, text, lang in ExampleQuestion.objects.filter(pk__in=ids).values_list(
            "pk", "text", "language"
        )
    }
    quoted = {}
    for entry, found in rows.items():
        closest = sorted(found, key=lambda row: -float(index.matrix[row] @ vector))
        candidates = [
            texts[index.example_ids[row]] for row in closest if index.example_ids[row] in texts
        ]
        in_language = [item for item in candidates if item[1] == language]
        if in_language or candidates:
            quoted[entry] = (in_language or candidates)[0]
    return quoted
