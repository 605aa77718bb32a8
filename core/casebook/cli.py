"""Commands for legal reviewers: ``missio casebook run|accept|coverage`` and ``missio compare``.

They work on a casebook folder (``tests/casebook`` by default) without writing any Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from missio.casebook.cas import CasPratique
    from missio.casebook.differences import Difference
    from missio.casebook.execution import Fabrique, Resultat

DOSSIER_DEFAUT = Path("tests/casebook")
F = TypeVar("F", bound=Callable[..., Any])


def _en_francais(commande: F) -> F:
    """The main CLI's French errors and exit codes (2: bad input, e.g. an unknown parameter;
    1: internal error naming the plugin), never a traceback."""

    @wraps(commande)
    def enveloppe(*args: Any, **kwargs: Any) -> Any:
        from missio.cli.commands import _erreurs_en_francais

        return _erreurs_en_francais(commande)(*args, **kwargs)

    return enveloppe  # type: ignore[return-value]


argument_dossier = click.argument(
    "dossier", type=click.Path(exists=True, path_type=Path), default=DOSSIER_DEFAUT, required=False
)
option_cas = click.option(
    "--cas",
    "noms",
    multiple=True,
    metavar="NOM",
    help="Limite aux cas nommés (chemin relatif sans extension, ex. statut_fpt/operateur-6-jours).",
)


def _cas(dossier: Path, noms: tuple[str, ...]) -> list[CasPratique]:
    from missio.casebook.cas import charger, trouver

    racine = dossier if dossier.is_dir() else dossier.parent
    tous = [charger(chemin, racine) for chemin in trouver(dossier)]
    if noms:
        inconnus = sorted(set(noms) - {c.nom for c in tous})
        if inconnus:
            pluriel = "s" if len(inconnus) > 1 else ""
            raise click.UsageError(f"cas inconnu{pluriel} : {', '.join(inconnus)}")
        tous = [c for c in tous if c.nom in noms]
    return tous


def _fabrique(
    parametres: dict[str, Any] | None = None, politiques: tuple[str, ...] = ()
) -> Fabrique:
    from missio.casebook.execution import Fabrique

    return Fabrique((), parametres, politiques)


def _executer(
    liste: list[CasPratique], fabrique: Fabrique
) -> Iterator[tuple[CasPratique, Resultat]]:
    from missio.casebook.execution import executer

    for cas in liste:
        yield cas, executer(cas, fabrique)


def _afficher_difference(diff: Difference, details: bool = True) -> None:
    for changement in diff.changements:
        click.echo(f"    • {changement}")
    if diff.regles:
        click.echo("    Règles en cause : " + ", ".join(diff.regles))
    for fondement in diff.fondements:
        click.echo(f"    Fondement cité {fondement}")
    if details:
        for ligne in diff.diff_decision:
            click.echo(f"      {ligne}")
        for lignes in diff.diff_textes.values():
            for ligne in lignes:
                click.echo(f"      {ligne}")


@click.group()
def casebook() -> None:
    """Casebook des juristes : rejouer, accepter une modification relue, mesurer la couverture."""


@casebook.command("run")
@argument_dossier
@option_cas
@click.option("--court", is_flag=True, help="N'affiche pas les différences ligne à ligne.")
@_en_francais
def run(dossier: Path, noms: tuple[str, ...], court: bool) -> None:
    """Rejoue chaque cas : inchangé, modifié (avec la différence), ou contraire à l'attendu."""
    from missio.casebook.differences import comparer
    from missio.casebook.enregistrement import lire_enregistrement, nouvel_enregistrement

    compte = dict.fromkeys(("inchangé", "modifié", "contraire à l'attendu", "nouveau"), 0)
    for cas, resultat in _executer(_cas(dossier, noms), _fabrique()):
        enregistre = lire_enregistrement(cas)
        diff = comparer(enregistre, nouvel_enregistrement(resultat))
        if resultat.ecarts:
            etat = "contraire à l'attendu"
        elif resultat.decision is not None and enregistre.decision is None:
            etat = "nouveau"
        else:
            etat = "inchangé" if diff.vide else "modifié"
        compte[etat] += 1
        if etat == "inchangé":
            continue
        click.echo(f"✗ {etat} : {cas.nom} — {cas.titre}")
        for ecart in resultat.ecarts:
            click.echo(f"    • {ecart}")
        if etat != "nouveau":
            _afficher_difference(diff, details=not court)
    click.echo(
        f"{sum(compte.values())} cas : " + ", ".join(f"{etat} {n}" for etat, n in compte.items())
    )
    if sum(compte.values()) != compte["inchangé"]:
        raise SystemExit(1)


@casebook.command("accept")
@argument_dossier
@option_cas
@click.option("--par", required=True, help="Qui accepte (nom et qualité du juriste).")
@click.option(
    "--motif",
    required=True,
    help="Pourquoi : le fondement juridique du changement (texte, article, date).",
)
@_en_francais
def accept(dossier: Path, noms: tuple[str, ...], par: str, motif: str) -> None:
    """Enregistre les nouveaux résultats relus, avec qui, quand et pourquoi (journal du cas)."""
    from missio.casebook.differences import comparer
    from missio.casebook.enregistrement import (
        ecrire_enregistrement,
        journaliser,
        lire_enregistrement,
        nouvel_enregistrement,
    )

    acceptes = 0
    for cas, resultat in _executer(_cas(dossier, noms), _fabrique()):
        if resultat.ecarts:
            click.echo(
                f"✗ refusé : {cas.nom} contredit son attendu ; corrigez l'attendu ou la règle."
            )
            for ecart in resultat.ecarts:
                click.echo(f"    • {ecart}")
            continue
        diff = comparer(lire_enregistrement(cas), nouvel_enregistrement(resultat))
        if diff.vide or resultat.decision is None:
            continue
        ecrire_enregistrement(cas, resultat)
        journaliser(cas, par, motif, diff.changements + [f"règle {r}" for r in diff.regles])
        acceptes += 1
        click.echo(f"✓ accepté : {cas.nom}")
        _afficher_difference(diff, details=False)
    click.echo(f"{acceptes} cas accepté{'s' if acceptes > 1 else ''}.")


@casebook.command("coverage")
@argument_dossier
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Écrit le rapport Markdown dans ce fichier.",
)
@_en_francais
def coverage(dossier: Path, out: Path | None) -> None:
    """Liste, pour chaque règle et chaque référence, les cas qui l'exercent, et celles sans cas."""
    from missio.casebook.couverture import couvrir, en_markdown
    from missio.engine import Engine

    resultats = [r for _, r in _executer(_cas(dossier, ()), _fabrique())]
    engine = Engine()
    texte = en_markdown(couvrir(resultats, engine), engine)
    if out:
        out.write_text(texte, encoding="utf-8")
        click.echo(str(out))
    else:
        click.echo(texte)


def _parametres(valeurs: tuple[str, ...]) -> dict[str, Any]:
    from missio.cli.commands import _parametres as lire

    return lire(valeurs)


@click.command()
@argument_dossier
@option_cas
@click.option(
    "--dates",
    nargs=2,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="A B",
    help="Compare le droit de deux dates : chaque mission est déplacée pour commencer à A, puis à B.",
)
@click.option(
    "--parametre-a", multiple=True, metavar="NOM=VALEUR", help="Paramètre du jeu de règles A."
)
@click.option(
    "--parametre-b", multiple=True, metavar="NOM=VALEUR", help="Paramètre du jeu de règles B."
)
@click.option(
    "--politique-a",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Politique du jeu A.",
)
@click.option(
    "--politique-b",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Politique du jeu B.",
)
@click.option(
    "--revision", metavar="REV", help="Compare la révision git REV (A) à la version installée (B)."
)
@click.option(
    "--md", "sortie_md", type=click.Path(dir_okay=False, path_type=Path), help="Rapport Markdown."
)
@click.option(
    "--html",
    "sortie_html",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rapport HTML autonome.",
)
@_en_francais
def compare(
    dossier: Path,
    noms: tuple[str, ...],
    dates: tuple[Any, Any] | None,
    parametre_a: tuple[str, ...],
    parametre_b: tuple[str, ...],
    politique_a: tuple[str, ...],
    politique_b: tuple[str, ...],
    revision: str | None,
    sortie_md: Path | None,
    sortie_html: Path | None,
) -> None:
    """Évalue un casebook sous deux jeux de règles et rapporte l'impact, cas par cas."""
    from missio.casebook import rapport

    liste = _cas(dossier, noms)
    if revision:
        impact = _impact_revision(liste, revision)
    else:
        impact = _impact(liste, dates, parametre_a, parametre_b, politique_a, politique_b)
    texte = rapport.en_markdown(impact)
    if sortie_md:
        sortie_md.write_text(texte, encoding="utf-8")
    if sortie_html:
        sortie_html.write_text(rapport.en_html(impact), encoding="utf-8")
    click.echo(texte if not (sortie_md or sortie_html) else f"{impact.resume()} ; rapport écrit.")


def _difference(a: Resultat, b: Resultat) -> Difference:
    from missio.casebook.differences import comparer
    from missio.casebook.enregistrement import nouvel_enregistrement

    return comparer(nouvel_enregistrement(a), nouvel_enregistrement(b))


def _impact(
    liste: list[CasPratique],
    dates: tuple[Any, Any] | None,
    pa: tuple[str, ...],
    pb: tuple[str, ...],
    qa: tuple[str, ...],
    qb: tuple[str, ...],
) -> Any:
    from missio.casebook.execution import executer
    from missio.casebook.rapport import Impact

    if not (dates or pa or pb or qa or qb):
        raise click.UsageError(
            "indiquez --dates, --parametre-a/-b, --politique-a/-b ou --revision."
        )
    fa = _fabrique(_parametres(pa), qa)
    fb = _fabrique(_parametres(pb), qb)
    if liste:  # an unknown parameter or a broken policy: a French error before any case runs
        fa.pour(liste[0])
        fb.pour(liste[0])
    jour_a: date | None = dates[0].date() if dates else None
    jour_b: date | None = dates[1].date() if dates else None
    changes = []
    for cas in liste:
        a, b = executer(cas, fa, jour_a), executer(cas, fb, jour_b)
        diff = _difference(a, b)
        if not diff.vide:
            changes.append((cas.nom, cas.titre, diff))
    return Impact(
        "Impact d'un changement de règles",
        _decrire(jour_a, pa, qa),
        _decrire(jour_b, pb, qb),
        len(liste),
        changes,
    )


def _decrire(jour: date | None, parametres: tuple[str, ...], politiques: tuple[str, ...]) -> str:
    """What a rule set is, in the report's words."""
    parties = []
    if jour:
        parties.append(f"missions déplacées pour commencer le {jour.isoformat()}")
    if parametres:
        parties.append(f"paramètres {', '.join(parametres)}")
    if politiques:
        parties.append(f"politiques {', '.join(politiques)}")
    return ", ".join(parties) or "règles par défaut"


def _impact_revision(liste: list[CasPratique], revision: str) -> Any:
    from missio.casebook.execution import Resultat, executer, texte_docx
    from missio.casebook.rapport import Impact
    from missio.casebook.revision import evaluer_a_la_revision

    fabrique = _fabrique()
    apres = [executer(cas, fabrique) for cas in liste]
    entrees = [{"mission": cas.mission, "parametres": cas.parametres} for cas in liste]
    avant_bruts = evaluer_a_la_revision(Path.cwd(), revision, entrees)
    changes = []
    for cas, brut, b in zip(liste, avant_bruts, apres, strict=True):
        a = Resultat(
            cas,
            brut.get("decision"),
            {c: texte_docx(d) for c, d in brut.get("actes", {}).items()},
            [],
        )
        diff = _difference(a, b)
        if not diff.vide:
            changes.append((cas.nom, cas.titre, diff))
    return Impact(
        "Impact entre deux versions de missio",
        f"révision {revision}",
        "version installée",
        len(liste),
        changes,
    )
