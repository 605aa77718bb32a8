"""statut_fpt, the ordre de mission and the operator's partnership convention."""

from __future__ import annotations

from datetime import date

from outils_statut import OPERATEUR, codes, de_type, mission, periode, regle

from missio.findings import Alerte, Obligation


def test_om_ordre_de_mission_signed_before_departure_and_twelve_months() -> None:
    trouves = regle("om.ordre_de_mission", mission(), "ordre_de_mission")
    signature = next(o for o in de_type(trouves, Obligation) if o.code == "om.signature")
    assert signature.echeance == signature.le == date(2026, 2, 27)
    securite = next(o for o in de_type(trouves, Obligation) if o.code == "om.securite_assurance")
    assert securite.fondements == ("daect.cooperation_propre",)
    long = regle(
        "om.ordre_de_mission",
        mission(periodes=periode("2026-03-02", "2027-03-15")),
        "ordre_de_mission",
    )
    alerte = next(a for a in de_type(long, Alerte) if a.code == "om.validite_12_mois")
    assert "1 an au plus" in alerte.message


def test_om_ordre_de_mission_expe_ct_costs_are_the_programme_s() -> None:
    postes = [
        f.poste
        for f in regle("om.ordre_de_mission", mission(cadre="expe_ct"), "ordre_de_mission")
        if hasattr(f, "poste")
    ]
    assert postes == ["remuneration"]


def test_operateur_convention_partenariat_for_the_operator_routes() -> None:
    m = mission(**OPERATEUR, periodes=periode("2026-03-02", "2026-04-24"))
    assert codes(regle("operateur.convention_partenariat", m, "mise_a_disposition")) == [
        "operateur.convention",
        "convention_partenariat",
    ]
    assert regle("operateur.convention_partenariat", m, "detachement_courte_duree") == []
    assert regle("operateur.convention_partenariat", mission(), "ordre_de_mission") == []
