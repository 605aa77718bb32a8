"""Safety (R11): travel advice as a documented recommendation, assistance and Ariane."""

from __future__ import annotations

import pytest
from expe_ct_aide import alertes, blocages, decider, trace


def test_a_red_zone_blocks_and_says_it_is_a_recommendation() -> None:
    decision = decider(vigilance="rouge")
    assert blocages(decision) == ["expe_ct.zone_rouge"]
    blocage = decision.blocages[0]
    assert "politique que missio recommande pour le programme" in blocage.message
    assert "pas une règle du règlement EXPE-CT" in blocage.message
    assert "accueil" in (blocage.remede or "")
    assert "expe_ct.conseils_voyageurs" in blocage.fondements
    assert not [f for f in decision.financements if f.payeur == "meae"]


def test_an_orange_zone_asks_the_authoritys_validation() -> None:
    decision = decider(vigilance="orange")
    assert decision.conforme
    alerte = alertes(decision)["expe_ct.zone_orange"]
    assert alerte.niveau == "attention"
    assert "autorité territoriale" in alerte.message and "pas une règle" in alerte.message


def test_an_orange_zone_validated_by_the_authority() -> None:
    decision = decider(vigilance="orange", ext={"validation_autorite_zone_orange": "2026-04-30"})
    assert "expe_ct.zone_orange" not in alertes(decision)
    assert "jeudi 30 avril 2026" in trace(decision, "expe_ct.vigilance")[0]
    assert "expe_ct.zone_orange_apres_depart" not in alertes(decision)


@pytest.mark.parametrize(
    ("validee", "code"),
    [
        ("2026-05-10", None),  # the day before the departure of Monday 11 May
        ("2026-05-11", None),  # the day of departure
        ("2026-05-12", "expe_ct.zone_orange_apres_depart"),  # after: like a late embassy
    ],
)
def test_an_orange_zone_validation_must_precede_the_departure(
    validee: str, code: str | None
) -> None:
    decision = decider(vigilance="orange", ext={"validation_autorite_zone_orange": validee})
    codes = [c for c in alertes(decision) if c.startswith("expe_ct.zone_orange")]
    assert codes == ([code] if code else [])
    assert decision.conforme
    if code:
        alerte = alertes(decision)[code]
        assert alerte.niveau == "attention"
        assert "mardi 12 mai 2026" in alerte.message and "lundi 11 mai 2026" in alerte.message
        assert "pas une règle du règlement EXPE-CT" in alerte.message


def test_late_embassy_and_late_orange_validations_get_the_same_level() -> None:
    decision = decider(
        vigilance="orange",
        ext={"validation_ambassade": "2026-05-12", "validation_autorite_zone_orange": "2026-05-12"},
    )
    niveaux = {c: a.niveau for c, a in alertes(decision).items()}
    assert niveaux["expe_ct.ambassade_apres_depart"] == "attention"
    assert niveaux["expe_ct.zone_orange_apres_depart"] == "attention"


def test_the_programmes_zone_findings_do_not_restate_the_duty_of_safety() -> None:
    # statut_fpt reminds the employer's duty of safety for every orange or red destination;
    # expe_ct words only the programme's rule, so the two alerts never say the same thing.
    orange = alertes(decider(vigilance="orange"))["expe_ct.zone_orange"].message
    rouge = decider(vigilance="rouge").blocages[0].message
    for message in (orange, rouge):
        assert message.startswith("Mission EXPE-CT en zone")
        assert "sécurité" not in message and "déconseillé" not in message


@pytest.mark.parametrize("niveau", ["vert", "jaune"])
def test_green_and_yellow_zones_pass(niveau) -> None:  # type: ignore[no-untyped-def]
    decision = decider(vigilance=niveau)
    assert decision.conforme
    assert not [c for c in alertes(decision) if c.startswith(("expe_ct.zone", "expe_ct.vigil"))]


def test_an_unknown_level_recalls_the_travel_advice() -> None:
    assert alertes(decider(vigilance=None))["expe_ct.vigilance_inconnue"].niveau == "info"


def test_hosting_in_france_sends_nobody_abroad() -> None:
    decision = decider(
        pays="FR",
        vigilance="rouge",
        sens="accueil",
        ext={"nombre_personnes": 2, "attestation_assistance": None},
    )
    assert decision.conforme
    assert not [
        c for c in alertes(decision) if c in ("expe_ct.assistance_rapatriement", "expe_ct.ariane")
    ]


def test_no_assistance_certificate_warns() -> None:
    decision = decider(ext={"attestation_assistance": False, "inscription_ariane": None})
    assert alertes(decision)["expe_ct.assistance_rapatriement"].niveau == "attention"
    # expe-ct.md R11: both documents required, a warning when missing.
    assert alertes(decision)["expe_ct.ariane"].niveau == "attention"
    assert alertes(decision)["expe_ct.ariane"].fondements == ["expe_ct.ariane"]
    assert decision.conforme
