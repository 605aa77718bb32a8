"""The law each act states (issue 14, second pass): the one case of décret n° 86-68, art. 2 or
of CGFP L. 512-8 the decision retained, the conventions that case requires, the texts in force
the day the act is signed, the share of service put at disposal, each level's mandat spécial,
and what a local policy cannot withhold."""

from __future__ import annotations

import re

import pytest
from outils_templates import RACINE, decider, donnees, moteur, rendre, texte

from missio.documents import Redacteur
from missio.engine import Engine


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def _visas(t: str) -> list[str]:
    """The lines between « Vu : » and the next heading of the act."""
    lignes = t.splitlines()
    debut = lignes.index("Vu :") + 1
    fin = next(i for i in range(debut, len(lignes)) if not lignes[i].endswith(";"))
    return lignes[debut:fin]


# --- Détachement: the one case of art. 2, its convention or its approval ---------------------


@pytest.mark.parametrize(
    ("accueil", "cas_declare", "article"),
    [
        ({"nom": "SCAC de l'ambassade", "nature": "administration_etat", "pays": "SN"}, None, "1°"),
        (
            {"nom": "Banque mondiale", "nature": "organisation_internationale", "pays": "US"},
            None,
            "9° a)",
        ),
        ({"nom": "Expertise France", "nature": "operateur", "pays": "SN"}, None, "9° b)"),
        ({"nom": "Eau Vive Internationale", "nature": "association", "pays": "SN"}, "9b", "9° b)"),
        ({"nom": "Société des eaux de Dakar", "nature": "entreprise", "pays": "SN"}, "5a", "5° a)"),
        ({"nom": "Eau Vive", "nature": "association", "pays": "SN"}, "6", "6°"),
    ],
)
def test_detachement_visa_names_the_one_case_retained(
    redacteur: Redacteur, accueil: dict[str, str], cas_declare: str | None, article: str
) -> None:
    extensions = {"statut_fpt": {"cas_detachement": cas_declare}} if cas_declare else {}
    actes = rendre(redacteur, "detachement_longue", accueil=accueil, extensions=extensions)
    t = texte(actes["arrete_detachement"])
    cas = [v for v in _visas(t) if v.startswith("Décret n° 86-68 du 13 janvier 1986, art. 2,")]
    assert len(cas) == 1, cas
    assert f"Décret n° 86-68 du 13 janvier 1986, art. 2, {article}, relatif au cas" in cas[0]
    assert "cas de détachement pour servir à l'étranger" not in t
    # 9° b) alone requires a convention passed beforehand, drafted and cited; 5° a) and 6° the
    # prior approval of the draft contract.
    assert ("convention_detachement" in actes) is (article == "9° b)")
    assert ("la convention préalable de détachement conclue le" in t) is (article == "9° b)")
    approbation = article in ("5° a)", "6°")
    assert ("approuvé par la collectivité le" in t) is approbation
    assert ("ses avenants éventuels sont soumis à l'approbation préalable" in t) is approbation


def test_convention_de_detachement_holds_its_mandatory_content(redacteur: Redacteur) -> None:
    t = texte(
        rendre(redacteur, "detachement_longue", "convention_detachement")["convention_detachement"]
    )
    for titre in (
        "Article 2 — Nature et niveau des activités",
        "Article 4 — Conditions d'emploi",
        "Article 5 — Rémunération",
        "Article 6 — Retraite et retenues pour pension",
        "Article 7 — Contrôle et évaluation des activités",
    ):
        assert titre in t, titre
    assert (
        "ne peut intervenir que dans ces conditions (Décret n° 86-68 du 13 janvier 1986, art. 2, 9° b))"
        in t
    )
    assert (
        "d'un niveau hiérarchique correspondant à son grade (adjoint technique territorial, catégorie C)"
        in t
    )
    assert "Les retenues pour pension et la contribution de l'employeur sont appelées" in t
    assert "Pour la collectivité d'origine" in t and "Pour l'organisme d'accueil" in t


def test_detachement_signed_before_the_code_cites_the_law(redacteur: Redacteur) -> None:
    actes = rendre(
        redacteur,
        "detachement_longue",
        periodes=[{"debut": "2022-03-01", "fin": "2024-02-29"}],
        date_demande="2021-11-15",
    )
    for code in ("arrete_detachement", "convention_detachement", "accord_agent"):
        t = texte(actes[code])
        assert "Code général de la fonction publique" not in t, code
    arrete = texte(actes["arrete_detachement"])
    assert "Loi n° 84-53 du 26 janvier 1984, art. 64, relatif au détachement" in arrete
    assert "Loi n° 84-53 du 26 janvier 1984, art. 65 à 65-2, relatif aux droits à pension" in arrete


def test_cnracl_affiliation_follows_where_the_host_is_implanted(redacteur: Redacteur) -> None:
    # A local association in Senegal: implanted abroad, affiliation optional (L. 513-6).
    ong = texte(
        rendre(
            redacteur,
            "detachement_longue",
            "arrete_detachement",
            accueil={"nom": "Eau Vive", "nature": "association", "pays": "SN"},
            extensions={"statut_fpt": {"cas_detachement": "9b"}},
        )["arrete_detachement"]
    )
    assert (
        "implanté sur le territoire d'un État étranger, l'intéressée n'est pas obligatoirement"
        in ong
    )
    # Expertise France declared in Senegal: a French body, the agent stays affiliated, missio's
    # reading marked « à vérifier » and listed in the review box.
    ef = texte(rendre(redacteur, "detachement_longue", "arrete_detachement")["arrete_detachement"])
    assert "L'intéressée reste affiliée, pendant son détachement" in ef
    assert "n'est pas regardé comme implanté sur le territoire d'un État étranger" in ef
    assert "Références à vérifier" in ef and "art. L. 513-4 et L. 513-6" in ef.splitlines()[1]


# --- Mise à disposition: the case of L. 512-8 and its condition ----------------------------


def test_mad_operator_states_case_4_and_its_public_service_missions(redacteur: Redacteur) -> None:
    actes = {c: texte(b) for c, b in rendre(redacteur, "mise_a_disposition").items()}
    for code in ("convention_mise_a_disposition", "arrete_mise_a_disposition"):
        t = actes[code]
        assert "art. L. 512-8, 4° (à vérifier), relatif au cas de mise à disposition retenu" in t
        assert "L. 512-8 et L. 512-13" not in t  # the list, no longer cited whole
        assert "missions de service public confiées" in t
    assert "Mission de service public concernée : ……" in actes["convention_mise_a_disposition"]
    assert "Nature et niveau des activités" in actes["convention_mise_a_disposition"]
    assert "Mise en place du tri sélectif à Montmagny" in actes["convention_mise_a_disposition"]


def test_mad_foreign_state_lettre_de_mission_and_lien_fonctionnel(redacteur: Redacteur) -> None:
    actes = {c: texte(b) for c, b in rendre(redacteur, "mise_a_disposition_etat_etranger").items()}
    assert "convention_mise_a_disposition" not in actes
    lettre = actes["lettre_de_mission"]
    assert "LETTRE DE MISSION" in lettre
    assert "Code général de la fonction publique, art. L. 512-8, 7°, relatif au cas" in lettre
    assert (
        "qui tient lieu de convention de mise à disposition (Code général de la fonction publique, art. L. 512-7, dernier alinéa)"
        in lettre
    )
    assert (
        "L'agent conserve, par ses missions, un lien fonctionnel avec la collectivité d'origine"
        in lettre
    )
    arrete = actes["arrete_mise_a_disposition"]
    assert "la lettre de mission du ……" in arrete
    assert "conserve, par ses missions, un lien fonctionnel avec la collectivité" in arrete
    assert "projet de lettre de mission, qui tient lieu de convention" in actes["accord_agent"]


def test_mad_signed_before_the_code_cites_the_law(redacteur: Redacteur) -> None:
    actes = rendre(
        redacteur,
        "mise_a_disposition",
        periodes=[{"debut": "2022-03-01", "fin": "2022-04-29"}],
        date_demande=None,
    )
    for code in (
        "convention_mise_a_disposition",
        "arrete_mise_a_disposition",
        "accord_agent",
        "information_organe_deliberant",
        "convention_partenariat",
    ):
        assert "Code général de la fonction publique" not in texte(actes[code]), code


# --- Disponibilité: one text per visa line, the texts of the signing day -------------------


def _disponibilite(redacteur: Redacteur, debut: str, fin: str, demande: str) -> dict[str, str]:
    actes = rendre(
        redacteur, "disponibilite", periodes=[{"debut": debut, "fin": fin}], date_demande=demande
    )
    return {c: texte(b) for c, b in actes.items()}


def test_disponibilite_one_text_per_visa_line(redacteur: Redacteur) -> None:
    t = _disponibilite(redacteur, "2021-10-04", "2026-09-30", "2021-06-01")["arrete_disponibilite"]
    for visa in _visas(t):
        textes = re.findall(r"Code général|Loi n°|Décret n°", visa)
        assert len(textes) <= 1, visa
    # Signed on 1 October 2021: the law, never the Code in force during the disponibilité.
    assert "Code général de la fonction publique" not in t
    assert "Loi n° 84-53 du 26 janvier 1984, art. 72, relatif à la disponibilité" in t
    # Art. 26 before 14 March 2022: three months « par prudence », wording not read.
    assert "Décret n° 86-68 du 13 janvier 1986, art. 26 (à vérifier), relatif à la demande" in t
    assert "Décret n° 2020-69 du 30 janvier 2020, art. 18, 24 et 25, relatif à la procédure" in t


def test_disponibilite_never_cites_decree_2020_69_after_january_2025(redacteur: Redacteur) -> None:
    actes = _disponibilite(redacteur, "2025-03-03", "2025-12-19", "2025-02-03")
    for code, t in actes.items():
        assert "2020-69" not in t, code
    assert (
        "Code général de la fonction publique, art. R. 124-27 et suivants, relatif à la procédure"
        in actes["arrete_disponibilite"]
    )


# --- Mandat spécial: each level its own article ------------------------------------------


@pytest.mark.parametrize(
    ("nature", "article", "assemblee"),
    [
        ("commune", "L. 2123-18", "Le conseil municipal"),
        ("departement", "L. 3123-19", "Le conseil départemental"),
        ("region", "L. 4135-19", "Le conseil régional"),
        ("epci", "L. 5211-14", "L'assemblée délibérante"),
    ],
)
def test_mandat_special_cites_the_article_of_its_level(
    redacteur: Redacteur, nature: str, article: str, assemblee: str
) -> None:
    t = texte(
        rendre(redacteur, "elu", "demande_mandat_special", employeur={"nature": nature})[
            "demande_mandat_special"
        ]
    )
    assert f"Code général des collectivités territoriales, art. {article}, relatif aux frais" in t
    for autre in ("L. 2123-18", "L. 3123-19", "L. 4135-19", "L. 5211-14"):
        if autre != article:
            assert autre not in t
    assert "équivalentes" not in t
    assert f"{assemblee} " in t


def test_mandat_special_without_a_known_article_asks_the_signer(redacteur: Redacteur) -> None:
    t = texte(
        rendre(redacteur, "elu", "demande_mandat_special", employeur={"nature": "syndicat_mixte"})[
            "demande_mandat_special"
        ]
    )
    assert "Code général des collectivités territoriales (à vérifier), relatif aux frais" in t
    assert "art. L." not in t
    encadre = t.splitlines()[1]
    assert (
        "article du code général des collectivités territoriales applicable, non relevé" in encadre
    )
    assert "syndicat mixte" in encadre


# --- Cumul and ordre de mission: days, and what a policy cannot withhold --------------------


def test_cumul_prints_absence_and_expertise_days_apart(redacteur: Redacteur) -> None:
    actes = {
        c: texte(b)
        for c, b in rendre(
            redacteur,
            "cumul",
            periodes=[{"debut": "2026-09-07", "fin": "2026-09-18"}],
            jours_expertise=4,
        ).items()
    }
    assert (
        "soit 4 jours d'expertise (quatre), sur des périodes qui comptent 10 jours ouvrés"
        in actes["autorisation_cumul_activites"]
    )
    assert (
        "4 jours d'expertise (quatre), sur 10 jours ouvrés d'absence"
        in actes["demande_cumul_activites"]
    )
    assert "10 jours ouvrés, dont 4 jours d'expertise" in actes["checklist"]


def test_ordre_de_mission_prints_absence_and_expertise_days_apart(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "ordre_de_mission",
            "ordre_de_mission",
            periodes=[{"debut": "2026-06-08", "fin": "2026-06-19"}],
            jours_expertise=6,
            teletravail_jours_par_semaine=0,
        )["ordre_de_mission"]
    )
    assert (
        "soit 10 jours ouvrés (dix) au calendrier de la collectivité, départ et retour compris, dont 6 jours d'expertise (six) sur place."
        in t
    )
    assert "télétravail" not in t  # 0 day a week says nothing


def test_ordre_de_mission_never_signs_what_a_policy_withholds() -> None:
    engine = Engine(politiques=[RACINE / "plugins/collectivite_custom/politiques/caesm.yaml"])
    redacteur = Redacteur(engine)
    mission = engine.valider(donnees("ordre_de_mission"))
    decision = engine.evaluer(mission)
    assert "financement_contradictoire" in [a.code for a in decision.alertes]
    actes = {c: texte(b) for c, b in redacteur.rendre(decision, mission).items()}
    om = actes["ordre_de_mission"]
    assert "Hébergement et frais de vie" not in om and "à la charge de l'agent" not in om
    assert (
        "Indemnités de mission à l'étranger au taux du pays (hébergement et repas) — à la charge de la collectivité"
        in om
    )
    # The policy's costs cite their deliberation, whose unknown number goes to the review box.
    assert (
        "Billet d'avion aller-retour en classe économique — à la charge de la collectivité (Délibération n° ……"
        in om
    )
    assert "Délibération n° ……" in om.splitlines()[1]
    checklist = actes["checklist"]
    assert "Deux règles mettent le même poste (« indemnites_mission »)" in checklist
    assert (
        "Hébergement et frais de vie sur place — l'agent (contesté : voir les points d'attention)"
        in checklist
    )


def test_retiree_note_shows_the_decisions_age_alert(redacteur: Redacteur) -> None:
    mission, decision = decider(
        redacteur.engine, "retraite", agent={"date_naissance": "1952-06-15"}
    )
    alerte = next(a for a in decision.alertes if a.code == "retraite.limite_age")
    assert "65 ans et 9 mois" in alerte.message  # the generation's limit, from the table
    t = texte(redacteur.rendre(decision, mission)["note_information_retraite"])
    assert f"Point d'attention. {alerte.message}" in t
