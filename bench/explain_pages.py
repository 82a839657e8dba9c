"""EXPLAIN (ANALYZE) of the public list's queries, and of the read API's
pages, on a PostgreSQL record: whether each is served by an index or scans
the pledges table.

    DATABASE_URL=postgres://... .venv/bin/python bench/explain_pages.py [--verbose]

Prints one line per query: the access paths on commitments_pledge and the
execution time. Read-only (EXPLAIN ANALYZE of SELECTs).
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from commitments.api import document_reads
    from commitments.api import selectors as api_selectors
    from commitments.models import Category, Owner, Pledge
    from commitments.pages import selectors
    from commitments.pages.filters import (
        SORTS,
        filtered_pledges,
        matching_query,
        parse_filters,
    )

    owner = Owner.objects.filter(parent__isnull=True).order_by("id").first()
    category = Category.objects.order_by("id").first()
    queries = {
        "recently updated (home)": Pledge.objects.filter(
            last_update_at__isnull=False
        ).order_by(*SORTS["updated"])[:8],
    }
    lists = {
        "list, default sort": "",
        "list, status": "status=in_progress",
        "list, owner": f"owner={owner.slug}",
        "list, category": f"category={category.slug}",
        "list, deadline year": "year=2027",
        "list, overdue": "overdue=1",
        "list, sort deadline": "sort=deadline",
        "search homes": "q=homes",
        "search 주택": "q=주택",
    }
    for name, query in lists.items():
        filters = parse_filters(QueryDict(query))
        qs = filtered_pledges(filters).order_by(*SORTS[filters.sort])
        if filters.q:
            # A search runs once: the ids of its first 1,001 matches in order
            # (`commitments.pages.pagination.matched_page`).
            queries[name + " (ids)"] = matching_query(filters)[:1001]
            continue
        queries[name] = qs[:25]
        if filters.active:
            queries[name + " (count)"] = qs.order_by().values("pk")[:1001]
    queries["upcoming (home)"] = selectors._upcoming(selectors.today()).order_by(
        "deadline", "id"
    )[:8]
    # The read API's pages, as their own SQL (`document_reads.document_page`);
    # the owner as bench/api.py picks it, one with owners below it.
    api_owner = Owner.objects.filter(children__isnull=False).order_by("id").first()
    api_pages = {
        "API page": None,
        "API page, status": {"status": "in_progress"},
        "API page, owner": {"owner": api_owner.slug},
        "API page, overdue": {"overdue": True},
    }
    for name, filters in api_pages.items():
        filtered = api_selectors.pledge_filter(**filters) if filters else None
        with CaptureQueriesContext(connection) as captured:
            document_reads.document_page(filtered, cursor=None, limit=50)
        queries[name] = captured[0]["sql"]
    for name, qs in queries.items():
        if isinstance(qs, str):  # already SQL, values inlined
            sql, params = qs, None
        else:
            sql, params = qs.query.sql_with_params()
        if name.endswith("(count)"):
            sql = f"SELECT count(*) FROM ({sql}) sub"
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        paths = re.findall(
            r"((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)(?: Backward)?(?: using \w+)? on \w+)",
            plan,
        )
        pledge_paths = sorted(
            {
                p
                for p in paths
                if "commitments_pledge " in p + " " or p.endswith("commitments_pledge")
            }
            | {
                p
                for p in paths
                if "using pledge" in p or "using commitments_pledge" in p
            }
        )
        seq = (
            "SEQ SCAN of pledges"
            if re.search(r"Seq Scan on commitments_pledge\b", plan)
            else "no seq scan of pledges"
        )
        ms = re.search(r"Execution Time: ([\d.]+) ms", plan)
        print(
            f"{name:32} {ms.group(1) if ms else '?':>9} ms  {seq:24} {'; '.join(pledge_paths)}"
        )
        if args.verbose:
            print(plan)


if __name__ == "__main__":
    main()
