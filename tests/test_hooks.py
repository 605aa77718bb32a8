"""Every hook is documented with its signature, and tested; the core imports no plugin."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from missio import hookimpl, hookspecs

RACINE = Path(__file__).resolve().parent.parent
HOOKS = [
    nom
    for nom, objet in vars(hookspecs).items()
    if nom.startswith("missio_") and inspect.isfunction(objet)
]


def test_hooks_are_documented_with_their_signature() -> None:
    doc = (RACINE / "docs" / "plugins" / "hooks.md").read_text(encoding="utf-8")
    for nom in HOOKS:
        parametres = ", ".join(inspect.signature(getattr(hookspecs, nom)).parameters)
        assert f"## {nom}({parametres})" in doc, nom


def test_every_hook_has_a_test() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in (RACINE / "tests").rglob("test_*.py")
    )
    for nom in HOOKS:
        assert re.search(rf"def test_hook_{nom}\w*\(", sources), f"missing test_hook_{nom}"


def test_core_imports_no_plugin() -> None:
    for fichier in (RACINE / "core").rglob("*.py"):
        texte = fichier.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+missio_", texte, re.M), fichier


def test_hook_missio_legal_sources_and_rules(engine) -> None:  # type: ignore[no-untyped-def]
    assert engine.referentiel.auteur("mad.conditions") == "statut_fpt"
    assert engine.regles["voie.operateur"].plugin == "statut_fpt"


def test_hook_missio_rules_marks_reach_the_trace(engine, exemple) -> None:  # type: ignore[no-untyped-def]
    # Before 1 March 2019, om.definition_mission cites a wording read in a secondary source.
    avant_2019 = {**exemple, "periodes": [{"debut": "2018-03-05", "fin": "2018-08-31"}]}
    decision = engine.evaluer(engine.valider({**avant_2019, "date_demande": "2018-01-15"}))
    entree = next(
        t
        for t in decision.trace
        if t.regle == "voie.cooperation_propre" and t.resultat.startswith("dispositif")
    )
    assert entree.statut == "verifie_secondaire"  # om.definition_mission is verifie_secondaire
    assert (
        "Décret n° 2006-781 du 3 juillet 2006, art. 2 [vérifié (source secondaire)]"
        in entree.references
    )


def test_hook_missio_parameters_declared(engine) -> None:  # type: ignore[no-untyped-def]
    assert engine.parametres["statut_fpt.seuil_mad_max_jours"].defaut == 130


def test_hook_missio_parameter_overrides(exemple) -> None:  # type: ignore[no-untyped-def]
    from missio import hookimpl
    from missio.engine import Engine

    class Politique:
        PLUGIN_NAME = "politique"

        @hookimpl
        def missio_parameter_overrides(self, mission):  # type: ignore[no-untyped-def]
            return [("statut_fpt.seuil_cumul_max_jours", 130, "délibération n° 7 du 3 mars 2026")]

    engine = Engine([Politique()])
    donnees = dict(exemple, cadre="operateur")
    decision = engine.evaluer(engine.valider(donnees))
    assert decision.dispositif == "cumul_activites"  # 122 <= 130
    assert any(
        t.plugin == "politique" and "délibération n° 7" in t.resultat for t in decision.trace
    )


def test_hook_missio_documents_and_plugin_info(engine) -> None:  # type: ignore[no-untyped-def]
    assert engine.documents["ordre_de_mission"].modele.exists()
    infos = {i.nom: i for i in engine.plugins.infos()}
    assert infos["templates"].description.startswith("Modèles d'actes")


def test_hook_missio_plugin_info_is_optional(engine) -> None:  # type: ignore[no-untyped-def]
    assert all(info.version for info in engine.plugins.infos())


class _Reglages:
    def __init__(self, nom: str, mode: str) -> None:
        self.PLUGIN_NAME, self.mode = nom, mode

    @hookimpl
    def missio_engine_settings(self):  # type: ignore[no-untyped-def]
        return {"journee_solidarite": self.mode}


def test_hook_missio_engine_settings_sets_the_solidarity_day(exemple) -> None:  # type: ignore[no-untyped-def]
    from missio.engine import Engine
    from missio.errors import ErreurPlugin

    engine = Engine([_Reglages("caesm", "lundi_pentecote")])
    assert engine.journee_solidarite is None  # the instance's own setting: none
    decision = engine.evaluer(engine.valider(exemple))
    assert decision.volume_jours_ouvres == 123  # the Pentecost Monday is worked
    reglage = next(t for t in decision.trace if t.regle == "reglage.journee_solidarite")
    assert (reglage.plugin, reglage.resultat) == (
        "caesm",
        "journée de solidarité : lundi_pentecote (caesm)",
    )
    # Two plugins that apply to every mission and disagree: no engine.
    with pytest.raises(ErreurPlugin, match="une collectivité n'a qu'un réglage"):
        Engine([_Reglages("a", "lundi_pentecote"), _Reglages("b", "rtt")])


def test_hook_missio_check_reports_and_refuses() -> None:
    from missio.engine import Engine
    from missio.errors import ErreurValidation

    class Verifie:
        PLUGIN_NAME = "verifie"

        @hookimpl
        def missio_check(self, engine):  # type: ignore[no-untyped-def]
            if "statut_fpt.seuil_mad_max_jours" not in engine.parametres:
                raise ErreurValidation([("parametres", "seuil absent")])
            return ["politique verifie : valide"]

    assert Engine([Verifie()]).verifications == ["politique verifie : valide"]
    with pytest.raises(ErreurValidation):
        Engine([Verifie()], autoload=False)


def test_hook_missio_policy_schema_from_the_policy_plugin() -> None:
    from click.testing import CliRunner

    from missio.cli.commands import main

    sortie = CliRunner().invoke(main, ["policy", "schema"])
    assert sortie.exit_code == 0 and '"regles"' in sortie.output
