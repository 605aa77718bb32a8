"""Impact reports: what changes, case by case, between two rule sets (Markdown and HTML).

Cases are sorted by how deep their change goes, so that the few whose route changed are never
lost among many whose trace alone differs (a parameter set for every case writes its own trace
line in each): route or conformity changed, another fact of the decision changed, only the
acts' text changed — a section per case — then one line for the cases where only the trace
changed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import attrs

from missio.casebook.differences import ACTES, DECISION, TRACE, VOIE, Difference

TITRES = {
    VOIE: "Voie ou conformité changée",
    DECISION: "Décision changée, même voie",
    ACTES: "Seul le texte des actes change",
    TRACE: "Seule la trace change",
}


@attrs.frozen
class Impact:
    """The comparison of a casebook under rule sets A and B."""

    titre: str
    a: str  # what rule set A is (a date, a policy, a revision)
    b: str
    total: int
    changes: Sequence[tuple[str, str, Difference]]  # (case name, case title, difference)

    def par_niveau(self, niveau: str) -> list[tuple[str, str, Difference]]:
        return [change for change in self.changes if change[2].niveau == niveau]

    def compte(self) -> dict[str, int]:
        return {niveau: len(self.par_niveau(niveau)) for niveau in TITRES}

    def resume(self) -> str:
        """One line: how many cases change, and how deep."""
        detail = " ; ".join(f"{TITRES[n].lower()} : {k}" for n, k in self.compte().items())
        return f"{len(self.changes)} cas sur {self.total} changent ({detail})"


def _regles_trace(changes: Sequence[tuple[str, str, Difference]]) -> list[str]:
    return sorted({regle for _, _, diff in changes for regle in diff.regles})


def en_markdown(impact: Impact) -> str:
    compte = impact.compte()
    lignes = [
        f"# {impact.titre}",
        "",
        f"- **A** : {impact.a}",
        f"- **B** : {impact.b}",
        f"- Cas comparés : {impact.total} ; inchangés : {impact.total - len(impact.changes)}",
        *(f"- {TITRES[niveau]} : {compte[niveau]}" for niveau in TITRES),
        "",
    ]
    for niveau in (VOIE, DECISION, ACTES):
        cas = impact.par_niveau(niveau)
        if cas:
            lignes += [f"## {TITRES[niveau]} ({len(cas)})", ""]
            for nom, titre, diff in cas:
                lignes += _cas_markdown(nom, titre, diff)
    traces = impact.par_niveau(TRACE)
    if traces:
        regles = ", ".join(f"`{r}`" for r in _regles_trace(traces)) or "—"
        lignes += [
            f"## {TITRES[TRACE]} ({len(traces)})",
            "",
            f"{len(traces)} cas : décision et actes identiques ; seules les lignes de trace de "
            f"{regles} diffèrent.",
            "",
            f"<details><summary>Les {len(traces)} cas</summary>",
            "",
            ", ".join(nom for nom, _, _ in traces),
            "",
            "</details>",
            "",
        ]
    if not impact.changes:
        lignes.append("Aucun cas ne change.")
    return "\n".join(lignes) + "\n"


def _cas_markdown(nom: str, titre: str, diff: Difference) -> list[str]:
    lignes = [f"### {nom}", "", f"*{titre}*", "", "**Ce qui change**", ""]
    lignes += [f"- {c}" for c in diff.changements]
    if diff.regles:
        lignes += ["", "**Règles en cause**", ""] + [f"- `{r}`" for r in diff.regles]
    if diff.fondements:
        lignes += ["", "**Fondements cités différemment**", ""] + [
            f"- {f}" for f in diff.fondements
        ]
    for code, lignes_diff in diff.diff_textes.items():
        lignes += [
            "",
            f"<details><summary>Texte de l'acte {code}</summary>",
            "",
            "```diff",
            *lignes_diff,
            "```",
            "",
            "</details>",
        ]
    lignes.append("")
    return lignes


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2a44}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.4rem}
h3{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccd;padding-top:1rem}
.titre{font-style:italic;color:#556}ul{padding-left:1.2rem}code{background:#f2f4f8;padding:0 .2rem}
pre{background:#f7f8fa;padding:.6rem;overflow-x:auto;font-size:.85rem}
.plus{color:#176f2c}.moins{color:#a4161a}summary{cursor:pointer;color:#344}
"""


def _ligne_diff(ligne: str) -> str:
    classe = "plus" if ligne.startswith("+") else "moins" if ligne.startswith("-") else ""
    texte = html.escape(ligne)
    return f'<span class="{classe}">{texte}</span>' if classe else texte


def _cas_html(nom: str, titre: str, diff: Difference) -> list[str]:
    e = html.escape
    parties = [f'<h3>{e(nom)}</h3><p class="titre">{e(titre)}</p><p><b>Ce qui change</b></p><ul>']
    parties += [f"<li>{e(c)}</li>" for c in diff.changements]
    parties.append("</ul>")
    if diff.regles:
        parties.append(
            "<p><b>Règles en cause</b></p><ul>"
            + "".join(f"<li><code>{e(r)}</code></li>" for r in diff.regles)
            + "</ul>"
        )
    if diff.fondements:
        parties.append(
            "<p><b>Fondements cités différemment</b></p><ul>"
            + "".join(f"<li>{e(f)}</li>" for f in diff.fondements)
            + "</ul>"
        )
    for code, lignes in diff.diff_textes.items():
        parties.append(
            f"<details><summary>Texte de l'acte {e(code)}</summary><pre>"
            + "\n".join(_ligne_diff(ligne) for ligne in lignes)
            + "</pre></details>"
        )
    return parties


def en_html(impact: Impact) -> str:
    e = html.escape
    compte = impact.compte()
    parties = [
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{e(impact.titre)}</title>'
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(impact.titre)}</h1>",
        f"<ul><li><b>A</b> : {e(impact.a)}</li><li><b>B</b> : {e(impact.b)}</li>"
        f"<li>Cas comparés : {impact.total} ; inchangés : "
        f"{impact.total - len(impact.changes)}</li>"
        + "".join(f"<li>{e(TITRES[n])} : {compte[n]}</li>" for n in TITRES)
        + "</ul>",
    ]
    for niveau in (VOIE, DECISION, ACTES):
        cas = impact.par_niveau(niveau)
        if cas:
            parties.append(f"<h2>{e(TITRES[niveau])} ({len(cas)})</h2>")
            for nom, titre, diff in cas:
                parties += _cas_html(nom, titre, diff)
    traces = impact.par_niveau(TRACE)
    if traces:
        regles = ", ".join(f"<code>{e(r)}</code>" for r in _regles_trace(traces)) or "—"
        parties.append(
            f"<h2>{e(TITRES[TRACE])} ({len(traces)})</h2><p>{len(traces)} cas : décision et "
            f"actes identiques ; seules les lignes de trace de {regles} diffèrent.</p>"
            f"<details><summary>Les {len(traces)} cas</summary><p>"
            + e(", ".join(nom for nom, _, _ in traces))
            + "</p></details>"
        )
    if not impact.changes:
        parties.append("<p>Aucun cas ne change.</p>")
    parties.append("</body></html>")
    return "\n".join(parties) + "\n"
