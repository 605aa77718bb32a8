"""The decision as the page shows it: sentences, dated lists and badges, in French.

The sections a person reads first (the route in a sentence, what blocks, the alternatives, what
to do by when, who pays, the alerts, the cited texts, the trace) are laid out here; any other
field the decision has (a list a plugin or a contract version adds) is shown after them as a
table, titled from the decision's JSON Schema, so that it appears without editing the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from missio.documents.francais import date_fr, montant_fr
from missio.documents.resume import motif_dispositif, territoire
from missio.engine import Engine
from missio.legal import citation
from missio.libelles import ACTEURS, dispositif_nom
from missio.models import Decision, Mission

# The words of the verification badges (the full wording is in missio.legal.LIBELLES_STATUT).
BADGES = {
    "verifie": "vérifié",
    "verifie_secondaire": "source secondaire",
    "a_verifier": "à vérifier",
}
CONNUS = frozenset(
    {
        "version_contrat",
        "reference",
        "dispositif",
        "conforme",
        "volume_jours_ouvres",
        "jours_ouvres_periodes",
        "cas",
        "conditions",
        "fondements",
        "obligations",
        "financements",
        "alertes",
        "blocages",
        "alternatives",
        "documents",
        "trace",
        "versions",
    }
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Citation:
    texte: str
    statut: str

    @property
    def badge(self) -> str:
        return BADGES.get(self.statut, self.statut)


@dataclass
class Tableau:
    """A decision field no section above shows, as a titled table (or a list, or a value)."""

    cle: str
    titre: str
    aide: str | None
    colonnes: list[str] = field(default_factory=list)
    lignes: list[list[str]] = field(default_factory=list)
    valeurs: list[str] = field(default_factory=list)


def _capitaliser(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


class VueDecision:
    """Everything the decision section of the page shows, computed once."""

    def __init__(
        self, decision: Decision, mission: Mission, engine: Engine, schema: Mapping[str, Any]
    ) -> None:
        self.decision = decision
        self.mission = mission
        self.engine = engine
        self._schema = schema
        self._citations: dict[str, list[Citation]] = {}
        for f in decision.fondements:
            self._citations.setdefault(f.cle, []).append(
                Citation(citation(f.texte, f.article), f.statut)
            )

    # --- the sentence ------------------------------------------------------------------------

    @property
    def dispositif(self) -> str:
        return dispositif_nom(self.decision.dispositif)

    @property
    def phrase(self) -> str:
        d = self.decision
        if d.conforme and d.dispositif == "aucun":
            return "Aucun acte statutaire n'est nécessaire : la mission est conforme."
        if d.conforme:
            return f"Dispositif retenu : {self.dispositif}. La mission est conforme."
        n = len(d.blocages)
        blocages = f"{n} blocage{'s' if n > 1 else ''}"
        if d.dispositif == "aucun":
            return f"Aucune voie n'est possible en l'état ({blocages}) : la mission n'est pas conforme."
        return (
            f"Dispositif envisagé : {self.dispositif}, mais la mission n'est pas conforme en "
            f"l'état ({blocages})."
        )

    @property
    def motif(self) -> str | None:
        return motif_dispositif(self.decision)

    @property
    def volume(self) -> str:
        n, absence = self.decision.volume_jours_ouvres, self.decision.jours_ouvres_periodes
        ouvres = f"{absence} jour{'s' if absence > 1 else ''} ouvré{'s' if absence > 1 else ''}"
        if self.mission.jours_expertise is not None:
            declares = f"{n} jour{'s' if n > 1 else ''} d'expertise déclaré{'s' if n > 1 else ''}"
            return f"{declares} ({ouvres} dans les périodes, {territoire(self.mission)})"
        return f"{ouvres} ({territoire(self.mission)})"

    @property
    def periodes(self) -> list[str]:
        return [f"du {date_fr(p.debut)} au {date_fr(p.fin)}" for p in self.mission.periodes]

    # --- the lists ---------------------------------------------------------------------------

    def citations(self, cles: list[str]) -> list[Citation]:
        trouvees: list[Citation] = []
        for cle in cles:
            trouvees += self._citations.get(cle, [Citation(cle, "a_verifier")])
        return trouvees

    def obligations(self) -> list[dict[str, Any]]:
        """What to do, dated ones first by date (the others keep their order, at the end)."""
        toutes = self.decision.obligations
        datees = sorted((o for o in toutes if o.echeance), key=lambda o: str(o.echeance))
        return [
            {
                "quand": f"au plus tard le {date_fr(o.echeance)}"
                if o.echeance
                else "sans échéance",
                "echeance": o.echeance.isoformat() if o.echeance else None,
                "qui": _capitaliser(ACTEURS.get(o.responsable, o.responsable)),
                "quoi": o.libelle,
                "fondements": self.citations(o.fondements),
            }
            for o in [*datees, *(o for o in toutes if not o.echeance)]
        ]

    @property
    def ics(self) -> bool:
        """Whether an obligation is dated: the .ics then has an event."""
        return any(o.echeance for o in self.decision.obligations)

    def financements(self) -> list[dict[str, Any]]:
        return [
            {
                "quoi": f.libelle,
                "qui": _capitaliser(ACTEURS.get(f.payeur, f.payeur)),
                "montant": montant_fr(f.montant) if f.montant is not None else "",
                "fondements": self.citations(f.fondements),
            }
            for f in self.decision.financements
        ]

    def fondements(self) -> list[dict[str, Any]]:
        lignes = []
        for f in self.decision.fondements:
            depuis = f" depuis le {date_fr(f.en_vigueur_depuis)}" if f.en_vigueur_depuis else ""
            jusqu = f" jusqu'au {date_fr(f.en_vigueur_jusqu_au)}" if f.en_vigueur_jusqu_au else ""
            lignes.append(
                {
                    "citation": Citation(citation(f.texte, f.article), f.statut),
                    "intitule": f.intitule,
                    "vigueur": f"En vigueur{depuis}{jusqu}." if depuis or jusqu else "",
                }
            )
        return lignes

    def documents(self) -> list[tuple[str, str]]:
        """(code, title) of each act to produce."""
        return [
            (code, self.engine.documents[code].titre if code in self.engine.documents else code)
            for code in self.decision.documents
        ]

    # --- any other field ---------------------------------------------------------------------

    def _titres(self, cle: str) -> tuple[str, str | None, Mapping[str, Any]]:
        propriete = self._schema.get("properties", {}).get(cle, {})
        elements = propriete.get("items", {})
        ref = elements.get("$ref", "")
        definition = self._schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {}) if ref else {}
        titre = propriete.get("title") or _capitaliser(cle.replace("_", " "))
        return titre, propriete.get("description"), definition.get("properties", {})

    def _cellule(self, cle: str, valeur: Any) -> str:
        if valeur is None:
            return "—"
        if isinstance(valeur, bool):
            return "oui" if valeur else "non"
        if cle == "fondements" and isinstance(valeur, list):
            return " ; ".join(f"{c.texte} ({c.badge})" for c in self.citations(valeur))
        if cle in ("payeur", "responsable") and valeur in ACTEURS:
            return ACTEURS[valeur]
        if cle == "dispositif" and isinstance(valeur, str):
            return dispositif_nom(valeur)
        if isinstance(valeur, str) and _DATE.fullmatch(valeur):
            return date_fr(valeur)
        if isinstance(valeur, list):
            return ", ".join(self._cellule("", v) for v in valeur)
        if isinstance(valeur, dict):
            return " ; ".join(f"{k} : {self._cellule(k, v)}" for k, v in valeur.items())
        return str(valeur)

    def autres(self) -> list[Tableau]:
        """The decision's fields this view does not lay out itself."""
        donnees = self.decision.model_dump(mode="json")
        tableaux = []
        for cle, valeur in donnees.items():
            if cle in CONNUS:
                continue
            titre, aide, proprietes = self._titres(cle)
            tableau = Tableau(cle, titre, aide)
            if isinstance(valeur, list) and valeur and all(isinstance(v, dict) for v in valeur):
                colonnes: list[str] = []
                for ligne in valeur:
                    colonnes += [k for k in ligne if k not in colonnes]
                tableau.colonnes = [
                    proprietes.get(k, {}).get("title") or _capitaliser(k.replace("_", " "))
                    for k in colonnes
                ]
                tableau.lignes = [
                    [self._cellule(k, ligne.get(k)) for k in colonnes] for ligne in valeur
                ]
            elif isinstance(valeur, list):
                tableau.valeurs = [self._cellule(cle, v) for v in valeur] or ["aucun"]
            else:
                tableau.valeurs = [self._cellule(cle, valeur)]
            tableaux.append(tableau)
        return tableaux
