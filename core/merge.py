"""Merging the findings of every plugin into one decision, with its citations and trace.

The decision is built as plain data in the contract's shape: the JSON path serialises it as it
is (one pass, no model construction), the Python path validates it into a
:class:`~missio.models.Decision`; a test checks both give the same JSON for every case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from missio import findings as f
from missio import models as m
from missio.calendar import fusionner
from missio.errors import ConflitDispositif, HorsContrat
from missio.legal import (
    LIBELLES_STATUT,
    Referentiel,
    StatutReference,
    Version,
    statut_le_plus_faible,
)
from missio.libelles import ACTEURS
from missio.returns import verifier_constat

_CACHE_MAX = 50_000
_CENTIME = Decimal("0.01")


def _centimes(montant: Decimal | None) -> Decimal | None:
    """Amounts are written with two decimals in every output (JSON, documents)."""
    return None if montant is None else montant.quantize(_CENTIME)


# (readable references, weakest mark, (key, version) pairs) of one finding's citations.
Citation = tuple[tuple[str, ...], StatutReference, tuple[tuple[str, Version], ...]]


def _erreur_plugin(plugin: str, regle: str, cause: BaseException) -> dict[str, Any]:
    ou = f"le hook {regle}" if regle.startswith("missio_") else f"la règle {regle}"
    if isinstance(cause, HorsContrat):
        quoi = f"a renvoyé, dans {ou}, une valeur hors du contrat : {cause}"
    else:
        quoi = f"a échoué dans {ou} ({type(cause).__name__} : {cause})"
    return {
        "code": "erreur_plugin",
        "message": (
            f"Le plugin {plugin} {quoi}. Les autres règles ont été évaluées ; décision non "
            "conforme."
        ),
        "remede": "Signalez l'erreur au mainteneur du plugin ; aucun acte n'est produit.",
        "plugin": plugin,
        "regle": regle,
        "fondements": [],
    }


def _de(acteur: str) -> str:
    """« de » before an actor's name: « de la collectivité », « du ministère … »."""
    return f"du {acteur[3:]}" if acteur.startswith("le ") else f"de {acteur}"


class Fusion:
    """Collects findings plugin by plugin, then builds the Decision.

    :param statuts_regles: each declared rule's own verification mark, by rule code.
    :param documents_connus: document codes some template plugin can render.
    :param cache: resolved citations shared by the engine's evaluations (the sources never
        change once the engine is built).
    """

    def __init__(
        self,
        mission: m.Mission,
        referentiel: Referentiel,
        statuts_regles: dict[str, StatutReference],
        documents_connus: Iterable[str],
        cache: dict[Any, Citation],
    ) -> None:
        self.mission = mission
        self.referentiel = referentiel
        self.statuts_regles = statuts_regles
        self.documents_connus = frozenset(documents_connus)
        self.plages = tuple(fusionner([(p.debut, p.fin) for p in mission.periodes]))
        self.cache = cache
        self.versions: dict[tuple[str, date | None], tuple[str, Version]] = {}
        self.voies: list[tuple[str, f.Voie]] = []
        self.obligations: list[dict[str, Any]] = []
        self.financements: list[dict[str, Any]] = []
        # Who put each financement line: (poste, payeur, plugin, rule, libellé).
        self.origines_financements: list[tuple[str, str, str, str, str]] = []
        self.alertes: list[dict[str, Any]] = []
        self.blocages: list[dict[str, Any]] = []
        self.alternatives: list[dict[str, Any]] = []
        self.cas: list[dict[str, Any]] = []
        self.conditions: list[dict[str, Any]] = []
        self.documents: list[str] = []
        self.trace: list[dict[str, Any]] = []

    # --- citations ---------------------------------------------------------------------

    def _citer(self, finding: f.Finding) -> tuple[list[str], list[str], StatutReference]:
        """Resolve a finding's keys at its dates: keys, readable references, weakest mark."""
        plages = ((finding.le, finding.le),) if finding.le else self.plages
        cle_cache = (finding.regle, finding.fondements, plages)
        citation = self.cache.get(cle_cache)
        if citation is None:
            citation = self._resoudre(finding.regle, finding.fondements, plages)
            if len(self.cache) > _CACHE_MAX:
                self.cache.clear()  # keyed by mission dates: bounded for long-running services
            self.cache[cle_cache] = citation
        references, statut, versions = citation
        for version_cle in versions:
            self.versions.setdefault((version_cle[0], version_cle[1].du), version_cle)
        return list(finding.fondements), list(references), statut

    def _resoudre(
        self, regle: str, cles: tuple[str, ...], plages: tuple[tuple[date, date], ...]
    ) -> Citation:
        references: list[str] = []
        statuts: list[StatutReference] = []
        versions: list[tuple[str, Version]] = []
        regle_statut = self.statuts_regles.get(regle)
        if regle_statut:
            statuts.append(regle_statut)
        for cle in cles:
            for debut, fin in plages:
                for version in self.referentiel.resoudre(cle, debut, fin):
                    versions.append((cle, version))
                    statuts.append(version.statut)
                    reference = f"{version.citation()} [{LIBELLES_STATUT[version.statut]}]"
                    if reference not in references:
                        references.append(reference)
        return tuple(references), statut_le_plus_faible(statuts), tuple(versions)

    # --- collecting --------------------------------------------------------------------

    def _tracer(
        self,
        plugin: str,
        regle: str,
        resultat: str,
        cles: list[str],
        references: list[str],
        statut: StatutReference,
    ) -> dict[str, Any]:
        return {
            "plugin": plugin,
            "regle": regle,
            "resultat": resultat,
            "fondements": cles,
            "references": references,
            "statut": statut,
        }

    def erreur(self, plugin: str, regle: str, cause: BaseException) -> None:
        blocage = _erreur_plugin(plugin, regle, cause)
        self._bloquer(blocage)

    def _bloquer(self, blocage: dict[str, Any]) -> None:
        self.blocages.append(blocage)
        self.trace.append(
            self._tracer(
                blocage["plugin"], blocage["regle"], blocage["message"], [], [], "a_verifier"
            )
        )

    def echec_chargement(self, plugin: str, erreur: str, conseil: str) -> None:
        """A plugin that could not be loaded: its rules were not evaluated, so the decision
        cannot be conforme (it might have blocked the mission)."""
        self._bloquer(
            {
                "code": "erreur_plugin",
                "message": f"Le plugin {plugin} n'a pas pu être chargé ({erreur}) : ses règles "
                "n'ont pas été évaluées ; décision non conforme.",
                "remede": f"Corrigez ou réinstallez le plugin {plugin}. {conseil} Aucun acte "
                "n'est produit.",
                "plugin": plugin,
                "regle": "chargement",
                "fondements": [],
            }
        )

    def ajouter(self, plugin: str, resultats: Iterable[f.Finding]) -> None:
        """Add one plugin's findings, all or none: a finding outside the contract or citing an
        unknown key fails that plugin (a blocage naming it and the rule)."""
        retenus: list[tuple[f.Finding, list[str]]] = []
        entrees: list[dict[str, Any]] = []
        regle = "missio_findings"
        try:
            for finding in resultats:
                try:
                    verifier_constat(finding)
                except HorsContrat:
                    nom = getattr(finding, "regle", None)
                    regle = nom if type(nom) is str and nom else "missio_findings"
                    raise
                regle = finding.regle
                cles, references, statut = self._citer(finding)
                entrees.append(
                    self._tracer(plugin, regle, finding.resultat(), cles, references, statut)
                )
                retenus.append((finding, cles))
        except (LookupError, HorsContrat) as exc:
            self.erreur(plugin, regle, exc)
            return
        self.trace.extend(entrees)
        for finding, cles in retenus:
            self._classer(plugin, finding, cles)

    def _classer(self, plugin: str, finding: f.Finding, cles: list[str]) -> None:
        if isinstance(finding, f.Voie):
            self.voies.append((plugin, finding))
        elif isinstance(finding, f.Obligation):
            self.obligations.append(
                {
                    "code": finding.code,
                    "libelle": finding.libelle,
                    "echeance": finding.echeance,
                    "responsable": finding.responsable,
                    "fondements": cles,
                }
            )
        elif isinstance(finding, f.Financement):
            self._financer(finding, cles)
            self.origines_financements.append(
                (finding.poste, finding.payeur, plugin, finding.regle, finding.libelle)
            )
        elif isinstance(finding, f.Alerte):
            self.alertes.append(
                {
                    "code": finding.code,
                    "niveau": finding.niveau,
                    "message": finding.message,
                    "fondements": cles,
                }
            )
        elif isinstance(finding, f.Blocage):
            self.blocages.append(
                {
                    "code": finding.code,
                    "message": finding.message,
                    "remede": finding.remede,
                    "plugin": plugin,
                    "regle": finding.regle,
                    "fondements": cles,
                }
            )
        elif isinstance(finding, f.Alternative):
            if all(a["dispositif"] != finding.dispositif for a in self.alternatives):
                self.alternatives.append(
                    {
                        "dispositif": finding.dispositif,
                        "condition": finding.condition,
                        "fondements": cles,
                    }
                )
        elif isinstance(finding, f.Cas | f.Condition):
            lignes = self.cas if isinstance(finding, f.Cas) else self.conditions
            if all(ligne["code"] != finding.code for ligne in lignes):
                lignes.append(
                    {"code": finding.code, "libelle": finding.libelle, "fondements": cles}
                )
        elif isinstance(finding, f.Document) and finding.code not in self.documents:
            self.documents.append(finding.code)

    def _financer(self, finding: f.Financement, cles: list[str]) -> None:
        """One line per item: the same item, payer and amount from two plugins (the salary
        kept, from the statute and a programme) is one line resting on both bases."""
        montant = _centimes(finding.montant)
        for ligne in self.financements:
            if (ligne["poste"], ligne["payeur"], ligne["montant"]) == (
                finding.poste,
                finding.payeur,
                montant,
            ):
                ligne["fondements"] += [c for c in cles if c not in ligne["fondements"]]
                return
        self.financements.append(
            {
                "poste": finding.poste,
                "libelle": finding.libelle,
                "payeur": finding.payeur,
                "montant": montant,
                "fondements": list(cles),
            }
        )

    def tracer(self, plugin: str, regle: str, resultat: str) -> None:
        """A trace line that is not a finding (parameters set by a collectivité)."""
        self.trace.append(self._tracer(plugin, regle, resultat, [], [], "verifie"))

    # --- deciding ----------------------------------------------------------------------

    def _dispositif(self) -> m.Dispositif:
        if not self.voies:
            return "aucun"
        plugin, retenue = self.voies[0]
        for autre_plugin, autre in self.voies[1:]:
            if autre.dispositif != retenue.dispositif:
                raise ConflitDispositif(
                    "Conflit de dispositif : "
                    f"{self._decrire(plugin, retenue)} ; {self._decrire(autre_plugin, autre)}."
                )
        return retenue.dispositif

    def _decrire(self, plugin: str, voie: f.Voie) -> str:
        cites = ", ".join(
            version.citation()
            for cle in voie.fondements
            for debut, fin in self.plages
            for version in self.referentiel.resoudre(cle, debut, fin)
        )
        base = f", {cites}" if cites else ""
        return f"{plugin} (règle {voie.regle}{base}) retient {voie.dispositif}"

    def _documents(self, conforme: bool) -> list[str]:
        if not conforme:
            return []
        documents: list[str] = []
        for code in self.documents:
            if code in self.documents_connus:
                documents.append(code)
            else:
                self.alertes.append(
                    {
                        "code": "document_sans_modele",
                        "niveau": "info",
                        "fondements": [],
                        "message": f"Le document « {code} » est requis, mais aucun plugin de modèles "
                        "ne le produit : rédigez-le hors de missio.",
                    }
                )
        return documents

    def _echues(self, le: date) -> None:
        """An alert per obligation whose deadline has passed on the caller's date (``--date``):
        the only use of "today", which never changes the route or the acts."""
        for o in self.obligations:
            if o["echeance"] is not None and o["echeance"] < le:
                self.alertes.append(
                    {
                        "code": "echeance_depassee",
                        "niveau": "attention",
                        "fondements": o["fondements"],
                        "message": f"Échéance dépassée au {le:%d/%m/%Y} : {o['libelle']} (au plus "
                        f"tard le {o['echeance']:%d/%m/%Y}).",
                    }
                )

    def _financements_contradictoires(self) -> None:
        """The same item (`poste`) put on different payers by two rules: a local policy that
        leaves to the agent what a statutory rule has another payer pay (accommodation and
        meals that mission allowances cover), for instance. The decision keeps both lines and
        says so: which one stands is a question of law the signer settles, not the merge."""
        payeurs: dict[str, list[tuple[str, str, str, str]]] = {}
        for poste, payeur, plugin, regle, libelle in self.origines_financements:
            lignes = payeurs.setdefault(poste, [])
            if all(ligne[0] != payeur for ligne in lignes):
                lignes.append((payeur, plugin, regle, libelle))
        for poste, lignes in payeurs.items():
            if len(lignes) < 2:
                continue
            details = " ; ".join(
                f"« {libelle} » à la charge {_de(ACTEURS[payeur])} ({plugin}, règle {regle})"
                for payeur, plugin, regle, libelle in lignes
            )
            cles = [
                c
                for ligne in self.financements
                if ligne["poste"] == poste
                for c in ligne["fondements"]
            ]
            self.alertes.append(
                {
                    "code": "financement_contradictoire",
                    "niveau": "attention",
                    "fondements": list(dict.fromkeys(cles)),
                    "message": f"Deux règles mettent le même poste (« {poste} ») à la charge de "
                    f"payeurs différents : {details}. La décision garde les deux lignes : faites "
                    "trancher ce point avant de signer (une politique locale ne peut retirer à "
                    "l'agent ce que les textes lui accordent).",
                }
            )

    def _demande_tardive(self) -> None:
        """A request dated on or after the departure: procedure is read at ``date_demande``
        (architecture, contract), so whatever it requires before departure was late. The
        mission keeps its decision (a late request, or a regularisation after the mission, is
        a fact HR records); the alert says what was missed."""
        demande, debut, fin = self.mission.date_demande, self.mission.debut, self.mission.fin
        if demande is None or demande < debut:
            return
        if demande > fin:
            quand = f"après la fin de la mission ({fin:%d/%m/%Y}) : c'est une régularisation"
        else:
            quand = f"alors que la mission commence le {debut:%d/%m/%Y}"
        self.alertes.append(
            {
                "code": "demande_apres_depart",
                "niveau": "attention",
                "fondements": [],
                "message": f"La demande est datée du {demande:%d/%m/%Y}, {quand} : les actes à "
                "prendre avant le départ (autorisation, convention, arrêté, ordre de mission) "
                "n'ont pas pu l'être à temps ; régularisez-les sans délai.",
            }
        )

    def decision(
        self,
        volume: int,
        versions: dict[str, str],
        date_evaluation: date | None = None,
        jours_ouvres_periodes: int | None = None,
    ) -> dict[str, Any]:
        """The decision as JSON data (dates as ISO texts, amounts as « 1000.00 »: JSON data
        all the way, whatever the caller does with it), in the
        contract's field order: validated by the caller when a Decision object is wanted,
        serialised as it is for JSON."""
        if date_evaluation is not None:
            self._echues(date_evaluation)
        self._demande_tardive()
        self._financements_contradictoires()
        dispositif = self._dispositif()
        conforme = not self.blocages
        documents = self._documents(conforme)
        fondements = [
            {
                "cle": cle,
                "intitule": self.referentiel.source(cle).intitule,
                "texte": version.texte,
                "article": version.article,
                "en_vigueur_depuis": version.du and version.du.isoformat(),
                "en_vigueur_jusqu_au": version.au and version.au.isoformat(),
                "statut": version.statut,
            }
            for (cle, _), (_, version) in sorted(
                self.versions.items(), key=lambda item: (item[0][0], item[0][1] or date.min)
            )
        ]
        obligations = sorted(self.obligations, key=lambda o: (o["echeance"] or date.max, o["code"]))
        # This Fusion's own dicts, built for this decision: written as JSON in place.
        for o in obligations:
            if o["echeance"] is not None:
                o["echeance"] = o["echeance"].isoformat()
        for ligne in self.financements:
            if ligne["montant"] is not None:
                ligne["montant"] = f"{ligne['montant']:.2f}"
        return {
            "version_contrat": m.VERSION_CONTRAT,
            "reference": self.mission.reference,
            "dispositif": dispositif,
            "conforme": conforme,
            "volume_jours_ouvres": volume,
            "jours_ouvres_periodes": volume
            if jours_ouvres_periodes is None
            else jours_ouvres_periodes,
            "fondements": fondements,
            "obligations": obligations,
            "financements": self.financements,
            "alertes": self.alertes,
            "blocages": self.blocages,
            "alternatives": self.alternatives,
            "cas": self.cas,
            "conditions": self.conditions,
            "documents": documents,
            "trace": self.trace,
            "versions": dict(versions),  # the engine's own dict stays out of callers' reach
        }
