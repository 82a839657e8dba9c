"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of text.

CSV encodings: UTF-8 (with or without the BOM Excel writes), then CP949, the
Windows superset of EUC-KR that Korean Excel uses for "CSV"; UTF-16 with a
BOM (Excel's "Unicode text") too. Anything else is refused with a message
rather than guessed. XLSX is read by openpyxl, first sheet, values only.
"""

import csv
import io
import zipfile
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from tracker.spreadsheet_import.columns import MAX_COLUMNS, header_map

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 1000


class SpreadsheetRefused(Exception):
    """The file can't be read as a pledge spreadsheet; `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:4096]:
        raise SpreadsheetRefused(
            _("This file is not a spreadsheet. Upload a CSV or XLSX file.")
        )
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetRefused(
        _(
            "The file's text encoding could not be read. Save the CSV as UTF-8 "
            "(or as Korean Excel's CSV, CP949/EUC-KR), or upload XLSX."
        )
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            first, delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise SpreadsheetRefused(
            _("The CSV file is malformed: %(error)s") % {"error": exc}
        ) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
    ) as exc:
        raise SpreadsheetRefused(
            _("This file is not a spreadsheet we can read. Upload a CSV or XLSX file.")
        ) from exc
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        # Stop early: a compressed file can expand to far more rows than we take.
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def spreadsheet_rows(*, data: bytes) -> list[dict[str, str]]:
    """The data rows as {column: text}, each with its spreadsheet row number
    under "_row". Raises SpreadsheetRefused with a message for the editor."""
    if not data.strip():
        raise SpreadsheetRefused(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise SpreadsheetRefused(_("The file is larger than 10 MB."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetRefused(
            _("Old Excel files (.xls) can't be read: save the sheet as XLSX or CSV.")
        )
    raw = _xlsx_rows(data) if data.startswith(b"PK\x03\x04") else _csv_rows(data)
    while raw and not any(c.strip() for c in raw[0]):
        raw.pop(0)
    if not raw:
        raise SpreadsheetRefused(_("The file is empty."))
    columns, missing = header_map(raw[0])
    if missing:
        raise SpreadsheetRefused(
            _("Missing columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    rows: list[dict[str, str]] = []
    for number, values in enumerate(raw[1:], start=2):
        if not any((v or "").strip() for v in values):
            continue
        row = {"_row": str(number)}
        for index, name in columns.items():
            row[name] = (values[index] if index < len(values) else "").strip()
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise SpreadsheetRefused(
                _("The file has more than %(n)d pledges: split it into smaller files.")
                % {"n": MAX_ROWS}
            )
    if not rows:
        raise SpreadsheetRefused(_("The file has column names but no pledges."))
    return rows
