"""A policy applies to its own collectivité only, and is never skipped in silence: a policy
given for « Ville de Lyon » and a mission of « Mairie de Lyon » get an alert naming both (a
refusal with --strict), a trace line, and ``versions`` lists only the policies that applied.
Settings (the journée de solidarité) are resolved per mission from the policies that apply."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from politique_outils import CAESM_NOM, decider, ecrire, politique, regle

from missio.cli.commands import main
from missio.engine import Engine
from missio.errors import ErreurValidation

LYON = {"nom": "Ville de Lyon", "departement": "69"}
ZONE_ROUGE = regle(
    {"blocage": {"code": "zone_rouge", "message": "Destination en zone rouge.", "remede": "Non."}},
    si={"vigilance": "rouge"},
)


def _mission_lyon(exemple: dict[str, Any], nom: str) -> dict[str, Any]:
    mission = copy.deepcopy(exemple)
    mission["vigilance"] = "rouge"
    mission["employeur"].update({"nom": nom, "departement": "69", "labels": []})
    return mission


@pytest.fixture
def lyon(tmp_path: Path) -> Path:
    return ecrire(tmp_path, politique(code="lyon", collectivite=LYON, regles=[ZONE_ROUGE]))


def test_a_policy_for_another_spelling_is_reported_not_skipped(
    lyon: Path, exemple: dict[str, Any]
) -> None:
    # The policy's own employer: its blocage applies.
    appliquee = decider([lyon], _mission_lyon(exemple, "Ville de Lyon"))
    assert "lyon.zone_rouge" in [b.code for b in appliquee.blocages] and not appliquee.conforme
    assert "politique.lyon" in appliquee.versions
    # « Mairie de Lyon »: the policy does not apply, and the decision says so.
    d = decider([lyon], _mission_lyon(exemple, "Mairie de Lyon"))
    assert "lyon.zone_rouge" not in [b.code for b in d.blocages]
    [alerte] = [a for a in d.alertes if a.code == "politique_non_appliquee"]
    assert alerte.niveau == "attention"
    assert alerte.message == (
        "Politique « politique.lyon » non appliquée : elle vise « Ville de Lyon » (département "
        "69). Employeur de la mission : « Mairie de Lyon » (département 69). Vérifiez le nom ou "
        "le SIREN de l'employeur, ou retirez cette politique."
    )
    [entree] = [t for t in d.trace if t.plugin == "politique.lyon"]
    assert entree.regle == "politique.lyon.portee" and "non appliquée" in entree.resultat
    assert "politique.lyon" not in d.versions


def test_strict_refuses_a_mission_no_given_policy_applies_to(
    lyon: Path, exemple: dict[str, Any]
) -> None:
    engine = Engine(politiques=[lyon], strict=True)
    with pytest.raises(ErreurValidation) as exc:
        engine.evaluer(_mission_lyon(exemple, "Mairie de Lyon"))
    [(champ, message)] = exc.value.erreurs
    assert (
        champ == "employeur" and "« Ville de Lyon »" in message and "« Mairie de Lyon »" in message
    )
    assert not engine.evaluer(_mission_lyon(exemple, "Ville de Lyon")).conforme


def test_cli_strict_exits_2_and_the_default_warns(
    lyon: Path, exemple: dict[str, Any], tmp_path: Path
) -> None:
    fichier = tmp_path / "mission.json"
    fichier.write_text(json.dumps(_mission_lyon(exemple, "Mairie de Lyon")), encoding="utf-8")
    runner = CliRunner()
    strict = runner.invoke(main, ["evaluate", str(fichier), "--policy", str(lyon), "--strict"])
    assert strict.exit_code == 2
    assert "employeur : Politique « politique.lyon » non appliquée" in strict.output
    souple = runner.invoke(main, ["evaluate", str(fichier), "--policy", str(lyon), "--json"])
    assert souple.exit_code == 0
    decision = json.loads(souple.output)
    assert "politique_non_appliquee" in [a["code"] for a in decision["alertes"]]


def test_a_policy_naming_its_employer_by_siren_only_says_why(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    fichier = ecrire(tmp_path, politique(collectivite={"siren": "200041788"}))
    d = decider([fichier], exemple)  # the example gives no SIREN
    [alerte] = [a for a in d.alertes if a.code == "politique_non_appliquee"]
    assert "par son SIREN (200041788), que la mission n'indique pas (employeur.siren)" in (
        alerte.message
    )


def _reglage(d: Any) -> list[tuple[str, str]]:
    return [(t.plugin, t.resultat) for t in d.trace if t.regle == "reglage.journee_solidarite"]


def test_settings_apply_to_the_policys_own_collectivite_only(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    caesm = ecrire(
        tmp_path, politique(code="caesm_solidarite", journee_solidarite="lundi_pentecote"), "a.yaml"
    )
    autre = ecrire(
        tmp_path,
        politique(
            code="ailleurs", collectivite={"nom": "Ville d'Ailleurs"}, journee_solidarite="rtt"
        ),
        "b.yaml",
    )
    engine = Engine(politiques=[caesm, autre])  # two settings: no longer an error
    d = engine.evaluer(exemple)
    assert d.volume_jours_ouvres == 123  # the CAESM works its Pentecost Monday
    assert _reglage(d) == [
        (
            "politique.caesm_solidarite",
            "journée de solidarité : lundi_pentecote (politique.caesm_solidarite)",
        )
    ]
    ailleurs = copy.deepcopy(exemple)
    ailleurs["employeur"]["nom"] = "Ville d'Ailleurs"
    d = engine.evaluer(ailleurs)
    assert d.volume_jours_ouvres == 122  # rtt: the Monday stays a holiday
    assert _reglage(d) == [
        ("politique.ailleurs", "journée de solidarité : rtt (politique.ailleurs)")
    ]
    personne = copy.deepcopy(exemple)
    personne["employeur"]["nom"] = "Ville de Nulle Part"
    d = engine.evaluer(personne)
    assert d.volume_jours_ouvres == 122 and _reglage(d) == []
    assert len([a for a in d.alertes if a.code == "politique_non_appliquee"]) == 2


def test_a_policy_setting_overrides_the_instance_for_its_missions(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    fichier = ecrire(tmp_path, politique(journee_solidarite="lundi_pentecote"))
    engine = Engine(politiques=[fichier], journee_solidarite="rtt")
    assert _reglage(engine.evaluer(exemple)) == [
        (
            "politique.essai",
            "journée de solidarité : lundi_pentecote (politique.essai ; remplace le réglage de "
            "l'instance « rtt »)",
        )
    ]
    ailleurs = copy.deepcopy(exemple)
    ailleurs["employeur"]["nom"] = "Ville d'Ailleurs"
    assert _reglage(engine.evaluer(ailleurs)) == [
        ("missio", "journée de solidarité : rtt (configuration de l'instance)")
    ]


def test_two_policies_of_one_collectivite_disagreeing_block_its_missions(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    a = ecrire(tmp_path, politique(code="a", journee_solidarite="lundi_pentecote"), "a.yaml")
    b = ecrire(tmp_path, politique(code="b", journee_solidarite="rtt"), "b.yaml")
    d = Engine(politiques=[a, b]).evaluer(exemple)
    [blocage] = [x for x in d.blocages if x.code == "conflit_reglages"]
    assert "politique.a fixe « lundi_pentecote », politique.b fixe « rtt »" in blocage.message
    assert not d.conforme and d.documents == []


def test_collectivite_identified_in_plugin_info(tmp_path: Path) -> None:
    fichier = ecrire(tmp_path, politique(collectivite={"nom": CAESM_NOM, "departement": "972"}))
    infos = {i.nom: i for i in Engine(politiques=[fichier]).plugins.infos()}
    assert infos["politique.essai"].description == (
        f"Politique locale : Politique d'essai (« {CAESM_NOM} » (département 972))"
    )


def test_hook_missio_policy_applies_decides_which_hooks_run(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    fichier = ecrire(
        tmp_path,
        politique(
            regles=[regle({"alerte": {"code": "vu", "message": "appliquée"}})],
            parametres=[{"nom": "statut_fpt.seuil_cumul_max_jours", "valeur": 130}],
        ),
    )
    engine = Engine(politiques=[fichier])
    [portee] = engine.plugins.implementations("missio_policy_applies")
    assert portee.plugin == "politique.essai"
    operateur = dict(copy.deepcopy(exemple), cadre="operateur")
    d = engine.evaluer(operateur)
    assert "essai.vu" in [a.code for a in d.alertes] and d.dispositif == "cumul_activites"
    operateur["employeur"]["nom"] = "Ville d'Ailleurs"
    d = engine.evaluer(operateur)
    # Neither its findings nor its parameters reach another employer's mission.
    assert "essai.vu" not in [a.code for a in d.alertes] and d.dispositif != "cumul_activites"
    assert not [t for t in d.trace if t.regle.startswith("parametre.")]
