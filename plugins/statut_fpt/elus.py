"""Elected officials on mission: the mandat spécial, by level of collectivité (statut.md § 10).

An elected official is no agent: neither an ordre de mission nor a position, but a mandat spécial
voted by the assembly before departure, which opens the reimbursement of its costs. The CGCT
article depends on the level of the collectivité; the Code général de la fonction publique did
not touch it.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Cas, Document, Financement, Finding, Obligation
from missio.models import Mission
from missio_statut_fpt.registre import regles, signature, voies
from missio_statut_fpt.route import Proposition, Route
from missio_statut_fpt.voie import CADRES_PROPRES


@voies.regle(
    "statut.elu",
    titre="Élu : mandat spécial pour une mission de la collectivité",
    cite=("elu.mandat_special",),
    statut="verifie_secondaire",
)
def elu(mission: Mission, contexte: Contexte) -> Proposition | None:
    if mission.sens != "envoi" or mission.agent.statut != "elu":
        return None
    if mission.cadre in CADRES_PROPRES:
        return Proposition(
            dispositif="mandat_special",
            motif=(
                "un élu n'est pas un agent : il part sous mandat spécial voté par l'assemblée "
                "délibérante, jamais sous ordre de mission"
            ),
            fondements=(niveau(mission)[0],),
        )
    return Proposition(
        dispositif="aucun",
        motif="élu hors d'une mission de la collectivité",
        fondements=(),
        refus=Blocage(
            code="statut_elu",
            fondements=(niveau(mission)[0],),
            message=(
                "Un élu n'est pas un agent de la collectivité : missio ne traite sa mission que si "
                "elle est accomplie pour la collectivité, sous mandat spécial."
            ),
            remede=(
                "Mission pour la collectivité (coopération décentralisée, EXPE-CT) : mandat spécial "
                "voté par l'assemblée ; mission personnelle : aucun acte de la collectivité."
            ),
        ),
    )


# CGCT L. 2123-18 (text read, weka): « Les fonctions de maire, d'adjoint, de conseiller
# municipal, de président et membre de délégation spéciale donnent droit au remboursement des
# frais que nécessite l'exécution des mandats spéciaux ». Same right, by paraphrase of statut.md
# § 10, for the conseillers départementaux (L. 3123-19), régionaux (L. 4135-19) and the members
# of an EPCI's assembly (L. 5211-14) — under EXPE-CT as elsewhere.
MANDAT_SPECIAL = {
    "commune": ("elu.mandat_special.commune", "élu municipal (commune)"),
    "departement": ("elu.mandat_special.departement", "conseiller départemental (département)"),
    "region": ("elu.mandat_special.region", "conseiller régional (région)"),
    "epci": ("elu.mandat_special.epci", "membre de l'organe délibérant d'un EPCI"),
}
# No article was read for the other employers: missio cites the CGCT without an article
# (« à vérifier ») and says why, rather than lend them a commune's or an EPCI's article.
SANS_ARTICLE = {
    "collectivite_territoriale_unique": (
        "collectivité à statut particulier (Corse, Guyane, Martinique…) : l'article du CGCT "
        "propre à son assemblée n'a pas été relevé ; à vérifier avant la délibération."
    ),
    "syndicat_mixte": (
        "syndicat mixte : le régime du mandat spécial de ses délégués (renvoi éventuel aux règles "
        "des EPCI, selon qu'il est fermé ou ouvert, et ses statuts) n'a pas été vérifié."
    ),
    "etablissement_public": (
        "établissement public : ses administrateurs ne sont pas des élus d'une assemblée au sens "
        "du CGCT ; un élu qui y siège part sous le mandat spécial de sa propre collectivité."
    ),
    "association_elus": (
        "association d'élus : une association ne vote pas de mandat spécial ; c'est l'assemblée "
        "de la collectivité de l'élu qui le lui confie."
    ),
}


def niveau(mission: Mission) -> tuple[str, str]:
    """The key citing the mandat spécial of the employer's level, and how the decision names it."""
    nature = mission.employeur.nature
    if nature in MANDAT_SPECIAL:
        return MANDAT_SPECIAL[nature]
    return "elu.mandat_special", "élu d'un employeur dont l'article du CGCT n'est pas relevé"


@regles.regle(
    "elu.mandat_special",
    titre="Délibération du mandat spécial, selon le niveau de la collectivité",
    cite=("elu.mandat_special",),
    statut="verifie_secondaire",
)
def mandat_special(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif != "mandat_special":
        return
    cle, libelle = niveau(mission)
    if mission.employeur.nature in SANS_ARTICLE:
        yield Alerte(
            code="elu.mandat_special_article",
            fondements=(cle,),
            message=f"Mandat spécial — {SANS_ARTICLE[mission.employeur.nature]}",
        )
    yield Cas(code="elu.mandat_special", libelle=libelle, fondements=(cle,))
    signe = signature(mission, contexte)
    yield Obligation(
        code="elu.deliberation",
        responsable="employeur",
        echeance=signe,
        le=signe,
        fondements=(cle,),
        libelle="Faire voter par l'assemblée délibérante le mandat spécial (objet, durée, prise en charge des frais) avant le départ",
    )
    yield Financement(
        poste="frais_mandat_special",
        payeur="employeur",
        fondements=(cle,),
        libelle="Frais de l'élu remboursés dans le cadre du mandat spécial",
    )
    yield Document(code="demande_mandat_special", le=signe, fondements=(cle,))
