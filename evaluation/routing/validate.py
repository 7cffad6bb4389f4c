"""Validate evaluation/routing/questions.json against a seeded demo database.

    cd /work/main && DATABASE_URL=sqlite:////tmp/eval_demo.sqlite3 \
        .venv/bin/python evaluation/routing/validate.py [path/to/questions.json]

Checks: ids unique and shaped "<language>-NNN", at least 150 questions, at least 8 languages with
at least 18 each, every target and every "also" entry resolves to exactly one row, the target is
not repeated in "also". Prints counts per language, per target type and per kind.

`resolve(target)` is the reference resolver an evaluation command can copy:
  service: office slug + organisation slug (the demo's slug of the organisation's name) + service
           type (matched by the German title of the type, from the demo texts).
  page:    InfoPage.slug.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path("/work/main")
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")

import django  # noqa: E402

django.setup()

from django.utils.text import slugify  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from lotse.directory.demo_data.texts import TYPE_TEXTS  # noqa: E402
from lotse.directory.models import InfoPage, Organisation, Service  # noqa: E402

LANGUAGES = {"de", "en", "ar", "uk", "tr", "ru", "fa", "es", "fr"}


def org_slug(name: str) -> str:
    """The demo's organisation slug (lotse.directory.demo._slug)."""
    return slugify(name.replace("ß", "ss"))[:40].strip("-")


def title_pattern(type_: str) -> re.Pattern[str]:
    template = TYPE_TEXTS["de"][type_][0]
    return re.compile(
        "^" + re.escape(template).replace(re.escape("{place}"), ".+").replace(
            re.escape("{org}"), ".+") + "$"
    )


_ORGS: dict[tuple[str, str], list[Organisation]] = {}


def _organisations() -> dict[tuple[str, str], list[Organisation]]:
    if not _ORGS:
        for org in Organisation.objects.select_related("owner_office"):
            _ORGS.setdefault((org.owner_office.slug, org_slug(org.name)), []).append(org)
    return _ORGS


def resolve(target: dict) -> list:
    """Every row the target names (a valid target names exactly one)."""
    if target["kind"] == "page":
        return list(InfoPage.objects.filter(slug=target["slug"], owner_office__slug=target["office"]))
    organisation, type_ = target["slug"].split("/")
    assert organisation == target.get("organisation", organisation)
    assert type_ == target.get("type", type_)
    if type_ not in TYPE_TEXTS["de"]:
        return []
    pattern = title_pattern(type_)
    found = []
    for org in _organisations().get((target["office"], organisation), []):
        for service in Service.objects.filter(organisation=org, is_archived=False).prefetch_related(
            "translations"
        ):
            german = next((t for t in service.translations.all() if t.language == "de"), None)
            if german and pattern.match(german.title):
                found.append(service)
    return found


def main(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = []
    ids = Counter(row["id"] for row in data)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for row in data:
        if not re.fullmatch(rf"{row['language']}-\d{{3}}", row["id"]):
            errors.append(f"{row['id']}: id does not match language {row['language']}")
        if row["language"] not in LANGUAGES:
            errors.append(f"{row['id']}: unknown language {row['language']}")
        if not row["question"].strip():
            errors.append(f"{row['id']}: empty question")
    per_language = Counter(row["language"] for row in data)
    if len(data) < 150:
        errors.append(f"only {len(data)} questions (need 150)")
    if len(per_language) < 8:
        errors.append(f"only {len(per_language)} languages (need 8)")
    errors += [f"language {lang}: only {n} questions" for lang, n in per_language.items() if n < 18]

    resolved = {}
    with scopes_disabled():
        for row in data:
            keys = [json.dumps(row["target"], sort_keys=True)]
            for t in [row["target"], *row["also"]]:
                key = json.dumps(t, sort_keys=True)
                if key not in resolved:
                    resolved[key] = resolve(t)
                hits = resolved[key]
                if len(hits) != 1:
                    errors.append(f"{row['id']}: {t['kind']} {t['office']}:{t['slug']} "
                                  f"resolves to {len(hits)} rows")
            also_keys = [json.dumps(t, sort_keys=True) for t in row["also"]]
            if keys[0] in also_keys:
                errors.append(f"{row['id']}: target repeated in also")
            if len(set(also_keys)) != len(also_keys):
                errors.append(f"{row['id']}: duplicate in also")
        services = Service.objects.count()
        pages = InfoPage.objects.count()

    print(f"{len(data)} questions, {len(per_language)} languages "
          f"(database: {services} services, {pages} pages)")
    print("per language: " + ", ".join(f"{k} {v}" for k, v in sorted(per_language.items())))
    kinds = Counter(row["target"]["kind"] for row in data)
    print("target kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    offices = Counter(row["target"]["office"] for row in data)
    print("target office: " + ", ".join(f"{k} {v}" for k, v in sorted(offices.items())))
    types = Counter(row["target"].get("type", "page:" + row["target"]["slug"]) for row in data)
    print(f"distinct primary targets: {len({json.dumps(r['target'], sort_keys=True) for r in data})}"
          f"; distinct types/pages: {len(types)}")
    for name, n in types.most_common():
        print(f"  {n:3d}  {name}")
    alts = Counter(len(row["also"]) for row in data)
    print("questions by number of alternatives: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(alts.items())))
    if errors:
        print(f"\n{len(errors)} ERRORS:")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: every target and alternative resolves to exactly one row.")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("evaluation/routing/questions.json")))
