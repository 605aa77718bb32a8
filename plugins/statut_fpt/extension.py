"""The fields of ``mission.extensions.statut_fpt``: what the collectivité states that the
contract's fields cannot say.

Validated by the engine (errors at ``extensions.statut_fpt.<champ>``, in French); every field is
optional, and a rule whose fact is missing says so rather than guess.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from missio.context import Contexte
from missio.libelles import libelles

CLE = "statut_fpt"

CasDetachement = Literal["1", "2", "3", "5a", "6", "7", "8", "9a", "9b", "aucun"]

CAS_DETACHEMENT = {
    "1": "1° — administration de l'État",
    "2": "2° — collectivité territoriale ou établissement public",
    "3": "3° — entreprise publique ou groupement d'intérêt public",
    "5a": "5° a) — entreprise privée assurant des missions d'intérêt général",
    "6": "6° — organisme privé ou association concourant à l'action d'une collectivité publique",
    "7": "7° — mission de coopération (loi du 13 juillet 1972)",
    "8": "8° — enseignement à l'étranger",
    "9a": "9° a) — mission d'intérêt public à l'étranger ou auprès d'une organisation internationale",
    "9b": "9° b) — coopération internationale, organisme d'intérêt général à caractère international",
    "aucun": "aucun cas de l'article 2",
}


class ExtensionStatutFpt(BaseModel):
    """Champs propres aux positions statutaires (clé ``statut_fpt`` de ``extensions``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,  # built when a mission carries it: not on every start of the CLI
        title="Positions statutaires",
        # The web form shows these fields only where a détachement can be the route.
        json_schema_extra={
            "x-missio-si": {
                "cadre": ["operateur", "organisation_internationale", "initiative_agent"]
            }
        },
    )

    cas_detachement: CasDetachement | None = Field(
        default=None,
        title="Cas de détachement (décret n° 86-68, art. 2)",
        json_schema_extra=libelles(CAS_DETACHEMENT),
        description=(
            "Cas du décret n° 86-68, art. 2, dont relève l'organisme d'accueil d'un détachement, "
            "tel que la collectivité le qualifie : 1 (administration de l'État), 2 (collectivité "
            "ou établissement public), 3 (entreprise publique ou GIP), 5a (entreprise privée "
            "assurant des missions d'intérêt général), 6 (organisme privé ou association "
            "concourant à l'action d'une collectivité publique), 7 (coopération, loi du 13 juillet "
            "1972), 8 (enseignement à l'étranger), 9a (mission d'intérêt public à l'étranger ou "
            "auprès d'une organisation internationale), 9b (coopération internationale, organisme "
            "d'intérêt général à caractère international), aucun. Sans ce champ, missio retient "
            "le cas que la nature de l'organisme désigne, et demande la qualification d'une "
            "association."
        ),
    )


_VIDE = ExtensionStatutFpt()


def extension(contexte: Contexte) -> ExtensionStatutFpt:
    """The mission's statut_fpt extension, as the engine validated it (empty when not given)."""
    trouvee = contexte.extension(CLE)
    return trouvee if isinstance(trouvee, ExtensionStatutFpt) else _VIDE
