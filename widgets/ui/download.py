"""File downloads from a Voilà page without server files: a link carrying the data as a ``data:`` URI."""

from __future__ import annotations

import base64

import ipywidgets as w

from .html import esc


def download_html(filename: str, mime: str, data: bytes, label: str) -> str:
    """An ``<a download>`` link whose text says what is downloaded."""
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<a class="dk-download" download="{esc(filename)}" href="{uri}">{esc(label)}</a>'


class DownloadLink(w.HTML):
    """A download link that can be pointed at new data."""

    def set(self, filename: str, mime: str, data: bytes, label: str) -> None:
        self.value = download_html(filename, mime, data, label)
