"""Generated bad input: thousands of mutated missions through the command line's path.

Each mutation starts from a valid mission (the example or a casebook case) and breaks one or
two things: a value of the wrong type, an impossible or far date, text no document can hold,
huge numbers, NaN, deep nesting, a key given twice, a missing or unknown field, corrupted
bytes… Each mutated file goes through ``missio evaluate`` (click's runner, in this process, so
thousands run in minutes), and every accepted mission is also rendered to DOCX in memory.

Outcomes counted:

- refused cleanly: exit 2, a French message naming a field (``- chemin : message``), no
  English, no traceback, no echo longer than a short prefix;
- accepted: exit 0, and its acts render;
- failures: anything else (exit 1, a traceback, English, a render that raises, a refusal
  without a field): each is printed with its mutation.

    .venv/bin/python benchmarks/entrees_mutees.py --nombre 3000
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
CASEBOOK = RACINE / "tests" / "casebook"
# Bases taken from the casebook: several routes, territories and the expe_ct extension.
CAS = (
    "statut_fpt/operateur-131-jours",
    "statut_fpt/mad-a-cheval-sur-le-code",
    "statut_fpt/territoire-moselle-vendredi-saint",
    "expe_ct/t03-huit-jours",
    "statut_fpt/stagiaire-operateur-40-jours",
)

# English that must never reach a user (pydantic's and click's own words).
ANGLAIS = re.compile(
    r"Input should|Value error|validation error|Field required|\[type=|Traceback|"
    r"Error:|Usage:|Invalid value|is not a valid|does not match|object has no attribute"
)
# The longest quoted value a message may echo (the prefix, an ellipsis and the length).
ECHO_MAX = 120

CHAINES = [
    "",
    " ",
    "\u00a0\u00a0",
    "\u200b",
    "\u200b\u200d\ufeff",
    "\u3164",
    "\u0301",
    "a\x00b",
    "a\x01b",
    "tab\tet\nligne",
    "retour\r\nchariot",
    "a\x0bb",
    "\ufffe",
    "fin\uffff",
    "\ud800",
    "x\udfff",
    "\u202etxet",
    "🚀 mission",
    "é" * 501,
    "x" * 10_000,
    "y" * 1_000_000,
    "<w:t>]]></w:t>",
    "{{ mission.agent.nom }}",
    "{% raw %}",
    "'; DROP TABLE",
    "\\u0000",
]
DATES: list[Any] = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2007-06-30",
    "2046-05-01",
    "2099-12-31",
    "2100-01-01",
    "2100-12-31",
    "2026-02-30",
    "2026-13-01",
    "2026-3-2",
    "02/03/2026",
    "2026-03-02T10:00:00",
    "2026-03-02T00:00:00Z",
    "",
    1772409600,
    20260302,
    1.5e9,
    -1,
    True,
    None,
    [],
    {},
]
NOMBRES: list[Any] = [
    0,
    -1,
    1,
    10**30,
    -(10**30),
    10**4000,
    0.5,
    1e308,
    -0.0,
    1e-400,
    "12",
    "douze",
    True,
    None,
    [],
    {},
]
CONSTANTES_JSON = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" * 5000]


@dataclass
class Mutant:
    description: str
    octets: bytes


@dataclass
class Bilan:
    generes: int = 0
    refuses: int = 0
    refuses_document: int = 0  # of them, refused as a whole (not JSON, not UTF-8, not an object)
    acceptes: int = 0
    echecs: list[tuple[str, str]] = field(default_factory=list)
    champs: Counter[str] = field(default_factory=Counter)


def _bases() -> list[dict[str, Any]]:
    from missio.casebook.cas import charger

    bases = [json.loads(EXEMPLE.read_text(encoding="utf-8"))]
    for nom in CAS:
        cas = charger(CASEBOOK / f"{nom}.yaml", CASEBOOK)
        bases.append(json.loads(json.dumps(cas.mission, default=str)))
    return bases


def _chemins(valeur: Any, lieu: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    chemins = [lieu]
    if isinstance(valeur, dict):
        for cle, element in valeur.items():
            chemins += _chemins(element, (*lieu, cle))
    elif isinstance(valeur, list):
        for index, element in enumerate(valeur):
            chemins += _chemins(element, (*lieu, index))
    return chemins


def _poser(racine: Any, lieu: tuple[Any, ...], valeur: Any) -> Any:
    if not lieu:
        return valeur
    parent = racine
    for part in lieu[:-1]:
        parent = parent[part]
    parent[lieu[-1]] = valeur
    return racine


def _imbrique(profondeur: int) -> Any:
    valeur: Any = 1
    for _ in range(profondeur):
        valeur = {"a": valeur}
    return valeur


def _texte(mission: Any) -> bytes:
    return json.dumps(mission, ensure_ascii=False).encode("utf-8", "surrogatepass")


class Generateur:
    def __init__(self, graine: int) -> None:
        self.tirage = random.Random(graine)
        self.bases = _bases()

    def mutant(self) -> Mutant:
        base = copy.deepcopy(self.tirage.choice(self.bases))
        operation = self.tirage.choice(self.operations)
        description, octets = operation(self, base)
        return Mutant(description, octets)

    # --- value mutations ------------------------------------------------------------------

    def _valeur(self, base: Any, choix: list[Any], quoi: str) -> tuple[str, bytes]:
        lieu = self.tirage.choice(_chemins(base)[1:])
        valeur = copy.deepcopy(self.tirage.choice(choix))
        base = _poser(base, lieu, valeur)
        return f"{quoi} {lieu} = {str(valeur)[:40]!r}", _texte(base)

    def type_quelconque(self, base: Any) -> tuple[str, bytes]:
        return self._valeur(base, [*CHAINES[:8], *DATES[15:], *NOMBRES], "type")

    def chaine(self, base: Any) -> tuple[str, bytes]:
        return self._valeur(base, CHAINES, "texte")

    def date(self, base: Any) -> tuple[str, bytes]:
        lieux = [c for c in _chemins(base) if c and str(c[-1]) in DATES_CHAMPS]
        lieu = self.tirage.choice(lieux)
        valeur = self.tirage.choice(DATES)
        _poser(base, lieu, valeur)
        return f"date {lieu} = {valeur!r}", _texte(base)

    def nombre(self, base: Any) -> tuple[str, bytes]:
        lieux = [c for c in _chemins(base) if c and str(c[-1]) in NOMBRES_CHAMPS]
        lieu = self.tirage.choice(lieux)
        valeur = self.tirage.choice(NOMBRES)
        _poser(base, lieu, valeur)
        return f"nombre {lieu} = {str(valeur)[:40]!r}", _texte(base)

    def constante(self, base: Any) -> tuple[str, bytes]:
        lieux = [c for c in _chemins(base) if c and str(c[-1]) in NOMBRES_CHAMPS | DATES_CHAMPS]
        lieu = self.tirage.choice(lieux)
        _poser(base, lieu, "@@CONSTANTE@@")
        constante = self.tirage.choice(CONSTANTES_JSON)
        texte = _texte(base).replace(b'"@@CONSTANTE@@"', constante.encode())
        return f"constante {lieu} = {constante[:20]}", texte

    def imbrication(self, base: Any) -> tuple[str, bytes]:
        profondeur = self.tirage.choice([3, 19, 21, 40, 500, 5_000, 200_000])
        lieu = self.tirage.choice(_chemins(base)[1:])
        if profondeur > 1000:  # json.dumps itself would recurse: write the text directly
            _poser(base, lieu, "@@NID@@")
            nid = b'{"a":' * profondeur + b"1" + b"}" * profondeur
            return f"imbrication {lieu} x{profondeur}", _texte(base).replace(b'"@@NID@@"', nid)
        _poser(base, lieu, _imbrique(profondeur))
        return f"imbrication {lieu} x{profondeur}", _texte(base)

    def cle_en_double(self, base: Any) -> tuple[str, bytes]:
        objets = [c for c in _chemins(base) if isinstance(_lire(base, c), dict) and _lire(base, c)]
        lieu = self.tirage.choice(objets)
        objet = _lire(base, lieu)
        cle = self.tirage.choice(list(objet))
        autre = self.tirage.choice([objet[cle], "autre", 3, None])
        base = _poser(base, lieu, {**objet, "@@DOUBLE@@": autre})
        texte = _texte(base).replace(b'"@@DOUBLE@@"', json.dumps(cle).encode())
        return f"clé en double {lieu}.{cle}", texte

    def champ_retire(self, base: Any) -> tuple[str, bytes]:
        objets = [c for c in _chemins(base) if isinstance(_lire(base, c), dict) and _lire(base, c)]
        lieu = self.tirage.choice(objets)
        objet = _lire(base, lieu)
        cle = self.tirage.choice(list(objet))
        del objet[cle]
        return f"champ retiré {lieu}.{cle}", _texte(base)

    def champ_inconnu(self, base: Any) -> tuple[str, bytes]:
        objets = [c for c in _chemins(base) if isinstance(_lire(base, c), dict)]
        lieu = self.tirage.choice(objets)
        cle = self.tirage.choice(["inconnu", "Reference", "x" * 100_000, "\u200b", "a\x01"])
        _lire(base, lieu)[cle] = 1
        return f"champ inconnu {lieu}.{cle[:20]!r}", _texte(base)

    def coherence(self, base: Any) -> tuple[str, bytes]:
        debut = base["periodes"][0]["debut"]
        fin = base["periodes"][-1]["fin"]
        choix: list[tuple[str, Callable[[], None]]] = [
            ("date_demande après la fin", lambda: base.update(date_demande="2099-12-31")),
            ("date_demande le jour du départ", lambda: base.update(date_demande=debut)),
            ("naissance après le début", lambda: base["agent"].update(date_naissance=fin)),
            ("agent de 10 ans", lambda: base["agent"].update(date_naissance="2019-01-01")),
            ("jours_expertise énorme", lambda: base.update(jours_expertise=10**6)),
            ("jours_expertise = 366", lambda: base.update(jours_expertise=366)),
            ("périodes inversées", lambda: base["periodes"].reverse()),
            (
                "mille périodes",
                lambda: base.update(periodes=[{"debut": debut, "fin": debut}] * 1000),
            ),
            (
                "période de 90 ans",
                lambda: base.update(periodes=[{"debut": "2008-01-01", "fin": "2099-12-31"}]),
            ),
            (
                "mission en 2060",
                lambda: base.update(periodes=[{"debut": "2060-05-10", "fin": "2060-06-20"}]),
            ),
        ]
        nom, faire = self.tirage.choice(choix)
        faire()
        return nom, _texte(base)

    def octets(self, base: Any) -> tuple[str, bytes]:
        texte = _texte(base)
        coupe = self.tirage.randrange(len(texte))
        choix = [
            ("tronqué", texte[:coupe]),
            ("octet invalide", texte[:coupe] + b"\xff" + texte[coupe:]),
            ("substitut en UTF-8", texte[:coupe] + b"\xed\xa0\x80" + texte[coupe:]),
            ("BOM", b"\xef\xbb\xbf" + texte),
            ("UTF-16", json.dumps(base).encode("utf-16")),
            ("vide", b""),
            ("liste", b"[" + texte + b"]"),
            ("nombre", b"42"),
            ("nul", b"\x00" * 10),
        ]
        nom, octets = self.tirage.choice(choix)
        return f"octets : {nom}", octets

    operations: ClassVar[list[Callable[[Generateur, Any], tuple[str, bytes]]]] = [
        type_quelconque,
        chaine,
        chaine,
        date,
        date,
        nombre,
        constante,
        imbrication,
        cle_en_double,
        champ_retire,
        champ_inconnu,
        coherence,
        coherence,
        octets,
    ]


DATES_CHAMPS = {"debut", "fin", "date_demande", "date_naissance", "fin_contrat", "obtenu_le"}
NOMBRES_CHAMPS = {
    "jours_expertise",
    "quotite_travail",
    "teletravail_jours_par_semaine",
    "remuneration_accueil",
    "remuneration_brute_mensuelle",
    "missions_dans_l_annee",
    "nombre_personnes",
    "jours",
}


def _lire(racine: Any, lieu: tuple[Any, ...]) -> Any:
    for part in lieu:
        racine = racine[part]
    return racine


class Banc:
    """Runs mutated files through `missio evaluate` (in process) and renders accepted ones."""

    def __init__(self, dossier: Path) -> None:
        from click.testing import CliRunner

        from missio.documents import Redacteur
        from missio.engine import Engine

        self.dossier = dossier
        self.runner = CliRunner()
        self.engine = Engine()
        self.redacteur = Redacteur(self.engine)

    def juger(self, mutant: Mutant, bilan: Bilan) -> None:
        from missio.cli.commands import main

        fichier = self.dossier / "mission.json"
        fichier.write_bytes(mutant.octets)
        bilan.generes += 1
        resultat = self.runner.invoke(main, ["evaluate", str(fichier)])
        sortie = resultat.stdout + resultat.stderr
        probleme = self._probleme(resultat.exit_code, sortie, resultat.exception)
        if probleme is None and resultat.exit_code == 0:
            probleme = self._rendre(mutant.octets)
        if probleme is not None:
            bilan.echecs.append((mutant.description, probleme))
        elif resultat.exit_code == 2:
            bilan.refuses += 1
            champs = re.findall(r"^- (.+?) : ", resultat.stderr, re.MULTILINE)
            bilan.refuses_document += set(champs) == {"(racine)"}
            for champ in champs:
                bilan.champs[re.sub(r"\[\d+\]", "[]", champ)] += 1
        else:
            bilan.acceptes += 1

    def _probleme(self, code: int, sortie: str, exception: BaseException | None) -> str | None:
        if exception is not None and not isinstance(exception, SystemExit):
            return f"exception {type(exception).__name__} : {str(exception)[:200]}"
        if code not in (0, 2):
            return f"code {code} : {sortie[:300]}"
        if ANGLAIS.search(sortie):
            return f"anglais : {sortie[:300]}"
        if code == 2:
            if not re.search(r"^- .+? : ", sortie, re.MULTILINE):
                return f"refus sans champ : {sortie[:300]}"
            trop_long = [m for m in re.findall(r"« ([^»]*) »", sortie) if len(m) > ECHO_MAX]
            if trop_long:
                return f"écho de {len(trop_long[0])} caractères"
        return None

    def _rendre(self, octets: bytes) -> str | None:
        try:
            mission = self.engine.valider(octets)
            decision = self.engine.evaluer(mission)
            self.redacteur.fichiers(decision, mission)
        except Exception as exc:
            return f"rendu : {type(exc).__name__} : {str(exc)[:200]}"
        return None


def executer(nombre: int, graine: int = 2026) -> Bilan:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    generateur = Generateur(graine)
    bilan = Bilan()
    with tempfile.TemporaryDirectory() as dossier:
        banc = Banc(Path(dossier))
        for _ in range(nombre):
            banc.juger(generateur.mutant(), bilan)
    return bilan


def main() -> None:
    lecteur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    lecteur.add_argument("--nombre", type=int, default=3000)
    lecteur.add_argument("--graine", type=int, default=2026)
    options = lecteur.parse_args()
    bilan = executer(options.nombre, options.graine)
    print(f"générées : {bilan.generes}")
    print(f"refusées proprement (code 2, message en français) : {bilan.refuses}")
    print(f"  dont nommant un champ : {bilan.refuses - bilan.refuses_document}")
    print(f"  dont refusées en entier (pas du JSON, pas de l'UTF-8…) : {bilan.refuses_document}")
    print(f"acceptées (décision rendue, actes rédigés) : {bilan.acceptes}")
    print(f"échecs (trace, code 1, anglais, rendu en erreur) : {len(bilan.echecs)}")
    print(
        "champs nommés le plus souvent : "
        + ", ".join(f"{champ} ({n})" for champ, n in bilan.champs.most_common(12))
    )
    for description, probleme in bilan.echecs[:40]:
        print(f"  - {description} → {probleme}")
    sys.exit(1 if bilan.echecs else 0)


if __name__ == "__main__":
    main()
