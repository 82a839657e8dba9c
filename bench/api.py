"""Read API latency, each request right after one for a static file from the
same server (the floor), for one record or several side by side (e.g. 10k and
100k pledges), interleaved in one run.

    .venv/bin/python bench/api.py \
        --record 10k=postgres://postgres@127.0.0.1:5432/tracker_10k \
        --record 100k=postgres://postgres@127.0.0.1:5432/tracker_100k \
        [--port 18710] [--requests 30] [--warmup 5] [--response-cache] [--server sync]
        [--redis redis://127.0.0.1:6379/14]

The response cache is off by default (API_RESPONSE_CACHE_SECONDS=0): every
request builds its page, as for a syncing client's every new cursor or any
filter the cache has not seen; --response-cache measures with it on. One
gunicorn per record on consecutive ports from --port, 127.0.0.1 only, from
config/gunicorn.conf.py as deployed (`--server sync`: one plain sync worker,
as the tables before 2026-12-07). Without --redis the servers count the
rate limits in their own memory, as the issue's figures were measured; with
it (a Redis database of its own, keys prefixed "bench") they count in Redis
as deployed, one round trip per API request. Prints a Markdown table like
bench/pages.py.
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
    "from commitments.models import Pledge, Owner\n"
    "from django.db.models import Count\n"
    "p = Pledge.objects.filter(targets__measurements__isnull=False)"
    ".annotate(n=Count('citations')).order_by('-n', 'id').first()\n"
    "o = Owner.objects.filter(children__isnull=False).order_by('id').first()\n"
    "print(p.public_id, o.slug, Pledge.objects.count())"
)
ENDPOINTS = [
    "statuses (no database)",
    "pledges?limit=50",
    "pledges?limit=50&status=in_progress",
    "pledges?limit=50&owner=…",
    "pledge detail",
]


def sample(record: Record) -> None:
    pledge, owner, count = manage(record, "shell", "-c", SAMPLE, extra={}).split()[-3:]
    record.count = count
    record.paths = {
        "statuses (no database)": "/api/v1/statuses",
        "pledges?limit=50": "/api/v1/pledges?limit=50",
        "pledges?limit=50&status=in_progress": (
            "/api/v1/pledges?limit=50&status=in_progress"
        ),
        "pledges?limit=50&owner=…": f"/api/v1/pledges?limit=50&owner={quote(owner)}",
        "pledge detail": f"/api/v1/pledges/{pledge}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="append", default=[])
    parser.add_argument("--port", type=int, default=18710)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--server", choices=SERVERS, default="deployed")
    parser.add_argument("--response-cache", action="store_true")
    parser.add_argument("--redis", default="", help="count rate limits in this Redis")
    args = parser.parse_args()
    records = parse_records(args.record, args.port)
    extra = {} if args.response_cache else {"API_RESPONSE_CACHE_SECONDS": "0"}
    # Redis or not is the servers' choice of cache, never the caller's shell's.
    extra["REDIS_URL"] = args.redis
    if args.redis:
        extra["CACHE_KEY_PREFIX"] = "bench"
    found = run(
        records,
        sample=sample,
        names=ENDPOINTS,
        requests=args.requests,
        warmup=args.warmup,
        workers=1,
        server=args.server,
        extra=extra,
    )
    sizes = ", ".join(f"{r.name} = {int(r.count):,} pledges" for r in records)
    cache = "on" if args.response_cache else "off"
    limits = "in Redis" if args.redis else "in each server's memory"
    print(
        f"\n{sizes}; response cache {cache}; rate limits counted {limits};"
        f" {args.requests} rounds after "
        f"{args.warmup} warm-up, each request right after the floor "
        "(/static/css/site.css) on the same server, records interleaved; "
        f"{server_label(args.server, 1)}.\n"
    )
    print(table(records, found, "request"))


if __name__ == "__main__":
    main()
