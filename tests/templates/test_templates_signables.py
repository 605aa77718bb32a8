"""Acts a DRH can sign as they are, checked over every act of a mission per route and statut
(and the EXPE-CT and local-policy acts): French typography, no software text, every
« à vérifier » highlighted and listed in the review box, blanks listed there too, properties
that name the act and the collectivité, signature blocks that never split."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from outils_templates import decider, moteur, rendre, texte, texte_brut, tous_les_actes

from missio.documents import Redacteur

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


@pytest.fixture(scope="module")
def actes(redacteur: Redacteur) -> dict[tuple[str, str], bytes]:
    return tous_les_actes(redacteur)


def test_every_document_code_is_covered(redacteur: Redacteur, actes: dict) -> None:
    assert {code for _, code in actes} == set(redacteur.engine.documents)


# French typography: a no-break space (narrow or not) before ; : ! ? and inside « ».
_ESPACE_AVANT = re.compile(r"[ \t][;:!?»]")
_ESPACE_APRES = re.compile(r"«[ \t]")
_COLLE = re.compile(r"[^\W\d_][;!?»]|«[^\W\d_]")
_LOGICIEL = re.compile(
    r"\bmissio\b|pointillés \(…|signalent une information|après coup|jour\(s\)|ouvré\(s\)|"
    r"\[à compléter\]|Démarches et échéances\n.*\| Responsable",
    re.IGNORECASE,
)


def test_french_typography_in_every_act(actes: dict) -> None:
    for (cas, code), contenu in actes.items():
        t = texte_brut(contenu)
        for regle in (_ESPACE_AVANT, _ESPACE_APRES, _COLLE):
            fautes = [t[max(0, m.start() - 30) : m.end() + 5] for m in regle.finditer(t)]
            assert not fautes, (cas, code, fautes[:3])


def test_no_software_text_in_any_act(actes: dict) -> None:
    for (cas, code), contenu in actes.items():
        t = texte_brut(contenu)
        assert not _LOGICIEL.search(t), (cas, code, _LOGICIEL.search(t))
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            proprietes = archive.read("docProps/core.xml").decode()
            application = archive.read("docProps/app.xml").decode()
        assert not re.search(r"\bmissio\b|python-docx", proprietes), (cas, code)
        assert "Word" not in application and "python" not in application


def test_the_ordre_de_mission_is_an_order_not_a_workflow(actes: dict) -> None:
    t = texte(actes[("ordre_de_mission", "ordre_de_mission")])
    assert "Échéance | Démarche" not in t and "Démarches et échéances" not in t.split("\n")[2:-1]
    assert "à la charge de l'agent" not in t  # a policy cannot make the act sign it
    expe = texte(actes[("expe_ct", "ordre_de_mission")])
    assert "Hébergement et frais de vie" not in expe and "Article 6 — Rapport de mission" in expe


def test_every_a_verifier_is_highlighted_and_in_the_review_box(actes: dict) -> None:
    vus = 0
    for (cas, code), contenu in actes.items():
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            corps = archive.read("word/document.xml").decode()
        runs = re.findall(r"<w:r>(?:(?!</w:r>).)*?à vérifier(?:(?!</w:r>).)*?</w:r>", corps)
        for run in runs:
            assert '<w:highlight w:val="yellow"/>' in run, (cas, code, run)
            vus += 1
        t = texte(contenu)
        cites = re.findall(r"([^;(\n]+?) \(à vérifier\)", t)
        if cites:
            assert t.split("\n")[1].startswith("Avant signature :"), (cas, code)
    assert vus > 10


def test_a_clean_act_has_no_review_box(actes: dict) -> None:
    propre = texte(actes[("retraite", "note_information_retraite")])
    assert "Avant signature" not in propre


def test_blanks_to_complete_are_listed_in_the_review_box(actes: dict) -> None:
    t = texte(actes[("expe_ct", "decision_prime_installation")])
    boite = t.split("\n")[1]
    # The deliberation's unknown number and date: dotted lines, listed once, never brackets.
    assert "– Délibération n° ……" in boite and "du conseil communautaire du ……" in boite
    assert boite.count("Délibération") == 1 and "[à compléter]" not in t
    assert "– chapitre budgétaire d'imputation de la prime" in boite
    # Place and date of signature are filled when signing: not listed.
    assert "Fait à" not in boite


def test_titles_footers_and_properties_agree(redacteur: Redacteur, actes: dict) -> None:
    for (cas, code), contenu in actes.items():
        lignes = texte(contenu).split("\n")
        titre = redacteur.engine.documents[code].titre
        pied = lignes[-1]
        if code != "accord_agent":
            assert pied.startswith(f"{titre} — réf. CAESM-2026-014 — page"), (cas, code, pied)
        titre_acte = next(
            ligne for ligne in lignes[1:] if ligne.isupper() or ligne == ligne.upper()
        )
        if titre_acte.startswith(("ARRÊTÉ", "DÉCISION")):
            assert pied.split()[0] == titre_acte.split()[0].capitalize().replace("Arrêté", "Arrêté")
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            proprietes = etree.fromstring(archive.read("docProps/core.xml"))
            pied_xml = next(archive.read(n).decode() for n in archive.namelist() if "footer" in n)
        valeurs = {e.tag.rpartition("}")[2]: e.text for e in proprietes}
        collectivite = "Communauté d'agglomération de l'Espace Sud de la Martinique"
        assert valeurs["title"] == f"{titre} — {collectivite}", (cas, code)
        assert valeurs["creator"] == valeurs["lastModifiedBy"] == collectivite
        assert valeurs["created"] == "2026-01-12T00:00:00Z"  # the mission's procedure date
        assert 'w:instr="PAGE"' in pied_xml and 'w:instr="NUMPAGES"' in pied_xml


def test_no_title_ends_with_a_lone_word(actes: dict) -> None:
    for (cas, code), contenu in actes.items():
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            corps = archive.read("word/document.xml").decode()
        for titre in re.findall(r'<w:pStyle w:val="Title"/>.*?</w:p>', corps):
            texte_titre = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", titre))
            if " " in texte_titre.strip() or "\u00a0" in texte_titre:
                assert "\u00a0" in texte_titre, (cas, code, texte_titre)


def test_signature_blocks_never_split(actes: dict) -> None:
    for (cas, code), contenu in actes.items():
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            corps = archive.read("word/document.xml").decode()
        for rangee in re.findall(r"<w:tr>.*?</w:tr>", corps):
            if "Fait à" in rangee or "Signature de" in rangee or "Pour la collectivité" in rangee:
                assert "<w:cantSplit/>" in rangee, (cas, code)
                assert "<w:keepNext/>" in rangee


def test_agreement_by_number_and_telework(redacteur: Redacteur) -> None:
    un_jour = texte(
        rendre(
            redacteur,
            "cumul",
            "autorisation_cumul_activites",
            periodes=[{"debut": "2026-04-07", "fin": "2026-04-07"}],
        )["autorisation_cumul_activites"]
    )
    assert "soit 1 jour ouvré (un)." in un_jour
    sans = texte(
        rendre(redacteur, "ordre_de_mission", "ordre_de_mission", teletravail_jours_par_semaine=0)[
            "ordre_de_mission"
        ]
    )
    assert "télétravail" not in sans
    demi = texte(
        rendre(redacteur, "ordre_de_mission", "ordre_de_mission", teletravail_jours_par_semaine=1)[
            "ordre_de_mission"
        ]
    )
    assert "en télétravail 1 jour par semaine" in demi


def test_names_contract_with_their_article(redacteur: Redacteur) -> None:
    t = texte(
        rendre(
            redacteur,
            "mise_a_disposition",
            "arrete_mise_a_disposition",
            accueil={"nom": "Le Havre Seine Métropole"},
            employeur={"nom": "Eurométropole de Strasbourg"},
        )["arrete_mise_a_disposition"]
    )
    assert "mise à disposition du Havre Seine Métropole" in t
    assert "de Le Havre" not in t and "d'Eurométropole" not in t


def test_detachement_states_the_law_right(redacteur: Redacteur) -> None:
    oi = texte(
        rendre(
            redacteur,
            "detachement_longue",
            "arrete_detachement",
            cadre="organisation_internationale",
            pays="FR",
            accueil={
                "nom": "Organisation des Nations unies pour l'éducation",
                "nature": "organisation_internationale",
                "pays": "FR",
            },
            remuneration_accueil="3000",
        )["arrete_detachement"]
    )
    assert "L'organisme d'accueil étant un organisme international" in oi
    assert "n'est pas obligatoirement affiliée" in oi
    assert "selon la réglementation de la Caisse nationale" not in oi
    # The host's pay, printed because the mission gives it, with its period.
    assert (
        "Pour la période du 6 avril 2026 au 5 avril 2028, la rémunération que l'organisme "
        "d'accueil verse à l'agent s'élève au total à 3 000,00 € (trois mille euros)." in oi
    )
    france = texte(
        rendre(
            redacteur,
            "detachement_courte",
            "arrete_detachement",
            pays="FR",
            accueil={"nom": "Expertise France", "nature": "operateur", "pays": "FR"},
        )["arrete_detachement"]
    )
    assert "L'intéressée reste affiliée, pendant son détachement, à la Caisse nationale" in france


def test_expe_ct_report_and_retiree_note_cite_articles_only(actes: dict) -> None:
    rapport = texte(actes[("expe_ct", "rapport_mission_expe_ct")])
    assert "procédure civile" not in rapport and "par analogie" not in rapport
    note = texte(actes[("retraite", "note_information_retraite")])
    # Loi n° 84-834, art. 6-2 stays in force after 2022, with no CGFP article (statut.md § 8).
    assert "sans lien de subordination (Loi n° 84-834 du 13 septembre 1984, art. 6-2)" in note
    assert (
        "équivalent de l'art. 6-2" not in note
        and "Code général de la fonction publique (équivalent" not in note
    )


def test_cumul_commits_the_collectivite_to_nothing(actes: dict) -> None:
    # No convention with the operator: the agent works privately, on leave days, under a
    # contract the agent signs; no act of the collectivité bills or commits anything.
    assert ("cumul", "convention_partenariat") not in actes
    for code in ("demande_cumul_activites", "autorisation_cumul_activites"):
        t = texte(actes[("cumul", code)])
        assert "Honoraires" not in t and "titre de recettes" not in t and "rembourse" not in t
    autorisation = texte(actes[("cumul", "autorisation_cumul_activites")])
    assert "La collectivité n'est pas partie à ce contrat" in autorisation
    checklist = texte(actes[("cumul", "checklist")])
    assert "ne signe aucune convention avec Expertise France" in checklist
    assert "Ce que l'agent signe avec Expertise France" in checklist
    assert "le contrat de sa mission" in checklist


def test_same_mission_same_bytes(redacteur: Redacteur) -> None:
    mission, decision = decider(redacteur.engine, "detachement_courte")
    assert redacteur.fichiers(decision, mission, relecture=True) == Redacteur(moteur()).fichiers(
        decision, mission, relecture=True
    )
