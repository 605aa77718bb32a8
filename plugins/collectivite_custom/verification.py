"""Checks of a loaded policy against its engine (``missio_check``): what `missio policy check`
reports, and the refusal of a parameter that no loaded plugin declares or whose value the
declaring plugin does not allow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from missio.lecture_yaml import Chemin, ligne_de
from missio_collectivite_custom.erreurs import ErreurPolitique, Localisee, localiser

if TYPE_CHECKING:
    from missio import Engine
    from missio_collectivite_custom.plugin import PluginPolitique


def _parametres_refuses(plugin: PluginPolitique, engine: Engine) -> list[Localisee]:
    """A parameter no loaded plugin declares, or a value its declaration refuses (the texts
    leave the employer a choice between some values only): each at its line."""
    declares = ", ".join(sorted(engine.parametres)) or "aucun"
    lignes = getattr(plugin, "lignes", {})
    fichier = plugin.fichier or plugin.politique.code
    erreurs = []
    for i, parametre in enumerate(plugin.politique.parametres):
        declare = engine.parametres.get(parametre.nom)
        if declare is None:
            loc: Chemin = ("parametres", i, "nom")
            erreurs.append(
                Localisee(
                    fichier,
                    ligne_de(loc, lignes),
                    f"parametres[{i}].nom",
                    f"« {parametre.nom} » n'est déclaré par aucun plugin chargé : une politique ne fixe "
                    f"que les paramètres que la loi laisse à l'employeur. Paramètres déclarés : {declares}.",
                )
            )
        elif refus := declare.refus(parametre.valeur):
            loc = ("parametres", i, "valeur")
            erreurs.append(
                Localisee(
                    fichier,
                    ligne_de(loc, lignes),
                    f"parametres[{i}].valeur",
                    f"« {parametre.nom} » : valeur refusée : {refus}. Une politique ne règle que ce "
                    f"que les textes laissent à l'employeur ({declare.plugin}), sans les assouplir.",
                )
            )
    return erreurs


def verifier(plugin: PluginPolitique, engine: Engine) -> list[str]:
    """Report lines for ``missio policy check``; raise :class:`ErreurPolitique` on a fault."""
    from missio_collectivite_custom.chargement import avertissements

    erreurs = _parametres_refuses(plugin, engine)
    if erreurs:
        raise ErreurPolitique(erreurs)
    p = plugin.politique
    nom = plugin.fichier or p.code
    lignes = [
        f"{nom} : politique « {p.titre} » valide ({_nombre(len(p.regles), 'règle')}, "
        f"{_nombre(len(p.fondements), 'fondement')}, {_nombre(len(p.parametres), 'paramètre')})."
    ]
    for loc, message in avertissements(p):
        lignes.append(
            f"  avertissement : {localiser([(loc, message)], nom, getattr(plugin, 'lignes', {}))[0]}"
        )
    return lignes


def _nombre(n: int, nom: str) -> str:
    """« 1 règle », « 3 règles », « 0 paramètre » (French: the plural from 2 on)."""
    return f"{n} {nom}{'s' if n > 1 else ''}"
