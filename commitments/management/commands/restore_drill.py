"""Prove a backup restores: dump this database, restore it into a fresh one,
compare counts and checksums of the record, drop the copy.

    manage.py restore_drill                      # dump to a temporary file
    manage.py restore_drill --dump var/backup.dump --keep
    manage.py restore_drill --from-dump nightly.dump   # test an existing backup

Exit status 0 when every table matches, 1 otherwise. Needs PostgreSQL and the
client tools (pg_dump, pg_restore, createdb, dropdb) on PATH, and a role that
may create databases. See docs/operations.md.
"""

import secrets
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from commitments import backup


class Command(BaseCommand):
    help = "Dump the database, restore it into a fresh one, compare the record."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dump", help="write the dump here (kept)")
        parser.add_argument(
            "--from-dump",
            help="restore this existing dump instead of making one "
            "(compares it with the live database: run it on a quiet copy)",
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the restored database"
        )
        parser.add_argument("--restore-into", help="name of the database to create")

    def handle(self, *args: object, **options: object) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("restore_drill needs DATABASE_URL to be PostgreSQL.")
        conf = connection.settings_dict
        source_db = conf["NAME"]
        target_db = str(
            options["restore_into"] or f"{source_db}_drill_{secrets.token_hex(4)}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            if options["from_dump"]:
                path = Path(str(options["from_dump"]))
            else:
                path = Path(str(options["dump"] or Path(tmp) / "record.dump"))
            with connection.cursor() as cursor:
                before = backup.record_checksums(cursor)
            try:
                if not options["from_dump"]:
                    self.stdout.write(f"pg_dump {source_db} -> {path}")
                    backup.pg_dump(conf, source_db, path)
                self.stdout.write(f"pg_restore {path} -> {target_db} (new)")
                backup.pg_restore_fresh(conf, path, target_db)
                after = backup.checksums_of(conf, target_db)
            except subprocess.CalledProcessError as exc:
                raise CommandError(
                    f"{exc.cmd[0]} failed: {exc.stderr.decode(errors='replace')}"
                ) from exc
            finally:
                if not options["keep"]:
                    backup.drop_database(conf, target_db)
        mismatched = self.report(before, after)
        if options["keep"]:
            self.stdout.write(f"The restored copy is kept as {target_db}.")
        if mismatched:
            raise CommandError(
                f"The restore differs in {len(mismatched)} table(s): "
                + ", ".join(mismatched)
            )
        self.stdout.write(self.style.SUCCESS("OK: the restored record is the same."))

    def report(
        self, before: list[backup.TableSum], after: list[backup.TableSum]
    ) -> list[str]:
        restored = {s.table: s for s in after}
        mismatched = []
        self.stdout.write(f"{'table':32} {'rows':>9} {'restored':>9}  md5")
        for s in before:
            r = restored.get(s.table)
            same = r is not None and (r.rows, r.md5) == (s.rows, s.md5)
            if not same:
                mismatched.append(s.table)
            self.stdout.write(
                f"{s.table:32} {s.rows:>9} {r.rows if r else '-':>9}  "
                f"{s.md5[:12]} {'=' if same else '!= ' + (r.md5[:12] if r else '-')}"
            )
        return mismatched
