"""Merging the findings of every plugin into one decision, with its citations and trace.

The decision is built as plain data in the contract's shape: the JSON path serialises it as it
is (one pass, no model construction), the Python path validates it into a
:class:`~missio.models.Decision`; a test checks both give the same JSON for every case. A finding
becomes its entry by one generic conversion (:func:`entree`), driven by the fields of the
entry's output model, which are the finding's own: the merge names no field of an entry.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, get_args

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

# Entries of an engine's cache of citations (keyed by the stretches of time the mission's dates
# fall in, Referentiel.epoque: a few hundred in all for the built-in sources, more for a policy
# that cites many dated texts): cleared when full, so that a long-running service with one
# engine per tenant keeps a bounded memory.
_CACHE_MAX = 20_000
_CENTIME = Decimal("0.01")


def _json(valeur: Any) -> Any:
    """A finding's value as the contract's JSON data: a date as AAAA-MM-JJ, an amount with two
    decimals (as in every output: JSON, documents)."""
    if type(valeur) is date:
        return valeur.isoformat()
    if type(valeur) is Decimal:
        return f"{valeur.quantize(_CENTIME):.2f}"
    return valeur


def _types(annotation: Any) -> set[Any]:
    """The types an annotation names (``date | None`` names date and NoneType)."""
    arguments = get_args(annotation)
    return {annotation}.union(*map(_types, arguments)) if arguments else {annotation}


class _Genre:
    """One kind of finding: how it is filed and written, computed once per class.

    For an entry of the decision: its finding class and the fields of its output model, in
    order (the finding's own, then ``plugin`` for an entry that names it, then
    ``fondements``)."""

    def __init__(self, classe: type[f.Finding], modele: type[Any] | None) -> None:
        self.classe = classe
        self.cle = classe.cle  # the field whose value identifies a finding in the trace
        self.entree = modele is not None
        self.modele: dict[str, Any] = dict.fromkeys(modele.model_fields) if modele else {}
        self.propres = tuple(nom for nom in self.modele if nom not in ("plugin", "fondements"))
        self.lire = attrgetter(*self.propres) if self.propres else None
        self.nomme_plugin = "plugin" in self.modele
        # Most entries list their own fields first: their line is built in one pass.
        self.dans_l_ordre = len(self.propres) > 1 and list(self.modele) == [
            *self.propres,
            *(["plugin"] if self.nomme_plugin else []),
            "fondements",
        ]
        # Dates and amounts are written as the contract's JSON texts.
        self.textes = tuple(
            nom
            for nom, champ in (modele.model_fields.items() if modele else ())
            if _types(champ.annotation) & {date, Decimal}
        )
        self.une_fois = classe in _UNE_FOIS and self.cle is not None

    def ligne(self, finding: f.Finding, plugin: str, cles: list[str]) -> dict[str, Any]:
        """The entry `finding` is, as JSON data in the contract's field order."""
        valeurs = self.lire(finding) if self.lire else ()
        if self.dans_l_ordre:
            ligne = dict(zip(self.propres, valeurs, strict=True))
        else:
            ligne = self.modele.copy()  # every field, in order
            ligne.update(zip(self.propres, valeurs, strict=True))
        for nom in self.textes:
            ligne[nom] = _json(ligne[nom])
        if self.nomme_plugin:
            ligne["plugin"] = plugin
        ligne["fondements"] = cles
        return ligne


# Entries that appear once by their identifying value (``cle``), whichever plugin gives them.
_UNE_FOIS: frozenset[type] = frozenset((f.Alternative, f.Cas, f.Condition))

_GENRES: dict[type[f.Finding], _Genre] = {
    classe: _Genre(classe, modele) for classe, modele in m.ENTREES.items()
}


def _genre(classe: type[f.Finding]) -> _Genre:
    """The kind of finding a class is (a plugin's subclass is its base's kind)."""
    genre = _GENRES.get(classe)
    if genre is None:
        base = next((b for b in classe.__mro__ if b in m.ENTREES), None)
        genre = _Genre(classe, None) if base is None else _GENRES[base]
        _GENRES[classe] = genre
    return genre


def entree(finding: f.Finding, plugin: str, cles: list[str]) -> dict[str, Any] | None:
    """The decision entry a finding is, as JSON data in the contract's field order (None for a
    finding that is no entry: a route, a document, a constat)."""
    genre = _genre(type(finding))
    return genre.ligne(finding, plugin, cles) if genre.entree else None


def _code(finding: f.Finding) -> str | None:
    """The value that identifies a finding in the trace (its ``cle`` field)."""
    return None if finding.cle is None else str(getattr(finding, finding.cle))


# (readable references, weakest mark, ((key, start), (key, version)) pairs) of one finding's
# citations.
Citation = tuple[
    tuple[str, ...],
    StatutReference,
    tuple[tuple[tuple[str, date | None], tuple[str, Version]], ...],
]


def _erreur_plugin(plugin: str, regle: str, cause: BaseException) -> f.Blocage:
    ou = f"le hook {regle}" if regle.startswith("missio_") else f"la règle {regle}"
    if isinstance(cause, HorsContrat):
        quoi = f"a renvoyé, dans {ou}, une valeur hors du contrat : {cause}"
    else:
        quoi = f"a échoué dans {ou} ({type(cause).__name__} : {cause})"
    return f.Blocage(
        regle=regle,
        fondements=(),
        code="erreur_plugin",
        message=f"Le plugin {plugin} {quoi}. Les autres règles ont été évaluées ; décision non "
        "conforme.",
        remede="Signalez l'erreur au mainteneur du plugin ; aucun acte n'est produit.",
    )


def _alerte(code: str, niveau: m.NiveauAlerte, message: str, cles: list[str]) -> dict[str, Any]:
    """An alert the merge itself raises (no rule's finding)."""
    alerte = f.Alerte(regle="missio", fondements=(), code=code, niveau=niveau, message=message)
    ligne = entree(alerte, "missio", cles)
    assert ligne is not None
    return ligne


def _tracer(
    plugin: str,
    finding: f.Finding,
    resultat: str,
    cles: list[str],
    references: list[str],
    statut: StatutReference,
) -> dict[str, Any]:
    """A finding's trace line: who, what kind and which one, what it concluded, on which basis."""
    return {
        "plugin": plugin,
        "regle": finding.regle,
        "genre": finding.genre,
        "code": _code(finding),
        "resultat": resultat,
        "fondements": cles,
        "references": references,
        "statut": statut,
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
        documents_connus: Collection[str],
        cache: dict[Any, Any],
    ) -> None:
        self.mission = mission
        self.referentiel = referentiel
        self.statuts_regles = statuts_regles
        self.documents_connus = documents_connus
        self.plages = tuple(fusionner([(p.debut, p.fin) for p in mission.periodes]))
        # What citations resolved over the plages depend on: the stretches of time their
        # days fall in (Referentiel.epoque), shared by missions of other dates.
        epoque = referentiel.epoque
        self.epoques = tuple((epoque(debut), epoque(fin)) for debut, fin in self.plages)
        self.cache = cache
        self.versions: dict[tuple[str, date | None], tuple[str, Version]] = {}
        self.voies: list[tuple[str, f.Voie]] = []
        # The decision's lists of entries, by kind of finding.
        self.listes: dict[type[f.Finding], list[dict[str, Any]]] = {
            f.Obligation: [],
            f.Financement: [],
            f.Alerte: [],
            f.Blocage: [],
            f.Alternative: [],
            f.Cas: [],
            f.Condition: [],
        }
        self.obligations = self.listes[f.Obligation]
        self.financements = self.listes[f.Financement]
        self.alertes = self.listes[f.Alerte]
        self.blocages = self.listes[f.Blocage]
        # Who put each financement line: (poste, payeur, plugin, rule, libellé).
        self.origines_financements: list[tuple[str, str, str, str, str]] = []
        self.documents: list[str] = []
        self.trace: list[dict[str, Any]] = []

    # --- citations ---------------------------------------------------------------------

    def _citer(self, finding: f.Finding) -> tuple[list[str], list[str], StatutReference]:
        """Resolve a finding's keys at its dates: keys, readable references, weakest mark."""
        le = finding.le
        epoques = self.referentiel.epoque(le) if le else self.epoques
        cle_cache = (finding.regle, finding.fondements, epoques)
        citation = self.cache.get(cle_cache)
        if citation is None:
            plages = ((le, le),) if le else self.plages
            citation = self._resoudre(finding.regle, finding.fondements, plages)
            self._memoriser(cle_cache, citation)
        references, statut, versions = citation
        # Every (key, start) names one version: the first one cited stays where it was.
        self.versions.update(versions)
        return list(finding.fondements), list(references), statut

    def _memoriser(self, cle: Any, valeur: Any) -> None:
        if len(self.cache) > _CACHE_MAX:
            self.cache.clear()
        self.cache[cle] = valeur

    def _resoudre(
        self, regle: str, cles: tuple[str, ...], plages: tuple[tuple[date, date], ...]
    ) -> Citation:
        references: list[str] = []
        statuts: list[StatutReference] = []
        versions: dict[tuple[str, date | None], tuple[str, Version]] = {}
        regle_statut = self.statuts_regles.get(regle)
        if regle_statut:
            statuts.append(regle_statut)
        for cle in cles:
            for debut, fin in plages:
                for version in self.referentiel.resoudre(cle, debut, fin):
                    versions.setdefault((cle, version.du), (cle, version))
                    statuts.append(version.statut)
                    reference = f"{version.citation()} [{LIBELLES_STATUT[version.statut]}]"
                    if reference not in references:
                        references.append(reference)
        return tuple(references), statut_le_plus_faible(statuts), tuple(versions.items())

    # --- collecting --------------------------------------------------------------------

    def erreur(self, plugin: str, regle: str, cause: BaseException) -> None:
        self._bloquer(plugin, _erreur_plugin(plugin, regle, cause))

    def _bloquer(self, plugin: str, blocage: f.Blocage) -> None:
        """A blocage of the engine's own (a plugin that failed): no citation, to verify."""
        self._classer(plugin, blocage, entree(blocage, plugin, []))
        self.trace.append(_tracer(plugin, blocage, blocage.message, [], [], "a_verifier"))

    def echec_chargement(self, plugin: str, erreur: str, conseil: str) -> None:
        """A plugin that could not be loaded: its rules were not evaluated, so the decision
        cannot be conforme (it might have blocked the mission)."""
        self._bloquer(
            plugin,
            f.Blocage(
                regle="chargement",
                fondements=(),
                code="erreur_plugin",
                message=f"Le plugin {plugin} n'a pas pu être chargé ({erreur}) : ses règles "
                "n'ont pas été évaluées ; décision non conforme.",
                remede=f"Corrigez ou réinstallez le plugin {plugin}. {conseil} Aucun acte "
                "n'est produit.",
            ),
        )

    def ajouter(self, plugin: str, resultats: Iterable[f.Finding]) -> None:
        """Add one plugin's findings, all or none: a finding outside the contract or citing an
        unknown key fails that plugin (a blocage naming it and the rule)."""
        retenus: list[tuple[f.Finding, _Genre, dict[str, Any] | None]] = []
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
                genre = _GENRES.get(type(finding)) or _genre(type(finding))
                trace, ligne = self._construire(plugin, finding, genre)
                entrees.append(trace)
                retenus.append((finding, genre, ligne))
        except (LookupError, HorsContrat) as exc:
            self.erreur(plugin, regle, exc)
            return
        self.trace.extend(entrees)
        for finding, genre, ligne in retenus:
            self._classer(plugin, finding, ligne, genre)

    def _construire(
        self, plugin: str, finding: f.Finding, genre: _Genre
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """A checked finding's trace line and its entry (None for no entry)."""
        cles, references, statut = self._citer(finding)
        cle = finding.cle
        code = None if cle is None else getattr(finding, cle)
        # The trace line: who, what kind and which one, what it concluded, on which basis (as
        # _tracer writes it).
        trace = {
            "plugin": plugin,
            "regle": finding.regle,
            "genre": finding.genre,
            "code": code if code is None or type(code) is str else str(code),
            "resultat": finding.resultat(),
            "fondements": cles,
            "references": references,
            "statut": statut,
        }
        return trace, genre.ligne(finding, plugin, cles) if genre.entree else None

    def _classer(
        self,
        plugin: str,
        finding: f.Finding,
        ligne: dict[str, Any] | None,
        genre: _Genre | None = None,
    ) -> None:
        """File a finding in the decision: its entry `ligne` in its list (an alternative, case
        or condition once by its identifying value), a route, a document code."""
        if genre is None:
            genre = _genre(type(finding))
        if ligne is None:
            if isinstance(finding, f.Voie):
                self.voies.append((plugin, finding))
            elif isinstance(finding, f.Document) and finding.code not in self.documents:
                self.documents.append(finding.code)
            return
        if genre.classe is f.Financement:
            self._financer(ligne)
            self.origines_financements.append(
                (ligne["poste"], ligne["payeur"], plugin, finding.regle, ligne["libelle"])
            )
            return
        lignes = self.listes[genre.classe]
        cle = genre.cle
        if genre.une_fois and cle is not None and any(autre[cle] == ligne[cle] for autre in lignes):
            return
        lignes.append(ligne)

    def _financer(self, ligne: dict[str, Any]) -> None:
        """One line per item: the same item, payer and amount from two plugins (the salary
        kept, from the statute and a programme) is one line resting on both bases."""
        for autre in self.financements:
            if (autre["poste"], autre["payeur"], autre["montant"]) == (
                ligne["poste"],
                ligne["payeur"],
                ligne["montant"],
            ):
                autre["fondements"] += [
                    c for c in ligne["fondements"] if c not in autre["fondements"]
                ]
                return
        ligne["fondements"] = list(ligne["fondements"])
        self.financements.append(ligne)

    def tracer(self, plugin: str, regle: str, resultat: str) -> None:
        """A trace line that is not a finding (parameters set by a collectivité: ``regle`` is
        ``parametre.<nom>``)."""
        genre, _, code = regle.partition(".")
        self.trace.append(
            {
                "plugin": plugin,
                "regle": regle,
                "genre": genre,
                "code": code or None,
                "resultat": resultat,
                "fondements": [],
                "references": [],
                "statut": "verifie",
            }
        )

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

    def _fondement(self, cle: str, version: Version) -> dict[str, Any]:
        """A version cited, as the decision lists it: built once per engine, copied for each
        decision (the caller owns what it receives)."""
        # Versions are unhashable models, alive as long as the engine (and its cache): by id,
        # with the version kept beside its line so that the id cannot be reused meanwhile.
        cle_cache = ("fondement", cle, id(version))
        vue = self.cache.get(cle_cache)
        if vue is not None and vue[0] is version:
            return dict(vue[1])
        fondement = {
            "cle": cle,
            "intitule": self.referentiel.source(cle).intitule,
            "texte": version.texte,
            "article": version.article,
            "en_vigueur_depuis": version.du and version.du.isoformat(),
            "en_vigueur_jusqu_au": version.au and version.au.isoformat(),
            "statut": version.statut,
        }
        self._memoriser(cle_cache, (version, fondement))
        return dict(fondement)

    def _fondements(self) -> list[dict[str, Any]]:
        """The versions cited, by key then date, as the decision lists them: built once per
        set of versions cited (a key's versions never overlap: a key and a start name one
        version of the engine's sources), copied for each decision."""
        cle_cache = ("fondements", tuple(self.versions))
        lignes = self.cache.get(cle_cache)
        if lignes is None:
            lignes = tuple(
                self._fondement(cle, version)
                for (cle, _), (_, version) in sorted(
                    self.versions.items(), key=lambda item: (item[0][0], item[0][1] or date.min)
                )
            )
            self._memoriser(cle_cache, lignes)
        return [ligne.copy() for ligne in lignes]

    def _documents(self, conforme: bool) -> list[str]:
        if not conforme:
            return []
        documents: list[str] = []
        for code in self.documents:
            if code in self.documents_connus:
                documents.append(code)
            else:
                self.alertes.append(
                    _alerte(
                        "document_sans_modele",
                        "info",
                        f"Le document « {code} » est requis, mais aucun plugin de modèles ne le "
                        "produit : rédigez-le hors de missio.",
                        [],
                    )
                )
        return documents

    def _echues(self, le: date) -> None:
        """An alert per obligation whose deadline has passed on the caller's date (``--date``):
        the only use of "today", which never changes the route or the acts."""
        for o in self.obligations:
            if o["echeance"] is not None and (echeance := date.fromisoformat(o["echeance"])) < le:
                self.alertes.append(
                    _alerte(
                        "echeance_depassee",
                        "attention",
                        f"Échéance dépassée au {le:%d/%m/%Y} : {o['libelle']} (au plus tard le "
                        f"{echeance:%d/%m/%Y}).",
                        o["fondements"],
                    )
                )

    def _financements_contradictoires(self) -> None:
        """The same item (`poste`) put on different payers by two rules: a local policy that
        leaves to the agent what a statutory rule has another payer pay (accommodation and
        meals that mission allowances cover), for instance. The decision keeps both lines and
        says so: which one stands is a question of law the signer settles, not the merge."""
        origines = self.origines_financements
        if len({origine[0] for origine in origines}) == len(origines):
            return  # every item once: nothing to compare (the usual decision)
        payeurs: dict[str, list[tuple[str, str, str, str]]] = {}
        for poste, payeur, plugin, regle, libelle in origines:
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
                _alerte(
                    "financement_contradictoire",
                    "attention",
                    f"Deux règles mettent le même poste (« {poste} ») à la charge de payeurs "
                    f"différents : {details}. La décision garde les deux lignes : faites trancher "
                    "ce point avant de signer (une politique locale ne peut retirer à l'agent ce "
                    "que les textes lui accordent).",
                    list(dict.fromkeys(cles)),
                )
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
            _alerte(
                "demande_apres_depart",
                "attention",
                f"La demande est datée du {demande:%d/%m/%Y}, {quand} : les actes à prendre avant "
                "le départ (autorisation, convention, arrêté, ordre de mission) n'ont pas pu "
                "l'être à temps ; régularisez-les sans délai.",
                [],
            )
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
        fondements = self._fondements()
        # Deadlines are ISO texts: they sort as the dates do; none comes last.
        obligations = sorted(self.obligations, key=lambda o: (o["echeance"] or "9999", o["code"]))
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
            "alternatives": self.listes[f.Alternative],
            "cas": self.listes[f.Cas],
            "conditions": self.listes[f.Condition],
            "documents": documents,
            "trace": self.trace,
            "versions": dict(versions),  # the engine's own dict stays out of callers' reach
        }
