"""DOCX rendering: docxtpl templates compiled once, checked, rendered in a sandbox, written
deterministically.

Stock docxtpl re-reads the .docx, re-patches its XML with regular expressions and re-compiles
its Jinja on every render. Here each template part (body, headers, footers) is patched by
docxtpl's own ``patch_xml`` (so its syntax holds: ``{%p %}``, ``{%tr %}``, split runs) and
compiled once, in a sandboxed, autoescaping Jinja environment with undefined names as errors.
At load time every name, attribute path and literal argument a template uses is checked
against the fields the context offers (:class:`~missio.documents.verification_modeles.Verificateur`), so
a broken override is refused before any act is written. A render only evaluates the compiled
templates and zips the parts, the unchanged ones as they are, with fixed timestamps
(:mod:`missio.documents.deterministic_zip`): the same input gives byte-identical files. A logo, when
given, is added once per template as a picture part (:mod:`missio.documents.logo`, what docxtpl's
``InlineImage`` does per render).

This module compiles and renders; the names a caller needs to build a :class:`ModeleCompile`
(``Champ``, ``Verificateur``, ``Logo``…) are re-exported from it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from missio.documents.deterministic_zip import Entree, zipper
from missio.documents.en_tete import PROPRIETES, EnTete, proprietes
from missio.documents.errors import ErreurModele
from missio.documents.finishing import finir
from missio.documents.limits import (
    GARDE,
    TAILLE_MAX,
    DepassementLimite,
    EnvironnementBorne,
    Garde,
    borner,
    environnement_borne,
)
from missio.documents.logo import Logo, ajouter_logo
from missio.documents.provenance import Lecture, ParagrapheRendu, marquer
from missio.documents.releve import Releve
from missio.documents.typographie import typographier
from missio.documents.verification_modeles import LIBRE, VALEUR, Champ, Verificateur

_PARTIES_MODELE = re.compile(
    r"^(word/(document|header\w*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$"
)
_CORPS = "word/document.xml"
_RESIDU = re.compile(r"\{[{%#]|[}%#]\}")


def finaliser(valeur: Any) -> Any:
    """Every value a template writes gets French typography (:mod:`missio.documents.typographie`); XML
    built by missio itself (the logo, the marks) is left as it is."""
    if isinstance(valeur, str) and not hasattr(valeur, "__html__"):
        return typographier(valeur)
    return valeur


def environnement(
    filtres: Mapping[str, Callable[..., Any]], borne: bool = False
) -> SandboxedEnvironment:
    """The Jinja environment of the templates: sandboxed, autoescaped for XML, strict, French
    typography on every value; `borne` for a collectivité's templates (:mod:`missio.documents.limits`)."""
    if borne:
        return environnement_borne(filtres, finaliser)
    env = SandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=finaliser
    )
    env.filters.update(filtres)
    return env


def _patcher(xml: str) -> str:
    from docxtpl import DocxTemplate

    # patch_xml only uses regular expressions, never the instance's state.
    patched: str = DocxTemplate.__new__(DocxTemplate).patch_xml(xml)
    return patched


def _verifier_xml(chemin: Path, parties: list[tuple[str, bytes]]) -> None:
    """Every XML part of the template parses: with the rendered parts parsed at each render,
    every output is checked with lxml without re-reading the unchanged parts."""
    noms = {nom for nom, _ in parties}
    for requis in ("[Content_Types].xml", "word/document.xml"):
        if requis not in noms:
            raise ErreurModele(f"{chemin.name} : ce n'est pas un document Word ({requis} manque).")
    for nom, contenu in parties:
        if nom.endswith((".xml", ".rels")):
            try:
                etree.fromstring(contenu)
            except etree.XMLSyntaxError as exc:
                raise ErreurModele(f"{chemin.name} ({nom}) : XML invalide ({exc}).") from exc


@dataclass(frozen=True)
class Rendu:
    """One rendered act: its bytes, and (when asked) its paragraphs with their provenance marks
    and the notes of the render (references « à vérifier », blanks)."""

    docx: bytes
    releve: Releve
    paragraphes: list[ParagrapheRendu] | None = None


class ModeleCompile:
    """One .docx template, compiled and checked.

    :param chemin: the .docx file.
    :param env: the sandboxed environment (bounded for a collectivité's template:
        :mod:`missio.documents.limits`).
    :param verificateur: what the context offers; any other name or path is refused at load.
    :param logo: a letterhead picture, added to the parts that use ``{{ logo }}``.
    :param titre: the act's title, written in the document's properties.
    :param en_tete: the collectivité's letterhead, replacing the template's page header.
    :param env_en_tete: the environment of that letterhead (bounded: the collectivité wrote it).
    """

    def __init__(
        self,
        chemin: Path,
        env: SandboxedEnvironment,
        verificateur: Verificateur,
        logo: Logo | None = None,
        *,
        titre: str = "",
        en_tete: EnTete | None = None,
        env_en_tete: SandboxedEnvironment | None = None,
    ) -> None:
        self.chemin = chemin
        self.borne = isinstance(env, EnvironnementBorne)
        try:
            with zipfile.ZipFile(chemin) as archive:
                self._parties = [(info.filename, archive.read(info)) for info in archive.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise ErreurModele(f"{chemin} : fichier .docx illisible ({exc}).") from exc
        _verifier_xml(chemin, self._parties)
        partie_en_tete = en_tete.appliquer(self._parties) if en_tete is not None else None
        if titre:
            self._parties = [
                (nom, proprietes(titre) if nom == PROPRIETES else contenu)
                for nom, contenu in self._parties
            ]
        self._modeles: dict[str, Any] = {}
        self._bornes: set[str] = set()
        self._corps_marque: tuple[nodes.Template, SandboxedEnvironment] | None = None
        self._modele_marque: Any = None
        self._verrou = Lock()
        self.lectures: dict[int, Lecture] = {}
        avec_logo: set[str] = set()
        for nom, contenu in self._parties:
            if not _PARTIES_MODELE.match(nom):
                continue
            texte = contenu.decode("utf-8")
            if "{{" not in texte and "{%" not in texte:
                continue
            env_partie = env_en_tete if nom == partie_en_tete and env_en_tete else env
            source = _patcher(etree.tostring(etree.fromstring(contenu), encoding="unicode"))
            fichier = en_tete.chemin.name if nom == partie_en_tete and en_tete else chemin.name
            try:
                ast = env_partie.parse(source)
            except TemplateSyntaxError as exc:
                raise ErreurModele(
                    f"{fichier} ({nom}) : erreur de syntaxe dans un champ de fusion : "
                    f"{exc.message}."
                ) from exc
            erreurs = verificateur.erreurs(ast)
            if erreurs:
                raise ErreurModele(f"{fichier} ({nom}) : {erreurs[0]} (voir docs/modeles.md).")
            if "logo" in meta.find_undeclared_variables(ast):
                avec_logo.add(nom)
            if nom == _CORPS:
                # The marked body (provenance) is compiled the first time a render asks for it:
                # a plain render pays nothing for the marks.
                marque = env_partie.parse(source)
                self.lectures = marquer(marque)
                self._corps_marque = (marque, env_partie)
            if isinstance(env_partie, EnvironnementBorne):
                self._bornes.add(nom)
            self._modeles[nom] = _compiler(ast, env_partie)
        if logo is not None and avec_logo:
            ajouter_logo(self._parties, avec_logo, logo)
        # Parts without placeholders are compressed once, here, and copied as they are.
        self._fixes = {
            nom: Entree.compresser(nom, contenu)
            for nom, contenu in self._parties
            if nom not in self._modeles
        }

    def rendre(
        self,
        contexte: Mapping[str, Any],
        releve: Releve | None = None,
        avec_provenance: bool = False,
    ) -> Rendu:
        """Render the act; `releve` is the one the context's functions are bound to."""
        releve = releve if releve is not None else Releve()
        paragraphes: list[ParagrapheRendu] | None = None
        entrees = []
        for nom, _ in self._parties:
            if nom not in self._modeles:
                entrees.append(self._fixes[nom])
                continue
            modele = self._modeles[nom]
            if nom == _CORPS and avec_provenance:
                modele = self._marque()
            xml = self._rendre_partie(nom, modele, contexte)
            if nom == _CORPS:
                xml, paragraphes = finir(xml, releve, avec_provenance)
            entrees.append(Entree.compresser(nom, xml))
        return Rendu(zipper(entrees), releve, paragraphes)

    def compiler_marques(self) -> None:
        """Compile the marked body now (a batch does it once, before its workers start)."""
        self._marque()

    def _marque(self) -> Any:
        """The body compiled with its provenance marks (once, on first use)."""
        with self._verrou:
            if self._modele_marque is None and self._corps_marque is not None:
                ast, env = self._corps_marque
                self._modele_marque = _compiler(ast, env)
                self._corps_marque = None
            return self._modele_marque

    def _rendre_partie(self, nom: str, modele: Any, contexte: Mapping[str, Any]) -> bytes:
        """The rendered part, checked."""
        fichier = self.chemin.name
        try:
            if nom in self._bornes:
                xml = _rendre_borne(modele, contexte)
            else:
                xml = modele.render(contexte)
        except UndefinedError as exc:
            raise ErreurModele(f"{fichier} ({nom}) : champ sans valeur : {exc.message}.") from exc
        except DepassementLimite as exc:
            raise ErreurModele(f"{fichier} ({nom}) : {exc}.") from exc
        except SecurityError as exc:
            raise ErreurModele(f"{fichier} ({nom}) : opération interdite : {exc}.") from exc
        except LookupError as exc:
            raise ErreurModele(f"{fichier} ({nom}) : {exc}.") from exc
        except (RecursionError, MemoryError) as exc:
            raise ErreurModele(
                f"{fichier} ({nom}) : le rendu dépasse les ressources permises ({type(exc).__name__})."
            ) from exc
        except Exception as exc:
            if nom not in self._bornes:
                raise
            raise ErreurModele(
                f"{fichier} ({nom}) : erreur dans un champ de fusion : {type(exc).__name__} : {exc}."
            ) from exc
        contenu = xml.encode("utf-8")
        try:
            arbre = etree.fromstring(contenu)
        except etree.XMLSyntaxError as exc:
            raise ErreurModele(
                f"{fichier} ({nom}) : le rendu n'est pas du XML valide ({exc})."
            ) from exc
        # The texts are looked at only when the XML itself holds a placeholder's delimiter:
        # the texts are part of it, except a character reference (&#…;), looked at too.
        # (A delimiter holds a brace: most parts have none, found faster than by the pattern.)
        if "&#" not in xml and (("{" not in xml and "}" not in xml) or _RESIDU.search(xml) is None):
            return contenu
        textes = "".join(arbre.itertext())
        if _RESIDU.search(textes) and not _vient_des_donnees(textes, contexte):
            raise ErreurModele(f"{fichier} ({nom}) : un champ de fusion n'a pas été remplacé.")
        return contenu


def _compiler(ast: nodes.Template, env: SandboxedEnvironment) -> Any:
    """A template from its (possibly transformed) syntax tree; a collectivité's template gets
    its loops and concatenations bounded (:func:`missio.documents.limits.borner`)."""
    if isinstance(env, EnvironnementBorne):
        borner(ast)
    ast.set_environment(env)
    return env.template_class.from_code(env, env.compile(ast), env.make_globals(None), None)


def _rendre_borne(modele: Any, contexte: Mapping[str, Any]) -> str:
    """Render a collectivité's template under its limits: a deadline checked by every loop and
    between output chunks, and a cap on the part's size."""
    garde = Garde()
    jeton = GARDE.set(garde)
    try:
        morceaux: list[str] = []
        taille = 0
        for rang, morceau in enumerate(modele.generate(contexte)):
            taille += len(morceau)
            if taille > TAILLE_MAX:
                raise DepassementLimite(
                    "le rendu dépasse la taille maximale d'une partie "
                    f"({TAILLE_MAX:,} caractères)".replace(",", "\u202f")
                )
            if rang % 256 == 0:
                garde.verifier()
            morceaux.append(morceau)
        return "".join(morceaux)
    finally:
        GARDE.reset(jeton)


def _vient_des_donnees(textes: str, contexte: Mapping[str, Any]) -> bool:
    """Braces typed by a user (a name with "{{") are text, not a leftover placeholder."""
    donnees = repr(contexte.get("mission", ""))
    return all(m.group(0) in donnees for m in _RESIDU.finditer(textes))


__all__ = [
    "LIBRE",
    "VALEUR",
    "Champ",
    "EnTete",
    "ErreurModele",
    "Logo",
    "ModeleCompile",
    "Rendu",
    "Verificateur",
    "environnement",
]
