"""Input under misuse: every bad value is refused at validation, in French, naming its field,
with a short echo; every date gets a decision or such a refusal."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from missio.engine import Engine
from missio.errors import ErreurValidation
from missio.models import AGE_MINIMAL, Mission


def refus(engine: Engine, donnees: Any) -> dict[str, str]:
    """The errors of `donnees` (a mapping, or JSON text), by field."""
    with pytest.raises(ErreurValidation) as exc:
        engine.valider(donnees)
    return dict(exc.value.erreurs)


def texte(donnees: dict[str, Any]) -> str:
    return json.dumps(donnees, ensure_ascii=False)


# --- what the JSON text itself says ---------------------------------------------------------


def test_a_key_given_twice_is_refused_where_it_is(engine: Engine, mission: Any) -> None:
    brut = texte(mission())
    racine = brut[:-1] + ', "reference": "AUTRE"}'
    assert "apparaît plusieurs fois" in refus(engine, racine)["reference"]
    imbrique = brut.replace('"nom": "Rosier"', '"nom": "Rosier", "nom": "Rozier"')
    assert "apparaît plusieurs fois" in refus(engine, imbrique)["agent.nom"]


@pytest.mark.parametrize("constante", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused_naming_the_field(
    engine: Engine, mission: Any, constante: str
) -> None:
    brut = texte(mission(teletravail_jours_par_semaine=999)).replace("999", constante)
    message = refus(engine, brut)["teletravail_jours_par_semaine"]
    assert "n'est pas un nombre fini" in message
    # From Python too (the service's batches and integrators pass mappings).
    nan = mission(agent={"quotite_travail": float("nan")})
    assert "n'est pas un nombre fini" in refus(engine, nan)["agent.quotite_travail"]


@pytest.mark.parametrize("profondeur", [25, 5_000, 300_000])
def test_deep_nesting_is_refused_not_a_recursion_error(
    engine: Engine, mission: Any, profondeur: int
) -> None:
    brut = texte(mission(extensions={"expe_ct": "@@"}))
    nid = '{"a":' * profondeur + "1" + "}" * profondeur
    erreurs = refus(engine, brut.replace('"@@"', nid))
    assert any("imbriqué trop profondément" in m or "imbrication" in m for m in erreurs.values())


def test_deep_nesting_from_python_is_refused_too(engine: Engine, mission: Any) -> None:
    nid: Any = 1
    for _ in range(2_000):
        nid = {"a": nid}
    erreurs = refus(engine, mission(extensions={"expe_ct": nid}))
    [(champ, message)] = erreurs.items()
    assert champ.startswith("extensions.expe_ct.a.a") and "imbrication trop profonde" in message


def test_bytes_that_are_not_utf8_are_refused_and_a_bom_is_accepted(
    engine: Engine, mission: Any
) -> None:
    brut = texte(mission()).encode("utf-8")
    assert "UTF-8" in refus(engine, brut.replace(b"Rosier", b"Ros\xffier"))[""]
    assert "UTF-8" in refus(engine, brut.replace(b"Rosier", b"Ros\xed\xa0\x80ier"))[""]
    assert engine.valider(b"\xef\xbb\xbf" + brut).agent.nom == "Rosier"


def test_json_syntax_errors_are_french_with_line_and_column(engine: Engine) -> None:
    message = refus(engine, '{"reference": "A",\n "objet": }')[""]
    assert message == "JSON invalide : valeur attendue (ligne 2, colonne 11)."
    assert "virgule attendue" in refus(engine, '{"a": 1 "b": 2}')[""]


# --- text no act can hold --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valeur", "nature"),
    [
        ("Rosi\x01er", "caractère de contrôle (U+0001)"),
        ("Rosi\x0cer", "caractère de contrôle (U+000C)"),
        ("Rosier\ufffe", "non-caractère Unicode (U+FFFE)"),
        ("Rosier\uffff", "non-caractère Unicode (U+FFFF)"),
        ("Ros\ud800ier", "moitié isolée de paire de substitution"),
    ],
)
def test_characters_xml_refuses_are_refused_at_validation(
    engine: Engine, mission: Any, valeur: str, nature: str
) -> None:
    message = refus(engine, mission(agent={"nom": valeur}))["agent.nom"]
    assert nature in message and "retirez-le" in message
    assert valeur not in message  # the offending character never goes back to a terminal
    # The same from JSON text with an escape (how a SIRH sends it).
    echappe = json.dumps(mission(agent={"nom": valeur}), ensure_ascii=True)
    assert nature in refus(engine, echappe)["agent.nom"]


def test_characters_xml_refuses_are_found_in_extensions_and_keys(
    engine: Engine, mission: Any
) -> None:
    with pytest.raises(ErreurValidation) as exc:
        engine.valider(mission(extensions={"expe_ct": {"x\x02": "a\x03"}}))
    assert exc.value.erreurs == [
        (
            "extensions.expe_ct.x\\u0002",
            "le nom de ce champ contient, en position 2, un caractère de contrôle (U+0002) "
            "qu'aucun document ne peut contenir.",
        ),
        (
            "extensions.expe_ct.x\\u0002",
            "ce texte contient, en position 2, un caractère de contrôle (U+0003) qu'aucun "
            "document ne peut contenir : retirez-le.",
        ),
    ]


def test_tab_newline_and_carriage_return_are_kept_and_rendered(
    engine: Engine, mission: Any
) -> None:
    from missio.documents import Redacteur

    objet = "Tri sélectif :\tphase 1\r\nphase 2\nphase 3"
    validee = engine.valider(texte(mission(objet=objet)))
    assert validee.objet == objet
    fichiers = Redacteur(engine).fichiers(engine.evaluer(validee), validee)
    assert fichiers["ordre_de_mission.docx"].startswith(b"PK")


@pytest.mark.parametrize(
    "nom", ["\u200b", "\u00a0\u00a0", " \u200b\u200d\ufeff ", "\u3164", "\u0301", "\u2800"]
)
def test_blank_or_invisible_names_are_refused(engine: Engine, mission: Any, nom: str) -> None:
    erreurs = refus(engine, mission(agent={"nom": nom}, employeur={"nom": nom}))
    for champ in ("agent.nom", "employeur.nom"):
        assert erreurs[champ] in (
            "ce champ ne contient que des espaces ou des caractères invisibles : écrivez sa "
            "valeur.",
            "ce champ ne peut pas être vide.",  # what strip() leaves of NBSP-only text
        )


def test_names_with_accents_or_joiners_stay_valid(engine: Engine, mission: Any) -> None:
    validee = engine.valider(mission(agent={"nom": "Ève\u200bN'Diaye", "prenom": "Zoë"}))
    assert validee.agent.prenom == "Zoë"


def test_a_long_value_is_echoed_as_a_short_prefix(engine: Engine, mission: Any) -> None:
    enorme = "x" * 1_000_000
    erreurs = refus(engine, mission(cadre=enorme, employeur={"departement": enorme}))
    for champ in ("cadre", "employeur.departement"):
        assert len(erreurs[champ]) < 400
        assert "… (1000000 caractères)" in erreurs[champ]
    cle = refus(engine, mission(agent={enorme: 1}))
    [(champ, _)] = cle.items()
    assert len(champ) < 80 and champ.startswith("agent.xxxx")


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("valeur", [1772409600, 1.5e9, 20260302, "1772409600"])
def test_numbers_are_not_dates(engine: Engine, mission: Any, valeur: Any) -> None:
    message = refus(engine, mission(date_demande=valeur))["date_demande"]
    assert "AAAA-MM-JJ" in message


@pytest.mark.parametrize("valeur", ["02/03/2026", "2026-3-2", "2026-03-02T00:00:00"])
def test_dates_are_written_aaaa_mm_jj(engine: Engine, mission: Any, valeur: str) -> None:
    message = refus(engine, mission(periodes=[{"debut": valeur, "fin": "2026-08-28"}]))
    assert "n'est pas une date au format AAAA-MM-JJ" in message["periodes[0].debut"]


def test_an_impossible_date_says_it_does_not_exist(engine: Engine, mission: Any) -> None:
    erreurs = refus(engine, mission(agent={"date_naissance": "1988-02-30"}))
    assert erreurs["agent.date_naissance"] == "« 1988-02-30 » n'existe pas dans le calendrier."


def test_dates_from_python_are_accepted(engine: Engine, mission: Any) -> None:
    from datetime import datetime

    donnees = mission()
    donnees["periodes"] = [{"debut": date(2026, 3, 2), "fin": datetime(2026, 8, 28)}]
    assert engine.valider(donnees).fin == date(2026, 8, 28)
    donnees["periodes"] = [{"debut": date(2026, 3, 2), "fin": datetime(2026, 8, 28, 10)}]
    assert "sans heure" in refus(engine, donnees)["periodes[0].fin"]
    donnees["periodes"] = [{"debut": date(2006, 3, 2), "fin": date(2026, 8, 28)}]
    assert "antérieure au 1er juillet 2007" in refus(engine, donnees)["periodes[0].debut"]


@pytest.mark.parametrize(
    ("debut", "fin"), [("9999-03-02", "9999-12-31"), ("2100-01-04", "2100-02-26")]
)
def test_years_beyond_the_holiday_package_are_refused(
    engine: Engine, mission: Any, debut: str, fin: str
) -> None:
    erreurs = refus(engine, mission(periodes=[{"debut": debut, "fin": fin}]))
    assert "au-delà, les jours fériés ne sont pas connus" in erreurs["periodes[0].debut"]
    assert "periodes" not in erreurs  # no spurious « la liste ne peut pas être vide »


def test_a_mission_after_the_generated_table_gets_its_decision(
    engine: Engine, mission: Any
) -> None:
    import holidays

    from missio.calendar import annees_couvertes

    annee = annees_couvertes()[1] + 5  # 2050: computed from the package on demand
    decision = engine.evaluer(
        engine.valider(
            mission(
                periodes=[{"debut": f"{annee}-03-01", "fin": f"{annee}-08-31"}],
                date_demande=f"{annee}-01-10",
            )
        )
    )
    feries = holidays.country_holidays("FR", subdiv="972", years=annee)
    attendu = sum(
        1
        for o in range(date(annee, 3, 1).toordinal(), date(annee, 8, 31).toordinal() + 1)
        if date.fromordinal(o).weekday() < 5 and date.fromordinal(o) not in feries
    )
    assert decision.volume_jours_ouvres == attendu
    assert decision.dispositif == "ordre_de_mission" and decision.conforme


def test_a_late_request_is_decided_with_an_alert(engine: Engine, mission: Any) -> None:
    def alerte(date_demande: str) -> Any:
        decision = engine.evaluer(engine.valider(mission(date_demande=date_demande)))
        assert decision.dispositif == "ordre_de_mission"
        return next((a for a in decision.alertes if a.code == "demande_apres_depart"), None)

    assert alerte("2026-01-12") is None  # before the departure: in time
    pendant = alerte("2026-03-10")
    assert pendant.niveau == "attention"
    assert "datée du 10/03/2026, alors que la mission commence le 02/03/2026" in pendant.message
    apres = alerte("2026-09-01")
    assert "après la fin de la mission (28/08/2026) : c'est une régularisation" in apres.message
    assert (
        "au-delà, les jours fériés"
        in refus(engine, mission(date_demande="2100-01-01"))["date_demande"]
    )


def test_birth_after_the_mission_or_too_young_is_refused(engine: Engine, mission: Any) -> None:
    apres = refus(engine, mission(agent={"date_naissance": "2026-05-01"}))
    assert "postérieure au début de la mission (02/03/2026)" in apres["agent.date_naissance"]
    jeune = refus(engine, mission(agent={"date_naissance": "2015-01-01"}))
    assert "aurait 11 ans" in jeune["agent.date_naissance"]
    # Sixteen on the first day is enough; one day short is not.
    assert engine.valider(mission(agent={"date_naissance": "2010-03-02"}))
    assert (
        "aurait 15 ans"
        in refus(engine, mission(agent={"date_naissance": "2010-03-03"}))["agent.date_naissance"]
    )
    assert AGE_MINIMAL == 16


def test_birth_dates_before_1900_are_refused(engine: Engine, mission: Any) -> None:
    erreurs = refus(engine, mission(agent={"date_naissance": "0001-01-01"}))
    assert "hors des dates que missio traite" in erreurs["agent.date_naissance"]


def test_jours_expertise_beyond_the_days_of_the_periods_is_refused(
    engine: Engine, mission: Any
) -> None:
    erreurs = refus(engine, mission(jours_expertise=181))
    assert "qui comptent 180 jours en tout" in erreurs["jours_expertise"]
    # More than the working days but within the days: decided, with the plugin's alert
    # (calendrier.md § 6: a Saturday or a holiday worked on site).
    semaine = mission(periodes=[{"debut": "2026-04-13", "fin": "2026-04-19"}], jours_expertise=7)
    assert engine.valider(semaine).jours_expertise == 7


# --- pydantic's words never reach the user ---------------------------------------------------


def test_union_branch_names_never_show() -> None:
    from typing import Literal

    from pydantic import BaseModel, ValidationError

    from missio.errors import regrouper, traduire

    class A(BaseModel):
        x: int

    class B(BaseModel):
        y: str

    class Modele(BaseModel):
        u: bool | int | None = None
        d: date | Literal["à compléter"] | None = None
        m: A | B | None = None

    donnees = {"u": [1], "d": "demain", "m": {"z": 1}}
    with pytest.raises(ValidationError) as exc:
        Modele.model_validate(donnees)
    erreurs = regrouper(exc.value, donnees=donnees)
    champs = [champ for champ, _ in erreurs]
    assert champs == ["u", "d", "m.x", "m.y"]
    # One pair per pydantic error, in order, for callers that pair them (policies' lines).
    assert len(traduire(exc.value, donnees=donnees)) == len(exc.value.errors())
    texte_complet = " ".join(m for _, m in erreurs)
    for interne in ("literal[", "function-", "Input should", "Value error"):
        assert interne not in texte_complet
    assert dict(erreurs)["u"].startswith("aucune des formes admises : une liste n'est pas")


def test_an_untranslated_pydantic_error_is_still_french() -> None:
    from uuid import UUID

    from pydantic import BaseModel, ValidationError

    from missio.errors import traduire

    class Modele(BaseModel):
        u: UUID

    with pytest.raises(ValidationError) as exc:
        Modele.model_validate({"u": "pas-un-uuid"})
    assert traduire(exc.value) == [("u", "« pas-un-uuid » n'est pas une valeur admise ici.")]


def test_valid_mission_validates_identically_from_text_and_mapping(
    engine: Engine, mission: Any
) -> None:
    donnees = mission()
    assert (
        engine.valider(texte(donnees)) == engine.valider(donnees) == Mission.model_validate(donnees)
    )
