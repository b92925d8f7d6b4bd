"""Export files read back: CSV as a spreadsheet program reads it, XLSX with each cell's data type."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl

BOM = b"\xef\xbb\xbf"


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM), "CSV must start with the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def read_xlsx(data: bytes) -> tuple[list[list[Any]], list[list[str]]]:
    """Values by row, and each cell's data type (``s`` string, ``n`` number, ``d`` date, ``f`` formula)."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheet = book.worksheets[0]
    values, types = [], []
    for row in sheet.iter_rows():
        values.append([cell.value for cell in row])
        types.append([cell.data_type for cell in row])
    book.close()
    return values, types
