"""DOCX rendering: docxtpl templates compiled once, rendered in a sandbox, written deterministically.

Stock docxtpl re-reads the .docx, re-patches its XML with regular expressions and re-compiles
its Jinja on every render. Here each template part (body, headers, footers) is patched by
docxtpl's own ``patch_xml`` (so its syntax holds: ``{%p %}``, ``{%tr %}``, split runs) and
compiled once, in a sandboxed, autoescaping Jinja environment with undefined names as errors.
A render only evaluates the compiled templates and zips the parts, the unchanged ones as they
are, with fixed timestamps: the same input gives byte-identical files.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from missio.errors import MissioError

_PARTIES_MODELE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_DATE_DOS = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
_RESIDU = re.compile(r"\{[{%#]|[}%#]\}")


class ErreurModele(MissioError):
    """A template cannot be loaded or rendered; the message names the file and the placeholder."""


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


def _noms_utilises(ast: nodes.Template) -> set[str]:
    return set(meta.find_undeclared_variables(ast))


class ModeleCompile:
    """One .docx template, compiled.

    :param chemin: the .docx file.
    :param env: the sandboxed environment.
    :param noms_admis: the names a template may use; any other is refused at load time.
    """

    def __init__(self, chemin: Path, env: SandboxedEnvironment, noms_admis: frozenset[str]) -> None:
        self.chemin = chemin
        try:
            with zipfile.ZipFile(chemin) as archive:
                self._parties = [(info.filename, archive.read(info)) for info in archive.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise ErreurModele(f"{chemin} : fichier .docx illisible ({exc}).") from exc
        self._modeles = {}
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
            inconnus = sorted(_noms_utilises(ast) - noms_admis)
            if inconnus:
                raise ErreurModele(
                    f"{chemin.name} ({nom}) : champ inconnu « {inconnus[0]} ». Champs admis : "
                    f"{', '.join(sorted(noms_admis))} (voir docs/modeles.md)."
                )
            self._modeles[nom] = env.from_string(source)
        # Parts without placeholders are compressed once, here, and copied as they are.
        self._fixes = {
            nom: _Entree.compresser(nom, contenu)
            for nom, contenu in self._parties
            if nom not in self._modeles
        }

    def rendre(self, contexte: Mapping[str, Any]) -> bytes:
        entrees = [
            _Entree.compresser(nom, self._rendre_partie(nom, self._modeles[nom], contexte))
            if nom in self._modeles
            else self._fixes[nom]
            for nom, _ in self._parties
        ]
        return _zipper(entrees)

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


@dataclass(frozen=True, slots=True)
class _Entree:
    """One zip member, already deflated."""

    nom: bytes
    crc: int
    taille: int
    donnees: bytes

    @classmethod
    def compresser(cls, nom: str, contenu: bytes) -> _Entree:
        compresseur = zlib.compressobj(6, zlib.DEFLATED, -15)
        donnees = compresseur.compress(contenu) + compresseur.flush()
        return cls(nom.encode("utf-8"), zlib.crc32(contenu), len(contenu), donnees)


def _zipper(entrees: list[_Entree]) -> bytes:
    """A zip archive of pre-deflated members, all dated 1980-01-01 (deterministic)."""
    morceaux, central, position = [], [], 0
    for e in entrees:
        commun = struct.pack(
            "<HHHHHIIIH", 20, 0, 8, 0, _DATE_DOS, e.crc, len(e.donnees), e.taille, len(e.nom)
        )
        entete = b"PK\x03\x04" + commun + b"\x00\x00" + e.nom
        central.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + commun
            + struct.pack("<HHHHII", 0, 0, 0, 0, 0o644 << 16, position)
            + e.nom
        )
        morceaux += [entete, e.donnees]
        position += len(entete) + len(e.donnees)
    repertoire = b"".join(central)
    fin = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(entrees), len(entrees), len(repertoire), position, 0
    )
    return b"".join([*morceaux, repertoire, fin])


def _vient_des_donnees(textes: str, contexte: Mapping[str, Any]) -> bool:
    """Braces typed by a user (a name with "{{") are text, not a leftover placeholder."""
    donnees = repr(contexte.get("mission", ""))
    return all(m.group(0) in donnees for m in _RESIDU.finditer(textes))
