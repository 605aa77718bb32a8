"""Who pays what for an EXPE-CT mission, in both directions.

Règlement du programme EXPE-CT (7 juillet 2020), § III.2: « Le MEAE prend en charge le transport
international ; les frais de séjour sont à la charge de l'institution accueillante. » The funding
lines are emitted only for a mission that qualifies as EXPE-CT: a refused mission gets no
ministry money, and its alternatives say who pays instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from missio.context import Contexte
from missio.findings import Alerte, Financement, Finding
from missio.models import Acteur, Mission
from missio.rules import Regles
from missio_expe_ct.eligibilite import AGENTS_EN_ACTIVITE
from missio_expe_ct.faits import Faits

regles = Regles("expe_ct")

TRANSPORT = "expe_ct.transport_international"
SEJOUR = "expe_ct.frais_sejour"
REMUNERATION = "remuneration"  # the same line as statut_fpt's: the engine merges them


def payeur_sejour(faits: Faits) -> Acteur:
    """The hosting institution: the foreign host when sending, the collectivité when hosting."""
    return "accueil" if faits.envoi else "employeur"


@regles.regle(
    "expe_ct.financement",
    titre="Transport international par le MEAE, séjour par l'institution accueillante",
    cite=("expe_ct.reglement.mission",),
)
def financement(mission: Mission, contexte: Contexte, faits: Faits) -> Iterator[Finding]:
    if not faits.qualifiee(mission):
        return
    if faits.envoi:
        yield Financement(
            poste=TRANSPORT,
            payeur="meae",
            libelle="Transport international des personnes envoyées, pris en charge par le MEAE",
        )
        yield Financement(
            poste=SEJOUR,
            payeur="accueil",
            libelle=f"Frais de séjour à la charge de l'institution accueillante ({mission.accueil.nom})",
        )
    else:
        yield Financement(
            poste=TRANSPORT,
            payeur="meae",
            libelle="Transport international des représentants étrangers accueillis, pris en charge par le MEAE",
        )
        yield Financement(
            poste=SEJOUR,
            payeur="employeur",
            libelle="Frais de séjour de la délégation accueillie, à la charge de la collectivité qui l'accueille",
        )


# Note DAECT de juin 2021, § II.A.2: « Le programme offre un financement de la mission. […]
# l'agent reste sous la responsabilité juridique de son employeur. » The règlement is silent on
# pay: it stays the employer's, the agent going on working time (a deduction, cited as such).


@regles.regle(
    "expe_ct.remuneration",
    titre="Rémunération de l'agent maintenue par l'employeur",
    cite=("expe_ct.note.responsabilite_employeur",),
)
def remuneration(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    if not (faits.qualifiee(mission) and faits.envoi):
        return None
    if mission.agent.statut not in AGENTS_EN_ACTIVITE:
        return None
    return Financement(
        poste=REMUNERATION,
        payeur="employeur",
        libelle="Rémunération de l'agent, hors financement EXPE-CT : due par la collectivité, l'agent restant en service sous sa responsabilité",
    )


# Expe-ct.md R9: what the règlement leaves unsaid (« à vérifier »).


@regles.regle(
    "expe_ct.frais_non_precises",
    titre="Frais que le règlement ne répartit pas",
    cite=("expe_ct.reglement.mission",),
    statut="a_verifier",
)
def frais_non_precises(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    if not (faits.qualifiee(mission) and faits.envoi):
        return None
    return Alerte(
        code="expe_ct.frais_non_couverts",
        niveau="info",
        message=(
            "Le règlement ne dit pas qui paie les trajets intérieurs jusqu'à l'aéroport, les visas, "
            "les vaccins et l'assurance, ni ce que couvrent exactement les « frais de séjour » "
            "(hébergement, repas, transport local) : à préciser avec la DAECT et l'accueil. Les "
            "frais de mission laissés à la charge de la collectivité se limitent à ce que le "
            "programme et l'accueil ne couvrent pas."
        ),
    )


# Règlement, § III.2 read for hosting (expe-ct.md R13): no statutory act for the French agents;
# the stay is a budgetary commitment of the collectivité (its form « à vérifier »).


@regles.regle(
    "expe_ct.accueil",
    titre="Accueil d'une délégation étrangère : engagement budgétaire de la collectivité",
    cite=("expe_ct.reglement.mission",),
    statut="a_verifier",
)
def accueil(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    if faits.envoi or not faits.qualifiee(mission):
        return None
    return Alerte(
        code="expe_ct.accueil_engagement",
        niveau="info",
        message=(
            "Accueil d'une délégation étrangère : les frais de séjour engagent le budget de la "
            "collectivité (délibération ou décision budgétaire selon les usages locaux, à "
            "vérifier) ; aucun acte statutaire n'est requis pour les agents qui l'accueillent."
        ),
    )


# Expe-ct.md R9: a budget charging the flight to the collectivité, or the stay to the ministry,
# contradicts the règlement.


@regles.regle(
    "expe_ct.budget",
    titre="Budget de la mission cohérent avec le règlement",
    cite=("expe_ct.reglement.mission",),
)
def budget(mission: Mission, contexte: Contexte, faits: Faits) -> Finding | None:
    ecarts: list[str] = []
    transport, sejour = faits.ext.payeur_transport_international, faits.ext.payeur_sejour
    if transport is not None and transport != "meae":
        ecarts.append(f"le transport international est imputé à « {transport} » au lieu du MEAE")
    attendu = payeur_sejour(faits)
    if sejour is not None and sejour != attendu:
        ecarts.append(f"le séjour est imputé à « {sejour} » au lieu de « {attendu} »")
    if not ecarts:
        return None
    return Alerte(
        code="expe_ct.budget_incoherent",
        message=(
            f"Budget incohérent avec le règlement EXPE-CT : {' ; '.join(ecarts)}. Le MEAE prend en "
            "charge le transport international et l'institution accueillante les frais de séjour : "
            "corrigez le budget, ou demandez à la DAECT pourquoi il s'en écarte."
        ),
    )
