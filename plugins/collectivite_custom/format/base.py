"""The building blocks every model of the policy format shares: the base model, which refuses
the words a policy may not use, and the constrained types (codes, texts, amounts, references).

Kept apart so that conditions, deadlines, effects and the policy document, each in its own
module, share one definition of what a policy may say and of how an HR officer may write it.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

# Words of the statutory plugins' vocabulary that a policy may not use: a policy adds to the law,
# it never picks the legal vehicle nor lifts what the statute or a programme blocks.
CLES_INTERDITES = {
    "dispositif": "choisir le dispositif",
    "voie": "choisir le dispositif",
    "alternative": "proposer un dispositif",
    "alternatives": "proposer un dispositif",
    "conforme": "déclarer la mission conforme",
    "lever_blocage": "lever un blocage",
    "supprimer_blocage": "lever un blocage",
    "supprimer": "retirer un effet d'un autre plugin",
    "autoriser": "autoriser ce que la loi interdit",
    "derogation": "déroger à la loi",
}


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def en_liste(valeur: Any) -> Any:
    """``cadre: expe_ct`` is read as ``cadre: [expe_ct]``."""
    return [valeur] if isinstance(valeur, str | int | float | Decimal | bool) else valeur


_CENTIME = Decimal("0.01")


def _centimes(nombre: Decimal, ecrit: Any) -> Decimal:
    """An amount to the cent; one written with more decimals is refused, never rounded (the
    deliberation voted an amount: missio does not choose another)."""
    if not nombre.is_finite():
        raise PydanticCustomError(
            "montant", "« {valeur} » n'est pas un montant.", {"valeur": str(ecrit)[:40]}
        )
    if nombre != nombre.quantize(_CENTIME, rounding=ROUND_DOWN):
        raise PydanticCustomError(
            "montant_centimes",
            "« {valeur} » : un montant a deux décimales au plus (les centimes) ; écrivez le "
            "montant exact voté par la délibération.",
            {"valeur": str(ecrit)[:40]},
        )
    return nombre.quantize(_CENTIME)


def _montant(valeur: Any) -> Any:
    """Accept amounts as HR officers write them: ``1000``, ``1000.00``, ``"1 000,00 €"``."""
    if isinstance(valeur, float | int | Decimal) and not isinstance(valeur, bool):
        return _centimes(Decimal(str(valeur)), valeur)
    if isinstance(valeur, str):
        texte = valeur.replace("€", "").replace("\u202f", "").replace("\xa0", "")
        texte = texte.replace(" ", "").replace(",", ".")
        try:
            nombre = Decimal(texte)
        except InvalidOperation:
            raise PydanticCustomError(
                "montant",
                "« {valeur} » n'est pas un montant. Écrivez par exemple 1000.00 ou « 1 000,00 € ».",
                {"valeur": valeur[:40]},
            ) from None
        return _centimes(nombre, valeur)
    return valeur


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Texte = Annotated[str, Field(min_length=1, max_length=2000)]
Montant = Annotated[
    Decimal,
    BeforeValidator(_montant),
    Field(ge=0, max_digits=12, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}],
            "description": "Montant en euros : 1000.00 ou « 1 000,00 € ».",
        }
    ),
]
References = Annotated[tuple[Code, ...], BeforeValidator(en_liste), Field(min_length=1)]


# The base of every model of the format: frozen, strict about unknown keys, and refusing the
# words of CLES_INTERDITES with a message saying why (no docstring: pydantic would put it in
# the JSON Schema).
class ModeleFormat(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _ajoute_seulement(cls, donnees: Any) -> Any:
        if isinstance(donnees, dict):
            for cle in donnees:
                if cle in CLES_INTERDITES:
                    raise PydanticCustomError(
                        "politique_assouplit",
                        "« {cle} » : une politique locale ne peut pas {quoi}. Elle s'ajoute à la "
                        "loi et aux programmes (obligations, frais, alertes, blocages, documents) "
                        "sans jamais les assouplir ; seuls les paramètres que la loi laisse à "
                        "l'employeur se règlent, dans « parametres ».",
                        {"cle": cle, "quoi": CLES_INTERDITES[cle]},
                    )
        return donnees
