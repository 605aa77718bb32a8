"""Generate ``docs/modeles.md``: every field, function and filter a template may use.

``python -m missio_templates.reference`` rewrites the file from the contract's JSON Schemas
(through :data:`missio.documents.RACINES`, the very tree that checks templates at load time)
and the French filters' docstrings; a test fails while the committed file differs.
"""

from __future__ import annotations

from pathlib import Path

from missio.champs_modeles import FONCTIONS, RACINES
from missio.francais import FILTRES
from missio.verification_modeles import Champ
from missio_templates import DOCUMENTS

CIBLE = Path(__file__).resolve().parent.parent / "docs" / "modeles.md"

INTRODUCTION = """\
# Modèles d'actes : référence des champs

> Fichier généré par `python -m missio_templates.reference` ; ne pas le modifier à la main
> (un test vérifie qu'il est à jour).

Chaque acte est un fichier .docx (Word ou LibreOffice) contenant des champs de fusion
[docxtpl](https://docxtpl.readthedocs.io) : `{{ agent.nom }}` insère une valeur,
`{% if … %}…{% endif %}` et `{% for … in … %}…{% endfor %}` conditionnent ou répètent du
texte ; `{%p if … %}` (seul dans son paragraphe) conditionne des paragraphes entiers et
`{%tr for … %}` (seul dans une ligne de tableau) répète des lignes.

**Remplacer un modèle.** Placez dans un dossier un fichier `<code>.docx` par acte à remplacer
(codes ci-dessous) et passez ce dossier au moteur (`missio render … --modeles DOSSIER`,
`Engine(modeles=…)`). Le plus simple est de partir du modèle par défaut
(`templates/docx/<code>.docx`) et de le modifier dans Word ou LibreOffice. Le logo de la
collectivité (`--logo logo.png`) apparaît là où le modèle écrit `{{ logo }}`.

**Contrôles au chargement.** Un modèle est vérifié dès que le moteur le charge, avant tout
acte : erreur de syntaxe, champ inconnu (`{{ agnet.nom }}`), chemin inconnu
(`{{ agent.prenon }}`, `{{ mission.periodes.debut }}` sur une liste), référence juridique ou
code inconnu dans `citer('…')`, `titre_document('…')`… Le message nomme le fichier et le champ.

**Sécurité.** Les modèles s'exécutent dans un environnement isolé (pas d'accès à Python ni
aux fichiers) ; le texte venant de la mission est échappé : un nom contenant `<`, `&` ou
`{{` s'écrit tel quel. Un champ vide qui n'est pas prévu est une erreur, jamais un blanc.

**Informations inconnues.** Quand un acte a besoin d'une donnée que la mission ne porte pas,
le modèle laisse une ligne pointillée (`…………`) à compléter, jamais un chiffre inventé.
"""


def _arbre(nom: str, champ: Champ, profondeur: int = 0) -> list[str]:
    """One bullet per field, nested like the data (lists show their items' fields)."""
    retrait = "  " * profondeur
    lignes = [f"{retrait}- `{nom}` : {champ.type or 'valeur'}"]
    if champ.elements is not None:
        lignes[0] += " (à parcourir avec `{% for x in … %}`)"
        champ = champ.elements
    for cle, sous_champ in (champ.proprietes or {}).items():
        lignes += _arbre(cle, sous_champ, profondeur + 1)
    return lignes


def generer() -> str:
    parties = [INTRODUCTION, "## Codes des actes", "", "| code | acte |", "| --- | --- |"]
    parties += [f"| `{code}` | {titre} |" for code, titre in DOCUMENTS.items()]
    parties += ["", "## Données", ""]
    for nom, champ in RACINES.items():
        if champ.type == "fonction":
            continue
        if nom == "doc":
            parties.append(
                "- `doc` : données propres à un document, quand son plugin en déclare "
                "(aucune pour les modèles par défaut)."
            )
            continue
        parties += _arbre(nom, champ)
    parties += [
        "",
        "`agent`, `employeur` et `accueil` sont des raccourcis de `mission.agent`, "
        "`mission.employeur` et `mission.accueil`. Les dates sont au format AAAA-MM-JJ : "
        "écrivez-les avec le filtre `date_fr`. Les montants sont des textes décimaux "
        "(« 1000.00 ») : écrivez-les avec `montant_fr` et `montant_lettres`.",
        "",
        "## Fonctions",
        "",
    ]
    parties += [f"- `{nom}` — {texte}" for nom, texte in FONCTIONS.items()]
    parties += [
        "",
        "## Filtres français",
        "",
        "S'emploient après une barre : `{{ valeur|filtre }}`, comme les filtres de Jinja "
        "(`length`, `join`, `default`, `upper`…).",
        "",
    ]
    for nom, filtre in FILTRES.items():
        doc = (filtre.__doc__ or "").strip().splitlines()[0] if filtre.__doc__ else ""
        parties.append(f"- `{nom}` — {doc}")
    return "\n".join(parties) + "\n"


def main() -> None:
    CIBLE.write_text(generer(), encoding="utf-8")
    print(f"{CIBLE} écrit.")


if __name__ == "__main__":
    main()
