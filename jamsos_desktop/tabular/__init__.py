"""Spreadsheet files as plain rows: reading (.xlsx, .xlsm, .xls, .ods, .csv) and writing
(.xlsx, .csv). A library like reports/ and sync/: plain data in and out, no database."""

from .reading import MAX_BYTES, MAX_ROWS, SUFFIXES, Row, Sheet, check_file, data_sheets, read_sheet, sheet_names
from .writing import TableWriter, write_table

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SUFFIXES",
    "Row",
    "Sheet",
    "TableWriter",
    "check_file",
    "data_sheets",
    "read_sheet",
    "sheet_names",
    "write_table",
]
