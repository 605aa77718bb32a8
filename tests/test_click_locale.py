"""The command line speaks French, click's own words included: usage errors exit 2 with a
French message, the help has French headings, and every message of the installed click has a
translation (an upgrade of click that adds one fails here, not in front of a user)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from missio.cli.click_locale import MESSAGES, MODULES, PLURIELS
from missio.cli.commands import main

# click's English, as it would appear to a user.
ANGLAIS = re.compile(
    r"Usage:|Error:|Try '|No such|Missing|Invalid value|is not one of|does not match|"
    r"Show this message|requires an argument|unexpected extra|Did you mean|Options:\n.*Show"
)


def _messages_de_click() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal click passes to gettext (``_``) and ngettext, read from its source."""
    simples: set[str] = set()
    pluriels: set[tuple[str, str]] = set()
    for nom in MODULES:
        fichier = Path(click.__file__).parent / f"{nom.split('.')[-1]}.py"
        if not fichier.exists():
            continue
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            if not (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name)):
                continue
            textes = [a.value for a in noeud.args if isinstance(a, ast.Constant)]
            if noeud.func.id == "_" and len(textes) == 1 and isinstance(textes[0], str):
                simples.add(textes[0])
            elif noeud.func.id == "ngettext" and len(textes) >= 2:
                pluriels.add((textes[0], textes[1]))
    return simples, pluriels


def test_every_click_message_has_a_french_translation() -> None:
    simples, pluriels = _messages_de_click()
    assert len(simples) > 40, "click's messages were not found: has its layout changed?"
    assert sorted(simples - MESSAGES.keys()) == []
    assert sorted(pluriels - PLURIELS.keys()) == []


@pytest.mark.parametrize(
    ("arguments", "attendu"),
    [
        (["evaluate"], "Erreur : Argument manquant « MISSION »."),
        (["evaluate", "--inconnue", "m.json"], "Erreur : Option inconnue : --inconnue."),
        (["evaluate", "--jsno", "m.json"], "Vouliez-vous dire --json ?"),
        (["render", "m.json"], "Erreur : Option obligatoire manquante « --out »."),
        (["render", "m.json", "--out"], "Erreur : L'option --out attend une valeur."),
        (
            ["schema", "bof"],
            "« bof » n'est pas admis. Valeurs possibles : mission, decision.",
        ),
        (
            ["evaluate", "--date", "12/03/2026", "m.json"],
            "Valeur invalide pour « --date » : « 12/03/2026 » n'est pas une date au format "
            "AAAA-MM-JJ.",
        ),
        (["evaluate", "--date", "2026-02-30", "m.json"], "n'existe pas dans le calendrier"),
        (["bidule"], "Erreur : Commande inconnue : « bidule »."),
        (["evaluate", "a.json", "b.json"], "Erreur : Argument en trop : b.json"),
        (["serve", "--port", "0"], "Valeur invalide pour « --port »"),
        (["casebook", "run", "--cas", "x", "/nulle/part"], "introuvable"),
    ],
)
def test_usage_errors_are_french_and_exit_2(arguments: list[str], attendu: str) -> None:
    resultat = CliRunner().invoke(main, arguments, prog_name="missio")
    assert resultat.exit_code == 2, resultat.output
    assert attendu in resultat.stderr
    if "attend une valeur" not in attendu:  # click gives no usage line for this one
        assert "Utilisation : missio" in resultat.stderr
    assert ANGLAIS.search(resultat.stderr) is None, resultat.stderr


@pytest.mark.parametrize(
    "commande",
    [[], ["evaluate"], ["render"], ["batch"], ["schema"], ["policy", "check"], ["serve"]],
)
def test_help_is_french(commande: list[str]) -> None:
    resultat = CliRunner().invoke(main, [*commande, "--aide"], prog_name="missio")
    assert resultat.exit_code == 0
    assert resultat.output.startswith("Utilisation : missio")
    assert "Affiche cette aide et quitte." in resultat.output
    assert ANGLAIS.search(resultat.output) is None, resultat.output
    for metavar in ("TEXT ", "INTEGER", "PATH", "DIRECTORY", "FILE ", "%Y", "[required]"):
        assert metavar not in resultat.output
