"""The downloadable template, as CSV (UTF-8 with a BOM, so Excel shows
Korean) and as XLSX: the column names and one example row."""

import csv
import io

from openpyxl import Workbook

from tracker.spreadsheet_import.columns import TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow(TEMPLATE_EXAMPLE)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new Workbook has its one sheet
    sheet.title = "pledges"
    sheet.append(list(TEMPLATE_COLUMNS))
    sheet.append(list(TEMPLATE_EXAMPLE))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
