"""When the EXPE-CT rules apply at all: the mission's cadre and the programme's start.

Only a mission whose ``cadre`` is ``expe_ct`` is judged against the règlement. The programme
exists from its règlement of 7 July 2020 (the date is read from sources.yaml); an earlier mission
fell under PACT 2 or PACT 3, which missio does not cover. It is refused with that reason rather
than judged by later rules, and without citing the règlement, which did not exist on its dates.
"""

from __future__ import annotations

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.ecriture import jour_fr
from missio_expe_ct.faits import CLE_EXTENSION
from missio_expe_ct.textes import debut_du_programme

# Both rules are decided before any other (see missio_expe_ct.regles.evaluer): declared here so
# that they are listed and marked like the others.
regles = Regles("expe_ct")
regles.annoncer(
    "expe_ct.cadre",
    titre="Règles EXPE-CT appliquées aux seules missions de cadre expe_ct",
)
# No citation: the only text that dates the programme is its règlement, which cannot be cited
# for a day before it existed; the message says where the date comes from.
regles.annoncer(
    "expe_ct.programme",
    titre="Programme EXPE-CT existant aux dates de la mission (règlement daté du 7 juillet 2020)",
)


def hors_cadre(mission: Mission, contexte: Contexte) -> list[Finding]:
    """Another cadre: nothing to judge, but extension fields given for nothing are pointed out."""
    if contexte.extension(CLE_EXTENSION) is None:
        return []
    return [
        Alerte(
            regle="expe_ct.cadre",
            code="expe_ct.extension_ignoree",
            niveau="info",
            fondements=(),
            message=(
                f"extensions.expe_ct est renseignée mais la mission relève du cadre "
                f"« {mission.cadre} » : ces champs sont ignorés. Indiquez cadre « expe_ct » pour une "
                "mission du programme EXPE-CT."
            ),
        )
    ]


def avant_programme(mission: Mission) -> Finding | None:
    debut = debut_du_programme()
    if mission.debut >= debut:
        return None
    return Blocage(
        regle="expe_ct.programme",
        code="expe_ct.avant_programme",
        fondements=(),
        message=(
            f"La mission commence le {jour_fr(mission.debut)}, avant l'existence du programme "
            f"EXPE-CT, dont le règlement de la DAECT est daté du {jour_fr(debut)} : le programme a "
            "succédé aux programmes PACT 2 (2011) et PACT 3 (2017), que missio ne couvre pas, et "
            "aucun texte EXPE-CT ne peut être cité pour une date où il n'existait pas."
        ),
        remede=(
            "Vérifier les dates de la mission. Si elles sont justes, ce n'est pas une mission "
            "EXPE-CT : l'évaluer comme mission de la collectivité (cadre "
            "cooperation_decentralisee), ou selon le règlement PACT alors en vigueur, hors de "
            "missio."
        ),
    )
