"""What changed between two results of a case: in the decision's terms, with the rules that
fired differently and the legal bases cited differently, then line by line."""

from __future__ import annotations

import difflib
from typing import Any

import attrs
import yaml

from missio.casebook.enregistrement import Enregistrement
from missio.legal import LIBELLES_STATUT, citation

# How deep a change goes, from the most to the least serious: what impact reports sort by.
VOIE, DECISION, ACTES, TRACE = "voie", "decision", "actes", "trace"
NIVEAUX = (VOIE, DECISION, ACTES, TRACE)


@attrs.frozen
class Difference:
    """A change of one case, from `avant` (recorded, or rule set A) to `apres`.

    :ivar voie: the route or the conformity changed (dispositif, conforme, valid → invalid).
    :ivar faits: another fact of the decision changed (obligations, funding, alerts, blocages,
        alternatives, documents, volume, legal bases cited).
    """

    changements: list[str]  # French sentences, one per changed fact
    regles: list[str]  # "plugin / regle" whose trace entry appeared, disappeared or changed
    fondements: list[str]  # legal references cited differently ("cle : citation")
    diff_decision: list[str]  # unified diff of the recorded decision
    diff_textes: dict[str, list[str]]  # unified diff of each act's text
    voie: bool = False
    faits: bool = False

    @property
    def vide(self) -> bool:
        return not (self.changements or self.diff_decision or self.diff_textes)

    @property
    def niveau(self) -> str:
        """VOIE, DECISION, ACTES or TRACE (only the trace's lines differ), "" when unchanged."""
        if self.voie:
            return VOIE
        if self.faits:
            return DECISION
        if self.diff_textes:
            return ACTES
        return TRACE if self.diff_decision else ""


def _par(liste: list[dict[str, Any]], cle: str) -> dict[str, dict[str, Any]]:
    return {str(element[cle]): element for element in liste}


def _citation(fondement: dict[str, Any]) -> str:
    marque = LIBELLES_STATUT.get(fondement["statut"], fondement["statut"])
    return f"{citation(fondement['texte'], fondement.get('article'))} [{marque}]"


def _comparer_decisions(
    avant: dict[str, Any], apres: dict[str, Any]
) -> tuple[list[str], list[str], list[str]]:
    changements: list[str] = []
    for champ, libelle in (
        ("dispositif", "dispositif"),
        ("conforme", "conforme"),
        ("volume_jours_ouvres", "volume (jours ouvrés)"),
    ):
        if avant.get(champ) != apres.get(champ):
            changements.append(f"{libelle} : {avant.get(champ)} → {apres.get(champ)}")
    for champ, cle, valeur, libelle in (
        ("obligations", "code", "echeance", "obligation"),
        ("financements", "poste", "payeur", "financement"),
        ("alertes", "code", "message", "alerte"),
        ("blocages", "code", "message", "blocage"),
        ("alternatives", "dispositif", "condition", "alternative"),
    ):
        a, b = _par(avant.get(champ, []), cle), _par(apres.get(champ, []), cle)
        for code in sorted(a.keys() - b.keys()):
            changements.append(f"{libelle} retirée : {code}")
        for code in sorted(b.keys() - a.keys()):
            changements.append(f"{libelle} ajoutée : {code} ({b[code].get(valeur)})")
        for code in sorted(a.keys() & b.keys()):
            if a[code] != b[code]:
                details = [
                    f"{k} {a[code].get(k)} → {b[code].get(k)}"
                    for k in b[code]
                    if a[code].get(k) != b[code].get(k)
                ]
                changements.append(f"{libelle} modifiée : {code} ({' ; '.join(details)})")
    docs_a, docs_b = avant.get("documents", []), apres.get("documents", [])
    if docs_a != docs_b:
        changements.append(
            f"documents : {', '.join(docs_a) or 'aucun'} → {', '.join(docs_b) or 'aucun'}"
        )
    fa = {f"{f['cle']} : {_citation(f)}" for f in avant.get("fondements", [])}
    fb = {f"{f['cle']} : {_citation(f)}" for f in apres.get("fondements", [])}
    fondements = [f"avant seulement — {x}" for x in sorted(fa - fb)]
    fondements += [f"après seulement — {x}" for x in sorted(fb - fa)]
    ta = {
        (t["plugin"], t["regle"], t["resultat"], tuple(t.get("references", [])))
        for t in avant.get("trace", [])
    }
    tb = {
        (t["plugin"], t["regle"], t["resultat"], tuple(t.get("references", [])))
        for t in apres.get("trace", [])
    }
    regles = sorted({f"{p} / {r}" for p, r, _, _ in ta ^ tb})
    return changements, regles, fondements


def _diff(avant: str, apres: str, nom: str) -> list[str]:
    return list(
        difflib.unified_diff(
            avant.splitlines(),
            apres.splitlines(),
            f"{nom} (avant)",
            f"{nom} (après)",
            lineterm="",
            n=1,
        )
    )


def comparer(avant: Enregistrement, apres: Enregistrement) -> Difference:
    """Compare two recordings (the recorded one and a new result, or rule sets A and B)."""
    changements: list[str] = []
    regles: list[str] = []
    fondements: list[str] = []
    diff_decision: list[str] = []
    voie = False
    if avant.decision != apres.decision:
        if avant.decision is None or apres.decision is None:
            changements.append(
                "mission valide → invalide" if apres.decision is None else "nouveau résultat"
            )
            voie = True
        else:
            a, b = yaml.safe_load(avant.decision) or {}, yaml.safe_load(apres.decision) or {}
            changements, regles, fondements = _comparer_decisions(a, b)
            voie = any(a.get(champ) != b.get(champ) for champ in ("dispositif", "conforme"))
        diff_decision = _diff(avant.decision or "", apres.decision or "", "decision.yml")
    faits = bool(changements or fondements)
    diff_textes: dict[str, list[str]] = {}
    for code in sorted(avant.textes.keys() | apres.textes.keys()):
        a, b = avant.textes.get(code, ""), apres.textes.get(code, "")
        if a != b:
            diff_textes[code] = _diff(a, b, f"{code}.txt")
            if not a or not b:
                changements.append(f"acte {'ajouté' if not a else 'retiré'} : {code}")
    if not changements and fondements:
        changements.append(
            "mêmes conclusions ; les textes cités ne sont plus les mêmes (voir ci-dessous)"
        )
    if diff_textes and not any(c.startswith("acte ") for c in changements):
        changements.append("texte des actes modifié : " + ", ".join(diff_textes))
    return Difference(changements, regles, fondements, diff_decision, diff_textes, voie, faits)
