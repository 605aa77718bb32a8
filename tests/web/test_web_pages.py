"""The web page over HTTP (no browser): the form, the decision, errors beside their fields,
downloads, tenants and tokens, what is logged and what is loaded."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from web_aide import JETON_CAESM, JETON_GPS, NAISSANCE, NOM, PRENOM, SIGNATAIRE, page_json

from missio.documents.pdf import libreoffice
from missio.engine import Engine
from missio.models import Decision, Mission
from missio.service.app import create_app
from missio.service.config import ServiceConfig, TenantConfig
from missio.service.logs import JsonFormatter
from missio.service.tenants import Tenants
from missio.service.web import pages
from missio.service.web.vue_decision import VueDecision


def _arbre(texte: str) -> Any:
    return lxml.html.fromstring(texte)


def _valeur(arbre: Any, nom: str) -> str:
    (element,) = arbre.xpath(f'//*[@name="{nom}"]')
    if element.tag == "select":
        choisies = element.xpath("option[@selected]/@value")
        return str(choisies[0]) if choisies else ""
    if element.tag == "textarea":
        return str(element.text or "")
    return str(element.get("value", ""))


def _texte(arbre: Any) -> str:
    return " ".join(arbre.text_content().split())


def _financements(arbre: Any) -> list[list[str]]:
    """« Qui paie quoi », row by row: expense, payer, amount (spaces normalised)."""
    lignes = arbre.xpath('//section[@aria-labelledby="titre-financements"]//tbody/tr')
    return [[_texte(td) for td in tr.xpath("td")[:3]] for tr in lignes]


PRIME = ["Prime d'installation, versée une fois au départ", "La collectivité", "1 000,00 €"]


def test_root_opens_the_default_tenants_page(web: TestClient) -> None:
    reponse = web.get("/", follow_redirects=False)
    assert reponse.status_code == 303 and reponse.headers["location"] == "/t/martinique/"
    page = web.get("/t/martinique/")
    assert page.status_code == 200
    arbre = _arbre(page.text)
    assert arbre.xpath("//html/@lang") == ["fr"]
    assert arbre.xpath("//h1")[0].text == "Préparer une mission"
    assert _valeur(arbre, "sens") == "envoi" and _valeur(arbre, "agent.quotite_travail") == "1"


def test_page_is_private_and_self_contained(web: TestClient) -> None:
    page = web.get("/t/martinique/")
    entetes = page.headers
    assert entetes["cache-control"] == "no-store"  # personal data: no copy in any cache
    politique = entetes["content-security-policy"]
    assert "default-src 'none'" in politique and "script-src 'self'" in politique
    assert entetes["referrer-policy"] == "no-referrer"
    arbre = _arbre(page.text)
    adresses = arbre.xpath("//@href | //@src | //@action")
    assert adresses and all(a.startswith(("/", "#")) for a in adresses), adresses
    for chemin in ("/statique/missio.css", "/statique/missio.js", "/statique/favicon.svg"):
        actif = web.get(chemin)
        assert actif.status_code == 200, chemin
        assert not re.search(r"https?://", actif.text.replace("http://www.w3.org/2000/svg", ""))
    assert not re.search(r"https?://", page.text)
    assert "autocomplete" in arbre.xpath("//form[@id='mission']")[0].attrib


def test_every_field_has_its_label_and_every_group_its_legend(web: TestClient) -> None:
    arbre = _arbre(web.get("/t/martinique/").text)
    champs = arbre.xpath("//form[@id='mission']//*[self::input or self::select or self::textarea]")
    visibles = [c for c in champs if c.get("type") != "hidden" and c.get("hidden") is None]
    assert len(visibles) > 40
    for champ in visibles:
        (etiquette,) = arbre.xpath(f'//label[@for="{champ.get("id")}"]')
        assert etiquette.text_content().strip(), champ.get("name")
        for reference in (champ.get("aria-describedby") or "").split():
            assert arbre.xpath(f'//*[@id="{reference}"]'), reference
    for groupe in arbre.xpath("//fieldset"):
        assert groupe.xpath("legend"), groupe.get("id")
    ids = arbre.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    etiquettes = {e.text_content().split("*")[0].strip() for e in arbre.xpath("//label")}
    assert {"Date de naissance", "Premier jour", "Cadre", "Pays de la mission"} <= etiquettes


def test_plugin_fields_hidden_until_they_apply(
    web: TestClient, formulaire: Callable[..., Any]
) -> None:
    arbre = _arbre(web.get("/t/martinique/").text)
    (expe_ct,) = arbre.xpath('//fieldset[@id="champ-extensions-expe_ct"]')
    assert expe_ct.get("hidden") is not None and expe_ct.get("disabled") is not None
    assert json.loads(expe_ct.get("data-si")) == {"cadre": ["expe_ct"]}
    reponse = web.post("/t/martinique/", data=formulaire(cadre="expe_ct"))
    (expe_ct,) = _arbre(reponse.text).xpath('//fieldset[@id="champ-extensions-expe_ct"]')
    assert expe_ct.get("hidden") is None  # shown without script once the cadre says so


def test_form_gives_the_decision_of_the_api(
    web: TestClient, formulaire: Callable[..., Any], exemple: dict[str, Any]
) -> None:
    reponse = web.post("/t/martinique/", data=formulaire())
    assert reponse.status_code == 200
    arbre = _arbre(reponse.text)
    texte = _texte(arbre)
    assert "Dispositif retenu : ordre de mission. La mission est conforme." in texte
    assert "122 jours ouvrés (Martinique), du 2 mars 2026 au 28 août 2026" in texte
    assert PRIME in _financements(arbre)
    obligations = arbre.xpath('//section[@aria-labelledby="titre-obligations"]//tbody/tr')
    dates = [tr.xpath("td[1]/time/@datetime")[0] for tr in obligations]
    assert dates == sorted(dates) and dates[-1] == "2026-02-27"
    assert "Signer l'ordre de mission" in obligations[-1].text_content()
    badges = set(arbre.xpath('//span[contains(@class, "badge")]/text()'))
    assert badges == {"vérifié", "source secondaire", "à vérifier"}
    assert arbre.xpath("//details[@class='trace']/summary")[0].text.startswith(
        "Trace de la décision"
    )
    # The form keeps what was typed, and the downloads carry the evaluated mission.
    assert _valeur(arbre, "agent.nom") == NOM
    assert Mission.model_validate(page_json(reponse.text)) == Mission.model_validate(exemple)
    api = web.post("/v1/t/martinique/decisions", json=page_json(reponse.text)).json()
    assert api["dispositif"] == "ordre_de_mission" and api["volume_jours_ouvres"] == 122


def test_wrong_date_error_beside_its_field_values_kept(
    web: TestClient, formulaire: Callable[..., Any]
) -> None:
    donnees = formulaire(periodes=[{"debut": "2006-03-02", "fin": "2026-08-28"}])
    reponse = web.post("/t/martinique/", data=donnees)
    assert reponse.status_code == 422
    arbre = _arbre(reponse.text)
    (champ,) = arbre.xpath('//input[@name="periodes[0].debut"]')
    assert champ.get("aria-invalid") == "true"
    assert "erreur-champ-periodes-0-debut" in champ.get("aria-describedby").split()
    (erreur,) = arbre.xpath('//*[@id="erreur-champ-periodes-0-debut"]')
    # The message is the API's (and the CLI's), word for word.
    api = web.post("/v1/t/martinique/decisions", json=json.loads(_json_de(web, donnees)))
    (attendue,) = [e["message"] for e in api.json()["erreurs"] if e["champ"] == "periodes[0].debut"]
    assert erreur.text_content() == f"Erreur : {attendue}"
    assert "antérieure au 1er juillet 2007" in attendue
    assert champ.getparent().get("class") == "champ en-erreur"
    # The summary links to the field; everything typed is still there.
    (alerte,) = arbre.xpath('//section[@id="resultat"]')
    assert alerte.get("role") == "alert"
    assert alerte.xpath(".//a/@href")[0] == "#champ-periodes-0-debut"
    assert _valeur(arbre, "periodes[0].debut") == "2006-03-02"
    assert (
        _valeur(arbre, "agent.nom") == NOM
        and _valeur(arbre, "cadre") == "cooperation_decentralisee"
    )
    assert _valeur(arbre, "employeur.labels[0].domaines") == "gestion des déchets"
    assert not arbre.xpath("//article[contains(@class, 'decision')]")


def _json_de(web: TestClient, donnees: dict[str, str]) -> str:
    reponse = web.post("/t/martinique/", data=donnees | {"_action": "json"})
    assert reponse.status_code == 200
    assert reponse.headers["content-disposition"].startswith("attachment; filename=")
    return reponse.text


def test_end_before_start_is_shown_on_its_period(
    web: TestClient, formulaire: Callable[..., Any]
) -> None:
    reponse = web.post(
        "/t/martinique/", data=formulaire(periodes=[{"debut": "2026-03-02", "fin": "2026-02-27"}])
    )
    arbre = _arbre(reponse.text)
    (erreur,) = arbre.xpath('//*[@id="erreur-champ-periodes-0"]')
    assert "2026-02-27 est antérieure au début (2026-03-02)" in erreur.text_content()
    assert (
        "erreur-champ-periodes-0"
        in arbre.xpath('//fieldset[@id="champ-periodes-0"]/@aria-describedby')[0]
    )


def test_missing_and_untyped_values_each_get_their_error(web: TestClient) -> None:
    reponse = web.post(
        "/t/martinique/",
        data={"agent.missions_dans_l_annee": "deux", "periodes[0].debut": "2026-02-30"},
    )
    assert reponse.status_code == 422
    arbre = _arbre(reponse.text)
    assert "« deux » n'est pas un nombre entier." in _texte(
        arbre.xpath('//*[@id="erreur-champ-agent-missions_dans_l_annee"]')[0]
    )
    nom = arbre.xpath('//*[@id="erreur-champ-agent-nom"]')[0]
    assert nom.text_content() == "Erreur : champ obligatoire manquant."
    # A field without error has no error paragraph (nothing empty for a screen reader).
    assert not arbre.xpath('//*[@id="erreur-champ-agent-grade"]')
    # Not a date: shown as typed, in a text field (a date picker would blank it).
    (debut,) = arbre.xpath('//input[@name="periodes[0].debut"]')
    assert (debut.get("type"), debut.get("value")) == ("text", "2026-02-30")
    assert arbre.xpath("//h2[@id='titre-erreurs']")[0].text.startswith("La mission contient ")


def test_save_and_load_json(
    web: TestClient, formulaire: Callable[..., Any], exemple: dict[str, Any]
) -> None:
    enregistre = json.loads(_json_de(web, formulaire()))
    assert Mission.model_validate(enregistre) == Mission.model_validate(exemple)
    reponse = web.post(
        "/t/martinique/", data={"_action": "charger", "_fichier": json.dumps(exemple)}
    )
    arbre = _arbre(reponse.text)
    assert "ordre de mission" in _texte(arbre.xpath("//p[@class='phrase']")[0])
    assert _valeur(arbre, "accueil.nom") == exemple["accueil"]["nom"]
    assert _valeur(arbre, "periodes[0].fin") == "2026-08-28"


def test_loading_a_file_that_is_not_a_mission_keeps_the_form(
    web: TestClient, formulaire: Callable[..., Any]
) -> None:
    donnees = formulaire() | {"_action": "charger", "_fichier": "{pas du json"}
    reponse = web.post("/t/martinique/", data=donnees)
    assert reponse.status_code == 422
    arbre = _arbre(reponse.text)
    assert "Le fichier n'est pas un JSON valide" in _texte(
        arbre.xpath("//section[@id='resultat']")[0]
    )
    assert _valeur(arbre, "agent.nom") == NOM
    inconnu = {
        "_action": "charger",
        "_fichier": json.dumps({"reference": "X", "agent": {"nomm": "Y"}}),
    }
    arbre = _arbre(web.post("/t/martinique/", data=inconnu).text)
    resume = _texte(arbre.xpath("//section[@id='resultat']")[0])
    assert "L'agent (agent.nomm) : champ inconnu du contrat (faute de frappe ?)." in resume


def _telecharger(web: TestClient, base: str, mission: str, fichier: str, **kw: Any) -> Any:
    return web.post(f"{base}actes", data={"mission": mission, "fichier": fichier}, **kw)


def test_acts_download_one_all_and_the_calendar(
    web: TestClient, formulaire: Callable[..., Any]
) -> None:
    page = web.post("/t/martinique/", data=formulaire())
    mission = json.dumps(page_json(page.text))
    boutons = _arbre(page.text).xpath("//button[@name='fichier']/@value")
    assert {"ordre_de_mission.docx", "decision_prime_installation.docx", "checklist.docx"} <= set(
        boutons
    )
    assert {"actes.zip", "echeances.ics"} <= set(boutons)
    archive = _telecharger(web, "/t/martinique/", mission, "actes.zip")
    assert archive.headers["content-type"] == "application/zip"
    assert archive.headers["content-disposition"] == 'attachment; filename="CAESM-2026-014.zip"'
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        noms = set(z.namelist())
        decision = json.loads(z.read("decision.json"))
    assert {"ordre_de_mission.docx", "decision_prime_installation.docx", "checklist.ics"} <= noms
    assert decision["dispositif"] == "ordre_de_mission" and decision["volume_jours_ouvres"] == 122
    odm = _telecharger(web, "/t/martinique/", mission, "ordre_de_mission.docx")
    assert odm.headers["content-disposition"] == 'attachment; filename="ordre_de_mission.docx"'
    with zipfile.ZipFile(io.BytesIO(odm.content)) as docx:
        assert "Rosier" in docx.read("word/document.xml").decode()
    ics = _telecharger(web, "/t/martinique/", mission, "echeances.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20260227" in ics.text and ics.text.count("BEGIN:VEVENT") == 4
    inconnu = _telecharger(web, "/t/martinique/", mission, "../../etc/passwd")
    assert inconnu.status_code == 422 and "Fichier inconnu" in inconnu.text
    non_retenu = _telecharger(web, "/t/martinique/", mission, "convention_mise_a_disposition.docx")
    assert non_retenu.status_code == 422
    assert "la décision ne retient pas" in _texte(_arbre(non_retenu.text))


def test_without_libreoffice_the_page_says_so(
    web: TestClient, formulaire: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "libreoffice", lambda: None)
    page = web.post("/t/martinique/", data=formulaire())
    arbre = _arbre(page.text)
    assert not [v for v in arbre.xpath("//button[@name='fichier']/@value") if "pdf" in v]
    assert "PDF indisponibles : LibreOffice n'est pas installé sur le serveur." in _texte(arbre)
    reponse = _telecharger(
        web, "/t/martinique/", json.dumps(page_json(page.text)), "ordre_de_mission.pdf"
    )
    assert reponse.status_code == 503
    assert "LibreOffice n'est pas installé" in _texte(_arbre(reponse.text))
    assert "text/html" in reponse.headers["content-type"]


def test_with_libreoffice_pdf_buttons(
    web: TestClient, formulaire: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "libreoffice", lambda: "/usr/bin/soffice")
    boutons = _arbre(web.post("/t/martinique/", data=formulaire()).text).xpath(
        "//button[@name='fichier']/@value"
    )
    assert {"ordre_de_mission.pdf", "actes-pdf.zip"} <= set(boutons)


def _entrer(web: TestClient, tenant: str, jeton: str) -> None:
    reponse = web.post(f"/t/{tenant}/jeton", data={"jeton": jeton}, follow_redirects=False)
    assert reponse.status_code == 303, reponse.text
    cookie = reponse.headers["set-cookie"]
    assert f"Path=/t/{tenant}/" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_tenant_with_tokens_asks_for_one(web: TestClient) -> None:
    web.cookies.clear()
    reponse = web.get("/t/caesm/")
    assert reponse.status_code == 401
    arbre = _arbre(reponse.text)
    assert arbre.xpath("//input[@type='password']/@name") == ["jeton"]
    assert not arbre.xpath("//form[@id='mission']")  # nothing of the tenant before its token
    refuse = web.post("/t/caesm/jeton", data={"jeton": JETON_GPS})
    assert refuse.status_code == 403 and "Jeton d'accès refusé" in _texte(_arbre(refuse.text))
    assert web.post("/t/caesm/", data={"reference": "X"}).status_code == 401


def test_each_tenant_its_own_policy(web: TestClient, formulaire: Callable[..., Any]) -> None:
    web.cookies.clear()
    _entrer(web, "caesm", JETON_CAESM)
    caesm = _arbre(web.post("/t/caesm/", data=formulaire()).text)
    assert PRIME in _financements(caesm)
    _entrer(web, "gps", JETON_GPS)
    gps = web.post("/t/gps/", data=formulaire())
    assert gps.status_code == 200
    assert not [f for f in _financements(_arbre(gps.text)) if "Prime" in f[0] or "1 000" in f[2]]
    # The GPS page's form has its policy's fields, not the CAESM's; and the reverse.
    assert "répondu à l'appel à volontariat" in _texte(_arbre(gps.text))
    assert "appel à volontariat" not in _texte(_arbre(web.get("/t/caesm/").text))
    # A token is worth for its own tenant only, whatever cookie the browser sends.
    web.cookies.clear()
    web.cookies.set("missio_jeton", JETON_GPS, path="/t/caesm/")
    assert web.get("/t/caesm/").status_code == 401
    web.cookies.clear()


def test_without_default_tenant_the_token_says_which(tenants_web: Tenants) -> None:
    tenants = Tenants({t.name: t for t in tenants_web if t.name != "martinique"}, None)
    with TestClient(create_app(tenants=tenants)) as client:
        accueil = client.get("/")
        assert accueil.status_code == 200 and "Jeton d'accès" in _texte(_arbre(accueil.text))
        assert client.post("/", data={"jeton": "inconnu-0123456789"}).status_code == 403
        entree = client.post("/", data={"jeton": JETON_GPS}, follow_redirects=False)
        assert entree.headers["location"] == "/t/gps/"
        assert client.get("/t/gps/").status_code == 200
        # No tenant discovery: an unknown collectivité answers as a protected one does, and
        # refuses every token the same way.
        client.cookies.clear()
        inconnu, connu = client.get("/t/nulle-part/"), client.get("/t/gps/")
        assert inconnu.status_code == connu.status_code == 401
        assert "Jeton d'accès" in _texte(_arbre(inconnu.text))
        refus = client.post("/t/nulle-part/jeton", data={"jeton": JETON_GPS})
        assert (
            refus.status_code == client.post("/t/gps/jeton", data={"jeton": "x" * 20}).status_code
        )
        assert "Jeton d'accès refusé pour cette collectivité." in _texte(_arbre(refus.text))


def test_logout_forgets_the_token(web: TestClient) -> None:
    web.cookies.clear()
    _entrer(web, "caesm", JETON_CAESM)
    sortie = web.post("/t/caesm/sortie", follow_redirects=False)
    assert sortie.status_code == 303 and 'missio_jeton=""' in sortie.headers["set-cookie"]
    web.cookies.clear()
    assert web.get("/t/caesm/").status_code == 401


def test_nothing_personal_in_the_logs(
    web: TestClient, formulaire: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    page = web.post("/t/martinique/", data=formulaire())
    mission = json.dumps(page_json(page.text))
    _telecharger(web, "/t/martinique/", mission, "actes.zip")
    web.post(
        "/t/martinique/", data=formulaire(periodes=[{"debut": "2006-03-02", "fin": "2026-08-28"}])
    )
    web.post("/t/martinique/", data=formulaire() | {"_action": "json"})
    formateur = JsonFormatter()
    lignes = [formateur.format(r) for r in caplog.records]
    assert len([ligne for ligne in lignes if '"path": "/t/martinique/' in ligne]) == 4
    texte = "\n".join(lignes)
    for donnee in (NOM, PRENOM, NAISSANCE, SIGNATAIRE, "Montmagny"):
        assert donnee not in texte


class Condition(BaseModel):
    code: str
    libelle: str
    echeance: str | None


class DecisionPlus(Decision):
    """A decision as a later contract could have it, with a list this page does not know."""

    avis: list[Condition]


def test_a_new_list_of_the_decision_appears(
    engine: Engine, mission: Callable[..., dict[str, Any]]
) -> None:
    m = Mission.model_validate(mission())
    decision = engine.evaluer(m)
    plus = DecisionPlus.model_validate(
        decision.model_dump()
        | {"avis": [{"code": "avis", "libelle": "Avis du comité", "echeance": "2026-02-20"}]}
    )
    schema = DecisionPlus.model_json_schema()
    vue = VueDecision(plus, m, engine, schema)
    (tableau,) = vue.autres()
    assert tableau.titre == "Avis" and tableau.colonnes == ["Code", "Libelle", "Echeance"]
    assert tableau.lignes == [["avis", "Avis du comité", "20 février 2026"]]


def test_acts_use_the_tenants_own_templates(
    engine: Engine, formulaire: Callable[..., Any], tmp_path: Path
) -> None:
    """A tenant with its own ordre de mission gets it from the page; the others do not."""
    modeles = tmp_path / "modeles"
    modeles.mkdir()
    defaut = engine.documents["ordre_de_mission"].modele
    with zipfile.ZipFile(defaut) as source, zipfile.ZipFile(modeles / defaut.name, "w") as copie:
        for info in source.infolist():
            contenu = source.read(info)
            if info.filename == "word/document.xml":
                # The title's last two words are bound by a no-break space.
                titre = "ORDRE DE\u00a0MISSION".encode()
                contenu = contenu.replace(titre, titre + b" (VILLE DE LYON)")
            copie.writestr(info, contenu)
    config = ServiceConfig(
        tenants={"lyon": TenantConfig(modeles=modeles), "autre": TenantConfig()},
        tenant_defaut="autre",
    )
    with TestClient(create_app(config)) as client:
        for tenant, attendu in (("lyon", True), ("autre", False)):
            page = client.post(f"/t/{tenant}/", data=formulaire())
            acte = _telecharger(
                client, f"/t/{tenant}/", json.dumps(page_json(page.text)), "ordre_de_mission.docx"
            )
            with zipfile.ZipFile(io.BytesIO(acte.content)) as docx:
                texte = docx.read("word/document.xml")
            assert (b"VILLE DE LYON" in texte) is attendu, tenant


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice absent : PDF non testé.")
def test_pdf_of_an_act_with_libreoffice(web: TestClient, formulaire: Callable[..., Any]) -> None:
    page = web.post("/t/martinique/", data=formulaire())
    pdf = _telecharger(
        web, "/t/martinique/", json.dumps(page_json(page.text)), "ordre_de_mission.pdf"
    )
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="ordre_de_mission.pdf"'


def _luminance(couleur: str) -> float:
    canaux = [int(couleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lineaires = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux]
    return 0.2126 * lineaires[0] + 0.7152 * lineaires[1] + 0.0722 * lineaires[2]


def _contraste(a: str, b: str) -> float:
    clair, sombre = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (clair + 0.05) / (sombre + 0.05)


def test_colours_have_sufficient_contrast(web: TestClient) -> None:
    """RGAA 3.2 and 3.3 (WCAG 1.4.3, 1.4.11): 4.5:1 for text, 3:1 for borders and focus."""
    feuille = web.get("/statique/missio.css").text
    v = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", feuille))
    textes = [
        ("texte", "fond"),
        ("discret", "fond"),
        ("discret", "fond-doux"),
        ("accent", "fond"),
        ("accent", "accent-fond"),
        ("erreur", "fond"),
        ("erreur", "erreur-fond"),
        ("attention", "attention-fond"),
        ("succes", "succes-fond"),
        ("succes", "fond"),
    ]
    for texte, fond in textes:
        assert _contraste(v[texte], v[fond]) >= 4.5, (texte, fond)
    assert _contraste("#ffffff", v["accent"]) >= 4.5  # the main button
    assert _contraste("#27456e", "#e7edf7") >= 4.5  # the « source secondaire » badge
    for trait in ("bordure", "focus", "erreur"):
        assert _contraste(v[trait], v["fond"]) >= 3, trait
        assert _contraste(v[trait], v["fond-doux"]) >= 3, trait
