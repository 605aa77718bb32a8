"""The web page in a real browser: the CAESM example typed field by field, evaluated, and its
acts downloaded; the time from opening the page to the downloaded zip, measured.

    .venv/bin/python benchmarks/bench_web.py [--fois 5] [--captures docs]

Starts ``missio serve --config`` on a free loopback port (three tenants, see `CONFIGURATION`),
then drives the system Chromium (``/usr/bin/chromium``, or ``MISSIO_CHROMIUM``) with Playwright
for Python: never ``playwright install``, nothing is downloaded. Each run opens the page, fills
the form as a person would (each field in turn, the label added with its button), evaluates
the mission and downloads « Tous les actes (zip) ». ``--captures DOSSIER`` also writes the
README's screenshots of the form and of the decision.

The scripted run is the software's share of the time. A person's share is estimated from the
same run (characters typed, fields and choices made) at stated speeds: see `estimation_humaine`.
The tests (tests/web/test_web_navigateur.py) drive the browser with this module's functions.

Recorded on the development machine (2 cores shared with other jobs, 2026-12-01; medians of
two series of 5 runs): open 0.7-1.0 s, typing the 28 fields 2.7-3.4 s, evaluation 0.7-0.8 s,
zip 0.3-0.4 s; total 4.0-6.0 s. Estimated for a person: about 255 s (4.2 min).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "caesm-montmagny.json"
POLITIQUES = RACINE / "plugins" / "collectivite_custom" / "politiques"
CHROMIUM = Path(os.environ.get("MISSIO_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing the browser would fetch by itself (updates, sync, safe browsing).
ARGUMENTS_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=fr-FR",
]
HOTE = "127.0.0.1"

# « martinique »: open, the default tenant; « caesm » and « gps »: one token each, one policy
# each (the CAESM's 1 000 € bonus; Grand Paris Sud's call for volunteers).
CONFIGURATION = f"""
tenant_defaut = "martinique"

[tenants.martinique]
nom = "Exemple ouvert (politique de la CAESM)"
politiques = ["{POLITIQUES / "caesm.yaml"}"]

[tenants.caesm]
nom = "Communauté d'agglomération de l'Espace Sud de la Martinique"
politiques = ["{POLITIQUES / "caesm.yaml"}"]
jetons_env = ["MISSIO_WEB_JETON_CAESM"]

[tenants.gps]
nom = "Grand Paris Sud"
politiques = ["{POLITIQUES / "grand-paris-sud.yaml"}"]
jetons_env = ["MISSIO_WEB_JETON_GPS"]
"""

# What a person types for the example mission, in the page's order (input name, value).
# Selects take the option's value; the quotité keeps its default (1).
SAISIE_CAESM: list[tuple[str, str]] = [
    ("reference", "CAESM-2026-014"),
    ("objet", "Mise en place du tri sélectif à Montmagny"),
    ("cadre", "cooperation_decentralisee"),
    ("pays", "CA"),
    ("vigilance", "vert"),
    ("date_demande", "2026-01-12"),
    ("agent.civilite", "Mme"),
    ("agent.nom", "Rosier"),
    ("agent.prenom", "Line"),
    ("agent.statut", "titulaire"),
    ("agent.grade", "adjoint technique territorial"),
    ("agent.categorie", "C"),
    ("agent.date_naissance", "1988-05-14"),
    ("employeur.nom", "Communauté d'agglomération de l'Espace Sud de la Martinique"),
    ("employeur.nature", "epci"),
    ("employeur.departement", "972"),
    ("employeur.signataire.nom", "André Lesueur"),
    ("employeur.signataire.qualite", "Président"),
    ("+employeur.labels", ""),
    ("employeur.labels[0].nom", "EXPE-CT"),
    ("employeur.labels[0].obtenu_le", "2021-02-01"),
    ("employeur.labels[0].domaines", "gestion des déchets"),
    ("accueil.nom", "Municipalité régionale de comté de Montmagny"),
    ("accueil.nature", "collectivite_etrangere"),
    ("accueil.pays", "CA"),
    ("periodes[0].debut", "2026-03-02"),
    ("periodes[0].fin", "2026-08-28"),
    ("teletravail_jours_par_semaine", "3"),
    ("remplacement", "false"),
]


@dataclass
class Serveur:
    base: str
    journal: Path
    jetons: dict[str, str]

    def lignes(self) -> list[str]:
        return self.journal.read_text(encoding="utf-8", errors="replace").splitlines()


def navigateur_disponible() -> str | None:
    """Why the browser cannot be driven here (None: it can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright pour Python n'est pas installé (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"Chromium est absent ({CHROMIUM} ; apt-get install chromium, ou MISSIO_CHROMIUM)"
    return None


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind((HOTE, 0))
        return int(s.getsockname()[1])


@contextmanager
def serveur(dossier: Path) -> Iterator[Serveur]:
    """``missio serve`` with `CONFIGURATION`, fresh tokens in its environment; stopped after."""
    config = dossier / "missio.toml"
    config.write_text(CONFIGURATION, encoding="utf-8")
    jetons = {"caesm": secrets.token_urlsafe(24), "gps": secrets.token_urlsafe(24)}
    env = os.environ | {
        "MISSIO_WEB_JETON_CAESM": jetons["caesm"],
        "MISSIO_WEB_JETON_GPS": jetons["gps"],
    }
    port = _port_libre()
    journal = dossier / "serveur.log"
    missio = Path(sys.executable).with_name("missio")
    commande = [str(missio), "serve", "--host", HOTE, "--port", str(port), "--config", str(config)]
    with journal.open("wb") as sortie:
        processus = subprocess.Popen(commande, stdout=sortie, stderr=subprocess.STDOUT, env=env)
    base = f"http://{HOTE}:{port}"
    try:
        limite = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                if processus.poll() is not None or time.monotonic() > limite:
                    raise RuntimeError(journal.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield Serveur(base, journal, jetons)
    finally:
        processus.terminate()
        processus.wait(timeout=30)


@contextmanager
def navigateur() -> Iterator[Any]:
    """The system Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS_CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


def nouvelle_page(browser: Any) -> Any:
    contexte = browser.new_context(
        locale="fr-FR", viewport={"width": 1100, "height": 900}, accept_downloads=True
    )
    return contexte.new_page()


def champ(page: Any, nom: str) -> Any:
    return page.locator(f'[name="{nom}"]')


def ajouter(page: Any, liste: str) -> None:
    """Press a list's « Ajouter » button (a period, a label)."""
    page.locator(f'[data-liste="{liste}"] > [data-ajouter]').click()


def saisir(page: Any, saisie: list[tuple[str, str]]) -> None:
    """Fill fields one after the other, as a person does (« +liste »: add an element)."""
    for nom, valeur in saisie:
        if nom.startswith("+"):
            ajouter(page, nom[1:])
            continue
        element = champ(page, nom)
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(valeur)
        else:
            element.fill(valeur)


def evaluer(page: Any) -> None:
    """Press « Évaluer la mission » and wait for the new page (its decision or its errors)."""
    with page.expect_navigation():
        page.get_by_role("button", name="Évaluer la mission").click()
    page.wait_for_selector("#titre-decision, #titre-erreurs")


def telecharger(page: Any, bouton: Any) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and bytes."""
    with page.expect_download() as attente:
        bouton.click()
    telechargement = attente.value
    chemin = telechargement.path()
    return telechargement.suggested_filename, Path(chemin).read_bytes()


def actes_zip(page: Any) -> dict[str, bytes]:
    _, donnees = telecharger(page, page.get_by_role("button", name="Tous les actes (zip)"))
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        return {nom: archive.read(nom) for nom in archive.namelist()}


@dataclass
class Mesure:
    ouverture: float
    saisie: float
    evaluation: float
    telechargement: float

    @property
    def total(self) -> float:
        return self.ouverture + self.saisie + self.evaluation + self.telechargement


def parcours_caesm(page: Any, base: str) -> tuple[Mesure, dict[str, bytes]]:
    """Open the page, type the example, evaluate, download the zip; each step timed (s)."""
    t0 = time.perf_counter()
    page.goto(f"{base}/")
    page.wait_for_selector("#mission")
    t1 = time.perf_counter()
    saisir(page, SAISIE_CAESM)
    t2 = time.perf_counter()
    evaluer(page)
    t3 = time.perf_counter()
    fichiers = actes_zip(page)
    t4 = time.perf_counter()
    return Mesure(t1 - t0, t2 - t1, t3 - t2, t4 - t3), fichiers


# The fields of SAISIE_CAESM chosen in a list rather than typed.
CHOIX = frozenset(
    {"cadre", "vigilance", "agent.civilite", "agent.statut", "agent.categorie"}
    | {"employeur.nature", "accueil.nature", "remplacement"}
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def estimation_humaine(saisie: list[tuple[str, str]]) -> dict[str, float]:
    """A person's time for the same steps (seconds), from common figures: 40 words a minute
    (0.3 s a character), 3 s to read a label and reach its field, 4 s for a choice in a list
    (open, read, pick), 8 s for a date, 3 s to add a list element, 20 s to read the decision
    and save the zip. An estimate, to compare with a person's stopwatch."""
    champs = [(n, v) for n, v in saisie if not n.startswith("+")]
    dates = [v for _, v in champs if _DATE.fullmatch(v)]
    choix = [n for n, _ in champs if n in CHOIX]
    textes = [v for n, v in champs if n not in CHOIX and not _DATE.fullmatch(v)]
    return {
        "frappe": 0.3 * sum(len(v) for v in textes),
        "passage d'un champ à l'autre": 3.0 * len(champs),
        "choix dans une liste": 4.0 * len(choix),
        "dates": 8.0 * len(dates),
        "ajout d'un élément de liste": 3.0 * (len(saisie) - len(champs)),
        "lecture de la décision, zip": 20.0,
    }


def _haut(page: Any, selecteur: str) -> float:
    return float(
        page.evaluate(
            f"document.querySelector('{selecteur}').getBoundingClientRect().top + window.scrollY"
        )
    )


def captures(page: Any, base: str, dossier: Path) -> list[Path]:
    """The README's screenshots: the form being filled in (the agent and the employer), and
    the decision's first screen."""
    dossier.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(f"{base}/")
    saisir(page, SAISIE_CAESM)
    page.locator("#champ-agent-statut").focus()
    formulaire = dossier / "page-formulaire.png"
    zone = {"x": 0, "y": _haut(page, "#champ-agent") - 16, "width": 1000, "height": 1100}
    page.screenshot(path=str(formulaire), clip=zone, full_page=True)
    evaluer(page)
    decision = dossier / "page-decision.png"
    zone = {"x": 0, "y": _haut(page, "article.decision") - 16, "width": 1000, "height": 1300}
    page.screenshot(path=str(decision), clip=zone, full_page=True)
    return [formulaire, decision]


def main(arguments: list[str] | None = None) -> None:
    analyse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyse.add_argument("--fois", type=int, default=5, help="parcours mesurés (défaut 5)")
    analyse.add_argument("--captures", type=Path, help="dossier où écrire les captures d'écran")
    options = analyse.parse_args(arguments)
    absent = navigateur_disponible()
    if absent:
        sys.exit(f"Impossible de lancer le navigateur : {absent}.")
    with tempfile.TemporaryDirectory() as dossier, serveur(Path(dossier)) as s, navigateur() as b:
        mesures = []
        for _ in range(options.fois):
            page = nouvelle_page(b)
            mesure, fichiers = parcours_caesm(page, s.base)
            page.context.close()
            assert "ordre_de_mission.docx" in fichiers, sorted(fichiers)
            mesures.append(mesure)
        if options.captures:
            page = nouvelle_page(b)
            for chemin in captures(page, s.base, options.captures):
                print(f"capture : {chemin}")
            page.context.close()
    print(
        f"{len(mesures)} parcours : ouvrir la page, saisir l'exemple CAESM, évaluer, télécharger le zip"
    )
    for nom in ("ouverture", "saisie", "evaluation", "telechargement", "total"):
        valeurs = [getattr(m, nom) for m in mesures]
        print(
            f"  {nom:<15} médiane {statistics.median(valeurs) * 1000:7.0f} ms   "
            f"min {min(valeurs) * 1000:7.0f} ms   max {max(valeurs) * 1000:7.0f} ms"
        )
    humain = estimation_humaine(SAISIE_CAESM)
    print("Estimation pour une personne (voir estimation_humaine) :")
    for nom, secondes in humain.items():
        print(f"  {nom:<30} {secondes:6.0f} s")
    print(f"  {'total':<30} {sum(humain.values()):6.0f} s  (≈ {sum(humain.values()) / 60:.1f} min)")


if __name__ == "__main__":
    main()
