"""French formatting for documents: dates, amounts, amounts in letters, agreement.

Built on `babel` (CLDR typography: narrow no-break space between thousands, no-break space
before €) and `num2words`. Imported only when documents are rendered.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from num2words import num2words

LOCALE = "fr_FR"


def _en_date(valeur: date | str) -> date:
    return date.fromisoformat(valeur) if isinstance(valeur, str) else valeur


@lru_cache(maxsize=4096)  # babel's formatting is slow, and acts write the same few dates
def date_fr(valeur: date | str | None, jour_semaine: bool = False) -> str:
    """``2026-03-02`` -> "2 mars 2026" ("1er" for the first day, as French acts write it)."""
    if valeur is None:
        return ""
    jour = _en_date(valeur)
    texte = format_date(jour, format="EEEE d MMMM y" if jour_semaine else "d MMMM y", locale=LOCALE)
    if jour.day == 1:
        texte = texte.replace(" 1 ", " 1er ") if jour_semaine else "1er" + texte[1:]
    return texte


def montant_fr(valeur: Decimal | str | int | None) -> str:
    """``1000`` -> "1 000,00 €" (narrow no-break space, no-break space before the sign)."""
    if valeur is None:
        return ""
    return format_currency(Decimal(str(valeur)), "EUR", locale=LOCALE)


def nombre_fr(valeur: Decimal | int | float | str) -> str:
    """``1234.5`` -> "1 234,5"; ``0.5`` -> "0,5"."""
    return format_decimal(Decimal(str(valeur)), locale=LOCALE)


def pourcentage_fr(valeur: Decimal | int | float | str) -> str:
    """A share of 1 as French percent: ``0.5`` -> "50 %" (quotité de travail)."""
    return str(format_percent(Decimal(str(valeur)), locale=LOCALE))


def montant_lettres(valeur: Decimal | str | int | None) -> str:
    """``1000`` -> "mille euros"; ``1234.5`` -> "mille deux cent trente-quatre euros et cinquante
    centimes"; "un million d'euros"."""
    if valeur is None:
        return ""
    montant = Decimal(str(valeur)).quantize(Decimal("0.01"))
    euros, centimes = int(montant), int((montant - int(montant)) * 100)
    mots = num2words(euros, lang="fr")
    if euros in (0, 1):
        texte = f"{mots} euro"
    elif mots.endswith(("million", "millions", "milliard", "milliards")):
        texte = f"{mots} d'euros"
    else:
        texte = f"{mots} euros"
    if centimes:
        texte += f" et {num2words(centimes, lang='fr')} centime" + ("s" if centimes > 1 else "")
    return texte


def nombre_lettres(valeur: int) -> str:
    """``122`` -> "cent vingt-deux"."""
    return str(num2words(int(valeur), lang="fr"))


def liste_fr(valeurs: list[Any] | tuple[Any, ...]) -> str:
    """``["a", "b", "c"]`` -> "a, b et c"."""
    textes = [str(v) for v in valeurs]
    if len(textes) < 2:
        return "".join(textes)
    return f"{', '.join(textes[:-1])} et {textes[-1]}"


# Names of bodies are given without article ("Communauté d'agglomération de …", "Expertise
# France"); an act writes "de la Communauté d'agglomération" but "d'Expertise France". A name
# starting with one of these common nouns takes the article of its gender; any other name is a
# proper name (no article, elision only).
_NOMS_FEMININS = frozenset(
    [
        "agence",
        "ambassade",
        "association",
        "banque",
        "caisse",
        "chambre",
        "collectivité",
        "commune",
        "communauté",
        "direction",
        "délégation",
        "eurométropole",
        "fondation",
        "mairie",
        "métropole",
        "municipalité",
        "mission",
        "organisation",
        "préfecture",
        "province",
        "région",
        "république",
        "société",
        "université",
        "ville",
    ]
)
_NOMS_MASCULINS = frozenset(
    [
        "centre",
        "comité",
        "conseil",
        "département",
        "établissement",
        "fonds",
        "gouvernement",
        "groupement",
        "institut",
        "ministère",
        "office",
        "pôle",
        "programme",
        "secrétariat",
        "service",
        "syndicat",
    ]
)
_VOYELLES = tuple("aeiouyhâàéèêëîïôöûüAEIOUYHÂÀÉÈÊËÎÏÔÖÛÜ")


def _genre(nom: str) -> str | None:
    premier = nom.split(" ", 1)[0].split("-", 1)[0].lower()
    if premier in _NOMS_FEMININS:
        return "f"
    if premier in _NOMS_MASCULINS:
        return "m"
    return None


# A name may carry its own article (a town: "Le Havre", "Les Abymes", "La Rochelle"): "de" and
# "à" then contract with it as French does ("du Havre", "des Abymes", "au Havre", "aux Abymes").
_ARTICLES_DU_NOM = (("Les ", "les"), ("Le ", "le"), ("La ", "la"), ("L'", "l"), ("L’", "l"))


def _article_du_nom(nom: str) -> tuple[str, str] | None:
    for debut, article_nom in _ARTICLES_DU_NOM:
        if nom.startswith(debut) and len(nom) > len(debut):
            return article_nom, nom[len(debut) :]
    return None


def article(nom: str) -> str:
    """The name with its article: "la Communauté d'agglomération …", "l'Agence …",
    "le Département …"; a proper name stays as it is ("Expertise France", "Le Havre")."""
    genre = _genre(nom)
    if genre is None:
        return nom
    if nom.startswith(_VOYELLES):
        return f"l'{nom}"
    return f"{'la' if genre == 'f' else 'le'} {nom}"


def _contracter(preposition: str, nom: str) -> str:
    """ "de"/"à" before a name, contracted with the name's article or the one it takes."""
    propre = _article_du_nom(nom)
    if propre is not None and propre[0] in ("le", "les"):
        contractions = {"de": {"le": "du", "les": "des"}, "à": {"le": "au", "les": "aux"}}
        return f"{contractions[preposition][propre[0]]} {propre[1]}"
    avec = nom if propre is not None else article(nom)
    if avec.startswith("le "):
        return f"{'du' if preposition == 'de' else 'au'} {avec[3:]}"
    if preposition == "de" and avec is nom and propre is None and nom.startswith(_VOYELLES):
        return f"d'{nom}"
    return f"{preposition} {avec}"


def de(nom: str) -> str:
    """ "de" before a name: "de la Communauté …", "du Département …", "d'Expertise France",
    "du Havre", "des Abymes", "de l'Eurométropole de Strasbourg"."""
    return _contracter("de", nom)


def a(nom: str) -> str:
    """ "à" before a name: "à la Communauté …", "au Département …", "à Expertise France",
    "au Havre", "aux Abymes"."""
    return _contracter("à", nom)


def pluriel(nombre: Decimal | int | float | str, singulier: str, forme_plurielle: str = "") -> str:
    """The word agreeing with `nombre` (plural from 2 on, as French counts):
    ``pluriel(1, "jour")`` -> "jour", ``pluriel(3, "jour")`` -> "jours"."""
    if abs(Decimal(str(nombre))) >= 2:
        return forme_plurielle or f"{singulier}s"
    return singulier


def jours_ouvres(nombre: int) -> str:
    """``122`` -> "122 jours ouvrés"; ``1`` -> "1 jour ouvré"."""
    return f"{nombre} {pluriel(nombre, 'jour')} {pluriel(nombre, 'ouvré')}"


def jours(nombre: Decimal | int | float | str) -> str:
    """``3`` -> "3 jours"; ``0.5`` -> "0,5 jour" (the number in French)."""
    return f"{nombre_fr(nombre)} {pluriel(nombre, 'jour')}"


# Countries named without article ("à Madagascar"), in the plural ("aux États-Unis"), and the
# masculine ones ending in -e ("au Mexique"); other names ending in -e, or starting with a
# vowel, take "en".
_PAYS_A = frozenset(
    [
        "CU",
        "CY",
        "DJ",
        "HT",
        "MG",
        "MC",
        "MT",
        "MU",
        "SG",
        "BH",
        "KN",
        "LC",
        "VC",
        "AG",
        "DM",
        "GD",
        "TT",
        "BB",
    ]
)
_PAYS_AUX = frozenset(["US", "NL", "AE", "KM", "PH", "MV", "SC", "SB", "MH", "BS", "FM"])
_PAYS_MASCULINS_EN_E = frozenset(["MX", "KH", "MZ", "ZW", "BZ"])


def en_pays(nom: str, code: str) -> str:
    """The place phrase of a country: "au Canada", "en Tunisie", "en Iran", "aux États-Unis",
    "à Madagascar"."""
    if code in _PAYS_A:
        return f"à {nom}"
    if code in _PAYS_AUX:
        return f"aux {nom}"
    voyelle = nom.startswith(_VOYELLES) and not nom.startswith(("h", "H"))  # au Honduras
    if voyelle or (nom.endswith("e") and code not in _PAYS_MASCULINS_EN_E):
        return f"en {nom}"
    return f"au {nom}"


def accord(civilite: str, masculin: str, feminin: str) -> str:
    """The form agreeing with the agent: ``accord("Mme", "mis", "mise")`` -> "mise"."""
    return feminin if civilite == "Mme" else masculin


FILTRES: dict[str, Any] = {
    "date_fr": date_fr,
    "montant_fr": montant_fr,
    "montant_lettres": montant_lettres,
    "nombre_fr": nombre_fr,
    "nombre_lettres": nombre_lettres,
    "pourcentage_fr": pourcentage_fr,
    "liste_fr": liste_fr,
    "article": article,
    "de": de,
    "a": a,
    "pluriel": pluriel,
    "jours_ouvres": jours_ouvres,
    "jours": jours,
}
