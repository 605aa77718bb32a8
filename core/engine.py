"""The engine: loads plugins once, then evaluates missions into Decisions.

Build one engine per collectivité (its policies, parameters and template overrides) and reuse
it: construction loads and checks every plugin's declarations; evaluation only reads them, so
one engine serves many threads. Nothing a plugin receives can be changed for the next plugin,
the caller or a later mission: the mission and its extensions, the parameters, the calendar and
the engine's registries are read-only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_json

from missio import returns as retours
from missio.calendar import ModeSolidarite, calendrier
from missio.context import Contexte, jours_ouvres_missions
from missio.declarations import (
    DocumentDeclare,
    ParametreDeclare,
    RegleDeclaree,
    charger_documents,
    charger_extensions,
    charger_parametres,
    charger_regles,
    charger_sources,
)
from missio.errors import ErreurHook, ErreurValidation, HorsContrat, regrouper
from missio.frozen import DictFige, geler
from missio.intake import lire_json, verifier
from missio.merge import Fusion
from missio.models import Decision, Mission
from missio.plugins import Implementation, Plugins
from missio.politiques import charger_politiques
from missio.portee import Portee
from missio.rules import ErreurDeRegle
from missio.schemas import self_contained

__all__ = ["DocumentDeclare", "Engine", "ParametreDeclare", "RegleDeclaree", "dump", "en_json"]

SourcePolitique = str | os.PathLike[str] | object


class Engine:
    """Evaluate missions against the loaded rule plugins and a collectivité's policies.

    :param plugins: plugins passed by code (modules or objects with ``@hookimpl`` functions),
        in addition to the entry points when `autoload` is true.
    :param politiques: the collectivité's policies: paths of policy files (read by the plugin
        that knows their format; a ``.py`` file is loaded as a plugin module) or policies
        already loaded by :func:`missio.politiques.charger_politiques`. A policy applies only
        to the missions of its own employer; one that does not apply to a mission is reported.
    :param autoload: load the ``missio`` entry points (``MISSIO_LOAD_PLUGINS`` and
        ``MISSIO_DISABLE_PLUGINS`` choose among them).
    :param parametres: values for declared parameters, set for every mission of this engine.
    :param origine_parametres: who set `parametres` (a deliberation, a policy), for the trace.
    :param journee_solidarite: how the collectivité set its journée de solidarité (None: not
        said; the Pentecost Monday then counts as a holiday). A policy that applies to a mission
        and sets it takes precedence for that mission.
    :param modeles: a folder of the collectivité's own .docx templates, by document code.
    :param strict: a policy that does not apply to a mission is a refusal
        (:class:`~missio.errors.ErreurValidation`) rather than an alert.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        politiques: Iterable[SourcePolitique] = (),
        autoload: bool = True,
        parametres: Mapping[str, Any] | None = None,
        origine_parametres: str = "configuration de l'instance",
        journee_solidarite: ModeSolidarite | None = None,
        modeles: Path | str | None = None,
        strict: bool = False,
    ) -> None:
        self.plugins = Plugins(plugins, autoload=autoload)
        self.politiques = tuple(
            self.plugins.ajouter(politique)
            for politique in charger_politiques(politiques, self.plugins)
        )
        self.journee_solidarite = journee_solidarite
        self.strict = strict
        self.modeles = Path(modeles) if modeles else None
        self.referentiel = charger_sources(self.plugins)
        self.regles: Mapping[str, RegleDeclaree] = DictFige(
            charger_regles(self.plugins, self.referentiel)
        )
        self.parametres: Mapping[str, ParametreDeclare] = DictFige(
            charger_parametres(self.plugins, self.referentiel)
        )
        self.extensions: Mapping[str, tuple[str, type[BaseModel]]] = DictFige(
            charger_extensions(self.plugins)
        )
        self.documents: Mapping[str, DocumentDeclare] = DictFige(charger_documents(self.plugins))
        self._portee = Portee(self.plugins, journee_solidarite, strict)
        self._statuts_regles = {code: r.statut for code, r in self.regles.items()}
        self._surcharges = self._verifier_surcharges(parametres or {}, origine_parametres)
        self._valeurs: Mapping[str, Any] = DictFige(
            {nom: p.defaut for nom, p in self.parametres.items()}
            | {nom: valeur for nom, (valeur, _) in self._surcharges.items()}
        )
        self._versions = self.plugins.versions()
        self._echecs = tuple(self.plugins.echecs())
        self._findings = self.plugins.implementations("missio_findings")
        self._overrides = self.plugins.implementations("missio_parameter_overrides")
        self._citations: dict[Any, Any] = {}
        self.verifications = self._verifier()

    # --- construction ------------------------------------------------------------------

    def _verifier_surcharges(
        self, valeurs: Mapping[str, Any], origine: str
    ) -> dict[str, tuple[Any, str]]:
        declares = ", ".join(sorted(self.parametres)) or "aucun"
        erreurs: list[tuple[str, str]] = []
        for nom in sorted(valeurs):
            if nom not in self.parametres:
                erreurs.append((nom, f"paramètre inconnu. Paramètres déclarés : {declares}."))
            elif refus := self.parametres[nom].refus(valeurs[nom]):
                erreurs.append((nom, f"valeur refusée : {refus}."))
        if erreurs:
            raise ErreurValidation(erreurs, origine)
        return {nom: (geler(valeur), origine) for nom, valeur in valeurs.items()}

    def _verifier(self) -> list[str]:
        """Every plugin checks itself against the built engine (``missio_check``)."""
        lignes: list[str] = []
        for impl in self.plugins.implementations("missio_check"):
            try:
                lignes += retours.lignes(impl.appeler(engine=self), impl.hook)
            except HorsContrat as exc:
                raise impl.hors_contrat(str(exc)) from None
        return lignes

    # --- validation --------------------------------------------------------------------

    def valider(self, donnees: Mapping[str, Any] | str | bytes) -> Mission:
        """Validate a mission (a mapping or JSON text); raise ErreurValidation in French."""
        # The text is parsed by missio.intake (duplicate keys, NaN, nesting, characters no act
        # can hold), then the values validated: one parse, the same checks for both inputs.
        if isinstance(donnees, str | bytes | bytearray):
            brut = lire_json(donnees)
        else:
            verifier(donnees)
            brut = donnees
        try:
            mission = Mission.model_validate(brut)
        except ValidationError as exc:
            # Report the plugins' extension errors too: the author fixes everything at once.
            erreurs = regrouper(exc, donnees=brut) + self._erreurs_extensions(brut)
            raise ErreurValidation(erreurs) from None
        self._valider_extensions(mission)
        return mission

    def _erreurs_extensions(self, brut: Any) -> list[tuple[str, str]]:
        """Extension errors of input whose core fields are invalid (best effort)."""
        try:
            extensions = dict(brut.get("extensions") or {})
        except (ValueError, AttributeError, TypeError):
            return []
        try:
            self._valider_extensions(extensions)
        except ErreurValidation as exc:
            return exc.erreurs
        return []

    def _valider_extensions(self, mission: Mission | Mapping[str, Any]) -> dict[str, BaseModel]:
        valides: dict[str, BaseModel] = {}
        erreurs: list[tuple[str, str]] = []
        extensions = mission.extensions if isinstance(mission, Mission) else mission
        for cle, valeur in extensions.items():
            if cle not in self.extensions:
                admis = ", ".join(sorted(self.extensions)) or "aucune"
                erreurs.append(
                    (f"extensions.{cle}", f"extension inconnue. Extensions admises : {admis}.")
                )
                continue
            try:
                valides[cle] = self.extensions[cle][1].model_validate(valeur)
            except ValidationError as exc:
                erreurs.extend(regrouper(exc, ("extensions", cle), donnees=valeur))
        if erreurs:
            raise ErreurValidation(erreurs)
        return valides

    def _mission(self, mission: Mission | Mapping[str, Any]) -> Mission:
        if isinstance(mission, Mission):
            return mission
        if isinstance(mission, Mapping):
            return self.valider(mission)
        raise TypeError(
            f"Engine.evaluer attend une Mission (engine.valider(donnees)) ou un dict, pas "
            f"{type(mission).__name__} ; pour du texte JSON, appelez engine.valider(texte) ou "
            "engine.evaluer_json(texte)."
        )

    # --- evaluation --------------------------------------------------------------------

    def evaluer(
        self, mission: Mission | Mapping[str, Any], *, date_evaluation: date | None = None
    ) -> Decision:
        """Evaluate a mission: a validated :class:`Mission`, or a dict validated here (raises
        :class:`ErreurValidation`). A plugin that fails becomes a blocage naming it."""
        return Decision.model_validate(self.decider(mission, date_evaluation))

    def evaluer_json(
        self, texte: str | bytes, *, date_evaluation: date | None = None, indent: int | None = None
    ) -> str:
        """JSON mission in, JSON decision out (the service's and the CLI's path): the same JSON
        as ``evaluer(...).model_dump_json()``, without building the Decision object."""
        return en_json(self.decider(self.valider(texte), date_evaluation), indent)

    def decider(
        self, mission: Mission | Mapping[str, Any], date_evaluation: date | None = None
    ) -> dict[str, Any]:
        """The decision as the contract's JSON data (texts, numbers, lists: ``json.dumps``
        writes it), without building the Decision object: what the JSON paths serialise."""
        mission = self._mission(mission)
        extensions = self._valider_extensions(mission)
        fusion = Fusion(
            mission, self.referentiel, self._statuts_regles, self.documents, self._citations
        )
        for echec in self._echecs:
            fusion.echec_chargement(echec.nom, echec.erreur or "", self.plugins.conseil(echec.nom))
        exclus = self._portee.exclus(mission, fusion)
        cal = calendrier(mission.employeur.departement, self._portee.journee(exclus, fusion))
        jours = jours_ouvres_missions(mission, cal)
        contexte = Contexte(
            calendrier=cal,
            jours_ouvres_periodes=jours,
            volume_jours_ouvres=mission.jours_expertise or jours,
            parametres=self._parametres_pour(mission, fusion, exclus),
            extensions=DictFige(extensions),
            date_evaluation=date_evaluation,
            referentiel=self.referentiel,
        )
        for impl in self._findings:
            if impl.plugin not in exclus:
                self._constats(impl, mission, contexte, fusion)
        versions = self._versions
        if exclus:
            versions = {nom: v for nom, v in versions.items() if nom not in exclus}
        return fusion.decision(
            contexte.volume_jours_ouvres,
            versions,
            date_evaluation,
            jours_ouvres_periodes=contexte.jours_ouvres_periodes,
        )

    def _constats(
        self, impl: Implementation, mission: Mission, contexte: Contexte, fusion: Fusion
    ) -> None:
        """One plugin's findings, or a blocage naming it and the rule or hook that failed."""
        try:
            constats = retours.liste(impl.appeler(mission=mission, contexte=contexte), impl.hook)
        except ErreurHook as exc:
            cause = exc.cause
            if isinstance(cause, ErreurDeRegle):
                fusion.erreur(impl.plugin, cause.regle, cause.cause)
            else:
                fusion.erreur(impl.plugin, impl.hook, cause)
        except ErreurDeRegle as exc:  # raised while the plugin's generator ran
            fusion.erreur(impl.plugin, exc.regle, exc.cause)
        except Exception as exc:
            fusion.erreur(impl.plugin, impl.hook, exc)
        else:
            fusion.ajouter(impl.plugin, constats)

    def _parametres_pour(
        self, mission: Mission, fusion: Fusion, exclus: frozenset[str]
    ) -> Mapping[str, Any]:
        for nom, (valeur, origine) in self._surcharges.items():
            fusion.tracer("missio", f"parametre.{nom}", f"paramètre {nom} = {valeur!r} ({origine})")
        impls = [impl for impl in self._overrides if impl.plugin not in exclus]
        if not impls:
            return self._valeurs
        valeurs = dict(self._valeurs)
        for impl in impls:
            try:
                surcharges = [
                    retours.surcharge(triplet, self.parametres)
                    for triplet in retours.liste(impl.appeler(mission=mission), impl.hook)
                ]
                for nom, valeur, _ in surcharges:
                    if refus := self.parametres[nom].refus(valeur):
                        raise HorsContrat(f"paramètre « {nom} » : valeur refusée : {refus}")
            except ErreurHook as exc:
                fusion.erreur(impl.plugin, impl.hook, exc.cause)
                continue
            except Exception as exc:
                fusion.erreur(impl.plugin, impl.hook, exc)
                continue
            for nom, valeur, origine in surcharges:
                valeurs[nom] = geler(valeur)
                fusion.tracer(
                    impl.plugin, f"parametre.{nom}", f"paramètre {nom} = {valeur!r} ({origine})"
                )
        return DictFige(valeurs)

    # --- schemas -----------------------------------------------------------------------

    def schema_mission(self) -> dict[str, Any]:
        """JSON Schema of the mission, with every plugin's extension fields."""
        schema = Mission.model_json_schema()
        proprietes = {
            cle: modele.model_json_schema() for cle, (_, modele) in sorted(self.extensions.items())
        }
        schema["properties"]["extensions"] = {
            "type": "object",
            "title": "Extensions",
            "description": "Champs propres à chaque plugin, sous la clé du plugin.",
            "properties": proprietes,
            "additionalProperties": False,
        }
        return self_contained(schema)  # extensions' own $defs move to the root


def en_json(donnees: dict[str, Any], indent: int | None = None) -> str:
    """Decision data as the contract's JSON (the same bytes as ``Decision.model_dump_json``)."""
    return en_json_octets(donnees, indent).decode("utf-8")


def en_json_octets(donnees: dict[str, Any], indent: int | None = None) -> bytes:
    """:func:`en_json` as the UTF-8 bytes a response or a file sends (no text in between)."""
    if indent is None or indent == 2:
        # orjson writes the contract's JSON data (texts, integers, booleans, null, lists,
        # objects with text keys) byte for byte as pydantic does, several times faster.
        # Imported on first use: the core's import stays light.
        import orjson

        try:
            rapide: bytes = orjson.dumps(donnees, option=indent and orjson.OPT_INDENT_2)
            return rapide
        except orjson.JSONEncodeError:
            pass  # a value outside JSON data (a float NaN, a non-text key): pydantic's rules
    octets: bytes = to_json(donnees, indent=indent)
    return octets


def dump(objet: Any) -> str:
    """Deterministic JSON for schemas and reports."""
    return json.dumps(objet, ensure_ascii=False, indent=2, sort_keys=False)
