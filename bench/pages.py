"""Page latency of the public pages, each request right after one for a
static file from the same server (the floor), for one record or several
side by side (e.g. 10k and 100k pledges), interleaved in one run.

    .venv/bin/python bench/pages.py \
        --record 10k=postgres://postgres@127.0.0.1:5432/tracker_10k \
        --record 100k=postgres://postgres@127.0.0.1:5432/tracker_100k \
        [--port 18600] [--requests 30] [--warmup 5]

Without --record, the record in $DATABASE_URL. Builds nothing: make the
records first with `manage.py generate_synthetic` (and VACUUM ANALYZE them,
as autovacuum would). Starts one gunicorn per record (one sync worker, DEBUG
off, like production) on consecutive ports from --port, on 127.0.0.1 only,
and prints a Markdown table: median ms, the ratio to the floor measured
beside it, and the last record's median over the first's.
"""

import argparse
from urllib.parse import quote

from side_by_side import (
    SERVERS,
    Record,
    manage,
    parse_records,
    run,
    server_label,
    table,
)

SAMPLE = (
    "from django.db.models import Count\n"
    "from commitments.models import Pledge, Owner, Category\n"
    "p = Pledge.objects.filter(targets__measurements__isnull=False)"
    ".annotate(n=Count('status_updates', distinct=True)).order_by('-n', 'id').first()\n"
    "o = Owner.objects.filter(children__isnull=False).order_by('id').first()\n"
    "c = Category.objects.order_by('id').first()\n"
    "print(p.slug, o.slug, c.slug, p.deadline.year, Pledge.objects.count())"
)
PAGES = [
    "home",
    "list",
    "list ?status",
    "list ?owner (with sub-owners)",
    "list ?category",
    "list ?year",
    "list ?overdue",
    "list ?disagreement",
    "list ?q=homes",
    "list ?q=주택",
    "list, all filters + sort + page 2",
    "pledge page (most updates)",
    "owner scorecard",
    "embed card",
]


def sample(record: Record) -> None:
    out = manage(record, "shell", "-c", SAMPLE, extra={})
    pledge, owner, category, year, count = out.split()[-5:]
    record.count = count
    record.paths = {
        "home": "/",
        "list": "/pledges/",
        "list ?status": "/pledges/?status=in_progress",
        "list ?owner (with sub-owners)": f"/pledges/?owner={quote(owner)}",
        "list ?category": f"/pledges/?category={quote(category)}",
        "list ?year": f"/pledges/?year={year}",
        "list ?overdue": "/pledges/?overdue=1",
        "list ?disagreement": "/pledges/?disagreement=1",
        "list ?q=homes": "/pledges/?q=homes",
        "list ?q=주택": "/pledges/?q=" + quote("주택"),
        "list, all filters + sort + page 2": (
            f"/pledges/?status=in_progress&category={quote(category)}&year={year}"
            "&sort=deadline&page=2"
        ),
        "pledge page (most updates)": f"/pledges/{quote(pledge)}/",
        "owner scorecard": f"/owners/{quote(owner)}/",
        "embed card": f"/embed/pledges/{quote(pledge)}/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="append", default=[])
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--server", choices=SERVERS, default="deployed")
    args = parser.parse_args()
    records = parse_records(args.record, args.port)
    found = run(
        records,
        sample=sample,
        names=PAGES,
        requests=args.requests,
        warmup=args.warmup,
        workers=1,
        server=args.server,
        extra={},
    )
    sizes = ", ".join(f"{r.name} = {int(r.count):,} pledges" for r in records)
    print(
        f"\n{sizes}; {args.requests} rounds after {args.warmup} warm-up, each "
        "page right after the floor (/static/css/site.css) on the same server, "
        f"records interleaved; {server_label(args.server, 1)}.\n"
    )
    print(table(records, found, "page"))


if __name__ == "__main__":
    main()
