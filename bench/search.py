"""Latency of the pledge search on PostgreSQL, and which indexes its plan uses.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py [--runs 30]
        [--q 공공주택 --q 주택 --q "public homes"]

Runs `commitments.search.pledge_search` (the ids of every match, as the list
page's count does) for each query: a warm-up, then --runs timed runs, and
prints the median and p90 with the index names found in EXPLAIN ANALYZE, as a
Markdown table. Read-only; run it against a database holding the synthetic
record (`manage.py generate_synthetic`) after ANALYZE.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

DEFAULT_QUERIES = ["공공주택", "주택", "청년 일자리", "public homes", "CCTV"]
# The declared indexes, and the raw one migration 0003 made (for comparisons).
INDEXES = (
    "pledge_search_document_gin",
    "pledge_search_text_trgm",
    "commitments_pledge_search_gin",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--q", action="append", dest="queries")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from commitments.models import Pledge
    from commitments.search import pledge_search

    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL")
    total = Pledge.objects.count()
    print(f"{total:,} pledges\n")
    print("| query | matches | p50 | p90 | indexes in the plan |")
    print("|---|---|---|---|---|")
    for q in args.queries or DEFAULT_QUERIES:
        queryset = pledge_search(Pledge.objects.all(), q).values_list("pk", flat=True)
        matches = len(list(queryset))  # warm-up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            list(queryset.all())
            times.append((time.perf_counter() - start) * 1000)
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        used = ", ".join(name for name in INDEXES if name in plan) or "none"
        p90 = statistics.quantiles(times, n=10)[-1]
        print(
            f"| {q} | {matches} | {statistics.median(times):.1f} ms"
            f" | {p90:.1f} ms | {used} |"
        )


if __name__ == "__main__":
    main()
