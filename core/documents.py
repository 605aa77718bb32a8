"""Rendering the acts of a decision: template lookup (with a collectivité's overrides) and the
context every template sees.

The fields that context offers (checked at load time) are in :mod:`missio.champs_modeles`, the
checklist's other formats in :mod:`missio.echeancier`, the PDF conversion and the
all-or-nothing write of the output folder in :mod:`missio.sortie`; their public names are
re-exported here, the entry point of document production.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from missio.champs_modeles import NOMS_CONTEXTE, RACINES, champ_doc, retours_fonctions
from missio.echeancier import CODE_ECHEANCIER, Echeancier
from missio.erreurs_documents import ErreurModele, ErreurRendu
from missio.legal import LIBELLES_STATUT
from missio.libelles import ACTEURS, DISPOSITIFS, STATUTS_AGENT, dispositif_nom
from missio.logo import Logo
from missio.models import Decision, Mission
from missio.rendering import ModeleCompile, environnement
from missio.sortie import convertir_pdf, ecrire, libreoffice
from missio.verification_modeles import Verificateur

if TYPE_CHECKING:
    from missio.engine import DocumentDeclare, Engine


def _pays_nom(code: str) -> str:
    from babel import Locale

    return str(Locale.parse("fr").territories.get(code, code))


def _en_pays(code: str) -> str:
    from missio.francais import en_pays

    return en_pays(_pays_nom(code), code)


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
        self._retours = retours_fonctions()
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
            racines=RACINES | {"doc": champ_doc(documents[code])},
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
        try:
            propre = declare.contexte(decision, mission)
        except Exception as exc:
            # The plugin's own function (missio_documents, contexte=): name it, not a traceback.
            raise ErreurRendu(
                f"Le plugin « {declare.plugin} » a échoué en préparant le document "
                f"« {declare.code} » (hook missio_documents, fonction contexte : "
                f"{type(exc).__name__} : {exc})."
            ) from exc
        return commun | {"doc": propre}

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
        """One document; `commun` is the decision's shared context when already built.

        A decision that is not conforme has no act: the agent must not leave on an act of a
        mission the rules block (:class:`ErreurRendu`)."""
        if not decision.conforme:
            motifs = ", ".join(b.code for b in decision.blocages) or "non conforme"
            raise ErreurRendu(
                f"Décision non conforme ({motifs}) : aucun acte n'est produit, pas même "
                f"« {code} ». Levez d'abord les blocages."
            )
        if code not in self.engine.documents:
            raise ErreurRendu(f"Document inconnu : « {code} ».")
        if commun is None:
            commun = self.contexte_commun(decision, mission)
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
