"""The plugin as the engine sees it: hooks, declarations, scope, and what it never does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expe_ct_aide import alertes, decider, mission_expe, trace

from missio.engine import Engine

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "expe_ct"


def test_hook_missio_legal_sources_expe_ct(engine: Engine) -> None:
    cles = [cle for cle in engine.referentiel if engine.referentiel.auteur(cle) == "expe_ct"]
    assert cles and all(cle.startswith("expe_ct.") for cle in cles)
    mission = engine.referentiel.source("expe_ct.reglement.mission").versions[0]
    assert mission.article == "§ III.2" and mission.statut == "verifie"
    assert str(mission.du) == "2020-07-07"


def test_every_a_verifier_of_the_domain_file_stays_visible(engine: Engine) -> None:
    for cle in (
        "expe_ct.lecture.semaine",
        "expe_ct.lecture.delai_rapport",
        "expe_ct.lecture.report_jour_ouvre",
        "expe_ct.lecture.label_fin",
        "expe_ct.lecture.domaine",
        "expe_ct.lecture.contractuels",
        "expe_ct.lecture.retraite",
    ):
        assert {v.statut for v in engine.referentiel.source(cle).versions} == {"a_verifier"}, cle
    # The article was read (its source is recorded), the analogy is ours: the weaker mark stays.
    cpc = engine.referentiel.source("expe_ct.lecture.delai_rapport").versions[0]
    assert cpc.texte == "Code de procédure civile" and "641" in (cpc.article or "")
    assert "LEGIARTI000006411002" in (cpc.source or "") and str(cpc.en_vigueur_le) == "1976-01-01"


def test_travel_advice_is_read_in_secondary_sources_but_the_policy_stays_ours(
    engine: Engine,
) -> None:
    for cle in ("expe_ct.conseils_voyageurs", "expe_ct.ariane"):
        version = engine.referentiel.source(cle).versions[0]
        assert version.statut == "verifie_secondaire" and "2026-12-01" in (version.source or "")
    assert engine.regles["expe_ct.vigilance"].statut == "a_verifier"
    assert engine.regles["expe_ct.assistance"].statut == "a_verifier"


def test_hook_missio_rules_expe_ct_codes_are_prefixed(engine: Engine) -> None:
    regles = {c: r for c, r in engine.regles.items() if r.plugin == "expe_ct"}
    assert all(code.startswith("expe_ct.") for code in regles)
    assert regles["expe_ct.duree"].cite == ("expe_ct.reglement.mission", "expe_ct.lecture.semaine")
    assert regles["expe_ct.vigilance"].statut == "a_verifier"


def test_hook_missio_parameters_expe_ct_duree_max(engine: Engine) -> None:
    parametre = engine.parametres["expe_ct.duree_max"]
    assert parametre.defaut == {"valeur": 7, "unite": "jours_calendaires"}
    assert "jours_ouvres_sur_place" in parametre.description
    assert "expe_ct.lecture.semaine" in parametre.fondements


def test_hook_missio_extensions_expe_ct_in_schema(engine: Engine) -> None:
    schema = engine.schema_mission()["properties"]["extensions"]["properties"]["expe_ct"]
    assert schema["additionalProperties"] is False
    assert "ambassade" in schema["properties"]["validation_ambassade"]["description"]
    assert {
        "validation_ambassade",
        "nombre_personnes",
        "rapport_remis_le",
        "montant_en_jeu",
    } <= set(schema["properties"])


def test_hook_missio_plugin_info_expe_ct(engine: Engine) -> None:
    info = next(i for i in engine.plugins.infos() if i.nom == "expe_ct")
    assert "EXPE-CT" in info.description


def test_hook_missio_findings_expe_ct_every_code_is_prefixed() -> None:
    decision = decider(vigilance="rouge", employeur={"labels": []}, ext={"nombre_personnes": 3})
    codes = [a.code for a in decision.alertes] + [b.code for b in decision.blocages]
    expe = [t for t in decision.trace if t.plugin == "expe_ct"]
    assert expe and all(t.regle.startswith("expe_ct.") for t in expe)
    # statut_fpt adds its own vigilance alert (securite.vigilance) for every route.
    autres = ("document_sans_modele", "securite.vigilance")
    assert all(c.startswith("expe_ct.") for c in codes if c not in autres)


@pytest.mark.parametrize("statut", ["titulaire", "contractuel_cdd", "elu", "retraite"])
def test_the_plugin_imposes_no_dispositif(statut: str) -> None:  # type: ignore[no-untyped-def]
    import missio_expe_ct

    seul = Engine([missio_expe_ct], autoload=False)
    decision = seul.evaluer(seul.valider(mission_expe(agent={"statut": statut})))
    # No Voie from expe_ct: alone, the engine finds no vehicle; statut_fpt chooses it.
    assert decision.dispositif == "aucun"
    assert not any(t.resultat.startswith("dispositif") for t in decision.trace)


def test_the_plugin_imports_only_the_core() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PLUGIN.glob("*.py"))
    assert not re.search(r"^\s*(from|import)\s+missio_(?!expe_ct)", source, re.M)
    assert "Voie(" not in source


def test_other_cadres_are_not_judged() -> None:
    decision = decider(cadre="cooperation_decentralisee")
    assert not [t for t in decision.trace if t.plugin == "expe_ct" and t.regle != "expe_ct.cadre"]
    assert alertes(decision)["expe_ct.extension_ignoree"].niveau == "info"


def test_other_cadres_without_extension_give_nothing() -> None:
    decision = decider(cadre="operateur", extensions={})
    assert not [t for t in decision.trace if t.plugin == "expe_ct"]


def test_a_mission_without_extension_is_judged_with_what_is_known() -> None:
    decision = decider(extensions={})
    assert [b.code for b in decision.blocages] == ["expe_ct.ambassade_non_validee"]
    assert any("une seule personne" in r for r in trace(decision, "expe_ct.equipe"))


def test_missions_before_the_programme_are_refused_without_citing_its_reglement() -> None:
    decision = decider(
        periodes=[{"debut": "2020-07-01", "fin": "2020-07-06"}],
        date_demande="2020-06-01",
        employeur={"labels": [{"nom": "PACT 3", "obtenu_le": "2017-06-01"}]},
    )
    assert [b.code for b in decision.blocages] == ["expe_ct.avant_programme"]
    blocage = decision.blocages[0]
    assert blocage.regle == "expe_ct.programme" and "PACT" in blocage.message
    assert "mardi 7 juillet 2020" in blocage.message
    assert blocage.fondements == [] and decision.alternatives == []
    # The règlement did not exist on these dates: no text of expe_ct is cited at all.
    assert not [f for f in decision.fondements if f.cle.startswith("expe_ct.")]
    assert "cooperation_decentralisee" in (blocage.remede or "")


def test_a_mission_straddling_the_programmes_first_day_is_refused() -> None:
    decision = decider(
        periodes=[{"debut": "2020-07-03", "fin": "2020-07-09"}],
        date_demande="2020-06-01",
        employeur={"labels": [{"nom": "EXPE-CT", "obtenu_le": "2020-07-07"}]},
    )
    assert [b.code for b in decision.blocages] == ["expe_ct.avant_programme"]


def test_the_programme_day_itself_is_covered() -> None:
    decision = decider(
        periodes=[{"debut": "2020-07-07", "fin": "2020-07-10"}],
        date_demande="2020-06-01",
        employeur={"labels": [{"nom": "EXPE-CT", "obtenu_le": "2020-07-07"}]},
        ext={"validation_ambassade": "2020-07-01"},
    )
    assert decision.conforme, decision.blocages
