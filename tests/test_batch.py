"""``missio batch``: many missions, one folder each with render's guarantees, a report that
names every failure, the same bytes whatever the number of workers."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_isolation_plugins import site as plugin_garnement  # noqa: F401  (a fixture)

from missio.casebook.cas import charger
from missio.cli.commands import main
from missio.documents.output import MANIFESTE

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
NON_CONFORME = RACINE / "tests" / "casebook" / "expe_ct" / "avant-programme-2020.yaml"


def mission_exemple(**changements: Any) -> dict[str, Any]:
    mission = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    return mission | changements


def mission_non_conforme() -> dict[str, Any]:
    return charger(NON_CONFORME, NON_CONFORME.parent).mission


def lot(*args: str) -> Any:
    return CliRunner().invoke(main, ["batch", *args])


def rapport(sortie: Path) -> list[dict[str, Any]]:
    texte = (sortie / "rapport-lot.jsonl").read_text(encoding="utf-8")
    return [json.loads(ligne) for ligne in texte.splitlines()]


def contenu(dossier: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(dossier)): p.read_bytes()
        for p in sorted(dossier.rglob("*"))
        if p.is_file() and p.name != MANIFESTE and not p.name.startswith("rapport-lot")
    }


def ecrire_dossier(dossier: Path, missions: dict[str, Any]) -> Path:
    dossier.mkdir()
    for nom, mission in missions.items():
        texte = mission if isinstance(mission, str) else json.dumps(mission, ensure_ascii=False)
        (dossier / f"{nom}.json").write_text(texte, encoding="utf-8")
    return dossier


def ecrire_lignes(fichier: Path, lignes: list[Any]) -> Path:
    fichier.write_text(
        "".join(
            (ligne if isinstance(ligne, str) else json.dumps(ligne, ensure_ascii=False)) + "\n"
            for ligne in lignes
        ),
        encoding="utf-8",
    )
    return fichier


def test_a_folder_gives_one_folder_per_mission_as_render_writes_it(tmp_path: Path) -> None:
    entree = ecrire_dossier(
        tmp_path / "missions",
        {"rosier": mission_exemple(), "dupont": mission_exemple(reference="CAESM-2026-015")},
    )
    resultat = lot(str(entree), "--out", str(tmp_path / "sortie"), "-j", "1")
    assert resultat.exit_code == 0, resultat.output
    assert "2 missions en" in resultat.stdout and "2 rendues" in resultat.stdout
    lignes = rapport(tmp_path / "sortie")
    assert [(ligne["mission"], ligne["dossier"], ligne["statut"]) for ligne in lignes] == [
        ("dupont.json", "dupont", "rendu"),
        ("rosier.json", "rosier", "rendu"),
    ]
    assert lignes[0]["reference"] == "CAESM-2026-015"
    assert lignes[0]["dispositif"] == "ordre_de_mission" and lignes[0]["actes"] == 2
    # The same files as `missio render` of that mission, byte for byte.
    seul = CliRunner().invoke(
        main, ["render", str(entree / "rosier.json"), "--out", str(tmp_path / "seul")]
    )
    assert seul.exit_code == 0
    rendu = contenu(tmp_path / "seul")
    assert "ordre_de_mission.docx" in rendu and "decision.json" in rendu
    assert contenu(tmp_path / "sortie" / "rosier") == rendu
    decision = json.loads((tmp_path / "sortie" / "dupont" / "decision.json").read_text())
    assert decision["dispositif"] == "ordre_de_mission" and decision["conforme"] is True


def test_a_bad_mission_and_a_non_conforme_one_do_not_stop_the_batch(tmp_path: Path) -> None:
    mauvaise = mission_exemple()
    mauvaise["agent"] = mauvaise["agent"] | {"statut": "vacataire"}
    fichier = ecrire_lignes(
        tmp_path / "missions.jsonl", [mission_exemple(), mauvaise, mission_non_conforme()]
    )
    sortie = tmp_path / "sortie"
    resultat = lot(str(fichier), "--out", str(sortie), "-j", "1")
    assert resultat.exit_code == 2  # the invalid mission's code, the highest
    lignes = rapport(sortie)
    assert [ligne["statut"] for ligne in lignes] == ["rendu", "invalide", "non_conforme"]
    assert lignes[1]["mission"] == "ligne 2" and lignes[1]["dossier"] == "ligne-000002"
    assert "agent.statut : « vacataire » n'est pas reconnu" in lignes[1]["message"]
    assert "décision non conforme" in lignes[2]["message"] and lignes[2]["actes"] == 0
    # The good one is rendered, the bad one has no folder, the non-conforme one its decision.
    assert (sortie / "ligne-000001" / "ordre_de_mission.docx").is_file()
    assert not (sortie / "ligne-000002").exists()
    assert sorted(contenu(sortie / "ligne-000003")) == ["decision.json"]
    decision = json.loads((sortie / "ligne-000003" / "decision.json").read_text())
    assert decision["conforme"] is False and decision["blocages"]
    assert "1 rendue, 1 non conforme, 1 invalide" in resultat.stdout
    # The CSV says the same, for a spreadsheet.
    with (sortie / "rapport-lot.csv").open(encoding="utf-8-sig", newline="") as texte:
        rangs = list(csv.DictReader(texte, delimiter=";"))
    assert [r["statut"] for r in rangs] == ["rendu", "invalide", "non_conforme"]
    assert rangs[0]["dispositif"] == "ordre_de_mission"


def test_bad_json_lines_are_named_by_their_number_and_blank_lines_skipped(
    tmp_path: Path,
) -> None:
    fichier = ecrire_lignes(tmp_path / "m.jsonl", [mission_exemple(), "", "{pas du json", "[1]"])
    resultat = lot(str(fichier), "--out", str(tmp_path / "sortie"), "-j", "1")
    assert resultat.exit_code == 2
    lignes = rapport(tmp_path / "sortie")
    assert [(ligne["mission"], ligne["statut"]) for ligne in lignes] == [
        ("ligne 1", "rendu"),
        ("ligne 3", "invalide"),
        ("ligne 4", "invalide"),
    ]
    assert "JSON invalide" in lignes[1]["message"]


def test_a_re_run_replaces_each_folder_and_empties_a_mission_now_refused(
    tmp_path: Path,
) -> None:
    sortie = tmp_path / "sortie"
    fichier = ecrire_lignes(tmp_path / "m.jsonl", [mission_exemple(), mission_exemple()])
    assert lot(str(fichier), "--out", str(sortie), "-j", "1").exit_code == 0
    (sortie / "ligne-000001" / "notes.txt").write_text("à garder")
    assert (sortie / "ligne-000002" / "ordre_de_mission.docx").is_file()
    # The second mission became non conforme, the first is unchanged.
    ecrire_lignes(fichier, [mission_exemple(), mission_non_conforme()])
    assert lot(str(fichier), "--out", str(sortie), "-j", "1").exit_code == 0
    assert sorted(contenu(sortie / "ligne-000002")) == ["decision.json"]
    assert (sortie / "ligne-000001" / "notes.txt").read_text() == "à garder"
    assert (sortie / "ligne-000001" / "ordre_de_mission.docx").is_file()
    # Then invalid: what missio wrote for it is gone, nothing else is.
    ecrire_lignes(fichier, [mission_exemple(), {"reference": "X"}])
    assert lot(str(fichier), "--out", str(sortie), "-j", "1").exit_code == 2
    assert contenu(sortie / "ligne-000002") == {}
    assert not [p for p in sortie.iterdir() if ".missio-" in p.name]


def test_one_and_two_workers_write_the_same_bytes(tmp_path: Path) -> None:
    missions = [mission_exemple(reference=f"R-{n}") for n in range(5)]
    missions[2] = mission_non_conforme()
    missions[3] = {"reference": 3}
    fichier = ecrire_lignes(tmp_path / "m.jsonl", missions)
    un = lot(str(fichier), "--out", str(tmp_path / "un"), "-j", "1")
    deux = lot(str(fichier), "--out", str(tmp_path / "deux"), "-j", "2")
    assert un.exit_code == deux.exit_code == 2
    assert contenu(tmp_path / "un") == contenu(tmp_path / "deux")
    assert len(contenu(tmp_path / "un")) > 10
    for nom in ("rapport-lot.jsonl", "rapport-lot.csv"):
        assert (tmp_path / "un" / nom).read_bytes() == (tmp_path / "deux" / nom).read_bytes()


def test_an_empty_input_renders_nothing_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    resultat = lot(str(tmp_path / "vide"), "--out", str(tmp_path / "sortie"))
    assert resultat.exit_code == 0
    assert "Aucune mission dans" in resultat.stderr
    assert rapport(tmp_path / "sortie") == []


def test_an_output_folder_that_is_a_file_exits_3(tmp_path: Path) -> None:
    fichier = ecrire_lignes(tmp_path / "m.jsonl", [mission_exemple()])
    (tmp_path / "sortie").write_text("x")
    resultat = lot(str(fichier), "--out", str(tmp_path / "sortie"))
    assert resultat.exit_code == 3 and "Erreur :" in resultat.stderr
    assert "Traceback" not in resultat.output


def test_a_mission_whose_folder_cannot_be_written_is_counted_exit_3(tmp_path: Path) -> None:
    fichier = ecrire_lignes(tmp_path / "m.jsonl", [mission_exemple(), mission_exemple()])
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "ligne-000001").write_text("un fichier à la place du dossier")
    resultat = lot(str(fichier), "--out", str(sortie), "-j", "1")
    assert resultat.exit_code == 3
    lignes = rapport(sortie)
    assert [ligne["statut"] for ligne in lignes] == ["erreur_sortie", "rendu"]
    assert "est un fichier, pas un dossier" in lignes[0]["message"]
    assert (sortie / "ligne-000002" / "ordre_de_mission.docx").is_file()


def test_a_bad_policy_stops_before_any_write_exit_2(tmp_path: Path) -> None:
    fichier = ecrire_lignes(tmp_path / "m.jsonl", [mission_exemple()])
    politique = tmp_path / "p.yaml"
    politique.write_text("collectivite: [\n")
    resultat = lot(str(fichier), "--out", str(tmp_path / "sortie"), "--policy", str(politique))
    assert resultat.exit_code == 2 and "p.yaml" in resultat.stderr
    assert not (tmp_path / "sortie" / "ligne-000001").exists()


def test_the_help_is_in_french() -> None:
    resultat = lot("--aide")
    assert resultat.exit_code == 0
    assert "JSON Lines" in resultat.stdout and "--travailleurs" in resultat.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="signals and fork as on Linux")
def test_sigterm_stops_the_workers_and_leaves_no_temporary(tmp_path: Path) -> None:
    fichier = ecrire_lignes(
        tmp_path / "m.jsonl", [mission_exemple(reference=f"R-{n}") for n in range(400)]
    )
    sortie = tmp_path / "sortie"
    missio = Path(sys.executable).parent / "missio"
    processus = subprocess.Popen(
        [str(missio), "batch", str(fichier), "--out", str(sortie), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Wait for the first packet in the report, then stop it mid-way.
    limite = time.monotonic() + 120
    compte = sortie / "rapport-lot.jsonl"
    while time.monotonic() < limite and not (compte.is_file() and compte.stat().st_size):
        time.sleep(0.05)
    os.kill(processus.pid, signal.SIGTERM)
    _, erreurs = processus.communicate(timeout=60)
    assert processus.returncode == 130, erreurs.decode()
    assert "Lot interrompu" in erreurs.decode()
    assert not [p.name for p in sortie.iterdir() if ".missio-" in p.name]
    lignes = rapport(sortie)
    assert 0 < len(lignes) < 400
    # Every folder is whole, those the report names and any swapped after its last line.
    assert all(ligne["statut"] == "rendu" for ligne in lignes)
    dossiers = [p for p in sortie.iterdir() if p.is_dir()]
    assert len(dossiers) >= len(lignes)
    for dossier in dossiers:
        assert (dossier / "ordre_de_mission.docx").is_file()
        assert (dossier / "checklist.ics").is_file()


@pytest.mark.usefixtures("plugin_garnement")  # tests/fixtures/garnement, installed
def test_a_plugin_error_is_counted_and_exits_1(tmp_path: Path) -> None:
    fichier = ecrire_lignes(
        tmp_path / "m.jsonl",
        [mission_exemple(extensions={"garnement": {"mode": "dispositif"}}), mission_exemple()],
    )
    resultat = lot(str(fichier), "--out", str(tmp_path / "sortie"), "-j", "1")
    assert resultat.exit_code == 1
    lignes = rapport(tmp_path / "sortie")
    assert [ligne["statut"] for ligne in lignes] == ["erreur_plugin", "rendu"]
    assert "garnement" in lignes[0]["message"]
    assert not (tmp_path / "sortie" / "ligne-000001").exists()
    assert (tmp_path / "sortie" / "ligne-000002" / "ordre_de_mission.docx").is_file()
