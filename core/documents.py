"""Writing the acts of a decision: template lookup (with a collectivité's overrides), the
context every template sees (and the fields it offers, checked at load time), the checklist's
other formats, and an all-or-nothing write of the output folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from missio.errors import MissioError
from missio.legal import LIBELLES_STATUT, citation
from missio.libelles import ACTEURS, DISPOSITIFS, STATUTS_AGENT, dispositif_nom
from missio.models import Decision, Mission
from missio.rendering import (
    LIBRE,
    Champ,
    ErreurModele,
    Logo,
    ModeleCompile,
    Verificateur,
    environnement,
)

if TYPE_CHECKING:
    from missio.engine import DocumentDeclare, Engine

# The document whose deadlines are also written as Markdown, JSON and iCalendar files.
CODE_ECHEANCIER = "checklist"

# What each function of the context does, for docs/modeles.md (the names are checked at load).
FONCTIONS = {
    "citer": "citer(cle, le=None) : la référence juridique `cle` en vigueur aux dates de la "
    "mission (ou au jour `le`, AAAA-MM-JJ), suivie de « (à vérifier) » quand elle n'a pas été "
    "lue ; plusieurs versions sont séparées par « ; ».",
    "accord": "accord(masculin, feminin) : la forme qui s'accorde avec la civilité de l'agent "
    "(« mis » ou « mise »).",
    "pays_nom": "pays_nom(code) : le nom français d'un pays (« CA » → « Canada »).",
    "en_pays": "en_pays(code) : le pays précédé de sa préposition (« au Canada », « en Tunisie »,"
    " « aux États-Unis », « à Madagascar »).",
    "titre_document": "titre_document(code) : le titre d'un document déclaré.",
    "dispositif_nom": "dispositif_nom(code) : le nom d'un dispositif (« mise à disposition »).",
    "acteur_nom": "acteur_nom(code) : le nom d'un acteur (« la collectivité », « l'agent »…).",
    "statut_nom": "statut_nom(code) : le statut de l'agent en toutes lettres "
    "(« fonctionnaire titulaire »).",
    "obligation": "obligation(code) : l'obligation de la décision qui porte ce code, ou rien "
    "(à tester avec {% if %}).",
    "financement": "financement(poste) : le premier financement de ce poste, ou rien.",
    "logo": "logo : le logo de la collectivité (image), vide quand le moteur n'en a pas ; à "
    "placer seul dans un texte, par exemple en en-tête.",
}


class ErreurRendu(MissioError):
    """Documents cannot be produced for this decision."""


def _pays_nom(code: str) -> str:
    from babel import Locale

    return str(Locale.parse("fr").territories.get(code, code))


def _en_pays(code: str) -> str:
    from missio.francais import en_pays

    return en_pays(_pays_nom(code), code)


# --- the fields a template may read ------------------------------------------------------------


def _type(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "un de : " + ", ".join(str(v) for v in schema["enum"])
    if schema.get("format") == "date":
        return "date AAAA-MM-JJ (filtre date_fr)"
    return {
        "string": "texte",
        "number": "nombre",
        "integer": "entier",
        "boolean": "oui/non",
    }.get(str(schema.get("type")), "valeur")


def champ_schema(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Champ:
    """The :class:`Champ` tree of a JSON Schema (pydantic's, ``$ref`` resolved)."""
    if "$ref" in schema:
        return champ_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        facultatif = len(options) < len(schema["anyOf"])
        champ = champ_schema(options[0], defs) if len(options) == 1 else Champ(type="valeur")
        if facultatif:
            return Champ(
                champ.proprietes, champ.elements, champ.libre, type=f"{champ.type}, ou vide"
            )
        return champ
    if schema.get("type") == "object":
        proprietes = schema.get("properties")
        if not proprietes:
            return Champ(libre=True, type="données libres")
        return Champ({k: champ_schema(v, defs) for k, v in proprietes.items()}, type="objet")
    if schema.get("type") == "array":
        return Champ(elements=champ_schema(schema.get("items", {}), defs), type="liste")
    if "type" not in schema and "enum" not in schema:
        return Champ(libre=True, type="valeur")
    return Champ(type=_type(schema))


def _racines() -> dict[str, Champ]:
    mission = Mission.model_json_schema(mode="serialization")
    decision = Decision.model_json_schema(mode="serialization")
    arbre_mission = champ_schema(mission, mission.get("$defs", {}))
    arbre_decision = champ_schema(decision, decision.get("$defs", {}))
    assert arbre_mission.proprietes is not None
    date_iso = Champ(type="date AAAA-MM-JJ (filtre date_fr)")
    racines = {
        "mission": arbre_mission,
        "decision": arbre_decision,
        "agent": arbre_mission.proprietes["agent"],
        "employeur": arbre_mission.proprietes["employeur"],
        "accueil": arbre_mission.proprietes["accueil"],
        "dates": Champ(
            {"debut": date_iso, "fin": date_iso, "procedure": date_iso},
            type="objet : premier et dernier jour de la mission, date de la procédure",
        ),
        "doc": LIBRE,
    }
    racines |= {nom: Champ(type="fonction") for nom in FONCTIONS}
    return racines


RACINES = _racines()
NOMS_CONTEXTE = frozenset(RACINES)


def _retours() -> dict[str, Champ]:
    elements = RACINES["decision"].proprietes or {}
    return {
        "obligation": elements["obligations"].elements or LIBRE,
        "financement": elements["financements"].elements or LIBRE,
    }


def _champ_doc(declare: DocumentDeclare) -> Champ:
    """``doc``: the fields a document's own context declares (``contexte.champs``), if any."""
    champs = getattr(declare.contexte, "champs", None)
    if not champs:
        return LIBRE
    return Champ({nom: Champ(libre=True, type=str(texte)) for nom, texte in champs.items()})


class Redacteur:
    """Renders the documents of decisions with one engine's templates (compiled once each).

    A collectivité's folder (``Engine(modeles=…)``) replaces a default template by document
    code (``<code>.docx``); every override is compiled and checked when the Redacteur is built,
    so a broken one is reported at load time, naming the file and the placeholder.

    :param logo: a PNG or JPEG shown where templates write ``{{ logo }}`` (the letterhead).
    :param largeur_logo_cm: its width on the page.
    """

    def __init__(
        self,
        engine: Engine,
        logo: Path | str | None = None,
        largeur_logo_cm: float = 3.0,
    ) -> None:
        from missio.francais import FILTRES

        self.engine = engine
        self._env = environnement(FILTRES)
        self._logo = Logo.lire(Path(logo), largeur_logo_cm) if logo else None
        self._compiles: dict[str, ModeleCompile] = {}
        self._verrou = Lock()
        self._surcharges: dict[str, Path] = {}
        self._retours = _retours()
        if engine.modeles:
            if not engine.modeles.is_dir():
                raise ErreurRendu(f"Dossier de modèles introuvable : {engine.modeles}.")
            for chemin in sorted(engine.modeles.glob("*.docx")):
                if chemin.stem not in engine.documents:
                    raise ErreurRendu(
                        f"{chemin.name} : aucun document de code « {chemin.stem} ». Codes connus : "
                        f"{', '.join(sorted(engine.documents))}."
                    )
                self._surcharges[chemin.stem] = chemin
                self._modele(chemin.stem)

    def verificateur(self, code: str) -> Verificateur:
        """What the template of `code` may use: checked against it at load time."""
        referentiel, documents = self.engine.referentiel, self.engine.documents

        def connu(genre: str, admis: Any) -> Callable[[str], str | None]:
            def verifier(valeur: str) -> str | None:
                if valeur in admis:
                    return None
                return f"{genre} inconnu(e) « {valeur} »"

            return verifier

        return Verificateur(
            racines=RACINES | {"doc": _champ_doc(documents[code])},
            retours=self._retours,
            arguments={
                "citer": connu("référence juridique", referentiel),
                "titre_document": connu("document", documents),
                "dispositif_nom": connu("dispositif", DISPOSITIFS),
                "acteur_nom": connu("acteur", ACTEURS),
                "statut_nom": connu("statut", STATUTS_AGENT),
            },
        )

    def _modele(self, code: str) -> ModeleCompile:
        with self._verrou:
            compile_ = self._compiles.get(code)
            if compile_ is None:
                chemin = self._surcharges.get(code) or self.engine.documents[code].modele
                compile_ = ModeleCompile(chemin, self._env, self.verificateur(code), self._logo)
                self._compiles[code] = compile_
            return compile_

    def precharger(self) -> None:
        """Compile every declared template now (a service does it once, at start)."""
        for code in sorted(self.engine.documents):
            self._modele(code)

    def contexte_commun(self, decision: Decision, mission: Mission) -> dict[str, Any]:
        """The context every document of one decision shares (``doc`` excepted)."""
        donnees = mission.model_dump(mode="json")
        decision_json = decision.model_dump(mode="json")
        civilite = mission.agent.civilite
        obligations = {o["code"]: o for o in reversed(decision_json["obligations"])}
        financements = {f["poste"]: f for f in reversed(decision_json["financements"])}
        return {
            "mission": donnees,
            "decision": decision_json,
            "agent": donnees["agent"],
            "employeur": donnees["employeur"],
            "accueil": donnees["accueil"],
            "dates": {
                "debut": mission.debut.isoformat(),
                "fin": mission.fin.isoformat(),
                "procedure": mission.date_procedure.isoformat(),
            },
            "citer": self._citeur(mission),
            "accord": lambda masculin, feminin: feminin if civilite == "Mme" else masculin,
            "pays_nom": _pays_nom,
            "en_pays": _en_pays,
            "titre_document": lambda code: self.engine.documents[code].titre,
            "dispositif_nom": dispositif_nom,
            "acteur_nom": ACTEURS.__getitem__,
            "statut_nom": STATUTS_AGENT.__getitem__,
            "obligation": obligations.get,
            "financement": financements.get,
            "logo": self._logo.xml() if self._logo else "",
            "doc": {},
        }

    def contexte(
        self, decision: Decision, mission: Mission, declare: DocumentDeclare
    ) -> dict[str, Any]:
        return self._avec_doc(self.contexte_commun(decision, mission), decision, mission, declare)

    @staticmethod
    def _avec_doc(
        commun: dict[str, Any], decision: Decision, mission: Mission, declare: DocumentDeclare
    ) -> dict[str, Any]:
        if declare.contexte is None:
            return commun
        return commun | {"doc": declare.contexte(decision, mission)}

    def _citeur(self, mission: Mission) -> Callable[..., str]:
        referentiel = self.engine.referentiel
        periodes = [(p.debut, p.fin) for p in mission.periodes]

        def citer(cle: str, le: str | date | None = None) -> str:
            jours = periodes
            if le is not None:
                jour = date.fromisoformat(le) if isinstance(le, str) else le
                jours = [(jour, jour)]
            citations: list[str] = []
            for debut, fin in jours:
                for version in referentiel.resoudre(cle, debut, fin):
                    texte = version.citation()
                    if version.statut == "a_verifier":
                        texte += f" ({LIBELLES_STATUT['a_verifier']})"
                    if texte not in citations:
                        citations.append(texte)
            return " ; ".join(citations)

        return citer

    def rendre(self, decision: Decision, mission: Mission) -> dict[str, bytes]:
        """Every document of the decision, as ``{code: docx bytes}``."""
        if any(b.code == "erreur_plugin" for b in decision.blocages):
            raise ErreurRendu("Un plugin a échoué : aucun acte n'est produit pour cette décision.")
        if not decision.documents:
            return {}
        commun = self.contexte_commun(decision, mission)
        return {
            code: self.rendre_un(code, decision, mission, commun) for code in decision.documents
        }

    def rendre_un(
        self,
        code: str,
        decision: Decision,
        mission: Mission,
        commun: dict[str, Any] | None = None,
    ) -> bytes:
        """One document; `commun` is the decision's shared context when already built."""
        if commun is None:
            commun = self.contexte_commun(decision, mission)
        if code not in self.engine.documents:
            raise ErreurRendu(f"Document inconnu : « {code} ».")
        declare = self.engine.documents[code]
        contexte = self._avec_doc(commun, decision, mission, declare)
        return self._modele(code).rendre(contexte)

    def fichiers(self, decision: Decision, mission: Mission) -> dict[str, bytes]:
        """Every file of the decision's acts: ``<code>.docx``, and the checklist's deadlines as
        ``checklist.md``, ``checklist.json`` and ``checklist.ics`` when it is among them."""
        fichiers = {f"{code}.docx": docx for code, docx in self.rendre(decision, mission).items()}
        if CODE_ECHEANCIER in decision.documents:
            echeancier = Echeancier(decision, mission)
            fichiers[f"{CODE_ECHEANCIER}.md"] = echeancier.markdown().encode("utf-8")
            fichiers[f"{CODE_ECHEANCIER}.json"] = echeancier.json().encode("utf-8")
            fichiers[f"{CODE_ECHEANCIER}.ics"] = echeancier.icalendar().encode("utf-8")
        return fichiers


# --- the checklist's other formats -------------------------------------------------------------


class Echeancier:
    """The obligations of a decision, as Markdown, JSON and iCalendar (one all-day event per
    dated obligation). Deterministic: UIDs come from the mission's reference and the obligation
    code, DTSTAMP from the date of the procedure (never the clock)."""

    def __init__(self, decision: Decision, mission: Mission) -> None:
        self.decision = decision
        self.mission = mission

    def _fondements(self, cles: list[str]) -> list[dict[str, str]]:
        resultat = []
        for cle in cles:
            versions = [f for f in self.decision.fondements if f.cle == cle]
            for f in versions:
                texte = citation(f.texte, f.article)
                if f.statut == "a_verifier":
                    texte += f" ({LIBELLES_STATUT['a_verifier']})"
                resultat.append({"cle": cle, "citation": texte, "statut": f.statut})
            if not versions:
                resultat.append({"cle": cle, "citation": cle, "statut": "a_verifier"})
        return resultat

    def lignes(self) -> list[dict[str, Any]]:
        return [
            {
                "code": o.code,
                "libelle": o.libelle,
                "echeance": o.echeance.isoformat() if o.echeance else None,
                "responsable": o.responsable,
                "responsable_libelle": ACTEURS[o.responsable],
                "fondements": self._fondements(o.fondements),
            }
            for o in self.decision.obligations
        ]

    def _agent(self) -> str:
        agent = self.mission.agent
        return f"{agent.civilite} {agent.prenom} {agent.nom}"

    def json(self) -> str:
        donnees = {
            "reference": self.decision.reference,
            "objet": self.mission.objet,
            "agent": self._agent(),
            "employeur": self.mission.employeur.nom,
            "dispositif": self.decision.dispositif,
            "obligations": self.lignes(),
        }
        return json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"

    def markdown(self) -> str:
        from missio.francais import date_fr

        def cellule(texte: str) -> str:
            return texte.replace("|", "\\|").replace("\n", " ")

        lignes = [
            f"# Démarches et échéances — {cellule(self.decision.reference)}",
            "",
            f"{cellule(self._agent())}, {cellule(self.mission.employeur.nom)} : "
            f"{dispositif_nom(self.decision.dispositif)}, mission « {cellule(self.mission.objet)} ».",
            "",
            "| Échéance | Démarche | Responsable | Fondement |",
            "| --- | --- | --- | --- |",
        ]
        for ligne in self.lignes():
            quand = date_fr(ligne["echeance"]) if ligne["echeance"] else "sans échéance"
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            lignes.append(
                f"| {quand} | {cellule(ligne['libelle'])} | {ligne['responsable_libelle']} | "
                f"{cellule(fondements)} |"
            )
        return "\n".join(lignes) + "\n"

    def icalendar(self) -> str:
        reference = self.decision.reference
        horodatage = self.mission.date_procedure.strftime("%Y%m%dT000000Z")
        lignes = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//missio//echeancier//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{_ics_texte(f'Échéances {reference}')}",
        ]
        vus: dict[str, int] = {}
        for ligne in self.lignes():
            if not ligne["echeance"]:
                continue
            jour = date.fromisoformat(ligne["echeance"])
            vus[ligne["code"]] = vus.get(ligne["code"], 0) + 1
            suffixe = f"-{vus[ligne['code']]}" if vus[ligne["code"]] > 1 else ""
            fondements = " ; ".join(f["citation"] for f in ligne["fondements"]) or "—"
            description = (
                f"Responsable : {ligne['responsable_libelle']}\nFondement : {fondements}\n"
                f"Mission {reference} : {self.mission.objet} ({self._agent()})"
            )
            lignes += [
                "BEGIN:VEVENT",
                f"UID:{_ics_uid(reference)}-{ligne['code']}{suffixe}@missio",
                f"DTSTAMP:{horodatage}",
                f"DTSTART;VALUE=DATE:{jour:%Y%m%d}",
                f"DTEND;VALUE=DATE:{date.fromordinal(jour.toordinal() + 1):%Y%m%d}",
                f"SUMMARY:{_ics_texte(ligne['libelle'])}",
                f"DESCRIPTION:{_ics_texte(description)}",
                f"CATEGORIES:{_ics_texte(ligne['responsable_libelle'])}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        lignes.append("END:VCALENDAR")
        return "".join(_ics_plier(ligne) + "\r\n" for ligne in lignes)


def _ics_texte(texte: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (
        texte.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_uid(reference: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)


def _ics_plier(ligne: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1)."""
    morceaux: list[str] = []
    courant, taille = "", 0
    for caractere in ligne:
        octets = len(caractere.encode("utf-8"))
        limite = 75 if not morceaux else 74  # continuation lines start with a space
        if taille + octets > limite:
            morceaux.append(courant)
            courant, taille = "", 0
        courant += caractere
        taille += octets
    morceaux.append(courant)
    return "\r\n ".join(morceaux)


# --- PDF and writing ---------------------------------------------------------------------------


def libreoffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convertir_pdf(fichiers: list[Path], dossier: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice headless (one process for all files)."""
    executable = libreoffice()
    if executable is None:
        raise ErreurRendu(
            "LibreOffice n'est pas installé : impossible de produire les PDF (les DOCX sont "
            "écrits). Installez-le (paquet « libreoffice-writer-nogui ») ou convertissez les DOCX."
        )
    with tempfile.TemporaryDirectory() as profil:
        try:
            subprocess.run(
                [
                    executable,
                    f"-env:UserInstallation=file://{profil}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(dossier),
                    *map(str, fichiers),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ErreurRendu(
                f"LibreOffice n'a pas pu convertir les actes en PDF ({exc})."
            ) from exc
    pdfs = [dossier / f"{f.stem}.pdf" for f in fichiers]
    manquants = [p.name for p in pdfs if not p.exists() or not p.stat().st_size]
    if manquants:
        raise ErreurRendu(f"LibreOffice n'a pas produit : {', '.join(manquants)}.")
    return pdfs


def ecrire(dossier: Path, fichiers: Mapping[str, bytes], pdf: bool = False) -> list[Path]:
    """Write `fichiers` into `dossier` all at once: everything goes to a temporary folder
    beside it first, and is moved in only when every file (and PDF) is ready."""
    dossier.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier.parent, prefix=f".{dossier.name}-") as tmp:
        temporaire = Path(tmp)
        ecrits = []
        for nom, contenu in fichiers.items():
            (temporaire / nom).write_bytes(contenu)
            ecrits.append(temporaire / nom)
        if pdf:
            ecrits += convertir_pdf([f for f in ecrits if f.suffix == ".docx"], temporaire)
        dossier.mkdir(exist_ok=True)
        finaux = []
        for fichier in ecrits:
            cible = dossier / fichier.name
            os.replace(fichier, cible)
            finaux.append(cible)
        return finaux


__all__ = [
    "CODE_ECHEANCIER",
    "NOMS_CONTEXTE",
    "RACINES",
    "Echeancier",
    "ErreurModele",
    "ErreurRendu",
    "Redacteur",
    "convertir_pdf",
    "ecrire",
    "libreoffice",
]
