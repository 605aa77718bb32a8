"""What plugins declare when an engine is built: legal sources, rules, parameters, extensions,
documents and settings, each checked against its hook's contract.

A declaration outside the contract (a rule without a code, a parameter whose default its own
allowed values refuse, an extension model that is not frozen…) stops the engine with an
:class:`~missio.errors.ErreurHook` naming the plugin and the hook, and saying how to disable the
plugin.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import attrs
from pydantic import BaseModel, TypeAdapter, ValidationError

from missio.errors import ErreurHook, ErreurPlugin, HorsContrat, traduire
from missio.frozen import geler
from missio.legal import Referentiel, StatutReference
from missio.plugins import Plugins
from missio.returns import STATUTS, montrer, parmi, texte


@attrs.frozen(slots=True)
class RegleDeclaree:
    plugin: str
    code: str
    titre: str
    cite: tuple[str, ...]
    statut: StatutReference


def _json(valeur: Any) -> str:
    return json.dumps(valeur, ensure_ascii=False, default=str, sort_keys=True)


def refus_forme(attendu: Any, valeur: Any) -> str | None:
    """Why `valeur` does not have the shape of the default `attendu` (French), or None: the
    same JSON type, and for an object the same keys, each of the same shape."""
    if attendu is None:
        return None
    if isinstance(attendu, bool):
        ok, quoi = isinstance(valeur, bool), "un booléen (true ou false)"
    elif isinstance(attendu, int):
        ok = isinstance(valeur, int) and not isinstance(valeur, bool)
        quoi = "un nombre entier"
    elif isinstance(attendu, float | Decimal):
        ok = isinstance(valeur, int | float | Decimal) and not isinstance(valeur, bool)
        quoi = "un nombre"
    elif isinstance(attendu, str):
        ok, quoi = isinstance(valeur, str), "un texte"
    elif isinstance(attendu, Mapping):
        cles = ", ".join(sorted(map(str, attendu)))
        if not isinstance(valeur, Mapping) or set(valeur) != set(attendu):
            return f"{montrer(valeur)} : un objet avec les clés {cles} est attendu"
        for cle in sorted(attendu, key=str):
            refus = refus_forme(attendu[cle], valeur[cle])
            if refus:
                return f"{cle} : {refus}"
        return None
    elif isinstance(attendu, list | tuple):
        ok, quoi = isinstance(valeur, list | tuple), "une liste"
    else:
        return None
    return None if ok else f"{montrer(valeur)} : {quoi} est attendu"


@attrs.frozen(slots=True)
class ParametreDeclare:
    """A named parameter a collectivité may set, and the values the texts leave it.

    :ivar admis: the only values allowed (a text fixes a choice between readings), or None.
    :ivar adaptateur: a pydantic ``TypeAdapter`` of the declared ``type`` (bounds…), or None;
        without one, a value must have the shape of the default.
    """

    plugin: str
    nom: str
    defaut: Any
    description: str
    fondements: tuple[str, ...]
    admis: tuple[Any, ...] | None = None
    adaptateur: TypeAdapter[Any] | None = attrs.field(default=None, eq=False, repr=False)

    def refus(self, valeur: Any) -> str | None:
        """Why `valeur` may not be set (a French sentence), or None when it may."""
        if self.adaptateur is not None:
            try:
                self.adaptateur.validate_python(valeur)
            except ValidationError as exc:
                return " ; ".join(
                    f"{chemin + ' : ' if chemin else ''}{message.rstrip('.')}"
                    for chemin, message in traduire(exc)
                )
        else:
            refus = refus_forme(self.defaut, valeur)
            if refus:
                return f"{refus} (forme de la valeur par défaut : {_json(self.defaut)})"
        if self.admis is not None and valeur not in self.admis:
            return (
                f"{_json(valeur)} n'est pas admis par les textes ; valeurs admises : "
                + " ou ".join(_json(a) for a in self.admis)
            )
        return None

    def libelle_admis(self) -> str:
        """What may be set, for ``missio plugins`` ("" when only the shape is checked)."""
        if self.admis is not None:
            return " ou ".join(_json(a) for a in self.admis)
        return ""


@attrs.frozen(slots=True)
class DocumentDeclare:
    plugin: str
    code: str
    titre: str
    modele: Path
    contexte: Any = None
    # Its deadlines are also written as <code>.md, <code>.json and <code>.ics (missio.documents.
    # echeancier): the plugin says so, the core never names a document.
    echeances: bool = False


def _faute(plugins: Plugins, plugin: str, hook: str, quoi: str) -> ErreurPlugin:
    return ErreurHook(plugin, hook, HorsContrat(quoi), plugins.conseil(plugin))


def _verifier(plugins: Plugins, plugin: str, hook: str, verification: Callable[[], Any]) -> Any:
    try:
        return verification()
    except (HorsContrat, KeyError, TypeError, ValueError) as exc:
        message = f"argument manquant : {exc}" if isinstance(exc, KeyError) else str(exc)
        raise _faute(plugins, plugin, hook, message) from None


def charger_sources(plugins: Plugins) -> Referentiel:
    referentiel = Referentiel()
    for plugin, args, kwargs in plugins.declarations("missio_legal_sources"):
        donnees = args[0] if args else kwargs.get("sources")
        try:
            if isinstance(donnees, Mapping):
                referentiel.charger(donnees, plugin)
            elif isinstance(donnees, str | Path):
                referentiel.charger_yaml(Path(donnees), plugin)
            else:
                raise HorsContrat(
                    f"register attend un chemin de fichier YAML ou un dictionnaire, reçu "
                    f"{montrer(donnees)}"
                )
        except (ValueError, OSError) as exc:
            raise _faute(plugins, plugin, "missio_legal_sources", str(exc)) from exc
    return referentiel


def _cles(cite: Any) -> tuple[str, ...]:
    cles = (cite,) if isinstance(cite, str) else tuple(cite)
    for cle in cles:
        texte(cle, "cite")
    return cles


def _regle(plugin: str, kw: dict[str, Any]) -> RegleDeclaree:
    texte(kw["code"], "code")
    texte(kw["titre"], "titre")
    statut = kw.get("statut", "verifie")
    parmi(statut, STATUTS, "statut")
    return RegleDeclaree(plugin, kw["code"], kw["titre"], _cles(kw.get("cite", ())), statut)


def charger_regles(plugins: Plugins, referentiel: Referentiel) -> dict[str, RegleDeclaree]:
    regles: dict[str, RegleDeclaree] = {}
    for plugin, _, kw in plugins.declarations("missio_rules"):
        regle = _verifier(plugins, plugin, "missio_rules", partial(_regle, plugin, kw))
        if regle.code in regles:
            autre = regles[regle.code].plugin
            raise ErreurPlugin(f"La règle « {regle.code} » est déclarée par {autre} et {plugin}.")
        for cle in regle.cite:
            if cle not in referentiel:
                raise _faute(
                    plugins,
                    plugin,
                    "missio_rules",
                    f"règle « {regle.code} » : la référence « {cle} » n'est déclarée par aucun "
                    "plugin",
                )
        regles[regle.code] = regle
    return regles


def _parametre(plugin: str, kw: dict[str, Any]) -> ParametreDeclare:
    texte(kw["nom"], "nom")
    texte(kw.get("description", ""), "description")
    admis = kw.get("admis")
    if admis is not None:
        if isinstance(admis, str | bytes | Mapping) or not isinstance(admis, Sequence) or not admis:
            raise HorsContrat(
                f"admis : une liste non vide de valeurs est attendue, reçu {montrer(admis)}"
            )
        admis = tuple(geler(a) for a in admis)
    adaptateur = TypeAdapter(kw["type"]) if kw.get("type") is not None else None
    parametre = ParametreDeclare(
        plugin,
        kw["nom"],
        geler(kw["defaut"]),
        kw.get("description", ""),
        _cles(kw.get("fondements", ())),
        admis,
        adaptateur,
    )
    refus = parametre.refus(parametre.defaut)
    if refus:
        raise HorsContrat(
            f"paramètre « {parametre.nom} » : sa valeur par défaut est refusée : {refus}"
        )
    return parametre


def charger_parametres(plugins: Plugins, referentiel: Referentiel) -> dict[str, ParametreDeclare]:
    parametres: dict[str, ParametreDeclare] = {}
    for plugin, _, kw in plugins.declarations("missio_parameters"):
        parametre = _verifier(
            plugins,
            plugin,
            "missio_parameters",
            partial(_parametre, plugin, kw),
        )
        if parametre.nom in parametres:
            raise ErreurPlugin(
                f"Le paramètre « {parametre.nom} » est déclaré par "
                f"{parametres[parametre.nom].plugin} et {plugin}."
            )
        for cle in parametre.fondements:
            if cle not in referentiel:
                raise _faute(
                    plugins,
                    plugin,
                    "missio_parameters",
                    f"paramètre « {parametre.nom} » : la référence « {cle} » n'est déclarée par "
                    "aucun plugin",
                )
        parametres[parametre.nom] = parametre
    return parametres


def _extension(args: tuple[Any, ...]) -> tuple[str, type[BaseModel]]:
    if len(args) != 2:
        raise HorsContrat(f"register(cle, Modele) attend deux arguments, reçu {len(args)}")
    cle, modele = args
    texte(cle, "cle")
    if not (isinstance(modele, type) and issubclass(modele, BaseModel)):
        raise HorsContrat(
            f"extension « {cle} » : un modèle pydantic est attendu, reçu {montrer(modele)}"
        )
    if not modele.model_config.get("frozen"):
        # Every plugin reads the same validated extension: one must not change it for the next.
        raise HorsContrat(
            f"extension « {cle} » : le modèle {modele.__name__} doit être immuable "
            "(model_config = ConfigDict(frozen=True)), car tous les plugins le lisent"
        )
    return cle, modele


def charger_extensions(plugins: Plugins) -> dict[str, tuple[str, type[BaseModel]]]:
    extensions: dict[str, tuple[str, type[BaseModel]]] = {}
    for plugin, args, _ in plugins.declarations("missio_extensions"):
        cle, modele = _verifier(plugins, plugin, "missio_extensions", partial(_extension, args))
        if cle in extensions:
            raise ErreurPlugin(
                f"L'extension « {cle} » est déclarée par {extensions[cle][0]} et {plugin}."
            )
        extensions[cle] = (plugin, modele)
    return extensions


def _document(plugin: str, kw: dict[str, Any]) -> DocumentDeclare:
    texte(kw["code"], "code")
    texte(kw["titre"], "titre")
    contexte = kw.get("contexte")
    if contexte is not None and not callable(contexte):
        raise HorsContrat(f"contexte : une fonction est attendue, reçu {montrer(contexte)}")
    if not isinstance(kw["modele"], str | Path):
        raise HorsContrat(
            f"modele : un chemin de fichier .docx est attendu, reçu {montrer(kw['modele'])}"
        )
    echeances = kw.get("echeances", False)
    if not isinstance(echeances, bool):
        raise HorsContrat(f"echeances : True ou False est attendu, reçu {montrer(echeances)}")
    return DocumentDeclare(plugin, kw["code"], kw["titre"], Path(kw["modele"]), contexte, echeances)


def charger_documents(plugins: Plugins) -> dict[str, DocumentDeclare]:
    documents: dict[str, DocumentDeclare] = {}
    for plugin, _, kw in plugins.declarations("missio_documents"):
        doc = _verifier(plugins, plugin, "missio_documents", partial(_document, plugin, kw))
        if doc.code in documents:
            raise ErreurPlugin(
                f"Le document « {doc.code} » est déclaré par {documents[doc.code].plugin} "
                f"et {plugin}."
            )
        documents[doc.code] = doc
    return documents
