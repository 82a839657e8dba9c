"""`manage.py extract FILE`: a thin wrapper over tracker.extraction.cli."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tracker.extraction import cli


class Command(BaseCommand):
    help = "Propose pledges found in a news article (JSON or a readable table)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="article file (UTF-8); '-' reads stdin")
        parser.add_argument("--date", help="publication date YYYY-MM-DD")
        parser.add_argument("--language", choices=("ko", "en"))
        parser.add_argument("--format", choices=("json", "text"), default="json")
        parser.add_argument(
            "--gazetteer", help="JSON file: names/aliases -> owner keys"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["file"], "--format", options["format"]]
        for name in ("date", "language", "gazetteer"):
            if options.get(name):
                argv += [f"--{name}", options[name]]
        max_chars = getattr(settings, "EXTRACTION_MAX_CHARS", None)
        if max_chars:
            argv += ["--max-chars", str(max_chars)]
        code = cli.main(argv, stdin=sys.stdin, stdout=self.stdout, stderr=self.stderr)
        if code:
            # exit status 2 with the one-line message cli.main already printed
            sys.exit(code)
