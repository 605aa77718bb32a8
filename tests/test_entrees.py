"""Decision entries are the findings rules return (one class each), and every trace line
carries its kind and code: what provenance looks up, never the French sentence."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from missio import findings as f
from missio import hookimpl
from missio import models as m
from missio.documents.provenance import IndexTrace
from missio.engine import Engine
from missio.merge import entree


def _propres(classe: type[f.Finding]) -> list[str]:
    return [a.name for a in attrs.fields(classe) if a.name not in ("regle", "fondements", "le")]


def test_each_entry_model_is_built_from_its_finding() -> None:
    for classe, modele in m.ENTREES.items():
        origine = ["plugin", "regle"] if classe is f.Blocage else []
        assert list(modele.model_fields) == [*_propres(classe), *origine, "fondements"]
    schema = m.Decision.model_json_schema()["$defs"]
    assert schema["Obligation"]["required"] == [
        "code",
        "libelle",
        "echeance",
        "responsable",
        "fondements",
    ]
    assert schema["Financement"]["properties"]["montant"]["anyOf"][0]["minimum"] == 0
    assert "libelle" in schema["CasRetenu"]["properties"] and schema["CasRetenu"]["description"]


def test_one_conversion_writes_every_kind_in_the_contracts_order() -> None:
    obligation = f.Obligation(
        regle="r", code="o", libelle="L", responsable="agent", echeance=date(2026, 3, 2)
    )
    assert entree(obligation, "p", ["k"]) == {
        "code": "o",
        "libelle": "L",
        "echeance": "2026-03-02",
        "responsable": "agent",
        "fondements": ["k"],
    }
    financement = f.Financement(
        regle="r", poste="billet", libelle="B", payeur="employeur", montant=Decimal("12.5")
    )
    assert entree(financement, "p", [])["montant"] == "12.50"  # type: ignore[index]
    blocage = f.Blocage(regle="r", code="b", message="M")
    assert list(entree(blocage, "p", []) or {}) == list(m.Blocage.model_fields)
    assert (entree(blocage, "p", []) or {})["plugin"] == "p"
    for sans in (f.Voie(regle="r", dispositif="aucun", motif="m"), f.Document(code="d")):
        assert entree(sans, "p", []) is None


def test_trace_lines_carry_their_kind_and_code(engine: Engine, exemple: dict[str, Any]) -> None:
    decision = json.loads(engine.evaluer_json(json.dumps(exemple)))
    trace = decision["trace"]
    voies = [t for t in trace if t["genre"] == "voie"]
    assert [t["code"] for t in voies] == [decision["dispositif"]]
    documents = {t["code"] for t in trace if t["genre"] == "document"}
    assert set(decision["documents"]) <= documents
    obligations = {t["code"] for t in trace if t["genre"] == "obligation"}
    assert obligations == {o["code"] for o in decision["obligations"]}
    postes = {t["code"] for t in trace if t["genre"] == "financement"}
    assert postes == {ligne["poste"] for ligne in decision["financements"]}
    assert all(t["code"] is None for t in trace if t["genre"] == "constat")


def test_json_and_python_paths_write_the_same_bytes_with_the_merges_own_alerts(
    engine: Engine, exemple: dict[str, Any]
) -> None:
    # A request after the departure: an alert raised by the merge itself, in the contract's
    # field order on both paths.
    tardive = {**exemple, "date_demande": exemple["periodes"][0]["debut"]}
    texte = engine.evaluer_json(json.dumps(tardive))
    assert "demande_apres_depart" in texte
    assert texte == engine.evaluer(tardive).model_dump_json()


def test_provenance_reads_kinds_never_sentences(engine: Engine, exemple: dict[str, Any]) -> None:
    decision = json.loads(engine.evaluer_json(json.dumps(exemple)))
    muette = copy.deepcopy(decision)
    for t in muette["trace"]:
        t["resultat"] = "…"  # the sentences say nothing any more
    avant, apres = IndexTrace(decision), IndexTrace(muette)
    for code in decision["documents"]:
        assert apres.document(code) == avant.document(code) != []
    for liste in ("obligations", "financements", "alertes", "alternatives"):
        for item in decision[liste]:
            assert apres.item(item) == avant.item(item)
    voies = [
        {"plugin": t["plugin"], "regle": t["regle"]}
        for t in decision["trace"]
        if t["resultat"].startswith("dispositif")
    ]
    assert apres.element("dispositif") == voies != []


def test_a_failing_finding_still_fails_only_its_plugin(
    engine: Engine, exemple: dict[str, Any]
) -> None:
    class Casse:
        PLUGIN_NAME = "casse"

        @hookimpl
        def missio_findings(self, mission: m.Mission, contexte: Any) -> list[f.Finding]:
            return [f.Obligation(regle="casse.r", code="x", libelle="L", responsable="personne")]  # type: ignore[arg-type]

    decision = Engine([Casse()]).evaluer(exemple)
    (blocage,) = [b for b in decision.blocages if b.code == "erreur_plugin"]
    assert (blocage.plugin, blocage.regle) == ("casse", "casse.r")
    ligne = next(t for t in decision.trace if t.genre == "blocage")
    assert (ligne.plugin, ligne.regle, ligne.code) == ("casse", "casse.r", "erreur_plugin")
    assert decision.dispositif == engine.evaluer(exemple).dispositif
