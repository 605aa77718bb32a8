"""A plugin installed as its own distribution is discovered through its entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from missio.engine import Engine

FIXTURE = Path(__file__).parent / "fixtures" / "tiers"


@pytest.fixture
def site_tiers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site directory holding the plugin and its dist-info, as pip would install it."""
    shutil.copytree(FIXTURE / "missio_tiers", tmp_path / "missio_tiers")
    info = tmp_path / "missio_tiers-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: missio-tiers\nVersion: 1.2.0\n")
    (info / "entry_points.txt").write_text("[missio]\ntiers = missio_tiers\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_hook_missio_findings_from_an_installed_plugin(
    site_tiers: Path, exemple: dict[str, Any]
) -> None:
    engine = Engine()
    assert "tiers" in {info.nom for info in engine.plugins.infos()}
    info = next(i for i in engine.plugins.infos() if i.nom == "tiers")
    assert (info.version, info.origine) == ("1.2.0", "missio-tiers")
    decision = engine.evaluer(engine.valider(exemple))
    obligation = next(o for o in decision.obligations if o.code == "tiers.attestation")
    assert obligation.echeance.isoformat() == "2026-02-22"
    assert obligation.fondements == ["tiers.deliberation"]
    assert decision.versions["tiers"] == "1.2.0"


def test_load_plugins_filter(site_tiers: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIO_LOAD_PLUGINS", "statut_fpt,templates")
    assert "tiers" not in {info.nom for info in Engine().plugins.infos()}


def test_cli_lists_the_installed_plugin(site_tiers: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(site_tiers)}
    sortie = subprocess.run(
        [sys.executable, "-m", "missio", "plugins"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "tiers 1.2.0 (missio-tiers)" in sortie
    assert "règle     tiers.attestation_assurance" in sortie
    assert "statut_fpt" in sortie and "templates" in sortie


def test_hook_missio_load_policy_through_the_installed_plugin(
    site_tiers: Path, exemple: dict[str, Any]
) -> None:
    from missio.errors import ErreurValidation
    from missio.politiques import charger_politiques

    fichier = site_tiers / "caesm.tiers"
    fichier.write_text("Politique de mobilité de la CAESM\n", encoding="utf-8")
    politiques = charger_politiques([fichier])  # loaded once, given to an engine
    engine = Engine(politiques=politiques)
    decision = engine.evaluer(engine.valider(exemple))
    alerte = next(a for a in decision.alertes if a.code == "tiers.politique")
    assert alerte.message == "Politique de mobilité de la CAESM"
    assert any(t.plugin == "politique_caesm" for t in decision.trace)
    with pytest.raises(ErreurValidation, match="aucun plugin installé ne sait lire"):
        charger_politiques([site_tiers / "inconnu.txt"])


def test_hook_missio_parameters_allowed_values_at_engine_construction(site_tiers: Path) -> None:
    from missio.errors import ErreurValidation

    engine = Engine(parametres={"tiers.semaine": {"valeur": 5, "unite": "jours_ouvres_sur_place"}})
    assert engine.parametres["tiers.semaine"].libelle_admis() == (
        '{"unite": "jours_calendaires", "valeur": 7} ou '
        '{"unite": "jours_ouvres_sur_place", "valeur": 5}'
    )
    with pytest.raises(ErreurValidation) as exc:
        Engine(
            parametres={
                "tiers.semaine": {"valeur": 14, "unite": "jours_calendaires"},
                "tiers.plafond_jours": 11,
            }
        )
    erreurs = dict(exc.value.erreurs)
    assert erreurs["tiers.semaine"].startswith(
        'valeur refusée : {"unite": "jours_calendaires", "valeur": 14} n\'est pas admis par les '
        "textes ; valeurs admises : "
    )
    assert erreurs["tiers.plafond_jours"] == "valeur refusée : doit être inférieur ou égal à 10."


def test_policy_check_refuses_a_value_the_texts_do_not_allow_at_its_line(
    site_tiers: Path, tmp_path: Path
) -> None:
    politique = tmp_path / "essai.yaml"
    politique.write_text(
        "code: essai\n"
        "titre: Essai\n"
        "collectivite: {nom: Ville d'Essai}\n"
        "parametres:\n"
        "  - nom: tiers.semaine\n"
        "    valeur: {valeur: 14, unite: jours_calendaires}\n"
        "  - nom: tiers.plafond_jours\n"
        "    valeur: dix\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(site_tiers)}
    sortie = subprocess.run(
        [sys.executable, "-m", "missio", "policy", "check", str(politique)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert sortie.returncode == 2 and "Traceback" not in sortie.stderr
    assert (
        f"{politique}:6 : parametres[0].valeur : « tiers.semaine » : valeur refusée : "
        '{"unite": "jours_calendaires", "valeur": 14} n\'est pas admis par les textes'
    ) in sortie.stderr
    assert (
        f"{politique}:8 : parametres[1].valeur : « tiers.plafond_jours » : valeur refusée : « dix » n'est pas un nombre entier."
        in sortie.stderr
    )
    liste = subprocess.run(
        [sys.executable, "-m", "missio", "plugins"], capture_output=True, text=True, env=env
    ).stdout
    assert "paramètre tiers.semaine = {'valeur': 7, 'unite': 'jours_calendaires'} (admis :" in liste
