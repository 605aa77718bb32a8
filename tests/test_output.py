"""The output folder: replaced as a whole, never a mix of two renders, never a file missio did
not write touched, and a French error naming the folder (exit 3) when it cannot be written."""

from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import missio.documents.output as sortie
from missio.cli.commands import main
from missio.documents.errors import ErreurSortie
from missio.documents.output import MANIFESTE, ecrire

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
POLITIQUE = RACINE / "plugins" / "collectivite_custom" / "politiques" / "caesm.yaml"

RENDU_A = {"decision.json": b'{"a": 1}', "ordre_de_mission.docx": b"A" * 1000, "x.md": b"a"}
RENDU_B = {"decision.json": b'{"b": 2}', "convention.docx": b"B" * 1000}


def contenu(dossier: Path) -> dict[str, bytes]:
    """Every visible file under `dossier`, by relative path."""
    return {
        str(p.relative_to(dossier)): p.read_bytes()
        for p in sorted(dossier.rglob("*"))
        if p.is_file() and p.name != MANIFESTE
    }


def temporaires(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".missio-" in p.name]


def rendre(*args: str) -> Any:
    return CliRunner().invoke(main, ["render", *args])


# --- replacement as a whole -------------------------------------------------------------------


def test_a_render_replaces_the_previous_one_as_a_whole(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    ecrits = ecrire(dossier, RENDU_B)
    assert [p.name for p in ecrits] == ["decision.json", "convention.docx"]
    assert contenu(dossier) == RENDU_B
    assert temporaires(tmp_path) == []
    manifeste = json.loads((dossier / MANIFESTE).read_text())
    assert manifeste["fichiers"] == {
        nom: hashlib.sha256(octets).hexdigest() for nom, octets in RENDU_B.items()
    }


def test_files_missio_did_not_write_stay_untouched(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    (dossier / "notes.txt").write_text("à moi")
    (dossier / "perso").mkdir()
    (dossier / "perso" / "scan.pdf").write_bytes(b"%PDF")
    inode = (dossier / "notes.txt").stat().st_ino
    ecrire(dossier, RENDU_B)
    assert contenu(dossier) == RENDU_B | {"notes.txt": "à moi".encode(), "perso/scan.pdf": b"%PDF"}
    assert (dossier / "notes.txt").stat().st_ino == inode  # moved along, never copied
    assert "notes.txt" not in json.loads((dossier / MANIFESTE).read_text())["fichiers"]


def test_a_file_missio_wrote_and_someone_edited_stops_the_render(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    (dossier / "ordre_de_mission.docx").write_bytes(b"modifie dans Word")
    avant = contenu(dossier)
    with pytest.raises(ErreurSortie, match=re.escape("« ordre_de_mission.docx » a été modifié")):
        ecrire(dossier, RENDU_B)
    assert contenu(dossier) == avant and temporaires(tmp_path) == []


def test_a_foreign_file_in_the_place_of_a_new_one_stops_the_render(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    dossier.mkdir()
    (dossier / "decision.json").write_text("le mien")
    (dossier / "~$dre_de_mission.docx").write_text("verrou de Word")
    with pytest.raises(ErreurSortie) as exc:
        ecrire(dossier, RENDU_A)
    assert "« decision.json » existe déjà et n'a pas été écrit par missio" in str(exc.value)
    assert str(exc.value).endswith("ouvert dans un traitement de texte : fermez-le d'abord.")
    assert (dossier / "decision.json").read_text() == "le mien"


def test_folder_permissions_are_kept(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    dossier.mkdir(mode=0o750)
    os.chmod(dossier, 0o750)
    ecrire(dossier, RENDU_A)
    assert dossier.stat().st_mode & 0o777 == 0o750


def test_cli_non_conforme_leaves_no_act_of_an_earlier_mission(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    premier = rendre(str(EXEMPLE), "--policy", str(POLITIQUE), "--out", str(dossier))
    assert premier.exit_code == 0, premier.output
    assert "ordre_de_mission.docx" in contenu(dossier)
    (dossier / "notes.txt").write_text("à moi")
    mission = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    mission["agent"]["statut"] = "stagiaire"
    mission["cadre"], mission["accueil"]["nature"] = "operateur", "operateur"
    mission["periodes"] = [{"debut": "2026-03-02", "fin": "2026-04-30"}]
    fichier = tmp_path / "bloquee.json"
    fichier.write_text(json.dumps(mission))
    second = rendre(str(fichier), "--out", str(dossier))
    assert second.exit_code == 0, second.output
    assert json.loads((dossier / "decision.json").read_text())["conforme"] is False
    assert set(contenu(dossier)) == {"decision.json", "notes.txt"}
    assert (
        f"De missio, le dossier « {dossier} » ne contient plus que : decision.json ; les actes "
        "d'un rendu précédent en ont été retirés." in second.stderr
    )


# --- the folder cannot be written: exit 3, French, nothing partial ------------------------------


def test_a_path_that_is_a_file_exits_3(tmp_path: Path) -> None:
    fichier = tmp_path / "actes"
    fichier.write_text("un fichier")
    resultat = rendre(str(EXEMPLE), "--out", str(fichier))
    assert resultat.exit_code == 3
    assert f"« {fichier} » est un fichier, pas un dossier" in resultat.stderr
    sous = rendre(str(EXEMPLE), "--out", str(fichier / "sous"))
    assert sous.exit_code == 3 and "n'a pas pu créer son dossier parent" in sous.stderr
    assert fichier.read_text() == "un fichier" and temporaires(tmp_path) == []


def test_a_read_only_folder_exits_3_and_stays_as_it_was(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    os.chmod(dossier, 0o555)
    try:
        resultat = rendre(str(EXEMPLE), "--out", str(dossier))
        assert resultat.exit_code == 3
        assert f"Le dossier « {dossier} » est en lecture seule" in resultat.stderr
        assert "Erreur interne" not in resultat.stderr
        assert contenu(dossier) == RENDU_A and temporaires(tmp_path) == []
    finally:
        os.chmod(dossier, 0o755)


def _disque_plein_au(rang: int) -> Callable[[Path, bytes], None]:
    ecrits = []
    vrai = sortie._ecrire_fichier

    def ecrire_fichier(chemin: Path, octets: bytes) -> None:
        ecrits.append(chemin)
        if len(ecrits) == rang:
            raise OSError(errno.ENOSPC, "No space left on device", str(chemin))
        vrai(chemin, octets)

    return ecrire_fichier


def test_a_full_disk_leaves_the_previous_render_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    monkeypatch.setattr(sortie, "_ecrire_fichier", _disque_plein_au(3))
    with pytest.raises(ErreurSortie) as exc:
        ecrire(dossier, RENDU_B)
    assert str(exc.value) == (
        f"Impossible d'écrire les actes dans « {dossier} » : missio n'a pas pu écrire "
        "« convention.docx » (disque plein). Rien n'a été écrit ; le contenu précédent du "
        "dossier est intact."
    )
    assert contenu(dossier) == RENDU_A and temporaires(tmp_path) == []


def test_a_full_disk_through_the_cli_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sortie, "_ecrire_fichier", _disque_plein_au(2))
    resultat = rendre(str(EXEMPLE), "--out", str(tmp_path / "actes"))
    assert resultat.exit_code == 3 and "(disque plein)" in resultat.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def petit_disque(tmp_path: Path) -> Any:
    """A real 200 kB file system, when this machine lets the tests mount one."""
    point = tmp_path / "petit"
    point.mkdir()
    essai = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if essai.returncode != 0:
        pytest.skip("mount tmpfs impossible ici (le test simulé couvre le disque plein)")
    yield point
    subprocess.run(["umount", str(point)], check=False)


def test_a_really_full_disk(petit_disque: Path) -> None:
    dossier = petit_disque / "actes"
    ecrire(dossier, RENDU_A)
    with pytest.raises(ErreurSortie, match=r"\(disque plein\)"):
        ecrire(dossier, {"decision.json": b"{}", "gros.docx": os.urandom(300_000)})
    assert contenu(dossier) == RENDU_A and temporaires(petit_disque) == []


# --- interruptions and concurrency ----------------------------------------------------------


def _tue_pendant(dossier: Path, fichiers: dict[str, bytes], point: str) -> int:
    """Run ecrire in a child process that dies (os._exit, like kill -9) at `point`."""

    def enfant() -> None:
        reel = getattr(sortie, point)

        def mourir(*args: Any, **kwargs: Any) -> Any:
            if point == "_vider" and not args[0].name.startswith(f".{dossier.name}"):
                return reel(*args, **kwargs)
            os._exit(9)

        setattr(sortie, point, mourir)
        ecrire(dossier, fichiers)
        os._exit(0)

    processus = multiprocessing.get_context("fork").Process(target=enfant)
    processus.start()
    processus.join()
    return processus.exitcode or 0


@pytest.mark.parametrize(
    "point",
    [
        "_synchroniser",  # files written, not yet swapped
        "_echanger",  # foreign files moved into the temporary, just before the swap
        "_vider",  # swapped, the previous render not yet emptied
    ],
)
def test_a_killed_render_leaves_a_whole_folder_and_the_next_one_cleans_up(
    tmp_path: Path, point: str
) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    (dossier / "notes.txt").write_text("à moi")
    assert _tue_pendant(dossier, RENDU_B, point) == 9
    avant = contenu(dossier)
    assert avant in (
        RENDU_A | {"notes.txt": "à moi".encode()},
        RENDU_B | {"notes.txt": "à moi".encode()},
    )
    assert temporaires(tmp_path), "the killed render left its temporary"
    ecrire(dossier, RENDU_A)
    assert contenu(dossier) == RENDU_A | {"notes.txt": "à moi".encode()}
    assert temporaires(tmp_path) == []


def test_without_an_atomic_swap_an_interruption_is_undone_by_the_next_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sortie, "_echange_atomique", lambda a, b: False)
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    assert contenu(dossier) == RENDU_A
    ecrire(dossier, RENDU_B)
    assert contenu(dossier) == RENDU_B and temporaires(tmp_path) == []
    # Killed between the two renames: the folder is missing, the previous render waits aside.
    (tmp_path / f".actes{sortie._ANCIEN}abc").mkdir()
    for nom, octets in RENDU_A.items():
        (tmp_path / f".actes{sortie._ANCIEN}abc" / nom).write_bytes(octets)
    shutil.rmtree(dossier)
    ecrire(tmp_path / "autre", RENDU_B)  # any render beside it puts it back
    assert contenu(dossier) == RENDU_A and temporaires(tmp_path) == []


def test_a_file_saved_into_a_temporary_is_never_deleted(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    # What an interrupted render leaves: its manifest names its files; anything else (a file
    # saved into the folder while it was being swapped) goes back into the folder.
    reste = tmp_path / f".actes{sortie._TEMPORAIRE}abc"
    reste.mkdir()
    (reste / MANIFESTE).write_text(json.dumps({"fichiers": {"a.docx": ""}}))
    (reste / "a.docx").write_bytes(b"partiel")
    (reste / "sauve-pendant.txt").write_text("à moi")
    ecrire(dossier, RENDU_B)
    assert contenu(dossier) == RENDU_B | {"sauve-pendant.txt": "à moi".encode()}
    assert temporaires(tmp_path) == []


def test_a_second_render_waits_for_the_first(tmp_path: Path) -> None:
    import fcntl

    dossier = tmp_path / "actes"
    attend = threading.Event()
    verrou = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(verrou, fcntl.LOCK_EX)  # a first render holds the folder
    second = threading.Thread(
        target=ecrire, args=(dossier, RENDU_B), kwargs={"attente": attend.set}
    )
    second.start()
    assert attend.wait(5), "the second render must say it waits"
    assert second.is_alive() and not dossier.exists()
    os.close(verrou)
    second.join(10)
    assert contenu(dossier) == RENDU_B


def test_two_renders_at_once_never_mix(tmp_path: Path) -> None:
    dossier = tmp_path / "actes"
    commandes = [
        [sys.executable, "-m", "missio", "render", str(EXEMPLE), "--out", str(dossier)],
        [
            sys.executable,
            "-m",
            "missio",
            "render",
            str(EXEMPLE),
            "--policy",
            str(POLITIQUE),
            "--out",
            str(dossier),
        ],
    ]
    attendus = []
    for rang, commande in enumerate(commandes):  # each render alone, for comparison
        seul = tmp_path / f"seul-{rang}"
        assert rendre(*commande[4:-1], str(seul)).exit_code == 0
        attendus.append(contenu(seul))
    assert attendus[0] != attendus[1]
    processus = [subprocess.Popen(c, stdout=subprocess.DEVNULL) for c in commandes]
    assert [p.wait() for p in processus] == [0, 0]
    assert contenu(dossier) in attendus  # byte for byte one render, never a mix
    assert temporaires(tmp_path) == []


def test_the_manifest_of_a_temporary_is_deleted_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Emptying the previous render after the swap keeps its manifest to the end: killed
    half-way, its acts are still known as missio's and never come back as « recovered »."""
    dossier = tmp_path / "actes"
    ecrire(dossier, RENDU_A)
    listdir, supprimes = os.listdir, []
    # The manifest listed first, the order in which a kill would do the most harm.
    monkeypatch.setattr(
        sortie.os,
        "listdir",
        lambda chemin: sorted(listdir(chemin), key=lambda nom: nom != MANIFESTE),
    )
    unlink = Path.unlink
    monkeypatch.setattr(
        Path, "unlink", lambda self, **k: (supprimes.append(self.name), unlink(self, **k))[1]
    )
    ecrire(dossier, RENDU_B)
    assert supprimes[-1] == MANIFESTE and set(supprimes[:-1]) >= set(RENDU_A) - set(RENDU_B)
    assert contenu(dossier) == RENDU_B
