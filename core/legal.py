"""Legal references as validated, dated data.

A rule cites a stable key (``"mad.conditions"``); the key resolves to the version of the text in
force on the mission's dates (loi n° 84-53 before 1 March 2022, Code général de la fonction
publique after). Each version carries how far it was verified, and that mark travels into every
decision, trace and document that cites it: a reference "à vérifier" is never dressed up as
verified.

Plugins declare their sources through the ``missio_legal_sources`` hook, usually from a YAML
file::

    mad.conditions:
      intitule: Accord de l'agent et convention de mise à disposition
      versions:
        - {en_vigueur_le: 2007-07-01, au: 2022-02-28, texte: "Loi n° 84-53 du 26 janvier 1984",
           article: "art. 61", statut: verifie_secondaire, source: "naudrh, copie de l'art. 61"}
        - {en_vigueur_le: 2022-03-01, texte: "Code général de la fonction publique",
           article: "L. 512-7", statut: verifie, source: "doctrine.fr LEGIARTI000044425776"}

A version may carry machine-readable ``valeurs`` (a delay, the sense of silence, a list of cases)
that rules read at the date they concern (:meth:`Referentiel.version`), so that no date at which
the law changes is written in rule code.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

StatutReference = Literal["verifie", "verifie_secondaire", "a_verifier"]

# Weakest first: when a rule and its article carry different marks, the weaker one applies.
_FORCE = {"a_verifier": 0, "verifie_secondaire": 1, "verifie": 2}

LIBELLES_STATUT = {
    "verifie": "vérifié",
    "verifie_secondaire": "vérifié (source secondaire)",
    "a_verifier": "à vérifier",
}


def statut_le_plus_faible(statuts: Iterable[StatutReference]) -> StatutReference:
    """The weakest verification mark among `statuts` (``verifie`` when there is none)."""
    retenu: StatutReference = "verifie"
    for statut in statuts:
        if _FORCE[statut] < _FORCE[retenu]:
            retenu = statut
    return retenu


def citation(texte: str, article: str | None) -> str:
    """A reference as a lawyer writes it: « Code …, art. L. 512-7 »."""
    if not article:
        return texte
    prefixe = "" if article.startswith(("art", "§", "annexe")) else "art. "
    return f"{texte}, {prefixe}{article}"


class Version(BaseModel):
    """One version of a reference, cited from `du` to `au` (both included; open if `au` is None).

    `en_vigueur_le` (required) is the date the cited text, in the wording cited, entered into
    force: a version never starts before it (``du`` defaults to it), so no text is cited for a
    day on which it did not exist yet. When that date is not known exactly, a plugin gives a day
    on which the wording was certainly in force (never an earlier one) and says so in `note`.

    `valeurs` holds what the wording says in machine-readable form (``{silence: rejet,
    delai_reponse_mois: 1}``), for the rules that read the version in force at a date.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    du: date | None = None
    au: date | None = None
    en_vigueur_le: date
    texte: str = Field(min_length=1)
    article: str | None = None
    statut: StatutReference
    source: str | None = None
    note: str | None = None
    valeurs: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _debut_par_defaut(cls, donnees: Any) -> Any:
        if isinstance(donnees, dict) and donnees.get("du") is None and donnees.get("en_vigueur_le"):
            return {**donnees, "du": donnees["en_vigueur_le"]}
        return donnees

    @model_validator(mode="after")
    def _periode(self) -> Version:
        if self.du and self.au and self.au < self.du:
            raise ValueError(f"« au » ({self.au}) précède « du » ({self.du})")
        if self.du and self.du < self.en_vigueur_le:
            raise ValueError(
                f"« du » ({self.du}) précède l'entrée en vigueur du texte ({self.en_vigueur_le})"
            )
        return self

    def valeur(self, nom: str, defaut: Any = None) -> Any:
        """One of the version's machine-readable values (`defaut` when the wording says none)."""
        return (self.valeurs or {}).get(nom, defaut)

    def couvre(self, debut: date, fin: date) -> bool:
        """Whether this version is in force on at least one day of [debut, fin]."""
        return (self.du is None or self.du <= fin) and (self.au is None or self.au >= debut)

    def citation(self) -> str:
        return citation(self.texte, self.article)


class Source(BaseModel):
    """A stable citation key and its dated versions, without gap or overlap between them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cle: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    intitule: str = Field(min_length=1)
    versions: tuple[Version, ...] = Field(min_length=1)
    verifie_le: date | None = None

    @field_validator("versions")
    @classmethod
    def _chronologie(cls, versions: tuple[Version, ...]) -> tuple[Version, ...]:
        for avant, apres in itertools.pairwise(versions):
            if avant.au is None or apres.du is None or apres.du <= avant.au:
                raise ValueError(
                    "les versions se chevauchent ou ne sont pas dans l'ordre "
                    f"({avant.citation()} / {apres.citation()})"
                )
            if (apres.du - avant.au).days != 1:
                raise ValueError(
                    f"trou entre le {avant.au} et le {apres.du} ({avant.citation()} / "
                    f"{apres.citation()})"
                )
        return versions

    def en_vigueur(self, debut: date, fin: date) -> tuple[Version, ...]:
        """The versions in force on some day of [debut, fin], in order."""
        return tuple(v for v in self.versions if v.couvre(debut, fin))


class ReferenceInconnue(LookupError):
    """A rule cited a key no plugin declared."""


class HorsPeriode(LookupError):
    """A key has no version in force on the dates asked."""


class ConflitDeSource(ValueError):
    """Two plugins declared the same key."""


# Versions in force kept per (key, stretch of the start, stretch of the end) by a Referentiel,
# at most (then emptied).
_CACHE_MAX = 50_000


def _bornes(sources: Iterable[Source]) -> list[date]:
    """Every day on which some version starts, or the day after one ends, in order."""
    jours = set()
    for source in sources:
        for version in source.versions:
            if version.du is not None:
                jours.add(version.du)
            if version.au is not None and version.au < date.max:
                jours.add(version.au + timedelta(days=1))
    return sorted(jours)


class Referentiel:
    """Every legal source the loaded plugins declare, with the plugin that declared it."""

    def __init__(self) -> None:
        self._sources: dict[str, Source] = {}
        self._auteurs: dict[str, str] = {}
        self._cache: dict[tuple[str, int, int], tuple[Version, ...]] = {}
        self._bornes: list[date] | None = None  # see epoque()

    def ajouter(self, source: Source, plugin: str) -> None:
        if source.cle in self._sources and self._auteurs[source.cle] != plugin:
            raise ConflitDeSource(
                f"La référence « {source.cle} » est déclarée par {self._auteurs[source.cle]} "
                f"et par {plugin}."
            )
        self._sources[source.cle] = source
        self._auteurs[source.cle] = plugin
        self._cache.clear()
        self._bornes = None

    def charger(self, donnees: Mapping[str, Any], plugin: str, origine: str = "") -> None:
        """Validate and add sources given as ``{cle: {intitule, versions}}``."""
        for cle, contenu in donnees.items():
            try:
                source = Source.model_validate({"cle": cle, **contenu})
            except Exception as exc:
                raise ValueError(
                    f"{origine or plugin} : référence « {cle} » invalide : {exc}"
                ) from exc
            self.ajouter(source, plugin)

    def charger_yaml(self, chemin: Path | str, plugin: str) -> None:
        """Load a YAML file of sources (through its compiled JSON twin when it is up to date)."""
        self.charger(lire_sources(Path(chemin)), plugin, str(chemin))

    def __contains__(self, cle: object) -> bool:
        return cle in self._sources

    def __iter__(self) -> Any:
        return iter(sorted(self._sources))

    def source(self, cle: str) -> Source:
        try:
            return self._sources[cle]
        except KeyError:
            raise ReferenceInconnue(f"référence inconnue : « {cle} »") from None

    def auteur(self, cle: str) -> str:
        return self._auteurs[cle]

    def version(self, cle: str, jour: date) -> Version | None:
        """The version of `cle` in force on `jour`, or None when none is (before the text
        existed): the rule decides what that means; an unknown key is still an error."""
        trouve = self._en_vigueur(cle, jour, jour)
        return trouve[0] if trouve else None

    def resoudre(self, cle: str, debut: date, fin: date | None = None) -> tuple[Version, ...]:
        """The versions of `cle` in force over [debut, fin] (a single day when fin is None)."""
        fin = fin or debut
        trouve = self._en_vigueur(cle, debut, fin)
        if not trouve:
            raise HorsPeriode(
                f"la référence « {cle} » n'a aucune version en vigueur du {debut} au {fin}"
            )
        return trouve

    def epoque(self, jour: date) -> int:
        """The stretch of time `jour` falls in, between two days on which some version of the
        sources starts or ends. Every key has the same versions in force over two periods
        whose starts and ends fall in the same stretches: what is resolved for a mission
        holds for every mission of those stretches (the law changes a few times a decade,
        missions start every day)."""
        bornes = self._bornes
        if bornes is None:
            bornes = self._bornes = _bornes(self._sources.values())
        return bisect_right(bornes, jour)

    def _en_vigueur(self, cle: str, debut: date, fin: date) -> tuple[Version, ...]:
        # Rules and citations ask the same keys mission after mission; the sources never
        # change once loaded. Keyed by stretches of time (epoque), not by dates.
        cle_cache = (cle, self.epoque(debut), self.epoque(fin))
        trouve = self._cache.get(cle_cache)
        if trouve is None:
            trouve = self.source(cle).en_vigueur(debut, fin)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[cle_cache] = trouve
        return trouve


def _lire_yaml(texte: bytes) -> Any:
    import yaml

    return yaml.load(texte, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# YAML is what lawyers read and edit; parsing it costs a seventh of the CLI's cold start. A JSON
# twin (``sources.json``, written by ``python -m missio.legal FICHIER.yaml…``) is read instead
# when it carries the digest of the YAML as it is now, so an edited YAML is never shadowed.


def _empreinte(texte: bytes) -> str:
    import hashlib

    return hashlib.sha256(texte).hexdigest()


def lire_sources(chemin: Path) -> dict[str, Any]:
    """The sources of a YAML file, from its compiled twin when that twin is current."""
    texte = chemin.read_bytes()
    jumeau = chemin.with_suffix(".json")
    if jumeau.is_file():
        import json

        compile_ = json.loads(jumeau.read_text(encoding="utf-8"))
        if compile_.get("empreinte") == _empreinte(texte):
            sources: dict[str, Any] = compile_["sources"]
            return sources
    return dict(_lire_yaml(texte) or {})


def compiler(chemin: Path) -> str:
    """The JSON twin of a YAML file of sources."""
    import json

    texte = chemin.read_bytes()
    donnees = {"empreinte": _empreinte(texte), "sources": _lire_yaml(texte) or {}}
    return json.dumps(donnees, ensure_ascii=False, indent=1, default=str) + "\n"


def main(arguments: list[str] | None = None) -> None:
    """``python -m missio.legal FICHIER.yaml…``: write each file's JSON twin."""
    import sys

    for nom in arguments if arguments is not None else sys.argv[1:]:
        chemin = Path(nom)
        chemin.with_suffix(".json").write_text(compiler(chemin), encoding="utf-8")
        print(f"{chemin.with_suffix('.json')} écrit.")


if __name__ == "__main__":
    main()
