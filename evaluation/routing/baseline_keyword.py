"""Keyword baseline: the directory's existing full-text search (services only) on the test set.

    cd /work/main && DATABASE_URL=sqlite:////tmp/eval_demo.sqlite3 .venv/bin/python evaluation/routing/baseline_keyword.py
A question counts as a hit when the ranked service is the target or one of "also"
(page targets can never be hit by this baseline: it searches services only).
"""
import json, sys
from pathlib import Path
from collections import defaultdict
sys.argv = sys.argv[:1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import validate  # sets up Django
from django_scopes import scopes_disabled
from lotse.directory.search import search_service_ids

data = json.load(open("evaluation/routing/questions.json", encoding="utf-8"))
stats = defaultdict(lambda: [0, 0, 0])
with scopes_disabled():
    for row in data:
        ok = set()
        for t in [row["target"], *row["also"]]:
            if t["kind"] == "service":
                ok |= {s.pk for s in validate.resolve(t)}
        hits = [h.service_id for h in search_service_ids(row["question"], language=row["language"], limit=3)]
        for key in (row["language"], "ALL"):
            s = stats[key]
            s[0] += 1
            s[1] += bool(hits[:1] and hits[0] in ok)
            s[2] += bool(ok & set(hits[:3]))
for lang, (n, t1, t3) in sorted(stats.items()):
    print(f"{lang:4s} n={n:3d} top1={t1/n:5.1%} top3={t3/n:5.1%}")
