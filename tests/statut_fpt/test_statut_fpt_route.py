"""statut_fpt, from the route proposed to the route retained: every alternative passes the same
conditions as the route, and a failing condition is blamed on itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from outils_statut import COMMUNE_SN, ENGINE, ENTREPRISE, ONG, OPERATEUR, contexte, mission, periode

from missio.findings import Alternative, Cas, Voie
from missio_statut_fpt import regles as statut_regles
from missio_statut_fpt.registre import conditions, regles, voies
from missio_statut_fpt.route import admis, examiner, proposer

HUIT_MOIS = {
    "cadre": "cooperation_decentralisee",
    "pays": "SN",
    "periodes": periode("2026-03-02", "2026-10-30"),
}


def route(**changements: Any):  # type: ignore[no-untyped-def]
    m = mission(**changements)
    ctx = contexte(m)
    return examiner(m, ctx, *proposer(m, ctx))


@pytest.mark.parametrize(
    ("changements", "offerte"),
    [
        ({"accueil": COMMUNE_SN}, True),
        ({"accueil": COMMUNE_SN, "agent": {"statut": "stagiaire"}}, False),
        ({"accueil": COMMUNE_SN, "agent": {"statut": "contractuel_cdd"}}, False),
        ({"accueil": COMMUNE_SN, "agent": {"statut": "contractuel_cdi"}}, False),
        ({"accueil": ENTREPRISE}, False),
    ],
)
def test_the_part_time_mise_a_disposition_is_offered_only_when_lawful(
    changements: dict[str, Any], offerte: bool
) -> None:
    trouve = route(**HUIT_MOIS, **changements)
    assert trouve.dispositif == "ordre_de_mission"
    dispositifs = [f.dispositif for f in trouve.findings if isinstance(f, Alternative)]
    assert ("mise_a_disposition" in dispositifs) is offerte


def test_a_refused_route_names_its_condition_and_offers_only_admitted_alternatives() -> None:
    trouve = route(
        **OPERATEUR, periodes=periode("2026-03-02", "2026-04-24"), agent={"statut": "stagiaire"}
    )
    voie = next(f for f in trouve.findings if isinstance(f, Voie))
    assert trouve.dispositif == "aucun" and trouve.recommande == "mise_a_disposition"
    assert voie.regle == "statut.stagiaire" and voie.motif.startswith(
        "la voie recommandée (mise à disposition)"
    )
    assert [f.dispositif for f in trouve.findings if isinstance(f, Alternative)] == [
        "ordre_de_mission"
    ]


def test_no_disponibilite_inside_an_admitted_detachement() -> None:
    trouve = route(**OPERATEUR, periodes=periode("2026-03-02", "2026-12-18"))
    assert trouve.dispositif == "detachement_courte_duree"
    assert not [f for f in trouve.findings if isinstance(f, Alternative)]
    voie = next(f for f in trouve.findings if isinstance(f, Voie))
    assert voie.fondements == (
        "detachement.definition",
        "detachement.cas.cooperation_internationale",
    )


def test_an_unqualified_ngo_goes_to_detachement_with_disponibilite_as_fallback() -> None:
    trouve = route(
        cadre="initiative_agent",
        pays="SN",
        accueil=ONG,
        periodes=periode("2026-09-01", "2027-04-30"),
    )
    assert trouve.dispositif == "detachement_courte_duree"
    assert [f.dispositif for f in trouve.findings if isinstance(f, Alternative)] == [
        "disponibilite"
    ]
    assert not [f for f in trouve.findings if isinstance(f, Cas)]


def test_admis_checks_every_condition() -> None:
    m = mission(**OPERATEUR, agent={"statut": "contractuel_cdi"})
    assert not admis(m, contexte(m), "mise_a_disposition") and admis(
        m, contexte(m), "ordre_de_mission"
    )


def test_a_failing_condition_is_blamed_on_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    import missio_statut_fpt.mad as mad

    monkeypatch.setattr(mad, "ACCUEILS", None)  # the host list of L. 512-8 breaks
    decision = ENGINE.evaluer(mission(**OPERATEUR, periodes=periode("2026-03-02", "2026-04-24")))
    (blocage,) = decision.blocages
    assert blocage.code == "erreur_plugin" and blocage.regle == "mad.accueil_admissible"


def test_the_three_sets_declare_every_rule_once(engine: Any) -> None:
    declarees = [r.code for ensemble in (voies, conditions, regles) for r in ensemble]
    assert len(declarees) == len(set(declarees))
    assert {c for c, r in engine.regles.items() if r.plugin == "statut_fpt"} == set(declarees)


def test_every_rule_has_its_own_unit_test() -> None:
    dossier = Path(__file__).parent
    tests = "\n".join(p.read_text(encoding="utf-8") for p in dossier.glob("test_statut_fpt_*.py"))
    for ensemble in (voies, conditions, regles):
        for r in ensemble:
            assert f'"{r.code}"' in tests, f"{r.code} has no unit test"
    assert statut_regles.FAMILLES


def test_no_condition_table_outside_the_rules() -> None:
    """The route's conditions live beside their rules: no module of constants of hosts."""
    dossier = Path(__file__).resolve().parents[2] / "plugins" / "statut_fpt"
    assert not (dossier / "orientation.py").exists() and not (dossier / "statuts.py").exists()
