"""Deployment settings (``deploy/tjanst.yaml``): who runs the course environment and how to reach them.

An organisation running its own hub points ``DIGIKOMP_SERVICE_SETTINGS`` at its own copy. A value not yet filled
in is ``null`` in the file and ``None`` here; pages show it as a marked placeholder, never as an invented value."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import content
from ..paths import REPO_ROOT

SETTINGS_ENV = "DIGIKOMP_SERVICE_SETTINGS"
DEFAULT_FILE = REPO_ROOT / "deploy" / "tjanst.yaml"
KIND = "service_settings"

#: Contact groups in the file and their fields, with the Swedish label each is shown with.
CONTACT_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "kontakt": (("e_post", "E-post"), ("telefon", "Telefon"), ("postadress", "Postadress")),
    "dataskyddsombud": (("e_post", "E-post"),),
    "tillganglighet": (("e_post", "E-post"), ("telefon", "Telefon")),
}

#: Values that page texts may name as ``{key}``.
TEXT_VALUES = (
    "ansvarig",
    "rattslig_grund",
    "lagringstid.datamapp_pa_servern",
    "lagringstid.gruppytan",
    "lagringstid.serverloggar",
    "tillganglighet.svarstid",
)


@dataclass(frozen=True)
class ServiceSettings:
    """Flattened settings: ``values["kontakt.e_post"]`` is a string or None (not filled in yet)."""

    file: str  # as course staff know it, for "fylls i i …"
    values: dict[str, str | None]
    controller_source: str

    def value(self, key: str) -> str | None:
        return self.values[key]

    def contacts(self, group: str) -> list[tuple[str, str, str | None]]:
        """``(key, label, value or None)`` for one contact group."""
        return [(f"{group}.{f}", label, self.values[f"{group}.{f}"]) for f, label in CONTACT_FIELDS[group]]

    @property
    def missing(self) -> list[str]:
        """Keys not filled in yet."""
        return [k for k, v in self.values.items() if v is None]


def settings_path() -> Path:
    override = os.environ.get(SETTINGS_ENV, "").strip()
    return Path(override).expanduser() if override else DEFAULT_FILE


def load_settings(path: Path | str | None = None) -> ServiceSettings:
    """Read and validate the settings file (``DIGIKOMP_SERVICE_SETTINGS`` or ``deploy/tjanst.yaml``)."""
    path = Path(path) if path is not None else settings_path()
    data = content.load_yaml(path, KIND)
    values: dict[str, str | None] = {
        "ansvarig": data["ansvarig"]["namn"],
        "rattslig_grund": data["rattslig_grund"],
    }
    for group in ("kontakt", "dataskyddsombud", "tillganglighet", "lagringstid"):
        for key, value in data[group].items():
            values[f"{group}.{key}"] = value.strip() if isinstance(value, str) else None
    return ServiceSettings(content.display_name(path), values, data["ansvarig"]["kalla"])
