"""Evaluating a case: the decision, the texts of its acts, and what contradicts the expectation."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from lxml import etree

from missio.casebook.cas import Attendu, CasPratique
from missio.documents.errors import ErreurRendu
from missio.engine import Engine
from missio.errors import ErreurValidation
from missio.models import Decision

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@attrs.frozen
class Resultat:
    """What a case gives under one rule set.

    :ivar decision: the decision as recorded (JSON data, without plugin versions), or None for
        an invalid mission.
    :ivar textes: the text of each act, one paragraph (or table row) per line.
    :ivar ecarts: what contradicts the case's ``attendu``, in French.
    :ivar erreurs: the validation errors of an invalid mission (field → message).
    """

    cas: CasPratique
    decision: dict[str, Any] | None
    textes: dict[str, str]
    ecarts: list[str]
    erreurs: dict[str, str] = attrs.field(factory=dict)


class Fabrique:
    """Builds (and reuses) one engine and one Redacteur per set of parameters and policies.

    :param plugins: plugins added to every engine (a rule set being compared).
    :param parametres: parameters set for every case, before the case's own.
    :param politiques: policies (paths or loaded) added to every case's own.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        parametres: dict[str, Any] | None = None,
        politiques: Iterable[str | Path] = (),
    ) -> None:
        self.plugins = list(plugins)
        self.parametres = dict(parametres or {})
        self.politiques = [str(p) for p in politiques]
        self._cache: dict[str, tuple[Engine, Any]] = {}

    def pour(self, cas: CasPratique) -> tuple[Engine, Any]:
        from missio.documents.redacteur import Redacteur

        parametres = {**self.parametres, **cas.parametres}
        politiques = [*self.politiques, *cas.politiques]
        cle = json.dumps([parametres, politiques], sort_keys=True, default=str)
        if cle not in self._cache:
            engine = Engine(self.plugins, politiques=politiques, parametres=parametres)
            self._cache[cle] = (engine, Redacteur(engine))
        return self._cache[cle]


def decaler(mission: dict[str, Any], premier_jour: date) -> dict[str, Any]:
    """The same mission moved so that it starts on `premier_jour` (durations kept): the law and
    the calendar of another date, for impact comparisons."""
    debut = min(date.fromisoformat(p["debut"]) for p in mission["periodes"])
    ecart = premier_jour - debut

    def deplacer(jour: str | None) -> str | None:
        return (date.fromisoformat(jour) + ecart).isoformat() if jour else jour

    decalee: dict[str, Any] = json.loads(json.dumps(mission))
    decalee["periodes"] = [
        {"debut": deplacer(p["debut"]), "fin": deplacer(p["fin"])} for p in mission["periodes"]
    ]
    decalee["date_demande"] = deplacer(mission.get("date_demande"))
    return decalee


def executer(cas: CasPratique, fabrique: Fabrique, premier_jour: date | None = None) -> Resultat:
    """Evaluate a case (moved to `premier_jour` when given) and render its acts as text."""
    engine, redacteur = fabrique.pour(cas)
    donnees = decaler(cas.mission, premier_jour) if premier_jour else cas.mission
    try:
        mission = engine.valider(donnees)
    except ErreurValidation as exc:
        erreurs = dict(exc.erreurs)
        return Resultat(cas, None, {}, _ecarts_erreurs(cas.attendu, erreurs), erreurs)
    decision = engine.evaluer(mission)
    enregistre = decision.model_dump(mode="json", exclude={"versions"})
    ecarts = [] if premier_jour else verifier_attendu(cas.attendu, decision)
    try:
        actes = redacteur.rendre(decision, mission)
    except ErreurRendu as exc:  # a failing plugin is this case's result, not the run's end
        actes = {}
        ecarts.append(f"actes non produits : {exc}")
    textes = {code: texte_docx(contenu) for code, contenu in actes.items()}
    return Resultat(cas, enregistre, textes, ecarts)


def _ecarts_erreurs(attendu: Attendu, erreurs: dict[str, str]) -> list[str]:
    if not attendu.erreurs:
        return [f"mission invalide alors qu'aucune erreur n'est attendue : {erreurs}"]
    return [
        f"erreur attendue sur {champ} (« {message} »), obtenu : {erreurs.get(champ, 'aucune')}"
        for champ, message in attendu.erreurs.items()
        if message not in erreurs.get(champ, "")
    ]


def verifier_attendu(attendu: Attendu, decision: Decision) -> list[str]:
    """What the case states and the decision contradicts, in French."""
    ecarts: list[str] = []

    def ecart(quoi: str, prevu: Any, obtenu: Any) -> None:
        ecarts.append(f"{quoi} : attendu {prevu}, obtenu {obtenu}")

    if attendu.erreurs:
        ecart("mission", f"invalide ({', '.join(attendu.erreurs)})", "valide")
    for champ in ("dispositif", "conforme", "volume_jours_ouvres", "jours_ouvres_periodes"):
        prevu = getattr(attendu, champ)
        if prevu is not None and getattr(decision, champ) != prevu:
            ecart(champ, prevu, getattr(decision, champ))
    obligations = {o.code: o.echeance for o in decision.obligations}
    for code, echeance in attendu.obligations.items():
        if code not in obligations:
            ecart(f"obligation {code}", echeance or "présente", "absente")
        elif echeance is not None and obligations[code] != echeance:
            ecart(f"échéance de {code}", echeance, obligations[code])
    financements = {f.poste: f for f in decision.financements}
    for poste, valeur in attendu.financements.items():
        f = financements.get(poste)
        montant = f"{f.montant:.2f}" if f is not None and f.montant is not None else None
        if f is None:
            ecart(f"financement {poste}", valeur, "absent")
        elif valeur not in (f.payeur, montant):
            ecart(f"financement {poste}", valeur, f"{f.payeur} {montant or ''}".strip())
    presents: dict[str, list[str]] = {
        "alertes": [a.code for a in decision.alertes],
        "alternatives": [a.dispositif for a in decision.alternatives],
        "documents": list(decision.documents),
        "conditions": [c.code for c in decision.conditions],
    }
    for champ, codes in presents.items():
        for code in getattr(attendu, champ):
            if code not in codes:
                ecart(champ, code, ", ".join(codes) or "aucun")
    if attendu.blocages is not None:
        codes = sorted(b.code for b in decision.blocages)
        if codes != sorted(attendu.blocages):
            ecart("blocages", sorted(attendu.blocages), codes)
    cas = {c.code: c.fondements for c in decision.cas}
    for code, cle in attendu.cas.items():
        if cle not in cas.get(code, []):
            ecart(f"cas {code}", cle, ", ".join(cas.get(code, [])) or "aucun")
    tous = [*presents["alertes"], *presents["alternatives"], *presents["documents"]]
    tous += [*presents["conditions"], *(o.code for o in decision.obligations)]
    for code in attendu.absents:
        if code in tous:
            ecart("absent", code, "présent")
    for texte in attendu.non_cites:
        for fondement in decision.fondements:
            if texte in f"{fondement.texte}, {fondement.article or ''}":
                ecart(
                    f"texte non cité « {texte} »", "absent", f"{fondement.cle} ({fondement.texte})"
                )
    cites: dict[str, list[str]] = {}
    for fondement in decision.fondements:
        cites.setdefault(fondement.cle, []).append(f"{fondement.texte} {fondement.article or ''}")
    for cle, article in attendu.fondements.items():
        if not any(article in c for c in cites.get(cle, [])):
            ecart(f"fondement {cle}", article, " ; ".join(cites.get(cle, [])) or "non cité")
    return ecarts


def texte_docx(contenu: bytes) -> str:
    """The text of a .docx, a paragraph or a table row per line: header, body, footer."""
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        noms = archive.namelist()
        parties = (
            [n for n in noms if n.startswith("word/header")],
            ["word/document.xml"],
            [n for n in noms if n.startswith("word/footer")],
        )
        lignes: list[str] = []
        for groupe in parties:
            for nom in sorted(groupe):
                lignes += _lignes(etree.fromstring(archive.read(nom)))
    return "\n".join(ligne for ligne in lignes if ligne.strip()) + "\n"


def _texte(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_W}t"))


def _lignes(racine: Any) -> list[str]:
    corps = racine.find(f"{_W}body")
    conteneur = corps if corps is not None else racine
    lignes: list[str] = []
    for bloc in conteneur:
        if bloc.tag == f"{_W}p":
            lignes.append(_texte(bloc))
        elif bloc.tag == f"{_W}tbl":
            for rangee in bloc.iter(f"{_W}tr"):
                lignes.append(" | ".join(_cellule(c) for c in rangee.iter(f"{_W}tc")))
    return lignes


def _cellule(cellule: Any) -> str:
    """A table cell's paragraphs, separated by « / » (a signature block, the review box)."""
    return " / ".join(t for t in (_texte(p) for p in cellule.iter(f"{_W}p")) if t)
