"""Impact reports: what changes, case by case, between two rule sets (Markdown and HTML)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import attrs

from missio.casebook.differences import Difference


@attrs.frozen
class Impact:
    """The comparison of a casebook under rule sets A and B."""

    titre: str
    a: str  # what rule set A is (a date, a policy, a revision)
    b: str
    total: int
    changes: Sequence[tuple[str, str, Difference]]  # (case name, case title, difference)


def en_markdown(impact: Impact) -> str:
    lignes = [
        f"# {impact.titre}",
        "",
        f"- **A** : {impact.a}",
        f"- **B** : {impact.b}",
        f"- Cas comparés : {impact.total} ; cas dont la décision ou les actes changent : "
        f"{len(impact.changes)}",
        "",
    ]
    for nom, titre, diff in impact.changes:
        lignes += [f"## {nom}", "", f"*{titre}*", "", "**Ce qui change**", ""]
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
    if not impact.changes:
        lignes.append("Aucun cas ne change.")
    return "\n".join(lignes) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2a44}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #ccd;padding-top:1rem}
.titre{font-style:italic;color:#556}ul{padding-left:1.2rem}code{background:#f2f4f8;padding:0 .2rem}
pre{background:#f7f8fa;padding:.6rem;overflow-x:auto;font-size:.85rem}
.plus{color:#176f2c}.moins{color:#a4161a}summary{cursor:pointer;color:#344}
"""


def _ligne_diff(ligne: str) -> str:
    classe = "plus" if ligne.startswith("+") else "moins" if ligne.startswith("-") else ""
    texte = html.escape(ligne)
    return f'<span class="{classe}">{texte}</span>' if classe else texte


def en_html(impact: Impact) -> str:
    e = html.escape
    parties = [
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{e(impact.titre)}</title>'
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(impact.titre)}</h1>",
        f"<ul><li><b>A</b> : {e(impact.a)}</li><li><b>B</b> : {e(impact.b)}</li>"
        f"<li>Cas comparés : {impact.total} ; cas qui changent : {len(impact.changes)}</li></ul>",
    ]
    for nom, titre, diff in impact.changes:
        parties.append(
            f'<h2>{e(nom)}</h2><p class="titre">{e(titre)}</p><p><b>Ce qui change</b></p><ul>'
        )
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
    if not impact.changes:
        parties.append("<p>Aucun cas ne change.</p>")
    parties.append("</body></html>")
    return "\n".join(parties) + "\n"
