"""What the warm decision's shortcuts must not change (issue 16, speed): a finding merged
before is not trusted for its equality alone, the caller owns the data it receives, the
findings built by missio's own constructor behave as attrs' would, and a set of rules still
blames each failure on its rule."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

from missio import hookimpl
from missio.engine import Engine, en_json
from missio.findings import REGLE_COURANTE, Alerte, Financement, Obligation
from missio.rules import ErreurDeRegle, Regles


def _plugin(montant: Any) -> object:
    class Paie:
        PLUGIN_NAME = "paie"

        @hookimpl
        def missio_findings(self) -> list[Any]:
            return [
                Financement(
                    regle="paie.prime",
                    fondements=(),
                    poste="prime",
                    libelle="Prime de mission",
                    payeur="employeur",
                    montant=montant,
                )
            ]

    return Paie()


def test_an_equal_finding_of_another_type_is_still_checked(exemple: dict[str, Any]) -> None:
    # 1000 == Decimal("1000") and both hash alike: the merge's memory of the first finding
    # must not let the second (an int, outside the contract) through.
    bon, mauvais = _plugin(Decimal("1000")), _plugin(1000)
    engine = Engine([bon])
    mission = engine.valider(exemple)
    premiere = engine.decider(mission)
    assert [f["montant"] for f in premiere["financements"] if f["poste"] == "prime"] == ["1000.00"]
    autre = Engine([mauvais])
    autre._citations = engine._citations  # the same memory, as one engine would have
    decision = autre.decider(mission)
    (blocage,) = [b for b in decision["blocages"] if b["code"] == "erreur_plugin"]
    assert (blocage["plugin"], blocage["regle"]) == ("paie", "paie.prime")
    assert "montant" in blocage["message"] and "1000 (nombre entier)" in blocage["message"]


def test_a_negative_zero_amount_is_written_as_its_own(exemple: dict[str, Any]) -> None:
    # Decimal("-0") == Decimal("0"), yet the decision writes « -0.00 »: never one for the other.
    engine = Engine([_plugin(Decimal("0"))])
    mission = engine.valider(exemple)
    engine.decider(mission)
    autre = Engine([_plugin(Decimal("-0"))])
    autre._citations = engine._citations
    lignes = [f for f in autre.decider(mission)["financements"] if f["poste"] == "prime"]
    assert [ligne["montant"] for ligne in lignes] == ["-0.00"]


def test_the_caller_owns_the_decision_data(engine: Engine, exemple: dict[str, Any]) -> None:
    mission = engine.valider(exemple)
    attendu = engine.evaluer_json(json.dumps(exemple))
    donnees = engine.decider(mission)
    for cle in ("obligations", "financements", "alertes", "alternatives", "trace", "fondements"):
        for ligne in donnees[cle]:
            for valeur in ligne.values():
                if isinstance(valeur, list):
                    valeur.append("altéré")
            ligne["ajout"] = 1
    assert engine.evaluer_json(json.dumps(exemple)) == attendu
    assert en_json(engine.decider(mission)) == attendu


def test_cached_entries_follow_the_missions_periods(
    engine: Engine, mission: Any, exemple: dict[str, Any]
) -> None:
    # The same findings, cited over other periods (before 1 March 2022, the law of 1984 rather
    # than the Code): a reference resolved for one mission is never reused for another.
    avant = engine.evaluer_json(
        json.dumps(
            mission(
                periodes=[{"debut": "2021-03-01", "fin": "2021-03-12"}], date_demande="2021-01-04"
            )
        )
    )
    maintenant = engine.evaluer_json(json.dumps(exemple))
    neuf = Engine()
    assert neuf.evaluer_json(json.dumps(exemple)) == maintenant
    assert (
        Engine().evaluer_json(
            json.dumps(
                mission(
                    periodes=[{"debut": "2021-03-01", "fin": "2021-03-12"}],
                    date_demande="2021-01-04",
                )
            )
        )
        == avant
    )


def test_findings_constructor_behaves_as_attrs() -> None:
    jeton = REGLE_COURANTE.set([("om.regle", ("om.cle", "om.autre"))])
    try:
        obligation = Obligation(code="o", libelle="Signer", responsable="employeur")
        cite = Alerte(code="a", message="m", fondements=["x.y"])
        seule = Alerte(code="a", message="m", fondements="x.z")
    finally:
        REGLE_COURANTE.reset(jeton)
    assert (obligation.regle, obligation.fondements) == ("om.regle", ("om.cle", "om.autre"))
    assert (cite.regle, cite.fondements, cite.niveau) == ("om.regle", ("x.y",), "attention")
    assert seule.fondements == ("x.z",)
    assert Obligation(code="o", libelle="l", responsable="agent").regle == ""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        obligation.code = "autre"  # type: ignore[misc]
    assert attrs.evolve(obligation, code="p").code == "p"
    assert obligation == Obligation(
        regle="om.regle",
        fondements=("om.cle", "om.autre"),
        code="o",
        libelle="Signer",
        responsable="employeur",
    )
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'libelle'"):
        Obligation(code="o", responsable="agent")  # type: ignore[call-arg]


def test_a_set_of_rules_blames_each_failure_on_its_rule() -> None:
    regles = Regles("essai")

    @regles.regle("essai.bonne", titre="Bonne")
    def bonne(mission: Any, contexte: Any) -> Any:
        yield Alerte(code="b", message="rien")

    @regles.regle("essai.fautive", titre="Fautive")
    def fautive(mission: Any, contexte: Any) -> Any:
        yield Alerte(code="f", message="avant")
        raise ValueError("boum")

    with pytest.raises(ErreurDeRegle) as exc:
        regles.evaluer(None, None)  # type: ignore[arg-type]
    assert exc.value.regle == "essai.fautive" and "boum" in str(exc.value)
    assert REGLE_COURANTE.get() == [("", ())]  # the scope is restored after a failure too

    ok = Regles("essai")
    ok.regle("essai.un", titre="Un", cite="k.un")(lambda m, c: Alerte(code="u", message="m"))
    ok.regle("essai.deux", titre="Deux")(lambda m, c: None)
    (alerte,) = ok.evaluer(None, None)  # type: ignore[arg-type]
    assert (alerte.regle, alerte.fondements) == ("essai.un", ("k.un",))
    assert [(r.code, type(v).__name__) for r, v in ok.resultats(None, None)] == [
        ("essai.un", "Alerte"),
        ("essai.deux", "NoneType"),
    ]
    assert REGLE_COURANTE.get() == [("", ())]

    # A rule that returns something else than findings fails in the caller's loop: the scope
    # is restored at once (the loop's generator is closed as the error leaves it).
    mauvaise = Regles("essai")
    mauvaise.regle("essai.nombre", titre="Nombre")(lambda m, c: 42)
    with pytest.raises(TypeError):
        mauvaise.evaluer(None, None)  # type: ignore[arg-type]
    assert REGLE_COURANTE.get() == [("", ())]
