"""The web page in a real browser (the system Chromium, driven by Playwright), served by
``missio serve`` itself: typed by hand, errors, periods, tenants, keyboard only, print.

Skipped, with the reason, where Chromium or Playwright is missing; CI installs both and sets
``MISSIO_NAVIGATEUR_REQUIS=1``, which turns the skip into a failure. Every page a test opens is
checked at the end: no request left the server's address, no script error. The browser-driving
code is benchmarks/bench_web.py's (the measured journey is the same).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from web_aide import NAISSANCE, NOM, POLITIQUES, PRENOM, RACINE, SIGNATAIRE

from missio.engine import Engine
from missio.models import Mission
from missio.politiques import charger_politiques

EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"


def _banc() -> ModuleType:
    chemin = RACINE / "benchmarks" / "bench_web.py"
    spec = importlib.util.spec_from_file_location("bench_web", chemin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_web"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


banc = _banc()


@pytest.fixture(scope="module")
def serveur() -> Iterator[Any]:
    absent = banc.navigateur_disponible()
    if absent:
        message = f"{absent} : tests du navigateur ignorés."
        if os.environ.get("MISSIO_NAVIGATEUR_REQUIS"):
            pytest.fail(message)
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as dossier, banc.serveur(Path(dossier)) as s:
        yield s
        # What the server wrote while the browser used it: never the agent's data.
        journal = "\n".join(s.lignes())
        assert '"path": "/t/martinique/"' in journal
        for donnee in (NOM, PRENOM, NAISSANCE, SIGNATAIRE, "Montmagny"):
            assert donnee not in journal, donnee


@pytest.fixture(scope="module")
def navigateur(serveur: Any) -> Iterator[Any]:
    with banc.navigateur() as browser:
        yield browser


@pytest.fixture
def page(navigateur: Any, serveur: Any) -> Iterator[Any]:
    """A fresh page (its own cookies); at the end, no outside request and no script error."""
    page = banc.nouvelle_page(navigateur)
    ailleurs: list[str] = []
    erreurs: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(serveur.base) else ailleurs.append(r.url))
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    page.on("console", lambda m: erreurs.append(m.text) if _erreur_de_script(m) else None)
    # An asset that fails to load (a page answered 4xx is expected: a wrong token, errors).
    page.on(
        "response",
        lambda r: (
            erreurs.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    yield page
    page.context.close()
    assert not ailleurs, f"requests outside missio: {ailleurs}"
    assert not erreurs, f"script errors: {erreurs}"


def _erreur_de_script(message: Any) -> bool:
    # The browser logs every answer with an error status; those are checked by "response".
    return bool(message.type == "error" and not message.text.startswith("Failed to load resource"))


def _texte(page: Any, selecteur: str = "body") -> str:
    return " ".join(page.locator(selecteur).inner_text().split())


def _charger(page: Any, base: str, chemin: Path = EXEMPLE) -> None:
    """Open the page and load a mission file with the page's file chooser."""
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.set_input_files("#charger", str(chemin))
    page.wait_for_selector("#titre-decision, #titre-erreurs")


def _actif(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            r"""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {id: e.id, name: e.getAttribute('name') || '', tag: e.tagName,
                    texte: (e.innerText || '').replace(/\s+/g, ' ').trim(), contour: s.outlineStyle,
                    epaisseur: s.outlineWidth}; }"""
        )
    )


def test_caesm_typed_by_hand_evaluated_and_acts_downloaded(page: Any, serveur: Any) -> None:
    mesure, fichiers = banc.parcours_caesm(page, serveur.base)
    print(
        f"\nCAESM dans le navigateur : ouverture {mesure.ouverture:.2f} s, saisie "
        f"{mesure.saisie:.2f} s, évaluation {mesure.evaluation:.2f} s, zip "
        f"{mesure.telechargement:.2f} s ; total {mesure.total:.2f} s"
    )
    assert (
        _texte(page, ".phrase") == "Dispositif retenu : ordre de mission. La mission est conforme."
    )
    assert "122 jours ouvrés (Martinique)" in _texte(page, "article.decision")
    assert {
        "decision.json",
        "ordre_de_mission.docx",
        "decision_prime_installation.docx",
        "checklist.docx",
        "checklist.ics",
    } <= set(fichiers)
    # The decision typed in the browser is the CLI's for the example file, to the byte.
    exemple = Mission.model_validate_json(EXEMPLE.read_bytes())
    engine = Engine(charger_politiques([POLITIQUES / "caesm.yaml"]))
    attendu = engine.evaluer(exemple).model_dump_json(indent=2).encode() + b"\n"
    assert fichiers["decision.json"] == attendu
    with zipfile.ZipFile(io.BytesIO(fichiers["ordre_de_mission.docx"])) as docx:
        texte = docx.read("word/document.xml").decode("utf-8")
    assert "Rosier" in texte and "Montmagny" in texte
    assert mesure.total < 120  # a stall only: the figures are benchmarks/bench_web.py's


def test_wrong_date_error_beside_its_field_and_values_kept(page: Any, serveur: Any) -> None:
    _charger(page, serveur.base)
    banc.champ(page, "periodes[0].debut").fill("2006-03-02")
    banc.champ(page, "agent.grade").fill("ingénieure territoriale")
    banc.evaluer(page)
    erreur = page.locator("#erreur-champ-periodes-0-debut")
    assert erreur.is_visible()
    assert "2006-03-02 est antérieure au 1er juillet 2007" in erreur.inner_text()
    champ = banc.champ(page, "periodes[0].debut")
    assert champ.get_attribute("aria-invalid") == "true"
    assert "erreur-champ-periodes-0-debut" in (champ.get_attribute("aria-describedby") or "")
    # Beside its field: in the field's own block, just above it.
    assert champ.evaluate("e => e.previousElementSibling.id") == "erreur-champ-periodes-0-debut"
    # Announced: the summary is an alert and has the focus.
    assert page.locator("#resultat").get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "titre-erreurs"
    assert banc.champ(page, "agent.nom").input_value() == "Rosier"
    assert banc.champ(page, "agent.grade").input_value() == "ingénieure territoriale"
    assert banc.champ(page, "cadre").input_value() == "cooperation_decentralisee"
    assert banc.champ(page, "employeur.labels[0].domaines").input_value() == "gestion des déchets"
    assert champ.input_value() == "2006-03-02"
    # The summary's link takes the keyboard to the field.
    page.locator("#resultat a").first.click()
    assert page.evaluate("document.activeElement.name") == "periodes[0].debut"


def test_periods_added_and_removed_change_the_volume(page: Any, serveur: Any) -> None:
    _charger(page, serveur.base)
    assert "122 jours ouvrés" in _texte(page, "article.decision")
    banc.ajouter(page, "periodes")
    assert page.evaluate("document.activeElement.name") == "periodes[1].debut"
    assert _texte(page, "#champ-periodes-1 > legend") == "Période 2"
    # Announced to screen readers by the polite live region.
    # (expect polls from Python: a string predicate would need eval, which the page's CSP forbids)
    from playwright.sync_api import expect

    expect(page.locator("#annonces")).to_have_text("Période 2 ajouté(e).")
    banc.champ(page, "periodes[1].debut").fill("2026-09-07")
    banc.champ(page, "periodes[1].fin").fill("2026-09-11")
    assert page.locator("[data-perimee]").is_visible()  # the shown decision is now stale
    banc.evaluer(page)
    assert "127 jours ouvrés" in _texte(page, "article.decision")
    # A third period, then the second removed: the third becomes « Période 2 ».
    banc.ajouter(page, "periodes")
    banc.champ(page, "periodes[2].debut").fill("2026-10-05")
    banc.champ(page, "periodes[2].fin").fill("2026-10-09")
    page.get_by_role("button", name="Retirer : Période 2").click()
    assert banc.champ(page, "periodes[1].debut").input_value() == "2026-10-05"
    assert page.locator('[name="periodes[2].debut"]').count() == 0
    assert _texte(page, "#champ-periodes-1 > legend") == "Période 2"
    assert page.get_by_role("button", name="Retirer : Période 1").is_enabled()
    banc.evaluer(page)
    decision = _texte(page, "article.decision")
    assert "127 jours ouvrés" in decision and "du 5 octobre 2026 au 9 octobre 2026" in decision
    assert "7 septembre" not in decision


def test_a_tenants_token_and_its_own_policy(page: Any, serveur: Any) -> None:
    base = serveur.base
    page.goto(f"{base}/t/caesm/")
    assert page.locator("#mission").count() == 0
    page.fill("#jeton", serveur.jetons["gps"])  # another tenant's token
    page.get_by_role("button", name="Continuer").click()
    assert "Jeton d'accès refusé pour cette collectivité." in _texte(page, "#erreur-jeton")
    assert page.locator("#jeton").get_attribute("aria-invalid") == "true"
    page.fill("#jeton", serveur.jetons["caesm"])
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_selector("#mission")
    with page.expect_navigation():
        page.set_input_files("#charger", str(EXEMPLE))
    financements = _texte(page, 'section[aria-labelledby="titre-financements"]')
    assert (
        "Prime d'installation, versée une fois au départ La collectivité 1 000,00 €" in financements
    )
    # The other collectivité: its own token, its own policy; no bonus for the same mission.
    page.goto(f"{base}/t/gps/")
    assert page.locator("#mission").count() == 0  # the CAESM's token is not sent here
    page.fill("#jeton", serveur.jetons["gps"])
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_selector("#mission")
    assert "répondu à l'appel à volontariat" in _texte(page, "#mission")
    with page.expect_navigation():
        page.set_input_files("#charger", str(EXEMPLE))
    decision = _texte(page, "article.decision")
    assert "Prime d'installation" not in decision and "1 000,00" not in decision
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(f"{base}/t/gps/")
    assert page.locator("#jeton").count() == 1


def _ordre_des_dates(navigateur: Any) -> str:
    """The order in which this browser's date field takes day, month and year (« mdy »)."""
    page = navigateur.new_page()
    page.set_content('<input type="date" id="d">')
    page.focus("#d")
    page.keyboard.type("01022003")
    valeur = page.input_value("#d")
    page.close()
    return {"2003-01-02": "mdy", "2003-02-01": "dmy"}.get(valeur, "ymd")


def _touches_date(iso: str, ordre: str) -> str:
    annee, mois, jour = iso.split("-")
    parties = {"d": jour, "m": mois, "y": annee}
    return "".join(parties[c] for c in ordre)


def test_keyboard_only(page: Any, navigateur: Any, serveur: Any) -> None:
    """Tab from field to field, type, choose in lists by typing, submit with Enter."""
    ordre = _ordre_des_dates(navigateur)
    saisie = {
        "reference": "CLAVIER-1",
        "objet": "Appui à la gestion des déchets",
        "cadre": "Coop",
        "pays": "CA",
        "agent.civilite": "Mad",
        "agent.nom": "Rosier",
        "agent.prenom": "Line",
        "agent.statut": "Fonctionnaire t",
        "employeur.nom": "Communauté d'agglomération de l'Espace Sud de la Martinique",
        "employeur.nature": "Com",
        "employeur.departement": "972",
        "accueil.nom": "MRC de Montmagny",
        "accueil.nature": "Coll",
        "accueil.pays": "CA",
        "periodes[0].debut": _touches_date("2026-03-02", ordre),
        "periodes[0].fin": _touches_date("2026-03-13", ordre),
    }
    page.goto(f"{serveur.base}/")
    page.wait_for_selector("#mission")
    restants = dict(saisie)
    for _ in range(300):
        page.keyboard.press("Tab")
        actif = _actif(page)
        assert actif["contour"] != "none" and actif["epaisseur"] not in ("0px", ""), actif
        if actif["name"] in restants:
            page.keyboard.type(restants.pop(actif["name"]))
        if actif["tag"] == "BUTTON" and actif["texte"] == "Évaluer la mission":
            break
    else:
        pytest.fail("the submit button was never reached with Tab")
    assert not restants, f"fields Tab never reached: {sorted(restants)}"
    assert banc.champ(page, "cadre").input_value() == "cooperation_decentralisee"
    assert banc.champ(page, "agent.statut").input_value() == "titulaire"
    assert banc.champ(page, "periodes[0].fin").input_value() == "2026-03-13"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert (
        _texte(page, ".phrase") == "Dispositif retenu : ordre de mission. La mission est conforme."
    )
    assert "10 jours ouvrés (Martinique)" in _texte(page, "article.decision")
    assert page.evaluate("document.activeElement.id") == "titre-decision"


def test_keyboard_adds_a_period(page: Any, serveur: Any) -> None:
    page.goto(f"{serveur.base}/")
    page.locator('[data-liste="periodes"] > [data-ajouter]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "periodes[1].debut"
    page.keyboard.press("Shift+Tab")
    assert _actif(page)["texte"] == "Retirer : Période 1"
    page.keyboard.press("Space")
    assert page.locator("[data-liste='periodes'] [data-element]").count() == 1
    assert _texte(page, "#champ-periodes-0 > legend") == "Période 1"


def test_expe_ct_fields_shown_only_for_its_cadre(page: Any, serveur: Any) -> None:
    page.goto(f"{serveur.base}/")
    groupe = page.locator("#champ-extensions-expe_ct")
    assert not groupe.is_visible()
    banc.champ(page, "cadre").select_option("expe_ct")
    assert groupe.is_visible() and groupe.evaluate("e => !e.disabled")
    assert _texte(page, "#champ-extensions-expe_ct > legend") == "Programme EXPE-CT"
    assert page.get_by_label("Validation de l'ambassade").is_visible()
    banc.champ(page, "cadre").select_option("operateur")
    assert not groupe.is_visible() and groupe.evaluate("e => e.disabled")


def test_save_as_json_then_load_it_again(page: Any, serveur: Any, tmp_path: Path) -> None:
    _charger(page, serveur.base)
    nom, donnees = banc.telecharger(page, page.get_by_role("button", name="Enregistrer en JSON"))
    assert nom == "CAESM-2026-014.json"
    enregistree = json.loads(donnees)
    assert Mission.model_validate(enregistree) == Mission.model_validate_json(EXEMPLE.read_bytes())
    fichier = tmp_path / nom
    fichier.write_bytes(donnees)
    _charger(page, serveur.base, fichier)
    assert "122 jours ouvrés" in _texte(page, "article.decision")


def test_print_shows_the_decision_alone(page: Any, serveur: Any) -> None:
    _charger(page, serveur.base)
    page.emulate_media(media="print")
    assert page.locator("article.decision").is_visible()
    assert page.locator(".phrase").is_visible()
    for cache in ("#mission", ".boutons", "ul.documents button", ".pied", "details.trace"):
        assert not page.locator(cache).first.is_visible(), cache
    # The acts to sign are listed on paper, without their buttons.
    assert page.locator("ul.documents .titre-acte", has_text="Ordre de mission").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_without_javascript_the_form_still_works(navigateur: Any, serveur: Any) -> None:
    """Filled, evaluated and the acts downloaded with the browser's script turned off."""
    contexte = navigateur.new_context(java_script_enabled=False, accept_downloads=True)
    page = contexte.new_page()
    try:
        page.goto(f"{serveur.base}/")
        assert not page.locator("[data-ajouter]").first.is_visible()  # needs the script
        saisie = [(n, v) for n, v in banc.SAISIE_CAESM if "labels" not in n]
        banc.saisir(page, saisie)
        banc.evaluer(page)
        assert _texte(page, ".phrase").startswith("Dispositif retenu : ordre de mission.")
        fichiers = banc.actes_zip(page)
        assert "ordre_de_mission.docx" in fichiers
    finally:
        contexte.close()
