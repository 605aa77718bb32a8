"""A plugin never changes what another plugin, the caller or a later mission sees; a plugin that
fails, returns garbage or cannot be imported is named, with its hook, and the others still run.

The misbehaving plugin (tests/fixtures/garnement) is installed as pip would: a dist-info with
its entry points on sys.path, never imported by hand.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from missio.engine import Engine
from missio.errors import ErreurPlugin

FIXTURE = Path(__file__).parent / "fixtures" / "garnement"
TOUS = "garnement,garnement_temoin,garnement_casse"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The garnement distribution installed in a site directory on sys.path."""
    shutil.copytree(FIXTURE / "missio_garnement", tmp_path / "missio_garnement")
    info = tmp_path / "missio_garnement-6.6.6.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: missio-garnement\nVersion: 6.6.6\n"
    )
    (info / "entry_points.txt").write_text(
        "[missio]\n"
        "garnement = missio_garnement\n"
        "garnement_temoin = missio_garnement.temoin\n"
        "garnement_casse = missio_garnement.casse\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("MISSIO_GARNEMENT", raising=False)
    monkeypatch.delenv("MISSIO_LOAD_PLUGINS", raising=False)
    monkeypatch.setenv("MISSIO_DISABLE_PLUGINS", "garnement_casse")
    yield tmp_path
    for nom in [n for n in sys.modules if n.startswith("missio_garnement")]:
        del sys.modules[nom]


def _garnement() -> Any:
    import missio_garnement  # installed by the fixture, loaded by the engine first

    return missio_garnement


def _temoin() -> Any:
    from missio_garnement import temoin

    return temoin


# --- mutations -------------------------------------------------------------------------------


def test_every_mutation_of_shared_data_is_refused(
    site: Path, mission: Callable[..., dict[str, Any]]
) -> None:
    engine = Engine()
    garnement, temoin = _garnement(), _temoin()
    garnement.ESSAIS.clear()  # what missio_check tried is kept apart
    temoin.VUS.clear()
    donnees = mission(extensions={"garnement": {"mode": "mutation"}})
    avant = copy.deepcopy(donnees)
    premiere = engine.evaluer(donnees)
    seconde = engine.evaluer(mission(extensions={"garnement": {"mode": "mutation"}}))
    acceptes = [quoi for quoi, issue in garnement.ESSAIS if issue == "accepté"]
    assert acceptes == []
    assert len(garnement.ESSAIS) == 2 * 14  # every attempt was made, at both missions
    # The caller's dict is untouched; the later plugin saw what the first one was given.
    assert donnees == avant
    assert temoin.VUS[0] == temoin.VUS[1]
    vu = temoin.VUS[0]
    assert (vu["reference"], vu["nom"]) == ("CAESM-2026-014", "Rosier")
    assert vu["extensions"] == {"garnement": {"mode": "mutation"}}
    assert vu["parametres"]["statut_fpt.seuil_mad_max_jours"] == 130
    assert vu["parametres"]["expe_ct.duree_max"] == {"valeur": 7, "unite": "jours_calendaires"}
    assert vu["contexte_extensions"] == ["garnement"] and vu["volume"] == 122
    assert vu["journee_solidarite"] is None and vu["ouvre_au_depart"] is True
    # The later mission got the same decision: nothing leaked from the first one.
    assert premiere.model_dump(exclude={"reference"}) == seconde.model_dump(exclude={"reference"})
    assert premiere.conforme and premiere.volume_jours_ouvres == 122


def test_the_engine_registries_are_read_only_to_missio_check(site: Path) -> None:
    garnement = _garnement()
    garnement.ESSAIS.clear()
    engine = Engine()
    essais = dict(garnement.ESSAIS)
    assert set(essais) == {
        "engine.parametres[nom]",
        "engine.regles.clear",
        "engine.documents.pop",
        "engine.extensions[cle]",
    }
    assert all(issue.startswith("refusé : TypeError") for issue in essais.values())
    assert "ordre_de_mission" in engine.documents and engine.regles


def test_a_deep_copy_of_shared_data_is_the_plugins_own() -> None:
    from missio.frozen import DictFige, geler

    gele = geler({"a": [1, {"b": 2}]})
    copie = copy.deepcopy(gele)
    copie["a"][1]["b"] = 3
    assert type(copie) is dict and gele == {"a": [1, {"b": 2}]}
    assert repr(gele) == "{'a': [1, {'b': 2}]}"  # the trace prints values as plain data
    assert json.dumps(gele) == '{"a": [1, {"b": 2}]}'
    with pytest.raises(TypeError, match="lecture seule"):
        gele["a"].append(3)
    assert isinstance(gele, DictFige)


# --- values outside the contract ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "regle", "extrait"),
    [
        (
            "dispositif",
            "garnement.constat",
            "dispositif « teleportation » (texte) hors du vocabulaire",
        ),
        ("payeur", "garnement.constat", "payeur « le_voisin » (texte) hors du vocabulaire"),
        ("niveau", "garnement.constat", "niveau « critique » (texte) hors du vocabulaire"),
        ("echeance", "garnement.constat", "echeance : une date (datetime.date) est attendue"),
        ("montant", "garnement.constat", "montant : un Decimal positif ou nul"),
        ("texte", "garnement.constat", "code : un texte est attendu, reçu 42 (nombre entier)"),
        ("exception", "garnement.constat", "RuntimeError : panne du garnement"),
        ("pas_une_liste", "missio_findings", "missio_findings doit renvoyer une liste, reçu 42"),
        ("pas_un_constat", "missio_findings", "n'est pas un constat de missio.findings"),
        ("generateur", "missio_findings", "KeyError"),
        (
            "surcharge_inconnue",
            "missio_parameter_overrides",
            "« garnement.inconnu » déclaré par aucun",
        ),
        (
            "surcharge_hors_forme",
            "missio_parameter_overrides",
            "« beaucoup » (texte) : un nombre entier est attendu",
        ),
        (
            "surcharge_pas_un_triplet",
            "missio_parameter_overrides",
            "un triplet (nom, valeur, origine)",
        ),
    ],
)
def test_garbage_is_an_erreur_plugin_naming_plugin_and_rule(
    site: Path, mission: Callable[..., dict[str, Any]], mode: str, regle: str, extrait: str
) -> None:
    engine = Engine()
    donnees = mission(extensions={"garnement": {"mode": mode}})
    decision = engine.evaluer(donnees)
    erreurs = [b for b in decision.blocages if b.code == "erreur_plugin"]
    assert [(b.plugin, b.regle) for b in erreurs] == [("garnement", regle)]
    assert extrait in erreurs[0].message, erreurs[0].message
    assert not decision.conforme and decision.documents == []
    # The other plugins still ran: the statute chose its route and traced its rules.
    assert decision.dispositif == "ordre_de_mission"
    assert any(t.plugin == "statut_fpt" for t in decision.trace)
    assert not [t for t in decision.trace if t.plugin == "garnement" and t.regle != regle]
    # The JSON path is plain JSON data and says the same.
    donnees_json = engine.decider(engine.valider(donnees))
    assert json.loads(json.dumps(donnees_json)) == json.loads(decision.model_dump_json())


@pytest.mark.parametrize(
    ("mode", "hook", "extrait"),
    [
        ("regle_sans_code", "missio_rules", "argument manquant : 'code'"),
        ("parametre_refuse", "missio_parameters", "sa valeur par défaut est refusée"),
        ("extension_modifiable", "missio_extensions", "doit être immuable"),
        ("reglage", "missio_engine_settings", "journee_solidarite « dimanche » (texte) hors du"),
        ("reglage_inconnu", "missio_engine_settings", "réglage inconnu"),
        ("check", "missio_check", "missio_check doit renvoyer une liste"),
        ("info", "missio_plugin_info", "RuntimeError : le garnement ne dit pas qui il est"),
        ("info_liste", "missio_plugin_info", "un dictionnaire {version, description} est attendu"),
    ],
)
def test_construction_garbage_names_plugin_hook_and_remedy(
    site: Path, monkeypatch: pytest.MonkeyPatch, mode: str, hook: str, extrait: str
) -> None:
    monkeypatch.setenv("MISSIO_GARNEMENT", mode)
    with pytest.raises(ErreurPlugin) as exc:
        Engine()
    message = str(exc.value)
    assert message.startswith("Le plugin « garnement » ") and f"le hook {hook}" in message
    assert extrait in message, message
    assert "MISSIO_DISABLE_PLUGINS=garnement" in message


# --- a plugin that fails at import ----------------------------------------------------------


def test_a_plugin_failing_at_import_is_named_in_every_decision(
    site: Path, monkeypatch: pytest.MonkeyPatch, exemple: dict[str, Any]
) -> None:
    monkeypatch.setenv("MISSIO_DISABLE_PLUGINS", "garnement,garnement_temoin")
    engine = Engine()
    [echec] = engine.plugins.echecs()
    assert echec.nom == "garnement_casse" and echec.origine == "missio-garnement"
    assert "ModuleNotFoundError" in (echec.erreur or "")
    assert "missio_dependance_absente" in (echec.erreur or "")
    decision = engine.evaluer(exemple)
    [blocage] = [b for b in decision.blocages if b.code == "erreur_plugin"]
    assert (blocage.plugin, blocage.regle) == ("garnement_casse", "chargement")
    assert "n'a pas pu être chargé" in blocage.message
    assert "MISSIO_DISABLE_PLUGINS=garnement_casse" in (blocage.remede or "")
    assert not decision.conforme and "garnement_casse" not in decision.versions
    # Everything else was evaluated.
    assert decision.dispositif == "ordre_de_mission" and decision.volume_jours_ouvres == 122


def _missio(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    variables = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MISSIO_DISABLE_PLUGINS", "MISSIO_LOAD_PLUGINS", "MISSIO_GARNEMENT")
    }
    variables |= {"PYTHONPATH": str(site), **env}
    return subprocess.run(
        [sys.executable, "-m", "missio", *args],
        capture_output=True,
        text=True,
        env=variables,
        check=False,
    )


def test_cli_lists_the_failed_plugin_and_keeps_working(site: Path) -> None:
    exemple = str(Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json")
    desactive = {"MISSIO_DISABLE_PLUGINS": "garnement,garnement_temoin"}
    liste = _missio(site, "plugins", **desactive)
    assert liste.returncode == 1, liste.stderr
    assert "garnement_casse 6.6.6 (missio-garnement) — ÉCHEC AU CHARGEMENT" in liste.stdout
    assert "ModuleNotFoundError" in liste.stdout
    assert (
        "remède    Pour travailler sans lui, désactivez-le : MISSIO_DISABLE_PLUGINS=garnement_casse"
        in liste.stdout
    )
    assert "statut_fpt" in liste.stdout and "règle     voie.cooperation_propre" in liste.stdout
    schema = _missio(site, "schema", **desactive)
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "Mission"
    evaluation = _missio(site, "evaluate", exemple, "--json", **desactive)
    assert evaluation.returncode == 1 and "Traceback" not in evaluation.stderr
    decision = json.loads(evaluation.stdout)
    assert [b["plugin"] for b in decision["blocages"]] == ["garnement_casse"]
    # Disabled as the message says: the same mission is conforme again.
    sans = _missio(site, "evaluate", exemple, "--json", MISSIO_DISABLE_PLUGINS=TOUS)
    assert sans.returncode == 0 and json.loads(sans.stdout)["conforme"] is True


# --- a .py policy whichever plugins are enabled --------------------------------------------


def test_python_policy_loads_without_collectivite_custom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exemple: dict[str, Any]
) -> None:
    monkeypatch.setenv("MISSIO_LOAD_PLUGINS", "statut_fpt,templates")
    politique = tmp_path / "ma_politique.py"
    politique.write_text(
        "from missio import hookimpl\n"
        "from missio.findings import Alerte\n"
        "@hookimpl\n"
        "def missio_findings(mission):\n"
        "    return [Alerte(regle='ma.regle', fondements=(), code='ma.alerte', message='vu')]\n",
        encoding="utf-8",
    )
    engine = Engine(politiques=[politique])
    assert "collectivite_custom" not in {i.nom for i in engine.plugins.infos()}
    assert engine.politiques == ("politique.ma_politique",)
    decision = engine.evaluer(exemple)
    assert "ma.alerte" in [a.code for a in decision.alertes]
    # A YAML policy, without the plugin that reads YAML: a French error naming the variable.
    from missio.errors import ErreurFichier
    from missio_collectivite_custom import EXEMPLES

    with pytest.raises(ErreurFichier, match="MISSIO_LOAD_PLUGINS"):
        Engine(politiques=[EXEMPLES / "caesm.yaml"])
