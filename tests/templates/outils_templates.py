"""Shared helpers of the template tests: missions for each statutory route, text extraction
and the OOXML check every rendered act must pass."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
from lxml import etree

from missio.documents import Redacteur
from missio.engine import Engine
from missio.models import Decision, Mission

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = json.loads((RACINE / "examples" / "caesm-montmagny.json").read_text(encoding="utf-8"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

EXPERTISE_FRANCE = {"nom": "Expertise France", "nature": "operateur", "pays": "SN"}
OPERATEUR = {"cadre": "operateur", "pays": "SN", "accueil": EXPERTISE_FRANCE}
SANS_TELETRAVAIL = {"teletravail_jours_par_semaine": None}

# One mission per statutory route (the example mission with these changes).
ROUTES: dict[str, dict[str, Any]] = {
    "ordre_de_mission": {},
    "cumul": OPERATEUR
    | SANS_TELETRAVAIL
    | {"periodes": [{"debut": "2026-04-07", "fin": "2026-04-09"}]},
    "mise_a_disposition": OPERATEUR
    | SANS_TELETRAVAIL
    | {"periodes": [{"debut": "2026-04-06", "fin": "2026-05-29"}]},
    "mise_a_disposition_etat_etranger": SANS_TELETRAVAIL
    | {
        "cadre": "organisation_internationale",
        "pays": "SN",
        "accueil": {
            "nom": "Ministère de l'Environnement et du Développement durable du Sénégal",
            "nature": "etat_etranger",
            "pays": "SN",
        },
        "periodes": [{"debut": "2026-04-06", "fin": "2026-05-29"}],
    },
    "detachement_courte": OPERATEUR
    | SANS_TELETRAVAIL
    | {"periodes": [{"debut": "2026-04-06", "fin": "2027-01-29"}]},
    "detachement_longue": OPERATEUR
    | SANS_TELETRAVAIL
    | {"periodes": [{"debut": "2026-04-06", "fin": "2028-04-05"}]},
    "disponibilite": SANS_TELETRAVAIL
    | {
        "cadre": "initiative_agent",
        "pays": "SN",
        "accueil": {"nom": "Association Saint-Louis Propre", "nature": "association", "pays": "SN"},
        "periodes": [{"debut": "2026-04-06", "fin": "2027-01-29"}],
        # The collectivité states that the association falls under no case of détachement.
        "extensions": {"statut_fpt": {"cas_detachement": "aucun"}},
    },
    "elu": SANS_TELETRAVAIL
    | {
        "agent": {"statut": "elu", "grade": "conseillère communautaire déléguée", "categorie": None}
    },
    "retraite": OPERATEUR | SANS_TELETRAVAIL | {"agent": {"statut": "retraite"}},
}


def appliquer_changements(base: dict[str, Any], changements: dict[str, Any]) -> dict[str, Any]:
    for cle, valeur in changements.items():
        if isinstance(valeur, dict) and isinstance(base.get(cle), dict):
            appliquer_changements(base[cle], valeur)
        else:
            base[cle] = copy.deepcopy(valeur)
    return base


def donnees(route: str, **changements: Any) -> dict[str, Any]:
    return appliquer_changements(
        appliquer_changements(copy.deepcopy(EXEMPLE), ROUTES[route]), changements
    )


def decider(engine: Engine, route: str, **changements: Any) -> tuple[Mission, Decision]:
    mission = engine.valider(donnees(route, **changements))
    return mission, engine.evaluer(mission)


def rendre(
    redacteur: Redacteur, route: str, code: str | None = None, **changements: Any
) -> dict[str, bytes]:
    """Every act of the route's decision (or only `code`), rendered and checked."""
    mission, decision = decider(redacteur.engine, route, **changements)
    assert decision.conforme, [b.message for b in decision.blocages]
    actes = redacteur.rendre(decision, mission)
    if code is not None:
        assert code in actes, (code, decision.documents)
        actes = {code: actes[code]}
    for contenu in actes.values():
        valider_ooxml(contenu)
    return actes


def texte(contenu: bytes) -> str:
    """The act's text, a paragraph (or table row) per line, header and footer included, its
    no-break spaces read as spaces (tests of wording; :func:`texte_brut` keeps them)."""
    return texte_brut(contenu).replace("\u202f", " ").replace("\u00a0", " ")


def texte_brut(contenu: bytes) -> str:
    """The act's text as written, no-break spaces included."""
    document = docx.Document(io.BytesIO(contenu))
    lignes = [p.text for s in document.sections for p in s.header.paragraphs]
    for bloc in document.element.body.iterchildren():
        if bloc.tag == f"{W}p":
            lignes.append("".join(t.text or "" for t in bloc.iter(f"{W}t")))
        elif bloc.tag == f"{W}tbl":
            for rangee in bloc.iter(f"{W}tr"):
                lignes.append(" | ".join(_cellule(c) for c in rangee.iter(f"{W}tc")))
    lignes += [p.text for s in document.sections for p in s.footer.paragraphs]
    return "\n".join(ligne for ligne in lignes if ligne.strip())


def _cellule(cellule: Any) -> str:
    """A cell's paragraphs separated by « / » (a signature block, the review box)."""
    textes = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in cellule.iter(f"{W}p"))
    return " / ".join(t for t in textes if t)


def valider_ooxml(contenu: bytes, accolades_saisies: bool = False) -> None:
    """Well-formed parts, the main part and its relationships present, no placeholder left
    (unless the mission's own text holds braces: `accolades_saisies`)."""
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        assert archive.testzip() is None
        noms = set(archive.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= noms
        types = etree.fromstring(archive.read("[Content_Types].xml"))
        declares = {o.get("PartName") for o in types}
        for nom in noms:
            if nom.endswith((".xml", ".rels")):
                arbre = etree.fromstring(archive.read(nom))
                if nom.startswith("word/") and nom.endswith(".xml") and "/_rels/" not in nom:
                    assert f"/{nom}" in declares, f"{nom} sans type de contenu"
                    textes = "".join(arbre.itertext())
                    if not accolades_saisies:
                        assert "{{" not in textes and "{%" not in textes, nom
        corps = etree.fromstring(archive.read("word/document.xml"))
        assert corps.find(f"{W}body") is not None


def avec(decision: Decision, **changements: Any) -> Decision:
    """The decision with some fields replaced (for acts of plugins evaluated elsewhere)."""
    return decision.model_copy(update=changements)


def moteur(**options: Any) -> Engine:
    """An engine with statut_fpt and the templates only: these tests do not depend on the
    other plugins (their casebooks render these acts with every plugin loaded)."""
    import missio_statut_fpt
    import missio_templates

    return Engine([missio_statut_fpt, missio_templates], autoload=False, **options)


def decision_expe_ct(engine: Engine) -> tuple[Mission, Decision]:
    """An EXPE-CT ordre de mission with its report and a local installation bonus (acts of the
    expe_ct and collectivite_custom plugins, not loaded by :func:`moteur`)."""
    from missio.models import Financement, Fondement, Obligation

    mission, decision = decider(engine, "ordre_de_mission", cadre="expe_ct")
    deliberation = Fondement(
        cle="caesm.deliberation",
        intitule="Délibération de la collectivité",
        texte="Délibération n° [à compléter] du conseil communautaire du [à compléter]",
        article=None,
        en_vigueur_depuis=None,
        en_vigueur_jusqu_au=None,
        statut="a_verifier",
    )
    decision = avec(
        decision,
        documents=[*decision.documents, "rapport_mission_expe_ct", "decision_prime_installation"],
        fondements=[*decision.fondements, deliberation],
        obligations=[
            *decision.obligations,
            Obligation(
                code="expe_ct.rapport",
                libelle="Rendre le rapport de mission",
                echeance="2026-10-28",
                responsable="agent",
                fondements=[],
            ),
        ],
        financements=[
            *decision.financements,
            Financement(
                poste="prime_installation",
                libelle="Prime d'installation, versée une fois au départ",
                payeur="employeur",
                montant="1000",
                fondements=["caesm.deliberation"],
            ),
            Financement(
                poste="hebergement",
                libelle="Hébergement et frais de vie sur place",
                payeur="agent",
                montant=None,
                fondements=[],
            ),
        ],
    )
    return mission, _tracer(decision)


def _tracer(decision: Decision) -> Decision:
    """The trace entries of the items added above, as the plugins that make them would write."""
    from missio import findings

    regles = {
        "expe_ct.rapport": ("expe_ct", "expe_ct.rapport"),
        "prime_installation": ("politique.caesm", "caesm.prime_installation"),
        "hebergement": ("politique.caesm", "caesm.hebergement"),
    }
    entrees = list(decision.trace)
    for o in decision.obligations:
        if o.code in regles:
            finding = findings.Obligation(
                code=o.code, libelle=o.libelle, responsable=o.responsable, echeance=o.echeance
            )
            entrees.append(_entree(*regles[o.code], finding, o.fondements))
    for f in decision.financements:
        if f.poste in regles:
            finding = findings.Financement(
                poste=f.poste, libelle=f.libelle, payeur=f.payeur, montant=f.montant
            )
            entrees.append(_entree(*regles[f.poste], finding, f.fondements))
    for document in ("rapport_mission_expe_ct", "decision_prime_installation"):
        plugin, regle = regles["expe_ct.rapport" if "rapport" in document else "prime_installation"]
        entrees.append(_entree(plugin, regle, findings.Document(code=document), []))
    return avec(decision, trace=entrees)


def _entree(plugin: str, regle: str, finding: Any, fondements: list[str]) -> Any:
    from missio.models import EntreeTrace

    return EntreeTrace(
        plugin=plugin,
        regle=regle,
        genre=finding.genre,
        code=getattr(finding, finding.cle),
        resultat=finding.resultat(),
        fondements=fondements,
        references=[],
        statut="verifie",
    )


def cas_de_tous_les_actes(engine: Engine) -> list[tuple[str, Mission, Decision]]:
    """A mission per route and statut, and the EXPE-CT one: together, every document code."""
    cas = [(route, *decider(engine, route)) for route in ROUTES]
    return [*cas, ("expe_ct", *decision_expe_ct(engine))]


def tous_les_actes(redacteur: Redacteur) -> dict[tuple[str, str], bytes]:
    """Every act of every case of :func:`cas_de_tous_les_actes`, by (case, code)."""
    return {
        (nom, code): contenu
        for nom, mission, decision in cas_de_tous_les_actes(redacteur.engine)
        for code, contenu in redacteur.rendre(decision, mission).items()
    }
