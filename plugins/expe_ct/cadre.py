"""When the EXPE-CT rules apply at all: the mission's cadre and the programme's start.

Only a mission whose ``cadre`` is ``expe_ct`` is judged against the règlement. The programme
exists from its règlement of 7 July 2020; an earlier mission fell under PACT 2 or PACT 3, which
missio does not cover: it is refused with that reason rather than judged by later rules.
"""

from __future__ import annotations

from datetime import date

from missio.context import Contexte
from missio.findings import Alerte, Blocage, Finding
from missio.models import Mission
from missio.rules import Regles
from missio_expe_ct.faits import CLE_EXTENSION
from missio_expe_ct.formats import date_fr

DEBUT_PROGRAMME = date(2020, 7, 7)

# Both rules are decided before any other (see missio_expe_ct.regles.evaluer): declared here so
# that they are listed and marked like the others.
regles = Regles("expe_ct")
regles.annoncer(
    "expe_ct.cadre",
    titre="Règles EXPE-CT appliquées aux seules missions de cadre expe_ct",
)
regles.annoncer(
    "expe_ct.programme",
    titre="Programme EXPE-CT en vigueur à la date de la mission (règlement du 7 juillet 2020)",
    cite=("expe_ct.reglement.programme",),
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
    if mission.debut >= DEBUT_PROGRAMME:
        return None
    # Cited at the programme's first day: the règlement has no version before it.
    return Blocage(
        regle="expe_ct.programme",
        code="expe_ct.avant_programme",
        le=DEBUT_PROGRAMME,
        fondements=("expe_ct.reglement.programme",),
        message=(
            f"La mission commence le {date_fr(mission.debut)}, avant le règlement du programme "
            "EXPE-CT du 7 juillet 2020 : à cette date, le programme était PACT 3 (ou PACT 2), que "
            "missio ne couvre pas."
        ),
        remede=(
            "Vérifier les dates de la mission ; pour une mission antérieure au 7 juillet 2020, "
            "appliquer le règlement PACT alors en vigueur, hors de missio."
        ),
    )
