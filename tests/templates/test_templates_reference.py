"""docs/modeles.md, the reference of every field a template may use, is up to date."""

from __future__ import annotations

from missio.documents.champs_modeles import RACINES
from missio_templates import reference


def test_reference_is_up_to_date() -> None:
    assert reference.CIBLE.read_text(encoding="utf-8") == reference.generer(), (
        "run python -m missio_templates.reference"
    )


def test_reference_names_every_context_name() -> None:
    texte = reference.generer()
    for nom in RACINES:
        assert f"`{nom}`" in texte, nom
