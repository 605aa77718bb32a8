"""Détachement: its cases, its acts, its duration and the return (statut.md § 3).

CGFP L. 513-1 (loi n° 84-53, art. 64, before 1 March 2022): « Le détachement est la position du
fonctionnaire placé hors de son corps ou cadre d'emplois d'origine mais continuant à bénéficier,
dans ce corps ou cadre d'emplois, de ses droits à l'avancement et à la retraite. Il est prononcé
à la demande du fonctionnaire. »
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from missio.calendar import ajouter_mois
from missio.context import Contexte
from missio.findings import (
    Alerte,
    Blocage,
    Cas,
    Condition,
    Constat,
    Document,
    Financement,
    Finding,
    Obligation,
)
from missio.models import Dispositif, Mission
from missio_statut_fpt import alternatives
from missio_statut_fpt.extension import extension
from missio_statut_fpt.registre import DETACHEMENTS, conditions, duree_fr, regles, signature
from missio_statut_fpt.route import Route

# --- Décret n° 86-68 du 13 janvier 1986, art. 2 : les cas de détachement ----------------------
# Text read on weka.fr; 9° in its wording of décret n° 2003-672, art. 11 (juriblio). Quoted as
# statut.md quotes it; the cases a mission abroad never uses (4°, 5° b, 10° and after) are left
# out, the list being limitative.
#   1°    « auprès d'une administration de l'Etat »
#   2°    « auprès d'une collectivité territoriale ou d'un établissement public »
#   3°    « auprès d'une entreprise publique ou d'un groupement d'intérêt public »
#   5° a) « auprès d'une entreprise privée assurant des missions d'intérêt général […] sous réserve
#         de l'approbation préalable, par la collectivité ou l'établissement dont relève l'agent,
#         du projet de contrat et de ses avenants éventuels »
#   6°    « auprès d'un organisme privé ou d'une association dont les activités favorisent ou
#         complètent l'action d'une collectivité publique » (même réserve d'approbation)
#   7°    « pour participer à une mission de coopération au titre de la loi du 13 juillet 1972 »
#   8°    « pour dispenser un enseignement à l'étranger »
#   9° a) « pour remplir une mission d'intérêt public à l'étranger ou auprès d'une organisation
#         internationale intergouvernementale »
#   9° b) « pour effectuer une mission d'intérêt public de coopération internationale ou auprès
#         d'organismes d'intérêt général à caractère international » ; ces détachements « ne
#         peuvent intervenir que dans les conditions prévues par une convention préalablement
#         passée entre l'administration gestionnaire et l'organisme d'accueil »
CAS: dict[str, tuple[str, str]] = {  # case → (its key, what the decision calls it)
    "1": ("detachement.cas.etat", "administration de l'État"),
    "2": ("detachement.cas.collectivite", "collectivité territoriale ou établissement public"),
    "3": (
        "detachement.cas.entreprise_publique_gip",
        "entreprise publique ou groupement d'intérêt public",
    ),
    "5a": (
        "detachement.cas.entreprise_privee",
        "entreprise privée assurant des missions d'intérêt général",
    ),
    "6": (
        "detachement.cas.association",
        "organisme privé ou association dont les activités favorisent ou complètent l'action "
        "d'une collectivité publique",
    ),
    "7": (
        "detachement.cas.cooperation_1972",
        "mission de coopération au titre de la loi du 13 juillet 1972",
    ),
    "8": ("detachement.cas.enseignement", "enseignement à l'étranger"),
    "9a": (
        "detachement.cas.mission_etranger_oi",
        "mission d'intérêt public à l'étranger ou auprès d'une organisation internationale "
        "intergouvernementale",
    ),
    "9b": (
        "detachement.cas.cooperation_internationale",
        "mission d'intérêt public de coopération internationale ou organisme d'intérêt général à "
        "caractère international",
    ),
}
# The cases each host's nature may fall under; the first applies unless the collectivité states
# another (extensions.statut_fpt.cas_detachement). An operator's mission is one of international
# cooperation (9° b); a foreign State's or local authority's, of public interest abroad (9° a).
# None first: the case depends on what the body does, which only the collectivité can say.
CAS_PAR_NATURE: dict[str, tuple[str | None, ...]] = {
    "administration_etat": ("1", "9a"),
    "collectivite_francaise": ("2",),
    "gip": ("3",),
    "entreprise": (None, "5a", "3"),  # a private consultancy without public-interest missions: none
    "association": (None, "6", "9b"),  # statut.md § 3: ask for the qualification, never block
    "operateur": ("9b", "3"),
    "organisation_internationale": ("9a",),
    "institution_ue": ("9a",),  # missio's reading: a mission of public interest abroad
    "etat_etranger": ("9a", "7"),
    "collectivite_etrangere": ("9a", "7"),
}
APPROBATION_CONTRAT = frozenset({"5a", "6"})
CONVENTION_PREALABLE = frozenset({"9b"})


def cas_possibles(mission: Mission) -> tuple[str, ...]:
    """Every case of art. 2 the host may fall under (8° wherever the mission is abroad)."""
    possibles = tuple(c for c in CAS_PAR_NATURE.get(mission.accueil.nature, ()) if c)
    return (*possibles, "8") if mission.pays != "FR" else possibles


def cas_retenu(mission: Mission, contexte: Contexte) -> str | None:
    """The case stated by the collectivité, else the one the host's nature points to; None when
    only the collectivité can qualify the host (or when it stated that none applies)."""
    declare = extension(contexte).cas_detachement
    if declare is not None:
        return None if declare == "aucun" else declare
    return CAS_PAR_NATURE.get(mission.accueil.nature, (None,))[0]


def qualification_attendue(mission: Mission, contexte: Contexte) -> bool:
    """An association whose case the collectivité has not stated yet (6° or 9° b)."""
    return extension(contexte).cas_detachement is None and mission.accueil.nature == "association"


def detachement_envisageable(mission: Mission, contexte: Contexte) -> bool:
    """A case fits, or may fit once the collectivité qualifies the host."""
    return cas_retenu(mission, contexte) is not None or qualification_attendue(mission, contexte)


@conditions.regle(
    "detachement.accueil_admissible",
    titre="Cas de détachement du décret n° 86-68 (art. 2) pour cet organisme d'accueil",
    cite=("detachement.cas_international",),
)
def accueil_admissible(
    mission: Mission, contexte: Contexte, dispositif: Dispositif
) -> Iterator[Finding]:
    if dispositif not in DETACHEMENTS or mission.agent.statut != "titulaire":
        return
    nature, declare = mission.accueil.nature, extension(contexte).cas_detachement
    if declare not in (None, "aucun") and declare not in cas_possibles(mission):
        yield Blocage(
            code="detachement_cas_declare",
            message=(
                f"Le cas de détachement déclaré ({declare}, extensions.statut_fpt.cas_detachement) "
                f"ne correspond pas à un organisme de nature « {nature} » ; cas possibles : "
                f"{', '.join(cas_possibles(mission)) or 'aucun'}."
            ),
            remede="Corriger le cas déclaré, ou la nature de l'organisme d'accueil.",
        )
        return
    if qualification_attendue(mission, contexte):
        yield Condition(
            code="detachement.qualification",
            libelle=(
                "Qualifier l'organisme d'accueil : association dont les activités favorisent ou "
                "complètent l'action d'une collectivité publique (6°, approbation préalable du "
                "projet de contrat) ou organisme d'intérêt général à caractère international "
                "(9° b, convention préalable) ; déclarer le cas retenu "
                "(extensions.statut_fpt.cas_detachement)."
            ),
            fondements=(CAS["6"][0], CAS["9b"][0]),
        )
        yield alternatives.disponibilite("Si l'organisme ne relève ni du 6° ni du 9° b")
        return
    cas = cas_retenu(mission, contexte)
    if cas is None:
        yield Blocage(
            code="detachement_accueil_admissible",
            message=(
                f"Aucun cas de détachement ne couvre un organisme de nature « {nature} » tel qu'il "
                "est décrit (liste limitative : administration de l'État, entreprise publique ou "
                "privée d'intérêt général, association concourant à l'action publique, "
                "coopération, enseignement, mission d'intérêt public à l'étranger ou auprès d'une "
                "organisation internationale)."
            ),
            remede=(
                "Si l'entreprise assure des missions d'intérêt général ou est une entreprise "
                "publique, déclarez le cas (extensions.statut_fpt.cas_detachement : 5a ou 3) ; "
                "sinon, disponibilité pour convenances personnelles, à la demande de l'agent."
            ),
        )
        yield alternatives.disponibilite()
        return
    cle, libelle = CAS[cas]
    yield Cas(code="detachement.cas", libelle=libelle, fondements=(cle,))


# Décret n° 86-68, art. 8 (paraphrase, statut.md § 3): « Courte durée : 6 mois maximum, NON
# renouvelable ; porté à 1 an pour servir à l'étranger ». The months are read from the version.
def fin_courte_duree(mission: Mission, contexte: Contexte) -> date:
    """Last day a short détachement may cover from the mission's first day."""
    version = contexte.version("detachement.courte_duree", mission.debut)
    assert version is not None, "detachement.courte_duree couvre toute la période de missio"
    cle = "duree_max_etranger_mois" if mission.pays != "FR" else "duree_max_mois"
    return ajouter_mois(mission.debut, int(version.valeur(cle))) - timedelta(days=1)


def par_duree(mission: Mission, contexte: Contexte) -> Dispositif:
    """Short or long détachement, by the mission's last day."""
    if mission.fin <= fin_courte_duree(mission, contexte):
        return "detachement_courte_duree"
    return "detachement_longue_duree"


@regles.regle(
    "detachement.procedure",
    titre="Demande de l'agent, arrêté, convention préalable (9° b) ou approbation du contrat (5° a, 6°)",
    cite=("detachement.definition",),
)
def procedure(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif not in DETACHEMENTS:
        return
    signe = signature(mission, contexte)
    yield Obligation(
        code="detachement.demande",
        responsable="agent",
        echeance=signe,
        le=signe,
        libelle="Demander par écrit le détachement (il est prononcé à la demande de l'agent)",
    )
    yield Obligation(
        code="detachement.arrete",
        responsable="employeur",
        echeance=signe,
        le=signe,
        libelle="Prendre l'arrêté de détachement, qui en fixe la durée et vise le cas du décret",
    )
    cas = cas_retenu(mission, contexte)
    if cas in CONVENTION_PREALABLE or qualification_attendue(mission, contexte):
        si = " (si l'organisme relève du 9° b)" if qualification_attendue(mission, contexte) else ""
        yield Obligation(
            code="detachement.convention",
            responsable="employeur",
            echeance=signe,
            le=signe,
            fondements=("detachement.convention_9b",),
            libelle=f"Conclure la convention préalable avec l'organisme d'accueil{si} (nature et niveau des activités, conditions d'emploi et de rémunération, retenues pour pension, contrôle et évaluation)",
        )
        if not qualification_attendue(mission, contexte):
            yield Condition(
                code="detachement.convention_9b",
                libelle="Le détachement n'intervient que dans les conditions de la convention préalablement passée avec l'organisme d'accueil.",
                fondements=("detachement.convention_9b",),
            )
    if cas in APPROBATION_CONTRAT or qualification_attendue(mission, contexte):
        si = " (si l'organisme relève du 6°)" if qualification_attendue(mission, contexte) else ""
        yield Obligation(
            code="detachement.approbation_contrat",
            responsable="employeur",
            echeance=signe,
            le=signe,
            fondements=("detachement.approbation_contrat",),
            libelle=f"Approuver au préalable le projet de contrat de l'agent avec l'organisme d'accueil et ses avenants éventuels{si}",
        )
        if not qualification_attendue(mission, contexte):
            yield Condition(
                code="detachement.approbation_contrat",
                libelle="La collectivité a approuvé au préalable le projet de contrat de l'agent avec l'organisme d'accueil (et en approuvera les avenants).",
                fondements=("detachement.approbation_contrat",),
            )
    yield Financement(
        poste="remuneration",
        payeur="operateur" if mission.accueil.nature == "operateur" else "accueil",
        fondements=("detachement.remuneration_accueil",),
        libelle="Rémunération versée par l'organisme d'accueil selon ses propres règles",
    )
    yield Document(code="accord_agent", le=signe)
    if cas in CONVENTION_PREALABLE:
        yield Document(
            code="convention_detachement", le=signe, fondements=("detachement.convention_9b",)
        )
    yield Document(code="arrete_detachement", le=signe)
    yield Alerte(
        code="detachement.fin_anticipee",
        niveau="info",
        fondements=("detachement.fin_anticipee",),
        message="Fin anticipée à la demande de l'accueil ou de la collectivité : préavis de 3 mois, sauf faute grave.",
    )


# CGFP L. 513-4 (text read): « Sous réserve des articles L. 513-5 et L. 513-6, le fonctionnaire
# détaché reste affilié à son régime de retraite. Il ne peut être affilié au régime de retraite
# dont relève la fonction de détachement ni acquérir, à ce titre, des droits quelconques à
# pensions ou allocations […] ». CGFP L. 513-6 (text read; loi n° 84-53, art. 65 à 65-2, before
# 1 March 2022): « Le fonctionnaire détaché dans une administration ou un organisme implanté sur
# le territoire d'un Etat étranger ou auprès d'un organisme international n'est pas
# obligatoirement affilié pendant son détachement au régime spécial de retraite français dont il
# relève, sauf accord international contraire. »
#
# missio's reading: L. 513-6 turns on where the HOST BODY is implanted (or its international
# character), not on where the mission takes place. An international organisation or an EU
# institution is an « organisme international »; a foreign State or local authority is an
# administration implanted abroad; an association or a company declared in a foreign country is
# read as a body implanted there. A body of French law (a State service, an embassy included; a
# French collectivité; a GIP; an operator such as Expertise France, an établissement public whose
# seat is in France) stays a French body when it acts abroad through an office: the agent stays
# affiliated to the CNRACL (L. 513-4). statut.md does not settle that last point: when such a
# body or its mission is abroad, the decision cites missio's reading « à vérifier ».
ORGANISMES_INTERNATIONAUX = frozenset({"organisation_internationale", "institution_ue"})
ADMINISTRATIONS_ETRANGERES = frozenset({"etat_etranger", "collectivite_etrangere"})
ORGANISMES_FRANCAIS = frozenset(
    {"administration_etat", "collectivite_francaise", "gip", "operateur"}
)


def affiliation_facultative(mission: Mission) -> bool:
    """Whether L. 513-6 applies: a host abroad or international (missio's reading above)."""
    nature = mission.accueil.nature
    if nature in ORGANISMES_INTERNATIONAUX | ADMINISTRATIONS_ETRANGERES:
        return True
    return nature not in ORGANISMES_FRANCAIS and mission.accueil.pays != "FR"


@regles.regle(
    "detachement.retraite",
    titre="Retraite du fonctionnaire détaché : affiliation à la CNRACL, facultative auprès d'un organisme implanté à l'étranger ou international",
    cite=("detachement.retraite",),
)
def retraite(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif not in DETACHEMENTS:
        return
    signe = signature(mission, contexte)
    if not affiliation_facultative(mission):
        yield Constat(
            le=signe,
            texte="l'agent détaché reste affilié à la CNRACL (organisme d'accueil français)",
        )
        if mission.accueil.pays != "FR" or mission.pays != "FR":
            yield Alerte(
                code="detachement.retraite_organisme_francais",
                le=signe,
                fondements=("detachement.retraite.organisme_francais",),
                message=(
                    f"L'organisme d'accueil ({mission.accueil.nom}) est lu comme un organisme de "
                    "droit français, même s'il intervient à l'étranger : l'agent détaché reste "
                    "affilié à la CNRACL "
                    "(affiliation facultative réservée aux organismes implantés sur le territoire "
                    "d'un État étranger et aux organismes internationaux). Si l'organisme est "
                    "lui-même implanté à l'étranger (entité de droit local), l'affiliation "
                    "devient facultative : à vérifier avant de signer l'arrêté."
                ),
            )
        return
    yield Condition(
        code="detachement.option_cnracl",
        le=signe,
        libelle=(
            "L'agent a été informé que, détaché auprès d'un organisme implanté à l'étranger ou "
            "international, il n'est pas obligatoirement affilié à la CNRACL, et qu'il peut "
            "choisir de continuer à y cotiser."
        ),
    )
    yield Obligation(
        code="detachement.information_cnracl",
        responsable="employeur",
        echeance=signe,
        le=signe,
        libelle="Informer l'agent de l'affiliation facultative à la CNRACL pendant le détachement et de son option de cotisation (délai et forme de l'option à vérifier)",
    )


@regles.regle(
    "detachement.duree",
    titre="Durée et réintégration selon le type de détachement",
    cite=("detachement.courte_duree",),
)
def duree(mission: Mission, contexte: Contexte, route: Route) -> Iterator[Finding]:
    if route.dispositif == "detachement_courte_duree":
        yield Obligation(
            code="detachement.reintegration",
            responsable="employeur",
            echeance=mission.fin + timedelta(days=1),
            libelle="Réintégrer l'agent dans son emploi à l'expiration du détachement (l'emploi n'est pas pourvu entre-temps)",
        )
        version = contexte.version("detachement.courte_duree", mission.debut)
        if version is not None:
            courte = duree_fr(int(version.valeur("duree_max_mois")))
            etranger = duree_fr(int(version.valeur("duree_max_etranger_mois")))
            yield Alerte(
                code="detachement.courte_non_renouvelable",
                niveau="info",
                message=f"Le détachement de courte durée ({courte}, {etranger} pour servir à l'étranger) n'est pas renouvelable ; la note DAECT, qui le dit « renouvelable une fois », est dépassée sur ce point.",
            )
    elif route.dispositif == "detachement_longue_duree":
        yield Alerte(
            code="detachement.reintegration_non_garantie",
            fondements=("detachement.reintegration", "detachement.longue_duree"),
            message="Détachement de longue durée : l'agent n'a pas la garantie de retrouver son emploi ; il est réintégré à la première vacance dans son grade, à défaut maintenu en surnombre puis pris en charge par le centre de gestion.",
        )
        version = contexte.version("detachement.longue_duree", mission.debut)
        mois = int(version.valeur("duree_max_mois")) if version else 0
        if mois and mission.fin > ajouter_mois(mission.debut, mois) - timedelta(days=1):
            yield Alerte(
                code="detachement.duree_5_ans",
                fondements=("detachement.longue_duree",),
                message=f"Le détachement de longue durée dure {duree_fr(mois)} au plus, renouvelable par périodes de {duree_fr(mois)} au plus : prévoyez le renouvellement.",
            )
