"""What one render of one act notes as it goes: the references « à vérifier » it cited, the
blanks it left to complete, and which template paragraph wrote each paragraph of the act.

The functions a template calls to cite (``citer``), to leave a blank (``a_completer``) or to
place the review box (``encadre_revue``) are bound to one :class:`Releve`, created for each
document: the review box at the top of the act (:mod:`missio.documents.finishing`) and the provenance
sidecar (:mod:`missio.documents.provenance`) are built from it once the whole act is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from missio.legal import LIBELLES_STATUT

if TYPE_CHECKING:
    from missio.legal import Referentiel

BLANC = "…" * 14
# A legal source may leave a part unknown (a deliberation's number, its date): « [à compléter] ».
_INCONNU = re.compile(r"\[\s*à compléter\s*\]")
# The review box is placed where a template writes ``{{ encadre_revue }}``, alone in a paragraph.
SENTINELLE_REVUE = "missio-revue"
MARQUE = "mp"


@dataclass
class Releve:
    """The notes of one render: filled by the template's calls, read once the act is written."""

    a_verifier: list[str] = field(default_factory=list)
    a_completer: list[str] = field(default_factory=list)
    elements: list[tuple[Any, ...]] = field(default_factory=list)
    # The versions ``citer`` and ``reference`` actually printed, by key: an act cites a text at
    # the day it is signed, which the provenance must report rather than the mission's dates.
    citees: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def verifier(self, citation: str) -> None:
        if citation not in self.a_verifier:
            self.a_verifier.append(citation)

    def citer(self, cle: str, texte: str, article: str | None, statut: str) -> None:
        version = {"texte": texte, "article": article, "statut": statut}
        versions = self.citees.setdefault(cle, [])
        if version not in versions:
            versions.append(version)

    def completer(self, libelle: str) -> None:
        if libelle not in self.a_completer:
            self.a_completer.append(libelle)

    def marque(self, paragraphe: int, *elements: Any) -> Markup:
        """The provenance mark of one paragraph (an XML comment, removed after the render),
        with the loop items (an obligation, a financement…) the paragraph was written for."""
        self.elements.append(elements)
        return Markup(f"<!--{MARQUE}:{paragraphe}:{len(self.elements) - 1}-->")


def blanc(longueur: int = len(BLANC)) -> str:
    return "…" * max(4, min(int(longueur), 80))


def citeur(
    referentiel: Referentiel, periodes: Sequence[tuple[date, date]], releve: Releve
) -> Callable[..., str]:
    """``citer(cle, le=None, avec_article=False)``: the reference in force at the mission's
    dates (or on `le`), « (à vérifier) » after an unread one; a part the source leaves unknown
    becomes a blank to complete. ``avec_article``: only the versions that name an article."""

    def citer(cle: str, le: str | date | None = None, avec_article: bool = False) -> str:
        jours = periodes
        if le is not None:
            jour = date.fromisoformat(le) if isinstance(le, str) else le
            jours = [(jour, jour)]
        citations: list[str] = []
        for debut, fin in jours:
            for version in referentiel.resoudre(cle, debut, fin):
                if avec_article and not version.article:
                    continue
                releve.citer(cle, version.texte, version.article, version.statut)
                texte = _texte_a_completer(version.citation(), releve)
                if version.statut == "a_verifier":
                    releve.verifier(texte)
                    texte += f" ({LIBELLES_STATUT['a_verifier']})"
                if texte not in citations:
                    citations.append(texte)
        return " ; ".join(citations)

    return citer


def citeur_decision(fondements: Sequence[Mapping[str, Any]], releve: Releve) -> Callable[..., str]:
    """``reference(cle, le=None)``: the decision's own citation of `cle` (its ``fondements``),
    or "" when the decision does not cite it. For a text only some decisions rest on: no
    load-time check. With `le`, only the versions the decision cites that are in force that day
    (all of them when none is: the decision read the text at another date, its own)."""

    def reference(cle: str, le: str | date | None = None) -> str:
        from missio.legal import citation

        versions = [f for f in fondements if f["cle"] == cle]
        if le is not None:
            jour = (date.fromisoformat(le) if isinstance(le, str) else le).isoformat()
            en_vigueur = [
                f
                for f in versions
                if (f["en_vigueur_depuis"] or "") <= jour
                and (f["en_vigueur_jusqu_au"] is None or jour <= f["en_vigueur_jusqu_au"])
            ]
            versions = en_vigueur or versions
        citations: list[str] = []
        for f in versions:
            releve.citer(cle, f["texte"], f["article"], f["statut"])
            texte = _texte_a_completer(citation(f["texte"], f["article"]), releve)
            if f["statut"] == "a_verifier":
                releve.verifier(texte)
                texte += f" ({LIBELLES_STATUT['a_verifier']})"
            if texte not in citations:
                citations.append(texte)
        return " ; ".join(citations)

    return reference


def _texte_a_completer(texte: str, releve: Releve) -> str:
    if _INCONNU.search(texte) is None:
        return texte
    avec_blancs = _INCONNU.sub(blanc(12), texte)
    releve.completer(avec_blancs)
    return avec_blancs


def fonctions(releve: Releve) -> dict[str, Any]:
    """The context names bound to one render's notes (``citer`` and ``reference`` are added
    by the caller, who knows the referentiel and the decision)."""

    def a_completer(libelle: str, longueur: int = len(BLANC)) -> str:
        releve.completer(str(libelle))
        return blanc(longueur) if longueur else ""  # 0: a point to settle, no blank line

    return {
        "a_completer": a_completer,
        "source": _source,
        "encadre_revue": Markup(f"<!--{SENTINELLE_REVUE}-->"),
        "missio_marque": releve.marque,
    }


def _source(*_args: Any, **_kwargs: Any) -> str:
    """``source(regle=…, cles=[…], champs=[…])`` declares where a paragraph comes from; it writes
    nothing (the declaration is read from the template when it is loaded)."""
    return ""
