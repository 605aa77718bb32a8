"""Reviewers' tools: casebook run/accept/coverage and impact comparisons, through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from missio.cli.commands import main

RACINE = Path(__file__).resolve().parent.parent
CAS_6_JOURS = RACINE / "tests" / "casebook" / "statut_fpt" / "operateur-6-jours.yaml"


def lancer(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def casebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-case casebook inside a copy of the project layout (cases name examples/)."""
    (tmp_path / "examples").mkdir()
    shutil.copy(RACINE / "examples" / "caesm-montmagny.json", tmp_path / "examples")
    dossier = tmp_path / "casebook" / "statut_fpt"
    dossier.mkdir(parents=True)
    cas = yaml.safe_load(CAS_6_JOURS.read_text(encoding="utf-8"))
    cas["parametres"] = {"statut_fpt.seuil_cumul_max_jours": 6}  # the old rule: 6 days → cumul
    del cas["attendu"]
    (dossier / "operateur-6-jours.yaml").write_text(
        yaml.safe_dump(cas, allow_unicode=True), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path / "casebook"


def test_accept_records_who_when_why_then_run_is_clean(casebook: Path) -> None:
    premier = lancer("casebook", "run", str(casebook))
    assert premier.exit_code == 1 and "nouveau : statut_fpt/operateur-6-jours" in premier.output
    accepte = lancer(
        "casebook",
        "accept",
        str(casebook),
        "--par",
        "Me Durand, juriste",
        "--motif",
        "Note DAECT 2021, § II.B : enregistrement initial",
    )
    assert accepte.exit_code == 0 and "accepté : statut_fpt/operateur-6-jours" in accepte.output
    resultats = casebook / "statut_fpt" / "operateur-6-jours"
    assert (resultats / "decision.yml").is_file()
    journal = yaml.safe_load((resultats / "journal.yml").read_text(encoding="utf-8"))
    assert journal[0]["par"] == "Me Durand, juriste"
    assert journal[0]["motif"].startswith("Note DAECT 2021") and journal[0]["le"]
    assert lancer("casebook", "run", str(casebook)).exit_code == 0


def test_a_threshold_change_names_case_rule_and_basis(casebook: Path) -> None:
    lancer("casebook", "accept", str(casebook), "--par", "A", "--motif", "initial")
    fichier = casebook / "statut_fpt" / "operateur-6-jours.yaml"
    cas = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    del cas["parametres"]  # the rule changes: 6 days is now a mise à disposition
    fichier.write_text(yaml.safe_dump(cas, allow_unicode=True), encoding="utf-8")
    resultat = lancer("casebook", "run", str(casebook))
    assert resultat.exit_code == 1
    sortie = resultat.output
    assert "modifié : statut_fpt/operateur-6-jours" in sortie
    assert "dispositif : cumul_activites → mise_a_disposition" in sortie
    assert "statut_fpt / voie.operateur" in sortie
    assert (
        "après seulement — mad.conditions : Code général de la fonction publique, art. L. 512-7 [vérifié]"
        in sortie
    )
    journal = casebook / "statut_fpt" / "operateur-6-jours" / "journal.yml"
    lancer("casebook", "accept", str(casebook), "--par", "Me Durand", "--motif", "Seuil DAECT relu")
    entrees = yaml.safe_load(journal.read_text(encoding="utf-8"))
    assert (
        len(entrees) == 2
        and "dispositif : cumul_activites → mise_a_disposition" in entrees[1]["changements"]
    )


def test_contradicting_the_stated_expectation_fails(casebook: Path) -> None:
    fichier = casebook / "statut_fpt" / "operateur-6-jours.yaml"
    cas = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    cas["attendu"] = {"dispositif": "mise_a_disposition"}
    fichier.write_text(yaml.safe_dump(cas, allow_unicode=True), encoding="utf-8")
    resultat = lancer("casebook", "run", str(casebook))
    assert resultat.exit_code == 1
    assert "contraire à l'attendu : statut_fpt/operateur-6-jours" in resultat.output
    assert "dispositif : attendu mise_a_disposition, obtenu cumul_activites" in resultat.output
    refus = lancer("casebook", "accept", str(casebook), "--par", "A", "--motif", "m")
    assert "refusé" in refus.output and not (casebook / "statut_fpt" / "operateur-6-jours").exists()


def test_coverage_names_rules_and_references_without_cases(casebook: Path) -> None:
    resultat = lancer("casebook", "coverage", str(casebook))
    assert resultat.exit_code == 0
    assert "## Règles sans cas" in resultat.output
    assert "`disponibilite.procedure`" in resultat.output  # no disponibilité in this casebook
    assert "## Références encore « à vérifier »" in resultat.output
    assert "`stagiaire.positions_interdites`" in resultat.output
    assert "- `voie.operateur` : 1 cas" in resultat.output


def test_compare_two_dates_writes_markdown_and_html(tmp_path: Path) -> None:
    md, page = tmp_path / "impact.md", tmp_path / "impact.html"
    resultat = lancer(
        "compare",
        str(RACINE / "tests" / "casebook" / "statut_fpt"),
        "--cas",
        "mad-2021-loi-84-53",
        "--cas",
        "operateur-cumul-3-jours",
        "--dates",
        "2021-03-01",
        "2026-03-02",
        "--md",
        str(md),
        "--html",
        str(page),
    )
    assert resultat.exit_code == 0, resultat.output
    texte = md.read_text(encoding="utf-8")
    assert "## mad-2021-loi-84-53" in texte
    assert (
        "avant seulement — mad.conditions : Loi n° 84-53 du 26 janvier 1984, art. 61 [vérifié (source secondaire)]"
        in texte
    )
    assert (
        "après seulement — mad.conditions : Code général de la fonction publique, art. L. 512-7 [vérifié]"
        in texte
    )
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html and "src=" not in html
    assert "mad-2021-loi-84-53" in html


def test_compare_two_parameter_sets() -> None:
    resultat = lancer(
        "compare",
        str(RACINE / "tests" / "casebook" / "statut_fpt"),
        "--cas",
        "operateur-6-jours",
        "--parametre-b",
        "statut_fpt.seuil_cumul_max_jours=6",
    )
    assert resultat.exit_code == 0
    assert "dispositif : mise_a_disposition → cumul_activites" in resultat.output
    assert "statut_fpt / daect.borne_6" in resultat.output


def test_compare_with_a_git_revision() -> None:
    resultat = lancer(
        "compare",
        str(RACINE / "tests" / "casebook" / "statut_fpt"),
        "--cas",
        "operateur-cumul-3-jours",
        "--revision",
        "HEAD",
    )
    assert resultat.exit_code == 0, resultat.output
    assert "**A** : révision HEAD" in resultat.output


def test_compare_with_an_unknown_parameter_is_a_french_error() -> None:
    resultat = CliRunner().invoke(
        main,
        [
            "compare",
            str(RACINE / "tests" / "casebook" / "statut_fpt"),
            "--cas",
            "operateur-6-jours",
            "--parametre-b",
            "statut_fpt.seuil_inconnu=6",
        ],
    )
    assert resultat.exit_code == 2 and resultat.exception is not None
    assert isinstance(resultat.exception, SystemExit)
    assert resultat.output.startswith("Erreur : ")
    assert "statut_fpt.seuil_inconnu : paramètre inconnu. Paramètres déclarés :" in resultat.output
    assert "Traceback" not in resultat.output


def test_compare_puts_route_changes_first_and_trace_only_cases_on_one_line(tmp_path: Path) -> None:
    md, page = tmp_path / "impact.md", tmp_path / "impact.html"
    cas = (
        "operateur-6-jours",
        "cdi-operateur-40-jours",
        "operateur-cumul-3-jours",
        "operateur-5-jours",
    )
    arguments = [
        "compare",
        str(RACINE / "tests" / "casebook" / "statut_fpt"),
        *(x for nom in cas for x in ("--cas", nom)),
        "--parametre-b",
        "statut_fpt.seuil_cumul_max_jours=6",
    ]
    resultat = lancer(*arguments, "--md", str(md), "--html", str(page))
    assert resultat.exit_code == 0
    assert resultat.output == (
        "4 cas sur 4 changent (voie ou conformité changée : 1 ; décision changée, même voie : 1 "
        "; seul le texte des actes change : 0 ; seule la trace change : 2) ; rapport écrit.\n"
    )
    texte = md.read_text(encoding="utf-8")
    sections = [ligne for ligne in texte.splitlines() if ligne.startswith("#")]
    assert sections == [
        "# Impact d'un changement de règles",
        "## Voie ou conformité changée (1)",
        "### operateur-6-jours",
        "## Décision changée, même voie (1)",
        "### cdi-operateur-40-jours",
        "## Seule la trace change (2)",
    ]
    assert "- dispositif : mise_a_disposition → cumul_activites" in texte
    assert (
        "2 cas : décision et actes identiques ; seules les lignes de trace de "
        "`missio / parametre.statut_fpt.seuil_cumul_max_jours`"
    ) in texte
    assert "operateur-5-jours, operateur-cumul-3-jours" in texte
    html = page.read_text(encoding="utf-8")
    assert (
        "<h2>Voie ou conformité changée (1)</h2>" in html and "<h3>operateur-6-jours</h3>" in html
    )
    assert "<h3>operateur-cumul-3-jours</h3>" not in html


def test_a_case_file_in_error_is_located_in_french(casebook: Path) -> None:
    fichier = casebook / "statut_fpt" / "operateur-6-jours.yaml"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text("titre: [Cas cassé\n" + texte, encoding="utf-8")
    resultat = CliRunner().invoke(main, ["casebook", "run", str(casebook)])
    assert resultat.exit_code == 2 and "Traceback" not in resultat.output
    assert resultat.output.startswith("Erreur : cas du casebook invalide.\n")
    assert (
        f"- {fichier}:2:" in resultat.output
        and "liste entre crochets non fermée" in resultat.output
    )
    fichier.write_text(texte.replace("titre:", "titr:", 1), encoding="utf-8")
    resultat = CliRunner().invoke(main, ["casebook", "run", str(casebook)])
    assert resultat.exit_code == 2
    ligne = (
        texte.splitlines().index(next(x for x in texte.splitlines() if x.startswith("titre:"))) + 1
    )
    assert f"- {fichier}:{ligne} : titr : champ inconnu du contrat" in resultat.output
    fichier.write_text(texte.replace("  date_demande: null", "  date_demande: 2026-02-30"))
    resultat = CliRunner().invoke(main, ["casebook", "run", str(casebook)])
    assert resultat.exit_code == 2
    assert "mission.date_demande : « 2026-02-30 » n'est pas une date qui existe" in resultat.output
