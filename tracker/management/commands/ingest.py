"""`manage.py ingest FILE|URL ...`: store articles and queue their extraction."""

from pathlib import Path
from typing import Any, TextIO, cast

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from commitments.errors import DomainError
from tracker.ingest.services import source_ingest_file, source_ingest_url


class _Upload:
    """A local file with the shape source_ingest_file expects."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.size = path.stat().st_size
        self._path = path

    def read(self, size: int = -1) -> bytes:
        with self._path.open("rb") as fh:
            return fh.read(size)


class Command(BaseCommand):
    help = "Ingest article files (.txt/.html) or URLs; extraction is queued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("items", nargs="+", help="files or http(s) URLs")
        parser.add_argument(
            "--user", required=True, help="username of the journalist ingesting"
        )
        parser.add_argument("--title", default="")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--language", choices=("ko", "en"), default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        failures = 0
        # The bar writes to the raw stream (OutputWrapper would add a newline
        # after every redraw); the stubs do not declare _out.
        raw_stdout = cast(TextIO, self.stdout._out)
        raw_stderr = cast(TextIO, self.stderr._out)
        bar = tqdm(options["items"], unit="article", file=raw_stderr)
        for item in bar:
            bar.set_postfix_str(item[-40:])
            try:
                if item.startswith(("http://", "https://")):
                    source, created = source_ingest_url(actor=user, url=item)
                else:
                    path = Path(item)
                    if not path.is_file():
                        raise CommandError(f"{item}: no such file")
                    source, created = source_ingest_file(
                        actor=user,
                        upload=_Upload(path),
                        title=options["title"],
                        publisher=options["publisher"],
                        language=options["language"],
                    )
            except (DomainError, CommandError, OSError) as exc:
                failures += 1
                message = getattr(exc, "message", None) or str(exc)
                bar.write(f"FAILED {item}: {message}", file=raw_stderr)
                continue
            state = "new" if created else "already stored"
            bar.write(f"{state}: {item} → {source.public_id}", file=raw_stdout)
        if failures:
            raise CommandError(f"{failures} of {len(options['items'])} failed.")
