"""'Skapa beslutsunderlag (Word)': the decision document, built on request in a child process.

The document needs python-docx and matplotlib (its figures). Both stay out of the participant's kernel: the case
goes as JSON to ``python -m widgets.benefit.word`` and the .docx bytes come back, so the kernel stays as small as
it was and the memory of the drawing is freed when the child ends. A seeded simulation is sent as its settings
and run again there, with the same figures as on the page.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import ipywidgets as w

from ...benefit import Case, MonteCarlo, case_to_dict
from ...errors import DomainError
from ...ui.controls import message
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.html import tag

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TIMEOUT = 120  # seconds; a document takes about two, the first on a new server a few more (font cache)
FAILED = "Beslutsunderlaget kunde inte skapas. Försök igen om en stund."
log = logging.getLogger(__name__)


def request(case: Case, alternative: int, mc: MonteCarlo | None) -> dict:
    """What the child needs: the case as plain data, the alternative and a seeded simulation's settings."""
    simulation = None
    if mc is not None and mc.seed is not None:
        simulation = {"draws": mc.draws, "seed": mc.seed, "distribution": mc.distribution}
    return {"case": case_to_dict(case), "alternative": alternative, "monte_carlo": simulation}


def document_bytes(case: Case, alternative: int, mc: MonteCarlo | None) -> bytes:
    """The .docx bytes from ``python -m widgets.benefit.word``; a failure is a Swedish DomainError."""
    payload = json.dumps(request(case, alternative, mc), ensure_ascii=False).encode("utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "widgets.benefit.word"],
            input=payload,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("Word document child failed: %s", exc)
        raise DomainError("word", FAILED) from None
    if done.returncode != 0 or not done.stdout.startswith(b"PK"):
        log.warning(
            "Word document child exited %s: %s", done.returncode, done.stderr.decode(errors="replace")
        )
        raise DomainError("word", FAILED)
    return done.stdout


class WordExport(w.VBox):
    """A button that builds the document for the case shown and a download link for it."""

    def __init__(self) -> None:
        self._state: tuple[Case, int, MonteCarlo | None, str] | None = None
        self.button = w.Button(description="Skapa beslutsunderlag (Word)", icon="file-word-o")
        self.button.layout.width = "auto"
        self.link = DownloadLink()
        self.message = message()
        self.button.on_click(lambda _: self.build())
        super().__init__(
            [
                w.HBox([self.button, self.link]),
                self.message,
                w.HTML(
                    tag(
                        "p",
                        "Beslutsunderlaget är ett Worddokument efter DIGG:s förändringsunderlag och "
                        "nyttorealiseringsplan: sammanfattning, alternativ, nyttor, kostnader, nyckeltal, "
                        "osäkerhet med diagram, antaganden med källor och planen. En Monte Carlo-simulering "
                        "som du har kört under Osäkerhet kommer med.",
                        cls="dk-muted",
                    )
                ),
            ]
        )

    def update(self, case: Case, alternative: int, mc: MonteCarlo | None, stem: str) -> None:
        """Follow the case shown; a document made for an earlier version is taken away."""
        old, self._state = self._state, (case, alternative, mc, stem)
        if old is not None and old[0] is case and old[1] == alternative and old[2] is mc:
            return
        self.link.value = ""
        self.message.clear()

    def build(self) -> None:
        if self._state is None:
            self.message.error("Rätta felen i kalkylen innan du skapar beslutsunderlaget.")
            return
        case, alternative, mc, stem = self._state
        self.button.disabled = True
        self.message.info("Skapar beslutsunderlaget …")
        try:
            data = guarded(self.message, lambda: document_bytes(case, alternative, mc))
        finally:
            self.button.disabled = False
        if not data.ok:
            return
        self.link.set(f"{stem}-beslutsunderlag.docx", DOCX, data.value, "Ladda ned beslutsunderlaget (Word)")
        self.message.ok("Beslutsunderlaget är klart att ladda ned.")
