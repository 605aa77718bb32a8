"""Coverage in reviewers' terms: which cases exercise each declared rule and legal reference."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from missio.casebook.execution import Resultat
from missio.engine import Engine


@attrs.frozen
class Couverture:
    regles: dict[str, list[str]]  # rule code -> names of the cases where it fired
    references: dict[str, list[str]]  # legal key -> names of the cases that cite it
    a_verifier: list[str]  # legal keys with a version still marked "à vérifier"

    @property
    def regles_sans_cas(self) -> list[str]:
        return [code for code, cas in self.regles.items() if not cas]

    @property
    def references_sans_cas(self) -> list[str]:
        return [cle for cle, cas in self.references.items() if not cas]


def couvrir(resultats: Iterable[Resultat], engine: Engine) -> Couverture:
    regles: dict[str, list[str]] = {code: [] for code in sorted(engine.regles)}
    references: dict[str, list[str]] = {cle: [] for cle in engine.referentiel}
    for resultat in resultats:
        if resultat.decision is None:
            continue
        for code in {t["regle"] for t in resultat.decision["trace"]}:
            regles.setdefault(code, []).append(resultat.cas.nom)
        for cle in {f["cle"] for f in resultat.decision["fondements"]}:
            references.setdefault(cle, []).append(resultat.cas.nom)
    a_verifier = [
        cle
        for cle in engine.referentiel
        if any(v.statut == "a_verifier" for v in engine.referentiel.source(cle).versions)
    ]
    return Couverture(regles, references, a_verifier)


def en_markdown(couverture: Couverture, engine: Engine) -> str:
    lignes = ["# Couverture du casebook", ""]
    lignes += [
        f"- Règles déclarées : {len(couverture.regles)}, sans aucun cas : {len(couverture.regles_sans_cas)}",
        f"- Références déclarées : {len(couverture.references)}, sans aucun cas : "
        f"{len(couverture.references_sans_cas)}",
        f"- Références encore « à vérifier » : {len(couverture.a_verifier)}",
        "",
    ]
    lignes += ["## Règles sans cas", ""]
    lignes += [
        f"- `{code}` ({engine.regles[code].plugin}) — {engine.regles[code].titre}"
        for code in couverture.regles_sans_cas
        if code in engine.regles
    ] or ["(aucune)"]
    lignes += ["", "## Références sans cas", ""]
    lignes += [
        f"- `{cle}` — {engine.referentiel.source(cle).intitule}"
        for cle in couverture.references_sans_cas
    ] or ["(aucune)"]
    lignes += ["", "## Références encore « à vérifier »", ""]
    for cle in couverture.a_verifier:
        versions = [
            v.citation() + (f" — {v.note}" if v.note else "")
            for v in engine.referentiel.source(cle).versions
            if v.statut == "a_verifier"
        ]
        lignes.append(
            f"- `{cle}` : {' ; '.join(versions)} ({len(couverture.references.get(cle, []))} cas)"
        )
    lignes += ["", "## Cas par règle", ""]
    for code, cas in couverture.regles.items():
        lignes.append(
            f"- `{code}` : {len(cas)} cas"
            + (f" ({', '.join(sorted(cas)[:5])}{'…' if len(cas) > 5 else ''})" if cas else "")
        )
    return "\n".join(lignes) + "\n"
