"""What plugins return, checked against each hook's contract before the engine uses it.

A finding with a dispositif or a payer outside the contract's vocabulary, a text that is not a
text, a deadline that is not a date, a list that is not a list… would otherwise reach the
decision: the Python path would fail for every mission with an internal error, the JSON path
would write a decision outside its own schema. Each check raises
:class:`~missio.errors.HorsContrat` with a French sentence saying what is wrong; the engine
turns it into a blocage ``erreur_plugin`` naming the plugin and the hook or rule (the other
plugins still run), or, for declarations read when an engine is built, into an error naming
both.

The checks are type tests and set lookups: a few hundred nanoseconds per finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, get_args

from missio import findings as f
from missio.calendar import ModeSolidarite
from missio.errors import HorsContrat
from missio.legal import StatutReference
from missio.models import Acteur, Dispositif, NiveauAlerte

DISPOSITIFS = frozenset(get_args(Dispositif))
ACTEURS = frozenset(get_args(Acteur))
NIVEAUX = frozenset(get_args(NiveauAlerte))
STATUTS = frozenset(get_args(StatutReference))
MODES_SOLIDARITE = frozenset(get_args(ModeSolidarite))
_MONTANT_MAX = Decimal("9999999999.99")  # the contract's 12 digits, two of them decimals


_TYPES = {
    bool: "booléen",
    int: "nombre entier",
    float: "nombre",
    Decimal: "nombre décimal",
    str: "texte",
    dict: "objet",
    list: "liste",
    tuple: "liste",
    type(None): "null",
    date: "date",
}


def montrer(valeur: Any) -> str:
    """A short French description of a value and its kind, for messages (never a long dump):
    « teleportation » (texte), 42 (nombre entier)."""
    texte = f"« {valeur} »" if isinstance(valeur, str) else repr(valeur)
    if len(texte) > 60:
        texte = texte[:57] + "…"
    genre = next((nom for cls, nom in _TYPES.items() if type(valeur) is cls), None)
    if genre is None:
        genre = "objet" if isinstance(valeur, Mapping) else type(valeur).__name__
    return f"{texte} ({genre})"


def texte(valeur: Any, champ: str) -> None:
    if type(valeur) is not str:
        raise HorsContrat(f"{champ} : un texte est attendu, reçu {montrer(valeur)}")


def parmi(valeur: Any, admis: frozenset[str], champ: str) -> None:
    if type(valeur) is not str or valeur not in admis:
        raise HorsContrat(
            f"{champ} {montrer(valeur)} hors du vocabulaire du contrat ; valeurs admises : "
            f"{', '.join(sorted(admis))}"
        )


def jour(valeur: Any, champ: str) -> None:
    # A datetime is a date for isinstance, but compares with none: refused.
    if valeur is not None and type(valeur) is not date:
        raise HorsContrat(
            f"{champ} : une date (datetime.date) est attendue, reçu {montrer(valeur)}"
        )


def _texte_ou_rien(valeur: Any, champ: str) -> None:
    if valeur is not None:
        texte(valeur, champ)


def _voie(c: Any) -> None:
    parmi(c.dispositif, DISPOSITIFS, "dispositif")
    texte(c.motif, "motif")


def _obligation(c: Any) -> None:
    texte(c.code, "code")
    texte(c.libelle, "libelle")
    parmi(c.responsable, ACTEURS, "responsable")
    jour(c.echeance, "echeance")


def _financement(c: Any) -> None:
    texte(c.poste, "poste")
    texte(c.libelle, "libelle")
    parmi(c.payeur, ACTEURS, "payeur")
    montant = c.montant
    if montant is not None and (
        type(montant) is not Decimal
        or not montant.is_finite()
        or montant < 0
        or montant > _MONTANT_MAX
    ):
        raise HorsContrat(
            f"montant : un Decimal positif ou nul d'au plus 10 chiffres avant la virgule est "
            f"attendu, reçu {montrer(montant)}"
        )


def _alerte(c: Any) -> None:
    texte(c.code, "code")
    texte(c.message, "message")
    parmi(c.niveau, NIVEAUX, "niveau")


def _blocage(c: Any) -> None:
    texte(c.code, "code")
    texte(c.message, "message")
    _texte_ou_rien(c.remede, "remede")


def _alternative(c: Any) -> None:
    parmi(c.dispositif, DISPOSITIFS, "dispositif")
    texte(c.condition, "condition")


def _document(c: Any) -> None:
    texte(c.code, "code")


def _constat(c: Any) -> None:
    texte(c.texte, "texte")


def _code_libelle(c: Any) -> None:
    texte(c.code, "code")
    texte(c.libelle, "libelle")


_PAR_TYPE: dict[type, Callable[[Any], None]] = {
    f.Voie: _voie,
    f.Obligation: _obligation,
    f.Financement: _financement,
    f.Alerte: _alerte,
    f.Blocage: _blocage,
    f.Alternative: _alternative,
    f.Document: _document,
    f.Constat: _constat,
    f.Condition: _code_libelle,
    f.Cas: _code_libelle,
}


# The fast path: one boolean expression per type, for findings that keep the contract (all of
# them, in a correct plugin); the functions above find what is wrong when one does not.
def _montant_ok(m: Any) -> bool:
    return m is None or (type(m) is Decimal and m.is_finite() and 0 <= m <= _MONTANT_MAX)


def _date_ok(d: Any) -> bool:
    return d is None or type(d) is date


_CORRECT: dict[type, Callable[[Any], bool]] = {
    f.Voie: lambda c: (
        type(c.dispositif) is str and c.dispositif in DISPOSITIFS and type(c.motif) is str
    ),
    f.Obligation: lambda c: (
        type(c.code) is str
        and type(c.libelle) is str
        and type(c.responsable) is str
        and c.responsable in ACTEURS
        and _date_ok(c.echeance)
    ),
    f.Financement: lambda c: (
        type(c.poste) is str
        and type(c.libelle) is str
        and type(c.payeur) is str
        and c.payeur in ACTEURS
        and _montant_ok(c.montant)
    ),
    f.Alerte: lambda c: (
        type(c.code) is str
        and type(c.message) is str
        and type(c.niveau) is str
        and c.niveau in NIVEAUX
    ),
    f.Blocage: lambda c: (
        type(c.code) is str
        and type(c.message) is str
        and (c.remede is None or type(c.remede) is str)
    ),
    f.Alternative: lambda c: (
        type(c.dispositif) is str and c.dispositif in DISPOSITIFS and type(c.condition) is str
    ),
    f.Document: lambda c: type(c.code) is str,
    f.Constat: lambda c: type(c.texte) is str,
    f.Condition: lambda c: type(c.code) is str and type(c.libelle) is str,
    f.Cas: lambda c: type(c.code) is str and type(c.libelle) is str,
}

# Citation keys already seen to be texts (findings of a rule cite the same keys every time).
_CLES_VUES: set[tuple[str, ...]] = set()


def _cles_ok(fondements: Any) -> bool:
    if type(fondements) is not tuple:
        return False
    if fondements in _CLES_VUES:
        return True
    if any(type(cle) is not str for cle in fondements):
        return False
    if len(_CLES_VUES) > 10_000:
        _CLES_VUES.clear()
    _CLES_VUES.add(fondements)
    return True


def _verification(classe: type) -> Callable[[Any], None] | None:
    for base in classe.__mro__:
        if base in _PAR_TYPE:
            return _PAR_TYPE[base]
    return None


def verifier_constat(constat: Any) -> None:
    """Check one finding; raise :class:`HorsContrat` saying what breaks the contract."""
    correct = _CORRECT.get(type(constat))
    try:
        if (
            correct is not None
            and type(constat.regle) is str
            and (constat.fondements in _CLES_VUES or _cles_ok(constat.fondements))
            and (constat.le is None or type(constat.le) is date)
            and correct(constat)
        ):
            return
    except TypeError:
        pass  # an unhashable value where a text is expected: said precisely below
    _en_detail(constat)


def _en_detail(constat: Any) -> None:
    verification = _PAR_TYPE.get(type(constat)) or _verification(type(constat))
    if verification is None:
        raise HorsContrat(
            f"{montrer(constat)} n'est pas un constat de missio.findings (Voie, Obligation, "
            "Financement, Alerte, Blocage, Alternative, Document, Condition, Cas, Constat)"
        )
    texte(constat.regle, "regle")
    fondements = constat.fondements
    if type(fondements) is not tuple or any(type(cle) is not str for cle in fondements):
        raise HorsContrat(
            f"fondements : des clés (textes) sont attendues, reçu {montrer(fondements)}"
        )
    jour(constat.le, "le")
    verification(constat)


def liste(resultat: Any, hook: str) -> tuple[Any, ...]:
    """A hook's list result, materialised (a generator runs here); None is an empty list."""
    if resultat is None:
        return ()
    if type(resultat) is list or type(resultat) is tuple:
        return tuple(resultat)
    if isinstance(resultat, str | bytes | Mapping) or not isinstance(resultat, Iterable):
        raise HorsContrat(f"{hook} doit renvoyer une liste, reçu {montrer(resultat)}")
    return tuple(resultat)


def surcharge(triplet: Any, declares: Mapping[str, Any]) -> tuple[str, Any, str]:
    """One ``(nom, valeur, origine)`` of ``missio_parameter_overrides``."""
    if not isinstance(triplet, tuple | list) or len(triplet) != 3:
        raise HorsContrat(f"un triplet (nom, valeur, origine) est attendu, reçu {montrer(triplet)}")
    nom, valeur, origine = triplet
    texte(nom, "nom du paramètre")
    texte(origine, "origine")
    if nom not in declares:
        raise HorsContrat(f"paramètre « {nom} » déclaré par aucun plugin")
    return nom, valeur, origine


def reglages(valeur: Any) -> dict[str, ModeSolidarite]:
    """The result of ``missio_engine_settings``: a mapping of known settings, or nothing."""
    if valeur is None:
        return {}
    if not isinstance(valeur, Mapping):
        raise HorsContrat(f"un dictionnaire de réglages est attendu, reçu {montrer(valeur)}")
    inconnus = sorted(str(cle) for cle in valeur if cle != "journee_solidarite")
    if inconnus:
        raise HorsContrat(
            f"réglage{'s' if len(inconnus) > 1 else ''} inconnu{'s' if len(inconnus) > 1 else ''} : "
            f"{', '.join(inconnus)} ; admis : journee_solidarite"
        )
    mode = valeur.get("journee_solidarite")
    if mode is None:
        return {}
    parmi(mode, MODES_SOLIDARITE, "journee_solidarite")
    return {"journee_solidarite": mode}


def lignes(valeur: Any, hook: str) -> list[str]:
    """A list of French report lines (``missio_check``)."""
    resultat = liste(valeur, hook)
    for ligne in resultat:
        texte(ligne, "ligne de compte rendu")
    return list(resultat)
