"""The letterhead logo: a PNG or JPEG read once, drawn where a template writes ``{{ logo }}``.

What docxtpl's ``InlineImage`` does per render is done here once per template: the picture
part, its content type and a relationship for every part that shows it are added to the
template's parts when it is compiled, and a render only inserts the drawing's XML. Separate
from compilation because it is OOXML packaging, not templating.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from markupsafe import Markup

from missio.documents.errors import ErreurModele

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


def ajouter_logo(parties: list[tuple[str, bytes]], utilisatrices: set[str], logo: Logo) -> None:
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
