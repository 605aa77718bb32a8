"""The extensions.expe_ct fields: validated by the plugin's model, errors in French."""

from __future__ import annotations

import pytest
from expe_ct_aide import mission_expe

from missio.engine import Engine
from missio.errors import ErreurValidation
from missio_expe_ct.extension import ExtensionExpeCt


def _erreurs(engine: Engine, donnees: dict) -> dict[str, str]:  # type: ignore[type-arg]
    with pytest.raises(ErreurValidation) as exc:
        engine.valider(donnees)
    return dict(exc.value.erreurs)


def test_an_unknown_sens_names_the_field_and_the_accepted_values(engine) -> None:  # type: ignore[no-untyped-def]
    erreurs = _erreurs(engine, mission_expe(sens="aller"))
    message = erreurs["sens"]  # a core contract field: statut_fpt reads it too
    assert "« aller » n'est pas reconnu" in message and "envoi, accueil" in message


def test_an_unknown_field_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    erreurs = _erreurs(engine, mission_expe(ext={"nb_personnes": 2}))
    assert "champ inconnu" in erreurs["extensions.expe_ct.nb_personnes"]


def test_a_negative_team_a_bad_date_and_a_negative_amount(engine) -> None:  # type: ignore[no-untyped-def]
    erreurs = _erreurs(
        engine,
        mission_expe(
            ext={
                "nombre_personnes": -1,
                "validation_ambassade": "20/04/2026",
                "montant_en_jeu": "-5",
                "termes": {"deroulement": "longue"},
            }
        ),
    )
    assert "supérieur ou égal à 0" in erreurs["extensions.expe_ct.nombre_personnes"]
    assert "AAAA-MM-JJ" in erreurs["extensions.expe_ct.validation_ambassade"]
    assert "supérieur ou égal à 0" in erreurs["extensions.expe_ct.montant_en_jeu"]
    assert "mission_seule" in erreurs["extensions.expe_ct.termes.deroulement"]


def test_every_message_is_french(engine) -> None:  # type: ignore[no-untyped-def]
    erreurs = _erreurs(
        engine,
        mission_expe(
            ext={
                "nombre_personnes": "deux",
                "attestation_assistance": "peut-être",
                "origine_sollicitation": "x",
            }
        ),
    )
    for message in erreurs.values():
        assert not any(mot in message for mot in ("Input should", "valid", "Field required"))


def test_every_field_has_a_french_description() -> None:
    schema = ExtensionExpeCt.model_json_schema()
    for nom, champ in schema["properties"].items():
        assert champ.get("description"), nom
    assert schema["title"] == "Programme EXPE-CT"  # the legend of its fields in the web page


def test_defaults_describe_a_sending_with_nothing_known() -> None:
    ext = ExtensionExpeCt()
    assert ext.nombre_personnes is None
    assert ext.validation_ambassade is None
