"""The engine: loads plugins once, then evaluates missions into Decisions.

Build one engine per collectivité (its parameters, policies and template overrides) and reuse it:
construction validates every plugin's declarations; evaluation only reads them, so one engine
serves many threads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError
from pydantic_core import to_json

from missio.calendar import ModeSolidarite, calendrier
from missio.context import Contexte, jours_ouvres_missions
from missio.entree import lire_json, verifier
from missio.errors import ErreurPlugin, ErreurValidation, regrouper
from missio.legal import Referentiel, StatutReference
from missio.merge import Fusion
from missio.models import Decision, Mission
from missio.plugins import Plugins
from missio.rules import ErreurDeRegle
from missio.schemas import self_contained


@attrs.frozen(slots=True)
class RegleDeclaree:
    plugin: str
    code: str
    titre: str
    cite: tuple[str, ...]
    statut: StatutReference


@attrs.frozen(slots=True)
class ParametreDeclare:
    plugin: str
    nom: str
    defaut: Any
    description: str
    fondements: tuple[str, ...]


@attrs.frozen(slots=True)
class DocumentDeclare:
    plugin: str
    code: str
    titre: str
    modele: Path
    contexte: Any = None


class Engine:
    """Evaluate missions against the loaded rule plugins.

    :param plugins: plugins passed by code (modules or objects with ``@hookimpl`` functions),
        in addition to the entry points when `autoload` is true.
    :param autoload: load the ``missio`` entry points (``MISSIO_LOAD_PLUGINS`` filters them).
    :param parametres: values for declared parameters, set for every mission of this engine.
    :param origine_parametres: who set `parametres` (a deliberation, a policy), for the trace.
    :param journee_solidarite: how the collectivité set its journée de solidarité (None: not
        said; the Pentecost Monday then counts as a holiday).
    :param modeles: a folder of the collectivité's own .docx templates, by document code.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        autoload: bool = True,
        parametres: Mapping[str, Any] | None = None,
        origine_parametres: str = "configuration de l'instance",
        journee_solidarite: ModeSolidarite | None = None,
        modeles: Path | str | None = None,
    ) -> None:
        self.plugins = Plugins(plugins, autoload=autoload)
        self.journee_solidarite = self._reglages(journee_solidarite)
        self.modeles = Path(modeles) if modeles else None
        self.referentiel = self._charger_sources()
        self.regles = self._charger_regles()
        self.parametres = self._charger_parametres()
        self.extensions = self._charger_extensions()
        self.documents = self._charger_documents()
        self._statuts_regles = {code: r.statut for code, r in self.regles.items()}
        self._surcharges = self._verifier_surcharges(parametres or {}, origine_parametres)
        self._valeurs = {nom: p.defaut for nom, p in self.parametres.items()} | {
            nom: valeur for nom, (valeur, _) in self._surcharges.items()
        }
        self._versions = self.plugins.versions()
        self._citations: dict[Any, Any] = {}
        self.verifications = [
            ligne
            for impl in self.plugins.implementations("missio_check")
            for ligne in impl.appeler(engine=self) or ()
        ]

    # --- construction ------------------------------------------------------------------

    def _reglages(self, journee_solidarite: ModeSolidarite | None) -> ModeSolidarite | None:
        """The solidarity day: the engine's argument, or the one a policy plugin fixes."""
        retenu, auteur = journee_solidarite, "la configuration de l'instance"
        for impl in self.plugins.implementations("missio_engine_settings"):
            valeur = (impl.appeler() or {}).get("journee_solidarite")
            if valeur is None:
                continue
            if retenu is not None and valeur != retenu:
                raise ErreurPlugin(
                    f"Journée de solidarité : {auteur} fixe « {retenu} », {impl.plugin} fixe "
                    f"« {valeur} » ; un moteur sert une seule collectivité."
                )
            retenu, auteur = valeur, impl.plugin
        return retenu

    def _charger_sources(self) -> Referentiel:
        referentiel = Referentiel()
        for plugin, args, kwargs in self.plugins.declarations("missio_legal_sources"):
            donnees = args[0] if args else kwargs.get("sources")
            try:
                if isinstance(donnees, Mapping):
                    referentiel.charger(donnees, plugin)
                else:
                    referentiel.charger_yaml(Path(str(donnees)), plugin)
            except (ValueError, OSError) as exc:
                raise ErreurPlugin(f"Plugin « {plugin} » : {exc}") from exc
        return referentiel

    def _charger_regles(self) -> dict[str, RegleDeclaree]:
        regles: dict[str, RegleDeclaree] = {}
        for plugin, _, kw in self.plugins.declarations("missio_rules"):
            regle = RegleDeclaree(
                plugin,
                kw["code"],
                kw["titre"],
                tuple(kw.get("cite", ())),
                kw.get("statut", "verifie"),
            )
            if regle.code in regles:
                autre = regles[regle.code].plugin
                raise ErreurPlugin(
                    f"La règle « {regle.code} » est déclarée par {autre} et {plugin}."
                )
            for cle in regle.cite:
                if cle not in self.referentiel:
                    raise ErreurPlugin(
                        f"Plugin « {plugin} », règle « {regle.code} » : la référence « {cle} » "
                        "n'est déclarée par aucun plugin."
                    )
            regles[regle.code] = regle
        return regles

    def _charger_parametres(self) -> dict[str, ParametreDeclare]:
        parametres: dict[str, ParametreDeclare] = {}
        for plugin, _, kw in self.plugins.declarations("missio_parameters"):
            nom = kw["nom"]
            if nom in parametres:
                raise ErreurPlugin(
                    f"Le paramètre « {nom} » est déclaré par {parametres[nom].plugin} et {plugin}."
                )
            parametres[nom] = ParametreDeclare(
                plugin,
                nom,
                kw["defaut"],
                kw.get("description", ""),
                tuple(kw.get("fondements", ())),
            )
        return parametres

    def _charger_extensions(self) -> dict[str, tuple[str, type[BaseModel]]]:
        extensions: dict[str, tuple[str, type[BaseModel]]] = {}
        for plugin, args, _ in self.plugins.declarations("missio_extensions"):
            cle, modele = args
            if cle in extensions:
                raise ErreurPlugin(
                    f"L'extension « {cle} » est déclarée par {extensions[cle][0]} et {plugin}."
                )
            extensions[cle] = (plugin, modele)
        return extensions

    def _charger_documents(self) -> dict[str, DocumentDeclare]:
        documents: dict[str, DocumentDeclare] = {}
        for plugin, _, kw in self.plugins.declarations("missio_documents"):
            doc = DocumentDeclare(
                plugin, kw["code"], kw["titre"], Path(kw["modele"]), kw.get("contexte")
            )
            if doc.code in documents:
                raise ErreurPlugin(
                    f"Le document « {doc.code} » est déclaré par {documents[doc.code].plugin} "
                    f"et {plugin}."
                )
            documents[doc.code] = doc
        return documents

    def _verifier_surcharges(
        self, valeurs: Mapping[str, Any], origine: str
    ) -> dict[str, tuple[Any, str]]:
        inconnus = sorted(set(valeurs) - set(self.parametres))
        if inconnus:
            raise ErreurValidation(
                [
                    (
                        nom,
                        "paramètre inconnu. Paramètres déclarés : "
                        f"{', '.join(sorted(self.parametres)) or 'aucun'}.",
                    )
                    for nom in inconnus
                ],
                origine,
            )
        return {nom: (valeur, origine) for nom, valeur in valeurs.items()}

    # --- evaluation --------------------------------------------------------------------

    def valider(self, donnees: Mapping[str, Any] | str | bytes) -> Mission:
        """Validate a mission (a mapping or JSON text); raise ErreurValidation in French."""
        # The text is parsed by missio.entree (duplicate keys, NaN, nesting, characters no act
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

    def _parametres_pour(self, mission: Mission, fusion: Fusion) -> dict[str, Any]:
        valeurs = self._valeurs
        for nom, (valeur, origine) in self._surcharges.items():
            fusion.tracer("missio", f"parametre.{nom}", f"paramètre {nom} = {valeur!r} ({origine})")
        impls = self.plugins.implementations("missio_parameter_overrides")
        if not impls:
            return valeurs
        valeurs = dict(valeurs)
        for impl in impls:
            try:
                surcharges = impl.appeler(mission=mission) or ()
                for nom, valeur, origine in surcharges:
                    if nom not in self.parametres:
                        raise KeyError(f"paramètre non déclaré : {nom}")
                    valeurs[nom] = valeur
                    fusion.tracer(
                        impl.plugin, f"parametre.{nom}", f"paramètre {nom} = {valeur!r} ({origine})"
                    )
            except Exception as exc:
                fusion.erreur(impl.plugin, "missio_parameter_overrides", exc)
        return valeurs

    def evaluer(self, mission: Mission, *, date_evaluation: date | None = None) -> Decision:
        """Evaluate a validated mission. A plugin that raises becomes a blocage naming it."""
        return Decision.model_validate(self.decider(mission, date_evaluation))

    def evaluer_json(
        self, texte: str | bytes, *, date_evaluation: date | None = None, indent: int | None = None
    ) -> str:
        """JSON mission in, JSON decision out (the service's and the CLI's path): the same JSON
        as ``evaluer(...).model_dump_json()``, without building the Decision object."""
        return en_json(self.decider(self.valider(texte), date_evaluation), indent)

    def decider(self, mission: Mission, date_evaluation: date | None = None) -> dict[str, Any]:
        """The decision as the contract's plain data (dates and Decimals unserialised), without
        building the Decision object: what the JSON paths serialise."""
        extensions = self._valider_extensions(mission)
        cal = calendrier(mission.employeur.departement, self.journee_solidarite)
        jours = jours_ouvres_missions(mission, cal)
        fusion = Fusion(
            mission, self.referentiel, self._statuts_regles, self.documents, self._citations
        )
        contexte = Contexte(
            calendrier=cal,
            jours_ouvres_periodes=jours,
            volume_jours_ouvres=mission.jours_expertise or jours,
            parametres=self._parametres_pour(mission, fusion),
            extensions=extensions,
            date_evaluation=date_evaluation,
        )
        for impl in self.plugins.implementations("missio_findings"):
            try:
                resultats = impl.appeler(mission=mission, contexte=contexte) or ()
            except ErreurDeRegle as exc:
                fusion.erreur(impl.plugin, exc.regle, exc.cause)
            except Exception as exc:
                fusion.erreur(impl.plugin, "missio_findings", exc)
            else:
                fusion.ajouter(impl.plugin, resultats)
        return fusion.decision(contexte.volume_jours_ouvres, self._versions, date_evaluation)

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
    texte: bytes = to_json(donnees, indent=indent)
    return texte.decode("utf-8")


def dump(objet: Any) -> str:
    """Deterministic JSON for schemas and reports."""
    return json.dumps(objet, ensure_ascii=False, indent=2, sort_keys=False)
