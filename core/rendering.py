"""DOCX rendering: docxtpl templates compiled once, checked, rendered in a sandbox, written
deterministically.

Stock docxtpl re-reads the .docx, re-patches its XML with regular expressions and re-compiles
its Jinja on every render. Here each template part (body, headers, footers) is patched by
docxtpl's own ``patch_xml`` (so its syntax holds: ``{%p %}``, ``{%tr %}``, split runs) and
compiled once, in a sandboxed, autoescaping Jinja environment with undefined names as errors.
At load time every name, attribute path and literal argument a template uses is checked
against the fields the context offers (:class:`Verificateur`), so a broken override is refused
before any act is written. A render only evaluates the compiled templates and zips the parts,
the unchanged ones as they are, with fixed timestamps: the same input gives byte-identical
files. A logo, when given, is added once per template as a picture part (what docxtpl's
``InlineImage`` does per render).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

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


# --- load-time checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Champ:
    """What a template may read under a name: an object's fields, a list's items, a value, or
    anything (``libre``: free-form data such as ``mission.extensions``)."""

    proprietes: Mapping[str, Champ] | None = None
    elements: Champ | None = None
    libre: bool = False
    description: str = ""
    type: str = ""


LIBRE = Champ(libre=True)
VALEUR = Champ()
# Filters that keep a list a list of the same items, and those that return one of its items.
_FILTRES_LISTE = frozenset({"selectattr", "rejectattr", "sort", "reverse", "list", "unique"})
_FILTRES_ELEMENT = frozenset({"first", "last", "min", "max", "random"})
_METHODES_DICT = frozenset({"get", "items", "keys", "values"})


@dataclass
class Verificateur:
    """Checks a compiled template against the context's fields, at load time.

    :param racines: the names of the context and what each holds.
    :param retours: what a context function returns (``obligation(code)`` -> an obligation).
    :param arguments: for functions whose first argument is usually a literal (``citer('…')``),
        a check of that literal returning a French message, or None when it is fine.
    """

    racines: Mapping[str, Champ]
    retours: Mapping[str, Champ] = field(default_factory=dict)
    arguments: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)

    def erreurs(self, ast: nodes.Template) -> list[str]:
        trouvees: list[str] = []
        inconnus = sorted(set(meta.find_undeclared_variables(ast)) - set(self.racines))
        if inconnus:
            admis = ", ".join(sorted(self.racines))
            return [f"champ inconnu « {inconnus[0]} ». Champs admis : {admis}"]
        _Parcours(self, trouvees).bloc(ast.body, {})
        return trouvees


class _Parcours:
    """One walk over a template's syntax tree, with the names loops and ``set`` bind."""

    def __init__(self, verificateur: Verificateur, erreurs: list[str]) -> None:
        self.v = verificateur
        self.erreurs = erreurs

    def bloc(self, corps: list[nodes.Node], portee: dict[str, Champ]) -> None:
        for noeud in corps:
            self.instruction(noeud, portee)

    def instruction(self, noeud: nodes.Node, portee: dict[str, Champ]) -> None:
        if isinstance(noeud, nodes.For):
            source = self.type(noeud.iter, portee)
            interieure = dict(portee, loop=LIBRE)
            self._lier(noeud.target, source.elements or LIBRE, interieure)
            if noeud.test is not None:
                self.type(noeud.test, interieure)
            self.bloc(noeud.body, interieure)
            self.bloc(noeud.else_, portee)
        elif isinstance(noeud, nodes.Assign):
            self._lier(noeud.target, self.type(noeud.node, portee), portee)
        elif isinstance(noeud, nodes.AssignBlock):
            self.bloc(noeud.body, portee)
            self._lier(noeud.target, LIBRE, portee)
        elif isinstance(noeud, nodes.With):
            interieure = dict(portee)
            for cible, valeur in zip(noeud.targets, noeud.values, strict=True):
                self._lier(cible, self.type(valeur, portee), interieure)
            self.bloc(noeud.body, interieure)
        elif isinstance(noeud, nodes.Macro | nodes.CallBlock):
            interieure = dict(portee, caller=LIBRE)
            for argument in noeud.args:
                interieure[argument.name] = LIBRE
            if isinstance(noeud, nodes.Macro):
                portee[noeud.name] = LIBRE
            else:
                self.type(noeud.call, portee)
            self.bloc(noeud.body, interieure)
        elif isinstance(noeud, nodes.Expr):
            self.type(noeud, portee)
        else:
            for enfant in noeud.iter_child_nodes():
                self.instruction(enfant, portee)

    def _lier(self, cible: nodes.Node, champ: Champ, portee: dict[str, Champ]) -> None:
        if isinstance(cible, nodes.Name):
            portee[cible.name] = champ
        else:
            for nom in cible.find_all(nodes.Name):
                portee[nom.name] = LIBRE

    def type(self, noeud: nodes.Node, portee: dict[str, Champ]) -> Champ:
        """What `noeud` evaluates to, reporting unknown paths on the way."""
        if isinstance(noeud, nodes.Name):
            return portee.get(noeud.name) or self.v.racines.get(noeud.name, LIBRE)
        if isinstance(noeud, nodes.Getattr):
            return self._attribut(self.type(noeud.node, portee), noeud.attr, noeud)
        if isinstance(noeud, nodes.Getitem):
            parent = self.type(noeud.node, portee)
            if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str):
                return self._attribut(parent, noeud.arg.value, noeud)
            self.type(noeud.arg, portee)
            return parent.elements or LIBRE
        if isinstance(noeud, nodes.Filter):
            parent = self.type(noeud.node, portee) if noeud.node is not None else LIBRE
            self._arguments(noeud, portee)
            if noeud.name in _FILTRES_LISTE and parent.elements is not None:
                return parent
            if noeud.name in _FILTRES_ELEMENT and parent.elements is not None:
                return parent.elements
            return parent if noeud.name == "default" else LIBRE
        if isinstance(noeud, nodes.Call):
            self._arguments(noeud, portee)
            if isinstance(noeud.node, nodes.Name):
                verifier = self.v.arguments.get(noeud.node.name)
                premier = noeud.args[0] if noeud.args else None
                if verifier and isinstance(premier, nodes.Const) and isinstance(premier.value, str):
                    message = verifier(premier.value)
                    if message:
                        self.erreurs.append(message)
                return self.v.retours.get(noeud.node.name, LIBRE)
            self.type(noeud.node, portee)
            return LIBRE
        if isinstance(noeud, nodes.CondExpr):
            if noeud.test is not None:
                self.type(noeud.test, portee)
            oui = self.type(noeud.expr1, portee)
            if noeud.expr2 is not None:
                self.type(noeud.expr2, portee)
            return oui
        for enfant in noeud.iter_child_nodes():
            self.type(enfant, portee)
        return LIBRE

    def _arguments(self, noeud: nodes.Filter | nodes.Call, portee: dict[str, Champ]) -> None:
        for argument in [*noeud.args, *(k.value for k in noeud.kwargs)]:
            self.type(argument, portee)
        for dynamique in (noeud.dyn_args, noeud.dyn_kwargs):
            if dynamique is not None:
                self.type(dynamique, portee)

    def _attribut(self, parent: Champ, nom: str, noeud: nodes.Node) -> Champ:
        if parent.libre:
            return LIBRE
        if parent.elements is not None:
            self.erreurs.append(
                f"« {_chemin(noeud)} » : « {_chemin(noeud, parent_seul=True)} » est une liste, "
                "parcourez-la avec {% for … in … %} ou {%tr for … %}"
            )
            return LIBRE
        if parent.proprietes is None:
            return LIBRE  # a string or a date: its methods are the sandbox's business
        if nom in parent.proprietes:
            return parent.proprietes[nom]
        if nom in _METHODES_DICT:
            return LIBRE
        self.erreurs.append(
            f"champ inconnu « {_chemin(noeud)} ». Champs de « {_chemin(noeud, parent_seul=True)} »"
            f" : {', '.join(sorted(parent.proprietes))}"
        )
        return LIBRE


def _chemin(noeud: nodes.Node, parent_seul: bool = False) -> str:
    """``mission.agent.nom`` for a Getattr chain (``…`` where it is not a plain path)."""
    if parent_seul and isinstance(noeud, nodes.Getattr | nodes.Getitem):
        return _chemin(noeud.node)
    if isinstance(noeud, nodes.Name):
        return noeud.name
    if isinstance(noeud, nodes.Getattr):
        return f"{_chemin(noeud.node)}.{noeud.attr}"
    if isinstance(noeud, nodes.Getitem) and isinstance(noeud.arg, nodes.Const):
        return f"{_chemin(noeud.node)}.{noeud.arg.value}"
    if isinstance(noeud, nodes.Call):
        return f"{_chemin(noeud.node)}(…)"
    return "…"


# --- logo ------------------------------------------------------------------------------------

_EMU_PAR_CM = 360_000
_ID_LOGO = "rIdMissioLogo"
_TYPE_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class Logo:
    """A PNG or JPEG picture for the letterhead, sized to `largeur_cm` wide."""

    contenu: bytes
    extension: str
    largeur: int
    hauteur: int

    @classmethod
    def lire(cls, chemin: Path, largeur_cm: float = 3.0) -> Logo:
        try:
            contenu = chemin.read_bytes()
        except OSError as exc:
            raise ErreurModele(f"{chemin} : logo illisible ({exc.strerror}).") from None
        taille = _taille_image(contenu)
        if taille is None:
            raise ErreurModele(f"{chemin.name} : le logo doit être une image PNG ou JPEG.")
        extension = "png" if contenu.startswith(b"\x89PNG") else "jpeg"
        largeur = int(largeur_cm * _EMU_PAR_CM)
        return cls(contenu, extension, largeur, largeur * taille[1] // taille[0])

    @property
    def media(self) -> str:
        return f"word/media/missio_logo.{self.extension}"

    def xml(self) -> Markup:
        """The run content docxtpl's InlineImage writes: close the text run, draw, reopen."""
        return Markup(
            '</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            f'<wp:extent cx="{self.largeur}" cy="{self.hauteur}"/>'
            '<wp:docPr id="9001" name="Logo"/><wp:cNvGraphicFramePr><a:graphicFrameLocks '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="logo"/><pic:cNvPicPr/>'
            '</pic:nvPicPr><pic:blipFill><a:blip r:embed="' + _ID_LOGO + '" xmlns:r="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch>'
            '<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{self.largeur}" cy="{self.hauteur}"/></a:xfrm><a:prstGeom prst="rect">'
            "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
            '</wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
        )


def _taille_image(contenu: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG or JPEG, read from its header."""
    if contenu.startswith(b"\x89PNG\r\n\x1a\n") and len(contenu) >= 24:
        largeur, hauteur = struct.unpack(">II", contenu[16:24])
        return (largeur, hauteur) if largeur and hauteur else None
    if contenu.startswith(b"\xff\xd8"):
        position = 2
        while position + 9 < len(contenu):
            if contenu[position] != 0xFF:
                return None
            marqueur = contenu[position + 1]
            longueur = struct.unpack(">H", contenu[position + 2 : position + 4])[0]
            if marqueur in (0xC0, 0xC1, 0xC2):
                hauteur, largeur = struct.unpack(">HH", contenu[position + 5 : position + 9])
                return (largeur, hauteur) if largeur and hauteur else None
            position += 2 + longueur
    return None


def _ajouter_logo(parties: list[tuple[str, bytes]], utilisatrices: set[str], logo: Logo) -> None:
    """Add the picture, its content type and a relationship for every part that shows it."""
    index = {nom: i for i, (nom, _) in enumerate(parties)}
    for partie in sorted(utilisatrices):
        dossier, _, fichier = partie.rpartition("/")
        chemin_rels = f"{dossier}/_rels/{fichier}.rels"
        if chemin_rels in index:
            racine = etree.fromstring(parties[index[chemin_rels]][1])
        else:
            racine = etree.Element(f"{{{_RELS}}}Relationships", nsmap={None: _RELS})
        etree.SubElement(
            racine,
            f"{{{_RELS}}}Relationship",
            Id=_ID_LOGO,
            Type=_TYPE_IMAGE,
            Target=logo.media.removeprefix("word/"),
        )
        contenu = etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)
        if chemin_rels in index:
            parties[index[chemin_rels]] = (chemin_rels, contenu)
        else:
            parties.append((chemin_rels, contenu))
    types = etree.fromstring(parties[index["[Content_Types].xml"]][1])
    if not any(d.get("Extension") == logo.extension for d in types):
        etree.SubElement(
            types,
            f"{{{_TYPES}}}Default",
            Extension=logo.extension,
            ContentType="image/jpeg" if logo.extension == "jpeg" else "image/png",
        )
        parties[index["[Content_Types].xml"]] = (
            "[Content_Types].xml",
            etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
        )
    parties.append((logo.media, logo.contenu))


# --- compiled templates ----------------------------------------------------------------------


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
            _ajouter_logo(self._parties, avec_logo, logo)
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
