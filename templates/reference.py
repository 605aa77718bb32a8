"""Generate ``docs/modeles.md``: every field, function and filter a template may use.

``python -m missio_templates.reference`` rewrites the file from the contract's JSON Schemas
(through :data:`missio.documents.RACINES`, the very tree that checks templates at load time)
and the French filters' docstrings; a test fails while the committed file differs.
"""

from __future__ import annotations

from pathlib import Path

from missio.documents.champs_modeles import FONCTIONS, RACINES
from missio.documents.francais import FILTRES
from missio.documents.verification_modeles import Champ
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
(`missio modeles export DOSSIER CODE`, voir plus bas) et de le modifier dans Word ou
LibreOffice. Le logo de la collectivité (`--logo logo.png`) apparaît là où le modèle écrit
`{{ logo }}`.

**Contrôles au chargement.** Un modèle est vérifié dès que le moteur le charge, avant tout
acte : erreur de syntaxe, champ inconnu (`{{ agnet.nom }}`), chemin inconnu
(`{{ agent.prenon }}`, `{{ mission.periodes.debut }}` sur une liste), référence juridique ou
code inconnu dans `citer('…')`, `titre_document('…')`… Le message nomme le fichier et le champ.

**Sécurité.** Les modèles s'exécutent dans un environnement isolé (pas d'accès à Python ni
aux fichiers) ; le texte venant de la mission est échappé : un nom contenant `<`, `&` ou
`{{` s'écrit tel quel. Un champ vide qui n'est pas prévu est une erreur, jamais un blanc.

**Informations inconnues.** Quand un acte a besoin d'une donnée que la mission ne porte pas,
le modèle laisse une ligne pointillée à compléter, jamais un chiffre inventé :
`{{ a_completer("date de la demande de l'agent") }}` écrit les pointillés et inscrit leur
libellé dans l'encadré de relecture. Les pointillés remplis au moment de signer (« Fait à …,
le … », numéro de l'arrêté) s'écrivent tels quels et n'y figurent pas.

## Encadré « Avant signature »

En tête de chaque acte, un encadré liste ce que le signataire doit encore faire : les
**références « à vérifier »** que l'acte cite (numéro d'article non relu dans le texte
officiel : dans le texte de l'acte, ces mots sont surlignés) et les **informations à
compléter** (les pointillés de `a_completer`, et les parties qu'une source laisse inconnues,
comme le numéro et la date d'une délibération). Un acte sans l'un ni l'autre n'a pas
d'encadré. Le signataire le supprime une fois les points traités. Dans un modèle, l'encadré
se place avec `{{ encadre_revue }}`, seul dans un paragraphe ; un modèle qui ne l'écrit pas
n'en a pas (les mêmes points restent dans le fichier de provenance).

## Typographie et mise en page

Toute valeur écrite dans un acte (noms, messages de la décision, citations) reçoit la
typographie française : espace insécable fine avant « ; ! ? » et à l'intérieur des
guillemets, insécable avant « : », accord des pluriels écrits « jour(s) » selon le nombre. Les
filtres `de`, `a` et `article` contractent l'article d'un nom (« du Havre », « des Abymes »,
« de l'Eurométropole de Strasbourg »). Les modèles par défaut gardent ensemble le titre, le nom
et la place de la signature (ligne de tableau insécable), numérotent les pages « N / M » et
écrivent, dans les propriétés du document, le titre de l'acte et le nom de la collectivité.

## En-tête commun

L'en-tête (logo et nom de la collectivité) est commun à tous les actes : pour le changer une
fois pour tous, placez dans le dossier des modèles un fichier `en_tete.docx` (à partir de
`missio modeles export DOSSIER en_tete`) dont l'en-tête de page remplace celui de chaque
acte, modèle par défaut ou modèle de la collectivité. Son corps n'est pas utilisé.

## Ce que la décision demande d'écrire

Un acte énonce le droit que la décision a retenu, pas une liste de textes possibles :

- **le cas juridique** : `cas('detachement.cas')`, `cas('mad.organisme_accueil')`,
  `cas('elu.mandat_special')` donnent le cas retenu (`libelle`) et, dans `fondements[0]`, la
  clé qui cite son article : `{{ citer(cas('detachement.cas').fondements[0]) }}` écrit
  « Décret n° 86-68 du 13 janvier 1986, art. 2, 9° b) » et non tout l'article 2 ;
- **les conditions à mentionner** : `condition('mad.lien_fonctionnel')` (État étranger,
  L. 512-8, 7°), `condition('mad.missions_service_public')` (opérateur, L. 512-8, 4°),
  `condition('detachement.convention_9b')`, `condition('detachement.approbation_contrat')`
  (5° a et 6°), `condition('detachement.option_cnracl')` : rien quand la décision ne les
  demande pas, à tester avec `{% if %}` ;
- **la date de signature** : un acte « avant le départ » cite le droit en vigueur le jour où il
  est signé, comme la décision lit ses obligations : les modèles par défaut lisent l'échéance
  de l'obligation qui demande l'acte (`{%p set signe = obligation('mad.arrete').echeance %}`)
  et écrivent `citer('mad.conditions', le=signe)` ; un acte signé avant le 1er mars 2022 ne
  cite jamais le code général de la fonction publique. `reference(cle, le=…)` donne la
  version que la décision cite ce jour-là ;
- **la quotité de mise à disposition** : `mission.quotite_mise_a_disposition` (part du service
  de l'agent mise à la disposition de l'organisme d'accueil, 1 par défaut), jamais
  `agent.quotite_travail` ;
- **les jours** : `decision.jours_ouvres_periodes` (jours ouvrés d'absence) et
  `decision.volume_jours_ouvres` (jours d'expertise quand ils sont déclarés) s'impriment
  séparément quand ils diffèrent.

## Provenance de chaque clause

`missio render` écrit, à côté de chaque acte, `<code>.provenance.json` : pour chaque
paragraphe (son rang `index` dans le corps et ses premiers mots `debut`), les **règles** de la
décision dont il procède (plugin, code, titre), les **références** qu'il cite ou qui le
fondent (clé, texte, article, état de vérification : la version que le paragraphe imprime,
celle du jour de la signature quand l'acte cite à cette date, sinon celle des dates de la
mission), les **données de la mission** qu'il reprend (`mission.agent.nom`…) et les éléments
de la décision qu'il lit (`dispositif`, `obligation:<code>`, `financement:<poste>`,
`cas:<code>`, `condition:<code>`… : les clés de ces éléments comptent parmi ses références) ;
en tête, la règle qui a demandé
l'acte et le contenu de l'encadré de relecture. `missio render … --relecture` écrit en plus
`<code>.relecture.docx` : l'acte, avec ces informations en commentaires dans la marge, pour le
juriste qui se demande « pourquoi l'acte dit-il cela ? ».

La provenance se lit dans le modèle : ce qu'un paragraphe cite avec `citer`, les champs qu'il
écrit, les conditions et boucles qui l'entourent. Pour un paragraphe de texte fixe qui
énonce une règle de droit, l'auteur du modèle la déclare avec
`{{ source(cles=['detachement.definition'], champs=['mission.accueil.pays']) }}` (dans les
sources YAML des modèles par défaut : `source: {cles: […], champs: […]}` sur le bloc) ;
une clé ou une règle inconnue est refusée au chargement.

## Modèles de la collectivité : export et vérification

- `missio modeles export DOSSIER [CODES…]` écrit les modèles par défaut (tous, ou les codes
  donnés ; `en_tete` pour l'en-tête commun) et, dans `DOSSIER/modeles.json`, l'empreinte de
  chacun tel qu'exporté.
- `missio modeles check DOSSIER` charge chaque modèle du dossier comme au rendu (champs,
  chemins, références) et dit, pour chacun, s'il est valide et si le modèle par défaut qu'il
  remplace **a changé depuis l'export** : la collectivité sait quels actes reporter une
  correction des modèles par défaut. Code de sortie 2 si un modèle est invalide.

## Limites d'un modèle de la collectivité

Un modèle de la collectivité s'exécute avec des limites : 5 secondes de rendu par acte, 2
millions de caractères par valeur ou par partie du document, et les opérations qui
multiplient un texte ou une liste (`*`, `**`, `%`, `~`, `replace`, `join`, `center`…)
vérifiées avant de s'exécuter. Un modèle qui les dépasse (`{{ 'a' * 10**9 }}`) est arrêté
sans consommer la mémoire de la machine, avec une erreur en français qui nomme le fichier
(code de sortie 2, « Erreur : … ») ; toute erreur d'un modèle est une erreur de
l'utilisateur (code 2), jamais une erreur interne.
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
