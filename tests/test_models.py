"""The mission contract: French errors that name the field, the value and what is accepted."""

from __future__ import annotations

from typing import Any

import pytest

from missio.errors import ErreurValidation


def erreurs(engine: Any, donnees: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ErreurValidation) as exc:
        engine.valider(donnees)
    return dict(exc.value.erreurs)


def test_valid_example_is_accepted(engine: Any, mission: Any) -> None:
    assert engine.valider(mission()).reference == "CAESM-2026-014"


def test_end_before_start_names_the_period(engine: Any, mission: Any) -> None:
    found = erreurs(engine, mission(periodes=[{"debut": "2026-03-02", "fin": "2026-02-27"}]))
    assert "periodes[0]" in found
    assert "2026-02-27" in found["periodes[0]"] and "2026-03-02" in found["periodes[0]"]


def test_unknown_statut_lists_accepted_values(engine: Any, mission: Any) -> None:
    found = erreurs(engine, mission(agent={"statut": "vacataire"}))
    message = found["agent.statut"]
    assert "« vacataire » n'est pas reconnu" in message
    for statut in (
        "titulaire",
        "stagiaire",
        "contractuel_cdi",
        "contractuel_cdd",
        "retraite",
        "elu",
    ):
        assert statut in message


def test_empty_periods_refused(engine: Any, mission: Any) -> None:
    assert "vide" in erreurs(engine, mission(periodes=[]))["periodes"]


def test_unknown_departement_refused(engine: Any, mission: Any) -> None:
    for code in ("20", "99", "67000", "986"):
        message = erreurs(engine, mission(employeur={"departement": code}))["employeur.departement"]
        assert f"« {code} »" in message


def test_missing_field_and_typo(engine: Any, mission: Any) -> None:
    donnees = mission()
    del donnees["agent"]["nom"]
    donnees["agent"]["prenon"] = "Line"
    found = erreurs(engine, donnees)
    assert found["agent.nom"] == "champ obligatoire manquant."
    assert "champ inconnu" in found["agent.prenon"]


def test_bad_date_and_country_format(engine: Any, mission: Any) -> None:
    found = erreurs(engine, mission(date_demande="12/01/2026", pays="Canada"))
    assert "AAAA-MM-JJ" in found["date_demande"]
    assert "ISO 3166" in found["pays"]


def test_dates_before_july_2007_refused(engine: Any, mission: Any) -> None:
    found = erreurs(engine, mission(periodes=[{"debut": "2007-06-30", "fin": "2007-07-10"}]))
    assert "1er juillet 2007" in found["periodes[0].debut"]


def test_unknown_contract_version_lists_accepted(engine: Any, mission: Any) -> None:
    message = erreurs(engine, mission(version_contrat="2"))["version_contrat"]
    assert "« 2 »" in message and "acceptées : 1" in message


def test_invalid_json_text(engine: Any) -> None:
    with pytest.raises(ErreurValidation) as exc:
        engine.valider("{pas du json")
    assert "JSON invalide" in str(exc.value)


def test_unknown_extension_refused(engine: Any, mission: Any) -> None:
    message = erreurs(engine, mission(extensions={"inconnu": {}}))["extensions.inconnu"]
    assert "extension inconnue" in message


def test_mission_is_frozen(engine: Any, mission: Any) -> None:
    objet = engine.valider(mission())
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        objet.reference = "X"  # type: ignore[misc]


def test_a_refused_period_is_not_also_reported_as_an_empty_list(engine) -> None:  # type: ignore[no-untyped-def]
    """pydantic calls a required list « too short » when its only item was refused: the item's
    own error says it all (issue 12, point 13)."""
    import json
    from pathlib import Path

    from missio.errors import ErreurValidation

    exemple = json.loads(
        (Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json").read_text()
    )
    exemple["periodes"] = [{"debut": "2006-03-02", "fin": "2006-03-05"}]
    try:
        engine.valider(exemple)
    except ErreurValidation as exc:
        champs = [champ for champ, _ in exc.erreurs]
        messages = " ".join(message for _, message in exc.erreurs)
    else:
        raise AssertionError("mission before 1 July 2007 accepted")
    assert champs == ["periodes[0].debut", "periodes[0].fin"]
    assert "ne peut pas être vide" not in messages
