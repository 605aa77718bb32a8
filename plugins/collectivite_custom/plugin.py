"""One policy file as an explicit missio plugin: its deliberations, its rules, its effects.

The plugin is named ``politique.<code>``; its rules are ``<code>.<regle>`` and its legal
sources ``<code>.<fondement>``, so the trace says which sentence of which policy produced each
finding and on which deliberation it rests. It applies to its own employer only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from missio import hookimpl
from missio.calendar import fusionner
from missio.context import Contexte
from missio.findings import Alerte, Constat, Finding
from missio.legal import StatutReference, statut_le_plus_faible
from missio.models import DATE_MINIMALE, Mission
from missio_collectivite_custom import format as fmt
from missio_collectivite_custom.evaluation import evaluer
from missio_collectivite_custom.production import Producteur

if TYPE_CHECKING:
    from missio import Engine

_TYPES_FAITS: dict[str, Any] = {"entier": int, "nombre": float, "booleen": bool, "texte": str}


def _date_fr(jour: date) -> str:
    from missio.documents.francais import (
        date_fr,  # babel, only when a deliberation's date is written
    )

    return date_fr(jour)


def _normaliser(nom: str) -> str:
    """Names compare without case, accents, apostrophe style or extra spaces."""
    sans = "".join(
        c for c in unicodedata.normalize("NFKD", nom) if not unicodedata.combining(c)
    ).casefold()
    for signe in "’‘`´":
        sans = sans.replace(signe, "'")
    return " ".join(sans.replace("-", " ").split())


def texte_fondement(f: fmt.Fondement) -> str:
    """« Délibération n° 2026-045 du conseil communautaire du 12 mars 2026 »."""
    numero = f"[{fmt.A_COMPLETER}]" if f.a_completer and f.numero else f.numero
    le = (
        f"[{fmt.A_COMPLETER}]"
        if f.date == fmt.A_COMPLETER
        else _date_fr(f.date)
        if isinstance(f.date, date)
        else None
    )
    if f.type == "deliberation":
        return f"Délibération n° {numero} du {f.organe} du {le}"
    texte = "Décision" + (f" n° {numero}" if numero else "") + f" ({f.organe}"
    return texte + (f", {le})" if le else ")")


def statut_fondement(f: fmt.Fondement) -> StatutReference:
    """A deliberation typed into a policy is « à vérifier » until the policy says it was read
    (``statut: verifie``): the collectivité's own text is its to verify, not missio's."""
    if f.a_completer:
        return "a_verifier"
    return f.statut or "a_verifier"


class PluginPolitique:
    """A validated policy, registered with an engine as an explicit plugin."""

    def __init__(self, politique: fmt.Politique, fichier: str = "") -> None:
        self.politique = politique
        self.fichier = fichier
        self.PLUGIN_NAME = f"politique.{politique.code}"
        self.__version__ = politique.version
        self.__doc__ = f"Politique locale : {politique.titre}"
        self.modele_faits = self._modele_faits()

    def __repr__(self) -> str:
        return f"<PluginPolitique {self.politique.code} ({self.fichier or 'en mémoire'})>"

    # --- declarations ------------------------------------------------------------------

    def _modele_faits(self) -> type[BaseModel] | None:
        if not self.politique.faits:
            return None
        # The facts' labels are their titles in the mission schema (a form shows them).
        champs: dict[str, Any] = {
            nom: (_TYPES_FAITS[fait.type] | None, Field(None, title=fait.libelle))
            for nom, fait in self.politique.faits.items()
        }
        return create_model(  # type: ignore[call-overload, no-any-return]
            f"Faits_{self.politique.code}",
            __config__=ConfigDict(
                frozen=True, extra="forbid", title=f"Politique : {self.politique.titre}"
            ),
            **champs,
        )

    def sources(self) -> dict[str, Any]:
        """The policy's deliberations and decisions as missio legal sources."""
        sources: dict[str, Any] = {}
        for ref, f in sorted(self.politique.fondements.items()):
            sources[f"{self.politique.code}.{ref}"] = {
                "intitule": f.intitule,
                "versions": [
                    {
                        # An undated deliberation (« à compléter ») is cited from the first day
                        # missio covers, marked à vérifier: its date is what is missing.
                        "en_vigueur_le": f.en_vigueur_depuis or DATE_MINIMALE,
                        "au": f.date_fin,
                        "texte": texte_fondement(f),
                        "article": f.article,
                        "statut": statut_fondement(f),
                        "source": f"politique {self.fichier or self.politique.code}",
                    }
                ],
            }
        return sources

    def refs_regle(self, regle: fmt.Regle) -> tuple[str, ...]:
        refs = list(regle.fondement or ())
        for effet in regle.alors:
            refs += [r for r in (effet.contenu.fondement or ()) if r not in refs]
        return tuple(refs)

    @hookimpl
    def missio_legal_sources(self, register: Callable[..., None]) -> None:
        register(self.sources())

    @hookimpl
    def missio_rules(self, register: Callable[..., None]) -> None:
        for regle in self.politique.regles:
            refs = self.refs_regle(regle)
            register(
                code=f"{self.politique.code}.{regle.code}",
                titre=regle.titre,
                cite=tuple(f"{self.politique.code}.{r}" for r in refs),
                statut=statut_le_plus_faible(
                    statut_fondement(self.politique.fondements[r]) for r in refs
                ),
            )

    @hookimpl
    def missio_extensions(self, register: Callable[..., None]) -> None:
        if self.modele_faits is not None:
            register(self.politique.code, self.modele_faits)

    @hookimpl
    def missio_engine_settings(self) -> dict[str, Any] | None:
        if self.politique.journee_solidarite is None:
            return None
        return {"journee_solidarite": self.politique.journee_solidarite}

    @hookimpl
    def missio_check(self, engine: Engine) -> list[str]:
        """Refuse a parameter no loaded plugin declares; report the policy and its warnings."""
        from missio_collectivite_custom.verification import verifier

        return verifier(self, engine)

    @hookimpl
    def missio_plugin_info(self) -> dict[str, str]:
        return {
            "version": self.politique.version,
            "description": f"{self.__doc__} ({self.collectivite()})",
        }

    @hookimpl
    def missio_policy_applies(self, mission: Mission) -> bool | str:
        """True for the policy's own employer; otherwise why not (the core reports it)."""
        applicable = self.s_applique(mission)
        if applicable:
            return True
        if applicable is None:
            return (
                f"elle désigne sa collectivité par son SIREN ({self.politique.collectivite.siren}), "
                "que la mission n'indique pas (employeur.siren)"
            )
        return f"elle vise {self.collectivite()}"

    def collectivite(self) -> str:
        """The policy's employer as a reader identifies it: « Ville de Lyon » (département 69)."""
        c = self.politique.collectivite
        details = [f"département {c.departement}"] if c.departement else []
        if c.siren:
            details.append(f"SIREN {c.siren}")
        nom = f"« {c.nom} »" if c.nom else "la collectivité"
        return nom + (f" ({', '.join(details)})" if details else "")

    # --- evaluation --------------------------------------------------------------------

    def s_applique(self, mission: Mission) -> bool | None:
        """Whether the mission's employer is this policy's collectivité (None: cannot tell)."""
        c, e = self.politique.collectivite, mission.employeur
        if c.departement and c.departement != e.departement:
            return False
        if c.siren and e.siren:
            return c.siren == e.siren
        if c.nom:
            return _normaliser(c.nom) == _normaliser(e.nom)
        return None  # the policy names its employer by SIREN only, the mission gives none

    def _en_vigueur(self, refs: tuple[str, ...], mission: Mission) -> bool:
        """Every cited basis is in force on some day of each stretch of the mission."""
        plages = fusionner([(p.debut, p.fin) for p in mission.periodes])
        for ref in refs:
            f = self.politique.fondements[ref]
            debut = f.en_vigueur_depuis
            for de, a in plages:
                if (debut and debut > a) or (f.date_fin and f.date_fin < de):
                    return False
        return True

    def origine(self, parametre: fmt.Parametre) -> str:
        textes = [texte_fondement(self.politique.fondements[r]) for r in parametre.fondement or ()]
        base = f" ; {', '.join(textes)}" if textes else ""
        return f"politique « {self.politique.titre} » ({self.fichier or self.politique.code}){base}"

    # The engine calls the hooks below only for missions this policy applies to
    # (missio_policy_applies); the guards keep them right when called on their own.

    @hookimpl
    def missio_parameter_overrides(self, mission: Mission) -> list[tuple[str, Any, str]]:
        if not self.s_applique(mission):
            return []
        return [(p.nom, p.valeur, self.origine(p)) for p in self.politique.parametres]

    @hookimpl
    def missio_findings(self, mission: Mission, contexte: Contexte) -> list[Finding]:
        if not self.s_applique(mission):
            return []
        return list(self._regles(mission, contexte))

    def _regles(self, mission: Mission, contexte: Contexte) -> Iterator[Finding]:
        code = self.politique.code
        for regle in self.politique.regles:
            nom = f"{code}.{regle.code}"
            refs = self.refs_regle(regle)
            if not self._en_vigueur(refs, mission):
                yield Constat(
                    regle=nom,
                    fondements=(),
                    texte=f"règle non appliquée : son fondement n'est pas en vigueur aux dates "
                    f"de la mission ({', '.join(refs)})",
                )
                continue
            si = evaluer(regle.si, mission, contexte, code)
            # An exception applies only when established: « sauf urgence » needs the urgency.
            if si.vrai is False or (
                regle.sauf and evaluer(regle.sauf, mission, contexte, code).vrai is True
            ):
                continue
            if si.manquants:
                manquants = si.manquants
                restrictive = any(e.type in ("blocage", "approbation") for e in regle.alors)
                yield Alerte(
                    regle=nom,
                    fondements=tuple(f"{code}.{r}" for r in refs),
                    code="donnee_manquante",
                    niveau="attention" if restrictive else "info",
                    message=f"La règle « {regle.titre} » de la politique « "
                    f"{self.politique.titre} » n'a pas pu être appliquée : "
                    f"{', '.join(manquants)} non renseigné{'s' if len(manquants) > 1 else ''} "
                    "dans la mission.",
                )
                continue
            producteur = Producteur(self.politique, mission, contexte)
            for effet in regle.alors:
                yield from producteur.effet(regle, effet)
