"""DOCX rendering: docxtpl templates compiled once, checked, rendered in a sandbox, written
deterministically.

Stock docxtpl re-reads the .docx, re-patches its XML with regular expressions and re-compiles
its Jinja on every render. Here each template part (body, headers, footers) is patched by
docxtpl's own ``patch_xml`` (so its syntax holds: ``{%p %}``, ``{%tr %}``, split runs) and
compiled once, in a sandboxed, autoescaping Jinja environment with undefined names as errors.
At load time every name, attribute path and literal argument a template uses is checked
against the fields the context offers (:class:`~missio.verification_modeles.Verificateur`), so
a broken override is refused before any act is written. A render only evaluates the compiled
templates and zips the parts, the unchanged ones as they are, with fixed timestamps
(:mod:`missio.zip_deterministe`): the same input gives byte-identical files. A logo, when
given, is added once per template as a picture part (:mod:`missio.logo`, what docxtpl's
``InlineImage`` does per render).

This module compiles and renders; the names a caller needs to build a :class:`ModeleCompile`
(``Champ``, ``Verificateur``, ``Logo``…) are re-exported from it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from missio.erreurs_documents import ErreurModele
from missio.logo import Logo, ajouter_logo
from missio.verification_modeles import LIBRE, VALEUR, Champ, Verificateur
from missio.zip_deterministe import Entree, zipper

_PARTIES_MODELE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_RESIDU = re.compile(r"\{[{%#]|[}%#]\}")


def environnement(filtres: Mapping[str, Callable[..., Any]]) -> SandboxedEnvironment:
    """The Jinja environment of every template: sandboxed, autoescaped for XML, strict."""
    env = SandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
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


class ModeleCompile:
    """One .docx template, compiled and checked.

    :param chemin: the .docx file.
    :param env: the sandboxed environment.
    :param verificateur: what the context offers; any other name or path is refused at load.
    :param logo: a letterhead picture, added to the parts that use ``{{ logo }}``.
    """

    def __init__(
        self,
        chemin: Path,
        env: SandboxedEnvironment,
        verificateur: Verificateur,
        logo: Logo | None = None,
    ) -> None:
        self.chemin = chemin
        try:
            with zipfile.ZipFile(chemin) as archive:
                self._parties = [(info.filename, archive.read(info)) for info in archive.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise ErreurModele(f"{chemin} : fichier .docx illisible ({exc}).") from exc
        _verifier_xml(chemin, self._parties)
        self._modeles: dict[str, Any] = {}
        avec_logo: set[str] = set()
        for nom, contenu in self._parties:
            if not _PARTIES_MODELE.match(nom):
                continue
            texte = contenu.decode("utf-8")
            if "{{" not in texte and "{%" not in texte:
                continue
            source = _patcher(etree.tostring(etree.fromstring(contenu), encoding="unicode"))
            try:
                ast = env.parse(source)
            except TemplateSyntaxError as exc:
                raise ErreurModele(
                    f"{chemin.name} ({nom}) : erreur de syntaxe dans un champ de fusion : "
                    f"{exc.message}."
                ) from exc
            erreurs = verificateur.erreurs(ast)
            if erreurs:
                raise ErreurModele(f"{chemin.name} ({nom}) : {erreurs[0]} (voir docs/modeles.md).")
            if "logo" in meta.find_undeclared_variables(ast):
                avec_logo.add(nom)
            self._modeles[nom] = env.from_string(source)
        if logo is not None and avec_logo:
            ajouter_logo(self._parties, avec_logo, logo)
        # Parts without placeholders are compressed once, here, and copied as they are.
        self._fixes = {
            nom: Entree.compresser(nom, contenu)
            for nom, contenu in self._parties
            if nom not in self._modeles
        }

    def rendre(self, contexte: Mapping[str, Any]) -> bytes:
        entrees = [
            Entree.compresser(nom, self._rendre_partie(nom, self._modeles[nom], contexte))
            if nom in self._modeles
            else self._fixes[nom]
            for nom, _ in self._parties
        ]
        return zipper(entrees)

    def _rendre_partie(self, nom: str, modele: Any, contexte: Mapping[str, Any]) -> bytes:
        try:
            xml: str = modele.render(contexte)
        except UndefinedError as exc:
            raise ErreurModele(
                f"{self.chemin.name} ({nom}) : champ sans valeur : {exc.message}."
            ) from exc
        except SecurityError as exc:
            raise ErreurModele(
                f"{self.chemin.name} ({nom}) : opération interdite : {exc}."
            ) from exc
        except LookupError as exc:
            raise ErreurModele(f"{self.chemin.name} ({nom}) : {exc}.") from exc
        try:
            arbre = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise ErreurModele(
                f"{self.chemin.name} ({nom}) : le rendu n'est pas du XML valide ({exc})."
            ) from exc
        textes = "".join(arbre.itertext())
        if _RESIDU.search(textes) and not _vient_des_donnees(textes, contexte):
            raise ErreurModele(
                f"{self.chemin.name} ({nom}) : un champ de fusion n'a pas été remplacé."
            )
        return xml.encode("utf-8")


def _vient_des_donnees(textes: str, contexte: Mapping[str, Any]) -> bool:
    """Braces typed by a user (a name with "{{") are text, not a leftover placeholder."""
    donnees = repr(contexte.get("mission", ""))
    return all(m.group(0) in donnees for m in _RESIDU.finditer(textes))


__all__ = [
    "LIBRE",
    "VALEUR",
    "Champ",
    "ErreurModele",
    "Logo",
    "ModeleCompile",
    "Verificateur",
    "environnement",
]
