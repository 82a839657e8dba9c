"""In-process cost of building one API page of 50 pledges: the model-based
writer over prefetched instances (used by the exports) against the rows-based
bodies the list and detail now use. Best of --repeat, so load from other work
on the machine counts as little as possible.

    DATABASE_URL=postgres://... .venv/bin/python bench/api_build.py [--repeat 20]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from commitments.api import selectors
    from commitments.api.caching import dumps
    from commitments.api.pledge_rows import pledge_bodies
    from commitments.api.representations import Links, PledgeWriter
    from commitments.models import Pledge

    links = Links(origin="http://bench", api_root="http://bench/api/v1")
    page = Pledge.objects.order_by("updated_at", "id")

    def models() -> bytes:
        rows = list(selectors.pledges_with_relations(page)[:50])
        return dumps([PledgeWriter(links)(p) for p in rows])

    def values() -> bytes:
        rows = list(selectors.pledge_values(page)[:50])
        return dumps(pledge_bodies(rows, links))

    assert models() == values()
    for name, build in (("prefetched instances", models), ("values rows", values)):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            build()
            best = min(best, time.perf_counter() - start)
        print(f"{name:22} {best * 1000:7.1f} ms per page of 50")


if __name__ == "__main__":
    main()
