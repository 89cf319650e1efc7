"""Read an HTML report back as text and tables (standard library only), to test what a reader sees."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Table:
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)

    def row(self, first_cell: str) -> list[str]:
        """The row whose first cell is (or starts with) `first_cell`."""
        matches = [r for r in self.rows if r and (r[0] == first_cell or r[0].startswith(first_cell))]
        assert matches, f"no row {first_cell!r} in table {self.caption!r}: {[r[0] for r in self.rows if r]}"
        return matches[0]

    def column(self, index: int) -> list[str]:
        return [r[index] for r in self.rows[1:] if len(r) > index]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.text: list[str] = []
        self._stack: list[Table] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._caption: list[str] | None = None
        self._skip = 0  # inside <style>, <title> of svg etc.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self._stack.append(Table())
        elif tag == "caption" and self._stack:
            self._caption = []
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("span", "br") and self._cell is not None:
            self._cell.append(" ")  # notes are displayed as blocks of their own

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "caption" and self._caption is not None:
            self._stack[-1].caption = _clean("".join(self._caption))
            self._caption = None
        elif tag == "tr" and self._row is not None:
            self._stack[-1].rows.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(_clean("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for sink in (self._cell, self._caption):
            if sink is not None:
                sink.append(data)


@dataclass
class Page:
    text: str
    tables: list[Table]

    def table(self, caption: str) -> Table:
        matches = [t for t in self.tables if t.caption.startswith(caption)]
        assert matches, f"no table {caption!r}; captions: {[t.caption for t in self.tables]}"
        return matches[0]

    def tables_starting(self, caption: str) -> list[Table]:
        return [t for t in self.tables if t.caption.startswith(caption)]


def read_page(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return Page(_clean(" ".join(parser.text)), parser.tables)
