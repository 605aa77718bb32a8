"""Rendering the acts of a decision: template lookup (with a collectivité's overrides) and the
context every template sees.

The fields that context offers (checked at load time) are in
:mod:`missio.documents.champs_modeles`, the deadlines' other formats in
:mod:`missio.documents.echeancier`, the PDF conversion and the all-or-nothing write of the output
folder in :mod:`missio.documents.pdf` and :mod:`missio.documents.output`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from missio.documents import indented_json
from missio.documents.champs_modeles import RACINES, champ_doc, retours_fonctions
from missio.documents.echeancier import Echeancier
from missio.documents.en_tete import FICHIER_EN_TETE, EnTete
from missio.documents.errors import ErreurModele, ErreurRendu
from missio.documents.logo import Logo
from missio.documents.provenance import provenance_acte
from missio.documents.releve import Releve, citeur, citeur_decision, fonctions
from missio.documents.rendering import ModeleCompile, Rendu, environnement
from missio.documents.verification_modeles import Verificateur
from missio.libelles import ACTEURS, DISPOSITIFS, STATUTS_AGENT, dispositif_nom
from missio.models import Decision, Mission

if TYPE_CHECKING:
    from missio.engine import DocumentDeclare, Engine


def _pays_nom(code: str) -> str:
    from babel import Locale

    return str(Locale.parse("fr").territories.get(code, code))


def _en_pays(code: str) -> str:
    from missio.documents.francais import en_pays

    return en_pays(_pays_nom(code), code)


def fichier_decision(decision: Decision) -> dict[str, bytes]:
    """``decision.json``, as every output writes it beside the acts (folder, batch, zip)."""
    return {"decision.json": decision.model_dump_json(indent=2).encode("utf-8") + b"\n"}


class Redacteur:
    """Renders the documents of decisions with one engine's templates (compiled once each).

    A collectivité's folder (``Engine(modeles=…)``) replaces a default template by document
    code (``<code>.docx``) and, with ``en_tete.docx``, the letterhead of every act; every
    override is compiled and checked when the Redacteur is built, so a broken one is reported
    at load time, naming the file and the placeholder. A collectivité's templates render under
    limits of time and size (:mod:`missio.documents.limits`).

    :param logo: a PNG or JPEG shown where templates write ``{{ logo }}`` (the letterhead).
    :param largeur_logo_cm: its width on the page.
    """

    def __init__(
        self,
        engine: Engine,
        logo: Path | str | None = None,
        largeur_logo_cm: float = 3.0,
    ) -> None:
        from missio.documents.francais import FILTRES

        self.engine = engine
        self._env = environnement(FILTRES)
        self._env_borne = environnement(FILTRES, borne=True)
        self._logo = Logo.lire(Path(logo), largeur_logo_cm) if logo else None
        self._compiles: dict[str, ModeleCompile] = {}
        self._verrou = Lock()
        self._surcharges: dict[str, Path] = {}
        self._en_tete: EnTete | None = None
        self._retours = retours_fonctions()
        self._titres: dict[str, str] | None = None
        if engine.modeles:
            if not engine.modeles.is_dir():
                raise ErreurModele(f"Dossier de modèles introuvable : {engine.modeles}.")
            for chemin in sorted(engine.modeles.glob("*.docx")):
                if chemin.name == FICHIER_EN_TETE:
                    self._en_tete = EnTete.lire(chemin)
                    continue
                if chemin.stem not in engine.documents:
                    raise ErreurModele(
                        f"{chemin.name} : aucun document de code « {chemin.stem} ». Codes connus : "
                        f"{', '.join(sorted(engine.documents))} (et {FICHIER_EN_TETE} pour "
                        "l'en-tête commun)."
                    )
                self._surcharges[chemin.stem] = chemin
            for code in (
                sorted(self._surcharges) if self._en_tete is None else sorted(engine.documents)
            ):
                self._modele(code)

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

    def verifier_modele(self, chemin: Path) -> None:
        """Load a collectivité's template as a render would (the letterhead ``en_tete.docx``
        or the act of its code), raising :class:`ErreurModele` when it cannot be used."""
        if chemin.name == FICHIER_EN_TETE:
            en_tete = EnTete.lire(chemin)
            code = sorted(self.engine.documents)[0]
            declare = self.engine.documents[code]
            ModeleCompile(
                declare.modele,
                self._env,
                self.verificateur(code),
                self._logo,
                titre=declare.titre,
                en_tete=en_tete,
                env_en_tete=self._env_borne,
            )
            return
        if chemin.stem not in self.engine.documents:
            raise ErreurModele(
                f"{chemin.name} : aucun document de code « {chemin.stem} ». Codes connus : "
                f"{', '.join(sorted(self.engine.documents))} (et {FICHIER_EN_TETE} pour "
                "l'en-tête commun)."
            )
        declare = self.engine.documents[chemin.stem]
        modele = ModeleCompile(
            chemin,
            self._env_borne,
            self.verificateur(chemin.stem),
            self._logo,
            titre=declare.titre,
            en_tete=self._en_tete,
            env_en_tete=self._env_borne,
        )
        _verifier_sources(modele, self.engine)

    def _modele(self, code: str) -> ModeleCompile:
        with self._verrou:
            compile_ = self._compiles.get(code)
            if compile_ is None:
                declare = self.engine.documents[code]
                chemin = self._surcharges.get(code) or declare.modele
                compile_ = ModeleCompile(
                    chemin,
                    self._env_borne if code in self._surcharges else self._env,
                    self.verificateur(code),
                    self._logo,
                    titre=declare.titre,
                    en_tete=self._en_tete,
                    env_en_tete=self._env_borne,
                )
                _verifier_sources(compile_, self.engine)
                self._compiles[code] = compile_
            return compile_

    def precharger(self, provenance: bool = False) -> None:
        """Compile every declared template now (a service does it once, at start); with
        `provenance`, their marked bodies too (what a render with provenance compiles)."""
        for code in sorted(self.engine.documents):
            modele = self._modele(code)
            if provenance:
                modele.compiler_marques()

    def contexte_commun(self, decision: Decision, mission: Mission) -> dict[str, Any]:
        """The context every document of one decision shares (``doc`` excepted)."""
        donnees = mission.model_dump(mode="json")
        decision_json = decision.model_dump(mode="json")
        civilite = mission.agent.civilite
        obligations = {o["code"]: o for o in reversed(decision_json["obligations"])}
        financements = {f["poste"]: f for f in reversed(decision_json["financements"])}
        cas = {c["code"]: c for c in decision_json["cas"]}
        conditions = {c["code"]: c for c in decision_json["conditions"]}
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
            "accord": lambda masculin, feminin: feminin if civilite == "Mme" else masculin,
            "pays_nom": _pays_nom,
            "en_pays": _en_pays,
            "titre_document": lambda code: self.engine.documents[code].titre,
            "dispositif_nom": dispositif_nom,
            "acteur_nom": ACTEURS.__getitem__,
            "statut_nom": STATUTS_AGENT.__getitem__,
            "obligation": obligations.get,
            "financement": financements.get,
            "cas": cas.get,
            "condition": conditions.get,
            "logo": self._logo.xml() if self._logo else "",
            "doc": {},
        }

    def contexte(
        self,
        decision: Decision,
        mission: Mission,
        declare: DocumentDeclare,
        releve: Releve | None = None,
        commun: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The whole context of one document, its functions bound to `releve` (the render's
        notes: references « à vérifier », blanks, provenance marks)."""
        if commun is None:
            commun = self.contexte_commun(decision, mission)
        releve = releve if releve is not None else Releve()
        periodes = [(p.debut, p.fin) for p in mission.periodes]
        contexte = commun | fonctions(releve)
        contexte["citer"] = citeur(self.engine.referentiel, periodes, releve)
        contexte["reference"] = citeur_decision(commun["decision"]["fondements"], releve)
        if declare.contexte is not None:
            try:
                contexte["doc"] = declare.contexte(decision, mission)
            except Exception as exc:
                # The plugin's own function (missio_documents, contexte=): name it, no traceback.
                raise ErreurRendu(
                    f"Le plugin « {declare.plugin} » a échoué en préparant le document "
                    f"« {declare.code} » (hook missio_documents, fonction contexte : "
                    f"{type(exc).__name__} : {exc})."
                ) from exc
        return contexte

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
        return self.rendre_detail(code, decision, mission, commun).docx

    def rendre_detail(
        self,
        code: str,
        decision: Decision,
        mission: Mission,
        commun: dict[str, Any] | None = None,
        avec_provenance: bool = False,
    ) -> Rendu:
        """One document with the notes of its render (and its marked paragraphs if asked).

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
        releve = Releve()
        contexte = self.contexte(decision, mission, self.engine.documents[code], releve, commun)
        return self._modele(code).rendre(contexte, releve, avec_provenance)

    def provenance(
        self,
        code: str,
        rendu: Rendu,
        decision: Decision,
        mission: Mission,
        decision_json: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Where each paragraph of a rendered act comes from (``<code>.provenance.json``);
        `decision_json` is the decision's JSON form when already built (read, not changed)."""
        return provenance_acte(
            code,
            self.engine.documents[code].titre,
            rendu.paragraphes or [],
            self._modele(code).lectures,
            decision_json if decision_json is not None else decision.model_dump(mode="json"),
            self.engine.referentiel,
            [(p.debut, p.fin) for p in mission.periodes],
            {"a_verifier": rendu.releve.a_verifier, "a_completer": rendu.releve.a_completer},
            self._titres_regles(),
            rendu.releve.citees,
        )

    def _titres_regles(self) -> dict[str, str]:
        """Each rule's title, by code (the engine's rules never change: built once)."""
        if self._titres is None:
            self._titres = {code: r.titre for code, r in self.engine.regles.items()}
        return self._titres

    def fichiers(
        self,
        decision: Decision,
        mission: Mission,
        provenance: bool = True,
        relecture: bool = False,
    ) -> dict[str, bytes]:
        """Every file of the decision's acts: ``<code>.docx``, its provenance
        (``<code>.provenance.json``) and, with `relecture`, its review copy with the provenance
        in margin comments (``<code>.relecture.docx``); the decision's deadlines as
        ``<code>.md``, ``<code>.json`` and ``<code>.ics`` for each document declared with
        ``echeances=True`` (the default templates' ``checklist``)."""
        from missio.documents.relecture import copie_de_relecture

        if any(b.code == "erreur_plugin" for b in decision.blocages):
            raise ErreurRendu("Un plugin a échoué : aucun acte n'est produit pour cette décision.")
        fichiers: dict[str, bytes] = {}
        commun = self.contexte_commun(decision, mission) if decision.documents else {}
        for code in decision.documents:
            rendu = self.rendre_detail(
                code, decision, mission, commun, avec_provenance=provenance or relecture
            )
            fichiers[f"{code}.docx"] = rendu.docx
            if provenance or relecture:
                origine = self.provenance(code, rendu, decision, mission, commun["decision"])
                if provenance:
                    texte = indented_json.dumps(origine) + "\n"
                    fichiers[f"{code}.provenance.json"] = texte.encode("utf-8")
                if relecture:
                    fichiers[f"{code}.relecture.docx"] = copie_de_relecture(rendu.docx, origine)
        for code in decision.documents:
            if self.engine.documents[code].echeances:
                echeancier = Echeancier(decision, mission)
                fichiers[f"{code}.md"] = echeancier.markdown().encode("utf-8")
                fichiers[f"{code}.json"] = echeancier.json().encode("utf-8")
                fichiers[f"{code}.ics"] = echeancier.icalendar().encode("utf-8")
        return fichiers


def _verifier_sources(modele: ModeleCompile, engine: Engine) -> None:
    """The references and rules a template declares with ``source(…)`` exist: a misspelt key
    would give a provenance nobody can follow."""
    for numero, lecture in modele.lectures.items():
        for cle in lecture.cles:
            if cle not in engine.referentiel:
                raise ErreurModele(
                    f"{modele.chemin.name} (paragraphe {numero}) : référence juridique inconnue "
                    f"« {cle} » (voir docs/modeles.md)."
                )
        for regle in lecture.regles:
            if regle not in engine.regles:
                raise ErreurModele(
                    f"{modele.chemin.name} (paragraphe {numero}) : règle inconnue « {regle} » "
                    "dans source(…) (voir missio plugins)."
                )


__all__ = ["Redacteur"]
