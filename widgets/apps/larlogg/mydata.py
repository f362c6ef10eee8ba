"""Min lärlogg's "Ladda ned alla mina uppgifter" (one zip from :mod:`widgets.store.mydata`) and the Swedish report
of what "Radera all min data" removed where."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w

from ...store import DeletedCounts, PersonalStore, SharedStore, mydata
from ...ui.controls import button, message
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.html import link, tag

PRIVACY_PAGE = "97_personuppgifter.ipynb"

#: plural label -> singular, for "1 röst" rather than "1 röster"
_SINGULAR = {
    "anteckningar": "anteckning",
    "tidigare versioner": "tidigare version",
    "utkast": "utkast",
    "svar på övningar": "svar på övningar",
    "sparade nyttokalkyler": "sparad nyttokalkyl",
    "delade anteckningar": "delad anteckning",
    "röster": "röst",
    "lappar": "lapp",
}


def counted(n: int, plural: str) -> str:
    return f"{n} {_SINGULAR.get(plural, plural) if n == 1 else plural}"


def listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def deleted_text(counts: DeletedCounts, with_group_store: bool) -> str:
    """What was removed where, in Swedish, every kind named (also when nothing of it was there)."""
    own = [
        counted(counts.entries, "anteckningar"),
        counted(counts.revisions, "tidigare versioner"),
        counted(counts.drafts, "utkast"),
        counted(counts.answers, "svar på övningar"),
        counted(counts.cases, "sparade nyttokalkyler"),
    ]
    text = f"All din data är raderad. I din egen lärlogg: {listing(own)}."
    if with_group_store:
        shared = [counted(n, label) for label, n in counts.shared.items()]
        text += f" I gruppytan: {listing(shared) if shared else 'inget fanns sparat från dig'}."
        text += " Svar i anonyma omröstningar går inte att koppla till dig och finns kvar."
    else:
        text += " Sidan är inte kopplad till någon gruppyta, så där fanns inget att radera."
    return text


class MyDataDownload(w.VBox):
    """A button that builds the zip of everything the stores hold about the participant, and its link."""

    def __init__(self, store: PersonalStore, shared: SharedStore | None, titles: Mapping[str, str]) -> None:
        self.store = store
        self.shared = shared
        self.titles = dict(titles)
        self.button = button("Ladda ned alla mina uppgifter")
        self.message = message()
        self.download = DownloadLink()
        self.button.on_click(lambda _: self.build())
        super().__init__(
            [
                w.HTML(
                    tag("h3", "Alla mina uppgifter")
                    + tag(
                        "p",
                        raw=(
                            "Allt som kursen har sparat om dig i en zip-fil: en maskinläsbar fil (JSON) med "
                            "anteckningar och deras tidigare versioner, utkast, svar på övningar, framsteg och "
                            "sparade nyttokalkyler"
                            + (", och det du har delat med en grupp" if shared is not None else "")
                            + ", en beskrivning av filen och lärloggen som Markdown och Word. Läs mer om "
                            + link(PRIVACY_PAGE, "hur kursen hanterar dina personuppgifter")
                            + "."
                        ),
                    )
                ),
                w.HBox([self.button]),
                self.message,
                self.download,
            ]
        )

    def build(self) -> bytes | None:
        collected = guarded(self.message, lambda: mydata.collect(self.store, self.shared, self.titles))
        if not collected.ok:
            return None
        data = collected.value
        zipped = guarded(self.message, lambda: mydata.to_zip(data, self.titles))
        if not zipped.ok:
            return None
        archive = zipped.value
        name = mydata.zip_name(data)
        self.download.set(name, mydata.ZIP_MIME, archive, f"Ladda ned {name} (alla mina uppgifter)")
        found = [counted(n, label) for label, n in data.counts.items() if n]
        summary = listing(found) if found else "inga sparade uppgifter ännu"
        if data.group_error:
            self.message.warning(
                f"Filen {name} är klar, men utan det du delat med grupper: {data.group_error} "
                f"Den innehåller {summary}."
            )
        else:
            self.message.ok(f"Filen {name} är klar att ladda ned. Den innehåller {summary}.")
        return archive

    def clear(self) -> None:
        self.download.value = ""
        self.message.clear()
