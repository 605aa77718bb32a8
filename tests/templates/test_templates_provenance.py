"""The provenance of every clause: the sidecar ``<code>.provenance.json`` of each act lists its
paragraphs with the rules, references and mission fields they come from, and the review copy
carries it in margin comments."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from outils_templates import cas_de_tous_les_actes, decider, moteur

from missio.documents import Redacteur
from missio.documents.rendering import ErreurModele

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


@pytest.fixture(scope="module")
def provenances(redacteur: Redacteur) -> dict[tuple[str, str], tuple[dict, bytes]]:
    sortie = {}
    for cas, mission, decision in cas_de_tous_les_actes(redacteur.engine):
        for code in decision.documents:
            rendu = redacteur.rendre_detail(code, decision, mission, avec_provenance=True)
            sortie[(cas, code)] = (redacteur.provenance(code, rendu, decision, mission), rendu.docx)
    return sortie


def _paragraphes(contenu: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        corps = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in corps.iter(f"{W}p")]


def test_every_paragraph_is_listed_with_its_first_words(provenances: dict) -> None:
    for (cas, code), (provenance, contenu) in provenances.items():
        textes = _paragraphes(contenu)
        listes = provenance["paragraphes"]
        assert [p["index"] for p in listes] == [i for i, t in enumerate(textes) if t.strip()]
        for ligne in listes:
            mots = ligne["debut"].removesuffix(" …").split()
            assert textes[ligne["index"]].split()[: len(mots)] == mots, (cas, code, ligne)


def test_no_paragraph_that_depends_on_the_decision_is_without_provenance(
    redacteur: Redacteur, provenances: dict
) -> None:
    verifies = 0
    decisions = {
        cas: d.model_dump(mode="json") for cas, _m, d in cas_de_tous_les_actes(redacteur.engine)
    }
    for (cas, code), (provenance, _contenu) in provenances.items():
        lectures = redacteur._modele(code).lectures
        decision = decisions[cas]
        assert provenance["regles_document"], (cas, code)  # the rule that asked for the act
        for ligne in provenance["paragraphes"]:
            if ligne.get("revue"):
                continue
            assert "regles" in ligne, (cas, code, ligne)  # every paragraph of the act is marked
            cite = [c for lecture in lectures.values() for c in lecture.cles]
            # An element the decision holds (not the absence of one: « no step required »).
            elements = [e for e in ligne["decision"] if _present(e, decision)]
            depend = elements or any(r["cle"] in cite for r in ligne["references"])
            if depend:
                verifies += 1
                assert ligne["regles"] or ligne["references"], (cas, code, ligne)
            for reference in ligne["references"]:
                assert set(reference) == {"cle", "intitule", "texte", "article", "statut"}
                assert reference["statut"] in ("verifie", "verifie_secondaire", "a_verifier")
    assert verifies > 200


def _present(element: str, decision: dict) -> bool:
    genre, _, code = element.partition(":")
    cles = {
        "obligation": ("obligations", "code"),
        "financement": ("financements", "poste"),
        "fondement": ("fondements", "cle"),
    }
    if genre in cles:
        liste, champ = cles[genre]
        return any(x[champ] == code for x in decision[liste])
    return decision.get(genre) != []


def test_provenance_names_rules_references_and_fields(provenances: dict) -> None:
    provenance, _ = provenances[("detachement_courte", "arrete_detachement")]

    def ligne(debut: str) -> dict:
        return next(p for p in provenance["paragraphes"] if p["debut"].startswith(debut))

    titre = ligne("ARRÊTÉ PORTANT DÉTACHEMENT DE COURTE DURÉE")
    assert titre["decision"] == ["dispositif"]
    assert [r["regle"] for r in titre["regles"]] == ["voie.operateur"]
    assert titre["regles"][0]["titre"] and titre["regles"][0]["plugin"]
    carriere = ligne("Pendant le détachement, l'intéressée est placée hors")
    assert [r["cle"] for r in carriere["references"]] == ["detachement.definition"]
    assert carriere["references"][0]["article"] == "L. 513-1 et L. 513-2"
    courte = ligne("Décret n° 86-68 du 13 janvier 1986, art. 8")
    # Art. 8: number read in a centre de gestion's guide (issue 12, December 2026 review).
    assert courte["references"][0]["statut"] == "verifie_secondaire"
    assert "detachement.duree" in [r["regle"] for r in courte["regles"]]
    article_1 = ligne("Mme Line Rosier, fonctionnaire titulaire")
    assert {"mission.agent.nom", "mission.periodes", "mission.accueil.nom"} <= set(
        article_1["champs"]
    )
    retraite = ligne("L'intéressée reste affiliée")
    assert {"mission.accueil.nature", "mission.accueil.pays"} <= set(retraite["champs"])
    assert "detachement.retraite" in [r["regle"] for r in retraite["regles"]]
    # The versions printed: the Code at the signing date, and missio's reading « à vérifier ».
    assert {(r["cle"], r["article"], r["statut"]) for r in retraite["references"]} >= {
        ("detachement.retraite", "L. 513-4 à L. 513-6", "verifie"),
        ("detachement.retraite.organisme_francais", "L. 513-4 et L. 513-6", "a_verifier"),
    }
    cas = ligne("Décret n° 86-68 du 13 janvier 1986, art. 2, 9°")
    assert [r["cle"] for r in cas["references"]] == ["detachement.cas.cooperation_internationale"]
    assert "detachement.accueil_admissible" in [r["regle"] for r in cas["regles"]]
    assert provenance["regles_document"][0]["regle"] == "detachement.procedure"
    assert provenance["revue"] == {
        "a_verifier": ["Code général de la fonction publique, art. L. 513-4 et L. 513-6"],
        "a_completer": ["date de la convention préalable de détachement"],
    }
    assert all(p.get("revue") for p in provenance["paragraphes"][:3])


def test_items_of_the_decision_carry_their_own_rule(provenances: dict) -> None:
    provenance, _ = provenances[("ordre_de_mission", "ordre_de_mission")]
    frais = next(
        ligne
        for ligne in provenance["paragraphes"]
        if ligne["debut"].startswith("Indemnités de mission à l'étranger")
    )
    assert [r["regle"] for r in frais["regles"]] == ["om.ordre_de_mission"]
    assert {r["cle"] for r in frais["references"]} == {"om.frais_fpt", "om.indemnites_etranger"}
    transport = next(
        ligne
        for ligne in provenance["paragraphes"]
        if ligne["debut"].startswith("Frais de transport")
    )
    assert {r["cle"] for r in transport["references"]} == {"om.frais_fpt"}


def test_files_carry_the_provenance_and_the_review_copies(redacteur: Redacteur) -> None:
    mission, decision = decider(redacteur.engine, "mise_a_disposition")
    fichiers = redacteur.fichiers(decision, mission, relecture=True)
    for code in decision.documents:
        provenance = json.loads(fichiers[f"{code}.provenance.json"])
        assert provenance["document"] == code and provenance["mission"] == "CAESM-2026-014"
        copie = fichiers[f"{code}.relecture.docx"]
        with zipfile.ZipFile(io.BytesIO(copie)) as archive:
            commentaires = etree.fromstring(archive.read("word/comments.xml"))
            corps = archive.read("word/document.xml")
            assert b"comments.xml" in archive.read("word/_rels/document.xml.rels")
        attendus = [
            p
            for p in provenance["paragraphes"]
            if p.get("regles") or p.get("references") or p.get("champs")
        ]
        assert len(commentaires) == len(attendus) > 0, code
        assert corps.count(b"<w:commentReference") == len(attendus)
        premier = "".join(t.text or "" for t in commentaires[0].iter(f"{W}t"))
        assert "Règle" in premier or "Référence" in premier or "Données de la mission" in premier
        # The review copy is the act plus comments: same paragraphs, same text.
        assert _paragraphes(copie) == _paragraphes(fichiers[f"{code}.docx"])
        docx.Document(io.BytesIO(copie))  # opens
    convention = json.loads(fichiers["convention_mise_a_disposition.provenance.json"])
    remboursement = next(
        p
        for p in convention["paragraphes"]
        if p["debut"].startswith("L'organisme d'accueil rembourse")
    )
    assert any(
        r["statut"] == "verifie" and r["cle"] == "mad.remboursement"
        for r in remboursement["references"]
    )


def test_a_template_declares_provenance_checked_at_load(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ agent.nom }}{{ source(cles=['mad.inconnue']) }}")
    document.save(tmp_path / "ordre_de_mission.docx")
    with pytest.raises(ErreurModele, match=r"référence juridique inconnue « mad\.inconnue »"):
        Redacteur(moteur(modeles=tmp_path))
    document = docx.Document()
    document.add_paragraph(
        "Clause locale{{ source(cles=['om.validite'], champs=['mission.pays']) }}"
    )
    document.save(tmp_path / "ordre_de_mission.docx")
    redacteur = Redacteur(moteur(modeles=tmp_path))
    mission, decision = decider(redacteur.engine, "ordre_de_mission")
    rendu = redacteur.rendre_detail("ordre_de_mission", decision, mission, avec_provenance=True)
    provenance = redacteur.provenance("ordre_de_mission", rendu, decision, mission)
    ligne = next(p for p in provenance["paragraphes"] if p["debut"] == "Clause locale")
    assert [r["cle"] for r in ligne["references"]] == ["om.validite"]
    assert ligne["champs"] == ["mission.pays"]
