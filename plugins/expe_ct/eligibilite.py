"""Who may go and on whose request: the experts (R4), the embassy (R5), the DAECT (R6).

Règlement du programme EXPE-CT (7 juillet 2020), § III.1 (labellisation) and § III.2
(préparation et validation d'une mission), quoted above each rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Constat, Finding, Obligation
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.ecriture import depart_fr, jour_fr
from missio_expe_ct.faits import Faits
from missio_expe_ct.hors_programme import alternative, hors_expe_ct, veille_du_depart

regles = Regles("expe_ct")

CONTRACTUELS = frozenset({"contractuel_cdi", "contractuel_cdd"})
AGENTS_EN_ACTIVITE = frozenset({"titulaire", "stagiaire"}) | CONTRACTUELS


# --- Règlement EXPE-CT, § III.1 -------------------------------------------------------------
# « La collectivité ou l'association précise les noms, fonctions et qualifications particulières
# des experts auxquels il pourra être fait appel et qui pourront être : des élus, des agents
# territoriaux, des personnels relevant de partenaires territoriaux de la collectivité […]. »


def _expert_admis(mission: Mission, faits: Faits) -> Constat:
    statut = mission.agent.statut
    if not faits.envoi:
        depart = "il reçoit la délégation en France, sans se déplacer"
    elif statut == "elu":
        depart = "il part sous mandat spécial voté par l'assemblée délibérante, non sous ordre de mission"
    else:
        depart = "il part sur son temps de service, sous ordre de mission"
    if statut == "elu":
        return Constat(texte=f"Élu : expert admis par le règlement ; {depart}.")
    if statut in CONTRACTUELS:
        # « agents territoriaux » without distinction: contractuels admitted, a reading of ours.
        return Constat(
            fondements=("expe_ct.reglement.labellisation", "expe_ct.lecture.contractuels"),
            texte=f"Agent contractuel ({statut}) : admis comme expert, le règlement disant « agents territoriaux » sans distinguer titulaires et contractuels (lecture à vérifier) ; {depart}.",
        )
    return Constat(
        texte=f"Agent territorial ({statut}) : expert admis par le règlement ; {depart}."
    )


@regles.regle(
    "expe_ct.experts",
    titre="Personne envoyée admise comme expert et déclarée dans le dossier de labellisation",
    cite=("expe_ct.reglement.labellisation",),
)
def experts(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    if mission.agent.statut == "retraite":
        yield Alerte(
            code="expe_ct.retraite_hors_reglement",
            fondements=("expe_ct.reglement.labellisation", "expe_ct.lecture.retraite"),
            message=(
                "Un agent retraité n'est pas visé par le règlement EXPE-CT (experts : élus, agents "
                "territoriaux, personnels de partenaires) et n'a plus d'employeur pour signer un "
                "ordre de mission : hors règlement, à valider avec la DAECT avant tout engagement."
            ),
        )
    else:
        yield _expert_admis(mission, faits)
    if faits.envoi and faits.ext.expert_declare is False:
        yield Alerte(
            code="expe_ct.expert_non_declare",
            message=(
                f"{mission.agent.prenom} {mission.agent.nom} ne figure pas parmi les experts nommés "
                "dans le dossier de labellisation : faire compléter la liste des experts auprès de "
                "la DAECT avant le départ (le règlement ne décrit pas cette mise à jour)."
            ),
        )


# --- Règlement EXPE-CT, § III.2 -------------------------------------------------------------
# « La collectivité ou l'association labellisée peut être sollicitée par le MEAE (DAECT) pour
# effectuer une mission de coopération à l'international, validée par l'ambassade de France
# dans le pays concerné. »


def pays_concerne(mission: Mission, faits: Faits) -> str:
    """The foreign country: the destination when sending, the delegation's when hosting."""
    return mission.pays if faits.envoi else mission.accueil.pays


@regles.regle(
    "expe_ct.ambassade",
    titre="Mission validée par l'ambassade de France dans le pays concerné",
    cite=("expe_ct.reglement.mission",),
)
def ambassade(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    pays = pays_concerne(mission, faits)
    validee = faits.ext.validation_ambassade
    if validee is None:
        yield Blocage(
            code="expe_ct.ambassade_non_validee",
            message=(
                f"La mission n'est pas validée par l'ambassade de France dans le pays concerné "
                f"({pays}) : sans cette validation, elle n'est pas une mission EXPE-CT et le MEAE "
                "ne la prend pas en charge."
            ),
            remede=(
                "Obtenir, par l'intermédiaire de la DAECT, la validation de l'ambassade et en "
                f"indiquer la date (extensions.expe_ct.validation_ambassade), {hors_expe_ct(mission)}."
            ),
        )
        repli = alternative(mission)
        if repli:
            yield repli
    elif validee > mission.debut:
        yield Alerte(
            code="expe_ct.ambassade_apres_depart",
            fondements=("expe_ct.reglement.mission", "expe_ct.lecture.validation_prealable"),
            message=(
                f"La validation de l'ambassade ({jour_fr(validee)}) est postérieure au "
                f"{depart_fr(mission.sens, mission.debut)} : la prise en charge par le MEAE suppose "
                "une mission validée avant d'être engagée ; à confirmer avec la DAECT."
            ),
        )
    else:
        yield Constat(
            texte=f"Mission validée par l'ambassade de France ({pays}) le {jour_fr(validee)}."
        )


# « Les termes de la mission sont précisés au cas par cas : nature […], déroulement […],
# résultat attendu, suites éventuelles… »

_TERMES_REQUIS = {
    "nature": "la nature",
    "deroulement": "le déroulement",
    "resultat_attendu": "le résultat attendu",
}


@regles.regle(
    "expe_ct.termes",
    titre="Termes de la mission : nature, déroulement, résultat attendu",
    cite=("expe_ct.reglement.mission",),
)
def termes(mission: Mission, contexte: Contexte, faits: Faits) -> Finding:
    donnes = faits.ext.termes
    manquants = [
        libelle
        for champ, libelle in _TERMES_REQUIS.items()
        if donnes is None or getattr(donnes, champ) is None
    ]
    actes = (
        "l'ordre de mission et le rapport reprennent"
        if faits.envoi
        else "le rapport de l'accueil reprend"
    )
    if not manquants:
        return Constat(
            texte="Termes de la mission précisés (nature, déroulement, résultat attendu)."
        )
    return Alerte(
        code="expe_ct.termes_incomplets",
        message=(
            f"Termes de la mission incomplets : précisez {', '.join(manquants)} "
            "(extensions.expe_ct.termes), que le règlement fait fixer au cas par cas et que "
            f"{actes}."
        ),
    )


# « La collectivité ou l'association labellisée s'engage à informer la DAECT de toute
# sollicitation dont elle serait l'objet par ailleurs en raison de son label. »


@regles.regle(
    "expe_ct.sollicitation",
    titre="Information de la DAECT sur toute sollicitation reçue au titre du label",
    cite=("expe_ct.reglement.mission",),
)
def sollicitation(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    origine = faits.ext.origine_sollicitation
    if origine == "daect":
        yield Constat(texte="Mission proposée par le MEAE (DAECT).")
        return
    if origine is None:
        yield Alerte(
            code="expe_ct.information_daect_rappel",
            niveau="info",
            message=(
                "Origine de la sollicitation non précisée (extensions.expe_ct.origine_sollicitation) : "
                "toute sollicitation reçue au titre du label en dehors de la DAECT doit lui être "
                "signalée."
            ),
        )
        return
    yield Alerte(
        code="expe_ct.sollicitation_hors_daect",
        message=(
            f"La mission a été sollicitée hors de la DAECT ({origine}) au titre du label : la "
            "collectivité s'est engagée à en informer la DAECT ; la prise en charge par le MEAE "
            "suppose une mission proposée par la DAECT et validée par l'ambassade."
        ),
    )
    debut = "départ" if faits.envoi else "début de l'accueil"
    yield Obligation(
        code="expe_ct.information_daect",
        responsable="employeur",
        echeance=veille_du_depart(mission, contexte),
        libelle=(
            "Informer la DAECT de la sollicitation reçue au titre du label (le règlement ne fixe "
            f"pas de délai ; missio retient la veille ouvrée du {debut})"
        ),
    )
