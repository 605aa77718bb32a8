"""The form model: read from the mission's schema (French titles and help of the contract), and
the round trip form ⇄ mission JSON, without HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from missio import hookimpl
from missio.engine import Engine
from missio.models import Accueil, Agent, Employeur, Label, Mission, Periode, Signataire
from missio.service.web.schema_formulaire import lire_schema, parcourir, sections
from missio.service.web.valeurs import (
    applicable,
    depuis_formulaire,
    depuis_json,
    valeurs_initiales,
    vers_json,
)
from missio.service.web.vue_formulaire import Vue, ident
from missio_expe_ct.extension import ExtensionExpeCt, TermesMission

MODELES = (Mission, Periode, Agent, Signataire, Label, Employeur, Accueil)


@pytest.mark.parametrize(
    "modele", [*MODELES, ExtensionExpeCt, TermesMission], ids=lambda m: m.__name__
)
def test_every_contract_field_has_a_french_title_and_help(modele: type[BaseModel]) -> None:
    """The form's labels and help texts are the contract's, declared on every field."""
    for nom, info in modele.model_fields.items():
        assert info.title and info.description, f"{modele.__name__}.{nom}"


def test_codes_have_labels_in_the_schema(engine: Engine) -> None:
    schema = engine.schema_mission()
    assert schema["properties"]["cadre"]["x-libelles"]["expe_ct"].startswith("Programme EXPE-CT")
    statut = schema["$defs"]["Agent"]["properties"]["statut"]
    assert statut["x-libelles"]["contractuel_cdd"] == "agent contractuel en CDD"
    expe_ct = schema["properties"]["extensions"]["properties"]["expe_ct"]
    assert expe_ct["x-missio-si"] == {"cadre": ["expe_ct"]}


def test_form_follows_how_a_person_thinks_of_a_mission(engine: Engine) -> None:
    champs = lire_schema(engine.schema_mission())
    ordre = [s.cle for s in sections(champs)]
    assert ordre == [
        "dossier",
        "agent",
        "employeur",
        "accueil",
        "periodes",
        "termes",
        "extensions.expe_ct",
        "extensions.statut_fpt",
    ]
    par_cle = {c.cle: c for c in parcourir(champs)}
    assert "version_contrat" not in par_cle  # not a person's choice
    cadre = par_cle["cadre"]
    assert cadre.genre == "choix" and cadre.obligatoire and cadre.titre == "Cadre"
    assert ("expe_ct", "Programme EXPE-CT du ministère de l'Europe et des Affaires étrangères") in (
        cadre.choix
    )
    periodes = par_cle["periodes"]
    assert (periodes.genre, periodes.minimum, periodes.titre_element) == ("liste", 1, "Période")
    assert [c.genre for c in periodes.enfants] == ["date", "date"]
    assert par_cle["quotite_travail"].genre == "nombre" and par_cle["quotite_travail"].defaut == "1"
    assert par_cle["domaines"].genre == "textes"
    assert par_cle["remplacement"].genre == "booleen"
    assert par_cle["expe_ct"].si == {"cadre": ("expe_ct",)}


def test_example_round_trips_through_the_form(engine: Engine, exemple: dict[str, Any]) -> None:
    champs = lire_schema(engine.schema_mission())
    brut = depuis_json(champs, exemple)
    assert brut["agent"]["quotite_travail"] == "1.0"
    assert brut["employeur"]["labels"][0]["domaines"] == "gestion des déchets"
    donnees = vers_json(champs, brut)
    # Nulls and defaults left out, numbers typed: the same mission, hence the same decision.
    assert donnees["teletravail_jours_par_semaine"] == 3 and donnees["remplacement"] is False
    assert "jours_expertise" not in donnees and "extensions" not in donnees
    relue = Mission.model_validate_json(json.dumps(donnees))
    assert relue == Mission.model_validate(exemple)
    assert engine.evaluer(relue) == engine.evaluer(Mission.model_validate(exemple))


def test_posted_form_to_json(engine: Engine) -> None:
    champs = lire_schema(engine.schema_mission())
    paires = [
        ("reference", "  R-1 "),
        ("periodes[3].debut", "2026-03-02"),
        ("periodes[3].fin", "2026-03-06"),
        ("periodes[7].debut", "2026-04-06"),
        ("periodes[7].fin", ""),
        ("agent.quotite_travail", "0,8"),
        ("agent.missions_dans_l_annee", "deux"),
        ("remuneration_accueil", "1 000,50"),
        ("employeur.labels[0].domaines", "déchets\n\n  eau \n"),
        ("sur_temps_de_service", "true"),
        ("extensions.expe_ct.nombre_personnes", ""),
        ("champ_inconnu", "ignoré"),
    ]
    donnees = vers_json(champs, depuis_formulaire(champs, paires))
    assert donnees["reference"] == "R-1"
    # Elements renumbered from 0 in their order; an element's empty field stays missing.
    assert donnees["periodes"] == [
        {"debut": "2026-03-02", "fin": "2026-03-06"},
        {"debut": "2026-04-06"},
    ]
    assert donnees["agent"]["quotite_travail"] == 0.8
    assert donnees["agent"]["missions_dans_l_annee"] == "deux"  # for the engine to refuse
    assert donnees["remuneration_accueil"] == 1000.5
    assert donnees["employeur"]["labels"] == [{"domaines": ["déchets", "eau"]}]
    assert donnees["sur_temps_de_service"] is True
    assert "extensions" not in donnees and "champ_inconnu" not in donnees
    # Required groups are sent even empty, so that each missing field gets its own error.
    assert donnees["accueil"] == {} and donnees["agent"] == {
        "quotite_travail": 0.8,
        "missions_dans_l_annee": "deux",
    }


def test_empty_form_has_defaults_and_one_period(engine: Engine) -> None:
    champs = lire_schema(engine.schema_mission())
    brut = valeurs_initiales(champs)
    assert brut["sens"] == "envoi" and brut["agent"]["quotite_travail"] == "1"
    assert brut["periodes"] == [{"debut": "", "fin": ""}]
    assert brut["employeur"]["labels"] == []
    donnees = vers_json(champs, brut)
    assert donnees == {
        "sens": "envoi",
        "periodes": [{}],
        "quotite_mise_a_disposition": 1,  # the whole service, unless the form says otherwise
        "agent": {"quotite_travail": 1},
        "employeur": {},
        "accueil": {},
    }


def test_plugin_fields_apply_by_condition(engine: Engine) -> None:
    champs = {c.cle: c for c in parcourir(lire_schema(engine.schema_mission()))}
    assert applicable(champs["expe_ct"], {"cadre": "expe_ct"})
    assert not applicable(champs["expe_ct"], {"cadre": "cooperation_decentralisee"})
    assert not applicable(champs["expe_ct"], {})
    assert applicable(champs["agent"], {})


def test_errors_find_their_field_or_group(engine: Engine, exemple: dict[str, Any]) -> None:
    champs = lire_schema(engine.schema_mission())
    brut = depuis_json(champs, exemple)
    erreurs = [
        ("periodes[0].debut", "2006-03-02 est antérieure au 1er juillet 2007 : …"),
        ("periodes[0]", "la fin est antérieure au début."),
        ("employeur.labels[0].domaines[1]", "ce champ ne peut pas être vide."),
        ("agent.nomm", "champ inconnu du contrat (faute de frappe ?)."),
        ("", "JSON invalide."),
    ]
    vue = Vue(brut, erreurs)
    noeuds = {s.cle: vue.section(s) for s in sections(champs)}
    resume = vue.resume()
    periode = noeuds["periodes"].elements[0]
    assert periode.erreurs == ["la fin est antérieure au début."]
    assert periode.enfants[0].erreurs == ["2006-03-02 est antérieure au 1er juillet 2007 : …"]
    assert periode.enfants[0].id == ident("periodes[0].debut") == "champ-periodes-0-debut"
    labels = next(n for n in noeuds["employeur"].enfants if n.chemin == "employeur.labels")
    domaines = next(n for n in labels.elements[0].enfants if n.chemin.endswith("domaines"))
    assert domaines.erreurs == ["employeur.labels[0].domaines[1] : ce champ ne peut pas être vide."]
    assert noeuds["agent"].erreurs == ["agent.nomm : champ inconnu du contrat (faute de frappe ?)."]
    liens = {ligne["chemin"]: ligne["lien"] for ligne in resume}
    assert liens["periodes[0].debut"] == "champ-periodes-0-debut"
    assert liens["agent.nomm"] == "champ-agent"
    assert liens["(racine)"] is None
    titres = {ligne["chemin"]: ligne["titre"] for ligne in resume}
    assert titres["periodes[0].debut"] == "Périodes › Période 1 › Premier jour"


def test_a_value_that_is_not_a_date_stays_visible(engine: Engine) -> None:
    champs = lire_schema(engine.schema_mission())
    brut = valeurs_initiales(champs)
    brut["periodes"] = [{"debut": "2026-02-30", "fin": "2026-03-06"}]
    vue = Vue(brut, [])
    (periode,) = next(vue.section(s) for s in sections(champs) if s.cle == "periodes").elements
    debut, fin = periode.enfants
    # A date picker would blank « 2026-02-30 »: a text field keeps it beside its error.
    assert (debut.type_saisie, debut.valeur) == ("text", "2026-02-30")
    assert fin.type_saisie == "date"


class Budget(BaseModel):
    model_config = ConfigDict(title="Programme de test", extra="forbid", frozen=True)

    budget: int | None = Field(None, title="Budget du programme", description="En euros.")


class PluginAvecChamps:
    """A third-party plugin declaring extension fields: the form shows them unedited."""

    PLUGIN_NAME = "programme_test"

    @hookimpl
    def missio_extensions(self, register: Any) -> None:
        register("programme_test", Budget)


def test_a_plugins_new_fields_appear_in_the_form() -> None:
    engine = Engine([PluginAvecChamps()])
    champs = lire_schema(engine.schema_mission())
    [derniere] = [s for s in sections(champs) if s.cle == "extensions.programme_test"]
    assert derniere.titre == "Programme de test"
    (budget,) = derniere.groupe.enfants if derniere.groupe else ()
    assert (budget.titre, budget.aide, budget.genre) == (
        "Budget du programme",
        "En euros.",
        "entier",
    )
    brut = depuis_formulaire(champs, [("extensions.programme_test.budget", "1200")])
    assert vers_json(champs, brut)["extensions"] == {"programme_test": {"budget": 1200}}


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("3", 3),
        ("-2", -2),
        ("0,5", 0.5),
        ("1 000", 1000),
        ("1\u202f000,25", 1000.25),
        ("1e3", "1e3"),
    ],
)
def test_numbers_as_people_type_them(engine: Engine, texte: str, attendu: Any) -> None:
    champs = lire_schema(engine.schema_mission())
    brut = depuis_formulaire(champs, [("teletravail_jours_par_semaine", texte)])
    assert vers_json(champs, brut)["teletravail_jours_par_semaine"] == attendu
