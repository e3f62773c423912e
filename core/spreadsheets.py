"""Cells for CSV files people open in a spreadsheet (signature exports, open data)."""

import re

# Where a spreadsheet may start a cell: the start of the field, or any separator inside it.
# Organisers open exports in Russian and Kazakh Excel, which splits lines on ";" (their
# list separator), not ",", so a name such as 'Anna;=HYPERLINK(…)' becomes two cells there.
# Spaces and quotes a parser may drop before the formula count as part of its start.
_FORMULA_START = re.compile(r"(?:^|(?<=[,;\t\r\n]))(?=[ \"]*[=+\-@\t\r])")


def escape_cell(value) -> str:
    """Spreadsheets run cells that start with = + - @ (or a tab or CR) as formulas; a '
    at each place a cell could start, the field's start or after a separator, stops that."""
    text = "" if value is None else str(value)
    return _FORMULA_START.sub("'", text)
