"""The engine: the contract's example decision, isolation of faulty plugins, conflicts,
determinism and reuse across threads."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from missio import hookimpl
from missio.engine import Engine
from missio.errors import ConflitDispositif, ErreurPlugin, ErreurValidation
from missio.findings import Voie
from missio.models import Decision


def test_caesm_decision_is_the_contracts(engine: Engine, exemple: dict[str, Any]) -> None:
    decision = engine.evaluer(engine.valider(exemple))
    assert decision.dispositif == "ordre_de_mission"
    assert decision.conforme is True
    assert decision.volume_jours_ouvres == 122
    assert decision.documents[0] == "ordre_de_mission"
    aect = next(f for f in decision.fondements if f.cle == "aect.base")
    assert (aect.texte, aect.article, aect.en_vigueur_depuis, aect.statut) == (
        "Code général des collectivités territoriales",
        "L. 1115-1",
        date(2021, 8, 6),
        "verifie",
    )
    assert any(a.dispositif == "mise_a_disposition" for a in decision.alternatives)
    assert decision.trace and all(t.plugin and t.regle for t in decision.trace)
    assert decision.versions["missio"] and "statut_fpt" in decision.versions
    # The JSON validates against the decision contract.
    Decision.model_validate_json(decision.model_dump_json())


def test_output_is_deterministic(engine: Engine, exemple: dict[str, Any]) -> None:
    texte = json.dumps(exemple)
    assert engine.evaluer_json(texte) == Engine().evaluer_json(texte)


def test_engine_reused_across_threads(engine: Engine, mission: Any) -> None:
    missions = [
        mission(
            periodes=[{"debut": "2026-03-02", "fin": f"2026-03-{j:02d}"}],
            cadre="operateur",
            accueil={"nature": "operateur", "nom": "Expertise France"},
        )
        for j in range(2, 31)
    ]
    attendu = [engine.evaluer(engine.valider(m)).model_dump_json() for m in missions]
    with ThreadPoolExecutor(4) as pool:
        obtenu = list(
            pool.map(lambda m: engine.evaluer(engine.valider(m)).model_dump_json(), missions * 3)
        )
    assert obtenu == attendu * 3


class PluginEnPanne:
    PLUGIN_NAME = "en_panne"

    @hookimpl
    def missio_findings(self, mission: Any, contexte: Any) -> list[Any]:
        from missio.rules import Regles

        regles = Regles("en_panne")

        @regles.regle("panne.division", titre="Règle qui échoue")
        def division(mission: Any, contexte: Any) -> None:
            {}["montant"]

        return regles.evaluer(mission, contexte)


def test_faulty_plugin_is_isolated_and_named(exemple: dict[str, Any]) -> None:
    engine = Engine([PluginEnPanne()])
    decision = engine.evaluer(engine.valider(exemple))
    blocage = next(b for b in decision.blocages if b.code == "erreur_plugin")
    assert (blocage.plugin, blocage.regle) == ("en_panne", "panne.division")
    assert "KeyError" in blocage.message and "montant" in blocage.message
    assert decision.conforme is False and decision.documents == []
    # The other plugins still ran.
    assert decision.dispositif == "ordre_de_mission"
    assert any(t.plugin == "statut_fpt" for t in decision.trace)


class PluginDetachement:
    PLUGIN_NAME = "politique_contraire"

    @hookimpl
    def missio_legal_sources(self, register: Any) -> None:
        register(
            {
                "locale.deliberation": {
                    "intitule": "Délibération",
                    "versions": [
                        {
                            "en_vigueur_le": "2025-12-15",
                            "texte": "Délibération n° 2025-12 du conseil",
                            "statut": "verifie",
                        }
                    ],
                }
            }
        )

    @hookimpl
    def missio_findings(self, mission: Any) -> list[Any]:
        return [
            Voie(
                regle="locale.duree",
                dispositif="detachement_courte_duree",
                motif="politique",
                fondements=("locale.deliberation",),
            )
        ]


def test_conflicting_dispositifs_name_both_sides(exemple: dict[str, Any]) -> None:
    engine = Engine([PluginDetachement()])
    with pytest.raises(ConflitDispositif) as exc:
        engine.evaluer(engine.valider(exemple))
    message = str(exc.value)
    assert (
        "statut_fpt (règle voie.cooperation_propre" in message
        and "retient ordre_de_mission" in message
    )
    assert (
        "politique_contraire (règle locale.duree" in message
        and "retient detachement_courte_duree" in message
    )
    assert "Délibération n° 2025-12" in message


def test_unknown_citation_fails_the_plugin_not_the_engine(exemple: dict[str, Any]) -> None:
    class Cite:
        PLUGIN_NAME = "cite_mal"

        @hookimpl
        def missio_findings(self) -> list[Any]:
            return [
                Voie(
                    regle="x.y",
                    dispositif="ordre_de_mission",
                    motif="m",
                    fondements=("inexistante.cle",),
                )
            ]

    engine = Engine([Cite()])
    decision = engine.evaluer(engine.valider(exemple))
    blocage = next(b for b in decision.blocages if b.code == "erreur_plugin")
    assert blocage.plugin == "cite_mal" and blocage.regle == "x.y"


def test_rule_citing_undeclared_source_refused_at_build() -> None:
    class Regle:
        PLUGIN_NAME = "mauvais"

        @hookimpl
        def missio_rules(self, register: Any) -> None:
            register(code="m.r", titre="t", cite=("nulle.part",))

    with pytest.raises(ErreurPlugin, match=r"nulle\.part"):
        Engine([Regle()])


def test_parameters_can_be_set_and_are_traced(exemple: dict[str, Any], mission: Any) -> None:
    engine = Engine(
        parametres={"statut_fpt.seuil_mad_max_jours": 200}, origine_parametres="délibération n° 12"
    )
    donnees = mission(cadre="operateur", accueil={"nature": "operateur", "nom": "Expertise France"})
    decision = engine.evaluer(engine.valider(donnees))
    assert decision.dispositif == "mise_a_disposition"  # 122 days <= 200
    assert any("délibération n° 12" in t.resultat for t in decision.trace)
    with pytest.raises(ErreurValidation, match="paramètre inconnu"):
        Engine(parametres={"statut_fpt.inconnu": 1})


def test_hook_missio_extensions_validated_with_french_errors(mission: Any) -> None:
    from pydantic import BaseModel, ConfigDict, Field

    class Ext(BaseModel):
        model_config = ConfigDict(frozen=True)  # every plugin reads it: the engine requires it

        nombre_personnes: int = Field(ge=1, le=2)

    class Plugin:
        PLUGIN_NAME = "ext"

        @hookimpl
        def missio_extensions(self, register: Any) -> None:
            register("ext", Ext)

    engine = Engine([Plugin()])
    assert "ext" in engine.schema_mission()["properties"]["extensions"]["properties"]
    with pytest.raises(ErreurValidation) as exc:
        engine.evaluer(engine.valider(mission(extensions={"ext": {"nombre_personnes": 3}})))
    assert (
        dict(exc.value.erreurs)["extensions.ext.nombre_personnes"]
        == "doit être inférieur ou égal à 2."
    )


def test_json_path_equals_the_decision_model_for_every_case(engine: Engine) -> None:
    """evaluer_json builds no Decision object: it must still write the contract's JSON."""
    from pathlib import Path

    from missio.casebook.cas import charger, trouver
    from missio.errors import ErreurValidation

    racine = Path(__file__).parent / "casebook"
    compares = 0
    for chemin in trouver(racine):
        cas = charger(chemin, racine)
        try:
            mission = engine.valider(cas.mission)
        except ErreurValidation:
            continue
        attendu = engine.evaluer(mission).model_dump_json(indent=2)
        assert engine.evaluer_json(json.dumps(cas.mission), indent=2) == attendu, cas.nom
        compares += 1
    assert compares >= 40


def test_mission_schema_refs_all_resolve(engine: Engine) -> None:
    """Extension schemas embedded under extensions keep resolvable $refs."""
    schema = engine.schema_mission()
    texte = json.dumps(schema)
    import re

    for ref in set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', texte)):
        assert ref in schema["$defs"], ref
    assert "expe_ct" in schema["properties"]["extensions"]["properties"]


def test_trace_plugins_prints_each_call(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], exemple: dict[str, Any]
) -> None:
    monkeypatch.setenv("MISSIO_TRACE_PLUGINS", "1")
    engine = Engine()
    engine.evaluer(engine.valider(exemple))
    assert "[missio] statut_fpt.missio_findings -> [" in capsys.readouterr().err


def test_evaluation_date_flags_passed_deadlines_only(
    engine: Engine, exemple: dict[str, Any]
) -> None:
    mission = engine.valider(exemple)
    assert all(a.code != "echeance_depassee" for a in engine.evaluer(mission).alertes)
    decision = engine.evaluer(mission, date_evaluation=date(2026, 3, 1))
    echues = [a for a in decision.alertes if a.code == "echeance_depassee"]
    assert any("Signer l'ordre de mission" in a.message for a in echues)
    assert all("au plus tard le 27/02/2026" in a.message for a in echues)
    # The route and the acts do not depend on "today".
    sans = engine.evaluer(mission)
    assert (decision.dispositif, decision.documents) == (sans.dispositif, sans.documents)


class PluginHebergementAgent:
    """A local rule that leaves accommodation and meals to the agent, on the shared item."""

    PLUGIN_NAME = "politique_sejour"

    @hookimpl
    def missio_legal_sources(self, register: Any) -> None:
        register(
            {
                "locale.sejour": {
                    "intitule": "Délibération sur le séjour",
                    "versions": [
                        {
                            "en_vigueur_le": "2025-12-15",
                            "texte": "Délibération n° 2025-14 du conseil",
                            "statut": "verifie",
                        }
                    ],
                }
            }
        )

    @hookimpl
    def missio_findings(self, mission: Any) -> list[Any]:
        from missio.findings import Financement

        return [
            Financement(
                regle="locale.sejour",
                poste="indemnites_mission",
                payeur="agent",
                libelle="Hébergement et frais de vie sur place",
                fondements=("locale.sejour",),
            )
        ]


def test_contradictory_payers_of_one_item_are_reported(exemple: dict[str, Any]) -> None:
    # Under an ordre de mission statut_fpt puts the mission allowances on the collectivité: a
    # local line leaving the same item to the agent is kept, and the decision says so.
    decision = Engine([PluginHebergementAgent()]).evaluer(Engine().valider(exemple))
    lignes = [f for f in decision.financements if f.poste == "indemnites_mission"]
    assert sorted(f.payeur for f in lignes) == ["agent", "employeur"]
    (alerte,) = [a for a in decision.alertes if a.code == "financement_contradictoire"]
    assert alerte.niveau == "attention"
    assert "« Hébergement et frais de vie sur place » à la charge de l'agent" in alerte.message
    assert "(politique_sejour, règle locale.sejour)" in alerte.message
    assert "à la charge de la collectivité (statut_fpt, règle om.ordre_de_mission)" in (
        alerte.message
    )
    assert {"locale.sejour", "om.indemnites_etranger"} <= set(alerte.fondements)
    # The same payer on the same item is one line, never a contradiction.
    seul = Engine().evaluer(Engine().valider(exemple))
    assert "financement_contradictoire" not in [a.code for a in seul.alertes]
