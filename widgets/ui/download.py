"""File downloads from a Voilà page without server files: a link carrying the data as a ``data:`` URI."""

from __future__ import annotations

import base64

import ipywidgets as w
import traitlets as t

from .html import esc


def download_html(filename: str, mime: str, data: bytes, label: str) -> str:
    """An ``<a download>`` link whose text says what is downloaded."""
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<a class="dk-download" download="{esc(filename)}" href="{uri}">{esc(label)}</a>'


class DownloadLink(w.HTML):
    """A download link that can be pointed at new data. What it offers is kept beside the link (none of it is
    sent to the browser twice: only the link is), so views and tests read the file, never the markup."""

    filename = t.Unicode("", help="The offered file's name; empty when no link is shown.")
    mime = t.Unicode("", help="The offered file's media type; empty when no link is shown.")
    data = t.Bytes(b"", help="The offered file's bytes, the same the link carries; empty when no link.")

    def set(self, filename: str, mime: str, data: bytes, label: str) -> None:
        self.value = download_html(filename, mime, data, label)
        self.filename, self.mime, self.data = filename, mime, data  # after the value: writing it resets them

    @t.observe("value")
    def _on_value_change(self, change: dict[str, object]) -> None:
        self.filename = self.mime = ""  # markup written directly (usually "": no link) offers no known file
        self.data = b""
