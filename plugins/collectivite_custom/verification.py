"""Checks of a loaded policy against its engine (``missio_check``): what `missio policy check`
reports, and the refusal of a parameter that no loaded plugin declares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from missio_collectivite_custom.erreurs import ErreurPolitique, Localisee, localiser
from missio_collectivite_custom.lecture_yaml import Chemin, ligne_de

if TYPE_CHECKING:
    from missio.engine import Engine
    from missio_collectivite_custom.plugin import PluginPolitique


def _parametres_inconnus(plugin: PluginPolitique, engine: Engine) -> list[Localisee]:
    declares = ", ".join(sorted(engine.parametres)) or "aucun"
    lignes = getattr(plugin, "lignes", {})
    erreurs = []
    for i, parametre in enumerate(plugin.politique.parametres):
        if parametre.nom not in engine.parametres:
            loc: Chemin = ("parametres", i, "nom")
            erreurs.append(
                Localisee(
                    plugin.fichier or plugin.politique.code,
                    ligne_de(loc, lignes),
                    f"parametres[{i}].nom",
                    f"« {parametre.nom} » n'est déclaré par aucun plugin chargé : une politique ne fixe "
                    f"que les paramètres que la loi laisse à l'employeur. Paramètres déclarés : {declares}.",
                )
            )
    return erreurs


def verifier(plugin: PluginPolitique, engine: Engine) -> list[str]:
    """Report lines for ``missio policy check``; raise :class:`ErreurPolitique` on a fault."""
    from missio_collectivite_custom.chargement import avertissements

    erreurs = _parametres_inconnus(plugin, engine)
    if erreurs:
        raise ErreurPolitique(erreurs)
    p = plugin.politique
    nom = plugin.fichier or p.code
    lignes = [
        f"{nom} : politique « {p.titre} » valide ({len(p.regles)} règle(s), "
        f"{len(p.fondements)} fondement(s), {len(p.parametres)} paramètre(s))."
    ]
    for loc, message in avertissements(p):
        lignes.append(
            f"  avertissement : {localiser([(loc, message)], nom, getattr(plugin, 'lignes', {}))[0]}"
        )
    return lignes
