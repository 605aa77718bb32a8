"""The form as the template shows it: each field with its id, value, help and errors.

An engine error names a field path (``periodes[0].debut``); it is shown beside the input of that
name, or, for a path that names a group (``periodes[0]``, the order of two dates), at the top of
that group's fieldset. An error no field can hold (an unknown field of a loaded file) stays in
the summary at the top of the page, which lists every error with a link to its field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from missio.service.web.schema_formulaire import ChampFormulaire, Section
from missio.service.web.valeurs import applicable, chemin_champ

# Stands for an element's index in the template of a new list element (see missio.js).
INDEX_MODELE = "__N__"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NON_ID = re.compile(r"[^A-Za-z0-9_]+")


def ident(chemin_champ: str) -> str:
    """The HTML id of a field path: ``periodes[0].debut`` -> ``champ-periodes-0-debut``."""
    return "champ-" + _NON_ID.sub("-", chemin_champ).strip("-")


@dataclass
class Noeud:
    """A field, a group of fields (fieldset) or a list of groups, ready for the template."""

    genre: str
    chemin: str
    titre: str
    aide: str | None = None
    obligatoire: bool = False
    valeur: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)
    enfants: list[Noeud] = field(default_factory=list)
    # Lists: their elements, the template of a new one, the minimum count.
    elements: list[Noeud] = field(default_factory=list)
    modele: Noeud | None = None
    minimum: int = 0
    titre_element: str = ""
    numero: int = 0
    # A plugin's group: its condition (JSON, read by missio.js) and whether it applies now.
    si: str | None = None
    visible: bool = True

    @property
    def id(self) -> str:
        return ident(self.chemin)

    @property
    def type_saisie(self) -> str:
        """A date picker for a date, unless the value is not a date: then a plain text field
        keeps it visible (a date picker would blank it) beside its error."""
        if self.genre == "date" and (not self.valeur or _date_iso(self.valeur)):
            return "date"
        return "text"

    @property
    def inputmode(self) -> str | None:
        return {"entier": "numeric", "nombre": "decimal"}.get(self.genre)


def _date_iso(texte: str) -> bool:
    if not _ISO.fullmatch(texte):
        return False
    try:
        date.fromisoformat(texte)
    except ValueError:
        return False
    return True


def _options(champ: ChampFormulaire, valeur: str) -> list[tuple[str, str]]:
    vide = "Choisir…" if champ.obligatoire else "Non renseigné"
    oui_non = [("true", "Oui"), ("false", "Non")]
    options = oui_non if champ.genre == "booleen" else list(champ.choix)
    if valeur and valeur not in {v for v, _ in options}:
        options.append((valeur, f"{valeur} (valeur non reconnue)"))
    return [("", vide), *options]


class Vue:
    """Builds the nodes of one rendering, and places the errors."""

    def __init__(self, brut: Mapping[str, Any], erreurs: Sequence[tuple[str, str]]) -> None:
        self.brut = brut
        self.erreurs = list(erreurs)
        self._par_chemin: dict[str, list[str]] = {}
        for chemin_erreur, message in self.erreurs:
            self._par_chemin.setdefault(chemin_erreur, []).append(message)
        self.chemins: set[str] = set()
        # Each field's title with its groups' (« L'agent › Nom »), for the error summary.
        self.libelles: dict[str, str] = {}

    def _erreurs(self, chemin_champ: str, libelle: str) -> list[str]:
        self.chemins.add(chemin_champ)
        self.libelles[chemin_champ] = libelle
        # The node shares this list: resume() may still add an error placed on the group.
        return self._par_chemin.setdefault(chemin_champ, [])

    def noeud(self, champ: ChampFormulaire, ici: str, brut: Any, parent: str = "") -> Noeud:
        libelle = f"{parent} › {champ.titre}" if parent else champ.titre
        commun: dict[str, Any] = {
            "genre": champ.genre,
            "chemin": ici,
            "titre": champ.titre,
            "aide": champ.aide,
            "obligatoire": champ.obligatoire,
        }
        if champ.genre == "objet":
            valeurs = brut if isinstance(brut, dict) else {}
            return Noeud(
                **commun,
                erreurs=self._erreurs(ici, libelle),
                enfants=self.noeuds(champ.enfants, ici, valeurs, libelle),
                si=json.dumps(champ.si) if champ.si else None,
                visible=applicable(champ, self.brut),
            )
        if champ.genre == "liste":
            elements = brut if isinstance(brut, list) else []
            return Noeud(
                **commun,
                erreurs=self._erreurs(ici, libelle),
                elements=[self.element(champ, ici, i, e, libelle) for i, e in enumerate(elements)],
                modele=Vue({}, []).element(champ, ici, INDEX_MODELE, {}),
                minimum=champ.minimum,
                titre_element=champ.titre_element,
            )
        valeur = brut if isinstance(brut, str) else ""
        options = _options(champ, valeur) if champ.genre in ("choix", "booleen") else []
        return Noeud(**commun, valeur=valeur, options=options, erreurs=self._erreurs(ici, libelle))

    def element(
        self, liste: ChampFormulaire, ici: str, index: int | str, brut: Any, parent: str = ""
    ) -> Noeud:
        a = f"{ici}[{index}]"
        numero = index + 1 if isinstance(index, int) else 0
        titre = f"{liste.titre_element} {numero or ''}".strip()
        libelle = f"{parent} › {titre}" if parent else titre
        valeurs = brut if isinstance(brut, dict) else {}
        return Noeud(
            genre="element",
            chemin=a,
            titre=titre,
            erreurs=self._erreurs(a, libelle),
            enfants=self.noeuds(liste.enfants, a, valeurs, libelle),
            numero=numero,
            titre_element=liste.titre_element,
        )

    def noeuds(
        self,
        champs: Iterable[ChampFormulaire],
        prefixe: str,
        brut: Mapping[str, Any],
        parent: str = "",
    ) -> list[Noeud]:
        return [
            self.noeud(c, chemin_champ(prefixe, c.cle), brut.get(c.cle), parent) for c in champs
        ]

    def section(self, section: Section) -> Noeud:
        if section.groupe is not None:
            a_la_racine = section.cle.split(".")[:-1]
            parent: Any = self.brut
            for cle in a_la_racine:
                parent = parent.get(cle, {}) if isinstance(parent, dict) else {}
            valeurs = parent.get(section.groupe.cle) if isinstance(parent, dict) else None
            return self.noeud(section.groupe, section.cle, valeurs)
        return Noeud(
            genre="objet",
            chemin=f"section-{section.cle}",
            titre=section.titre,
            aide=section.aide,
            enfants=self.noeuds(section.champs, "", self.brut, section.titre),
        )

    def cible(self, chemin_erreur: str) -> str | None:
        """The field or group an error is shown at: its own path, else the nearest enclosing
        one the form has (after :meth:`section` was called for every section)."""
        reste = chemin_erreur
        while reste:
            if reste in self.chemins:
                return reste
            reste = re.sub(r"(\[\d+\]|\.?[^.\[\]]+)$", "", reste)
        return None

    def resume(self) -> list[dict[str, str | None]]:
        """Every error for the summary at the top: its field's titles, message and link.
        An error whose own path has no field is moved to its nearest group."""
        lignes: list[dict[str, str | None]] = []
        for chemin_erreur, message in self.erreurs:
            cible = self.cible(chemin_erreur)
            titre = chemin_erreur or "(racine)"
            if cible is not None:
                titre = self.libelles[cible]
                if cible != chemin_erreur:
                    titre += f" ({chemin_erreur})"
            lignes.append(
                {
                    "chemin": chemin_erreur or "(racine)",
                    "titre": titre,
                    "message": message,
                    "lien": ident(cible) if cible else None,
                }
            )
            if cible is not None and cible != chemin_erreur:
                self._par_chemin.setdefault(cible, []).append(f"{chemin_erreur} : {message}")
        return lignes
