"""The parts every act shares whoever wrote its template: the collectivité's letterhead and the
document's properties.

- **Letterhead.** A collectivité overrides its letterhead once, with an ``en_tete.docx`` in its
  templates folder (edited in Word like any act): its page header (text, fields, pictures)
  replaces the header of every act, default or overridden, when the templates are loaded.
- **Properties.** The DOCX core properties name the act and the collectivité (title, author,
  subject) instead of the library or the person who edited the template; their dates are the
  mission's procedure date, so the same mission still gives byte-identical files.

OOXML packaging only (parts, relationships, content types), as :mod:`missio.documents.logo`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from lxml import etree

from missio.documents.errors import ErreurModele

FICHIER_EN_TETE = "en_tete.docx"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_TYPE_EN_TETE = f"{_R}/header"
_CONTENU_EN_TETE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_ID_EN_TETE = "rIdMissioEnTete"
_TYPES_MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}


def _lire(parties: dict[str, bytes], nom: str) -> etree._Element:
    return etree.fromstring(parties[nom])


def _rels_de(partie: str) -> str:
    chemin = PurePosixPath(partie)
    return str(chemin.parent / "_rels" / f"{chemin.name}.rels")


def _cible(partie_source: str, cible: str) -> str:
    """The part name a relationship of `partie_source` points to."""
    if cible.startswith("/"):
        return cible[1:]
    parties: list[str] = []
    for morceau in [*PurePosixPath(partie_source).parent.parts, *PurePosixPath(cible).parts]:
        if morceau == "..":
            parties.pop()
        elif morceau != ".":
            parties.append(morceau)
    return "/".join(parties)


def en_tete_principal(parties: dict[str, bytes]) -> str | None:
    """The part name of the document's default page header, if it has one."""
    document = _lire(parties, "word/document.xml")
    reference = next(
        (
            r
            for r in document.iter(f"{{{_W}}}headerReference")
            if r.get(f"{{{_W}}}type", "default") == "default"
        ),
        None,
    )
    if reference is None:
        return None
    rels = _lire(parties, "word/_rels/document.xml.rels")
    identifiant = reference.get(f"{{{_R}}}id")
    for rel in rels:
        if rel.get("Id") == identifiant:
            return _cible("word/document.xml", rel.get("Target", ""))
    return None


@dataclass(frozen=True)
class EnTete:
    """A collectivité's letterhead: its page header, with the pictures it shows."""

    chemin: Path
    xml: bytes
    rels: bytes | None
    medias: tuple[tuple[str, bytes], ...]

    @classmethod
    def lire(cls, chemin: Path) -> EnTete:
        try:
            with zipfile.ZipFile(chemin) as archive:
                parties = {i.filename: archive.read(i) for i in archive.infolist()}
        except (OSError, zipfile.BadZipFile) as exc:
            raise ErreurModele(f"{chemin.name} : fichier .docx illisible ({exc}).") from exc
        try:
            nom = en_tete_principal(parties) if "word/document.xml" in parties else None
        except etree.XMLSyntaxError as exc:
            raise ErreurModele(f"{chemin.name} : XML invalide ({exc}).") from exc
        if nom is None or nom not in parties:
            raise ErreurModele(
                f"{chemin.name} : ce document n'a pas d'en-tête de page ; écrivez l'en-tête de "
                "la collectivité dans l'en-tête (Insertion > En-tête) du document."
            )
        rels_nom = _rels_de(nom)
        rels = parties.get(rels_nom)
        medias: list[tuple[str, bytes]] = []
        if rels is not None:
            racine = etree.fromstring(rels)
            for rel in racine:
                if rel.get("TargetMode") == "External":
                    continue
                cible = _cible(nom, rel.get("Target", ""))
                if cible in parties and not cible.endswith(".xml"):
                    nouveau = f"word/media/en_tete_{PurePosixPath(cible).name}"
                    medias.append((nouveau, parties[cible]))
                    rel.set("Target", nouveau.removeprefix("word/"))
            rels = etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)
        return cls(chemin, parties[nom], rels, tuple(medias))

    def appliquer(self, parties: list[tuple[str, bytes]]) -> str:
        """Put this letterhead in a template's parts (in place); the header part's name."""
        index = {nom: i for i, (nom, _) in enumerate(parties)}
        contenus = dict(parties)
        nom = en_tete_principal(contenus)
        if nom is None:
            nom = "word/header_en_tete.xml"
            _referencer(parties, index, contenus)
            _type(parties, index, override=(f"/{nom}", _CONTENU_EN_TETE))
            index = {n: i for i, (n, _) in enumerate(parties)}
        _mettre(parties, index, nom, self.xml)
        rels_nom = _rels_de(nom)
        if self.rels is not None:
            _mettre(parties, index, rels_nom, self.rels)
        elif rels_nom in index:
            vide = etree.Element(f"{{{_RELS}}}Relationships", nsmap={None: _RELS})
            _mettre(
                parties,
                index,
                rels_nom,
                etree.tostring(vide, xml_declaration=True, encoding="UTF-8", standalone=True),
            )
        for media, contenu in self.medias:
            _mettre(parties, {n: i for i, (n, _) in enumerate(parties)}, media, contenu)
            extension = media.rsplit(".", 1)[-1].lower()
            _type(
                parties,
                {n: i for i, (n, _) in enumerate(parties)},
                defaut=(extension, _TYPES_MEDIA.get(extension, "application/octet-stream")),
            )
        return nom


def _mettre(
    parties: list[tuple[str, bytes]], index: dict[str, int], nom: str, contenu: bytes
) -> None:
    if nom in index:
        parties[index[nom]] = (nom, contenu)
    else:
        parties.append((nom, contenu))


def _referencer(
    parties: list[tuple[str, bytes]], index: dict[str, int], contenus: dict[str, bytes]
) -> None:
    """Give a document without page header one (relationship and section reference)."""
    rels = etree.fromstring(contenus["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels,
        f"{{{_RELS}}}Relationship",
        Id=_ID_EN_TETE,
        Type=_TYPE_EN_TETE,
        Target="header_en_tete.xml",
    )
    _mettre(
        parties,
        index,
        "word/_rels/document.xml.rels",
        etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True),
    )
    document = etree.fromstring(contenus["word/document.xml"])
    sections = list(document.iter(f"{{{_W}}}sectPr"))
    if not sections:
        corps = document.find(f"{{{_W}}}body")
        if corps is None:
            return
        sections = [etree.SubElement(corps, f"{{{_W}}}sectPr")]
    for section in sections:
        reference = etree.Element(f"{{{_W}}}headerReference")
        reference.set(f"{{{_W}}}type", "default")
        reference.set(f"{{{_R}}}id", _ID_EN_TETE)
        section.insert(0, reference)
    _mettre(
        parties,
        index,
        "word/document.xml",
        etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True),
    )


def _type(
    parties: list[tuple[str, bytes]],
    index: dict[str, int],
    override: tuple[str, str] | None = None,
    defaut: tuple[str, str] | None = None,
) -> None:
    types = etree.fromstring(parties[index["[Content_Types].xml"]][1])
    if override and not any(e.get("PartName") == override[0] for e in types):
        etree.SubElement(
            types, f"{{{_TYPES}}}Override", PartName=override[0], ContentType=override[1]
        )
    if defaut and not any(e.get("Extension", "").lower() == defaut[0] for e in types):
        etree.SubElement(types, f"{{{_TYPES}}}Default", Extension=defaut[0], ContentType=defaut[1])
    parties[index["[Content_Types].xml"]] = (
        "[Content_Types].xml",
        etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
    )


PROPRIETES = "docProps/core.xml"


def proprietes(titre: str) -> bytes:
    """The core properties of an act, as a template part: the act's title and the collectivité
    (title, subject, author), dated at the mission's procedure date (deterministic)."""
    titre_xml = escape(titre)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://'
        'purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://'
        'www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{titre_xml} — {{{{ employeur.nom }}}}</dc:title>"
        f"<dc:subject>{titre_xml}, mission {{{{ mission.reference }}}}</dc:subject>"
        "<dc:creator>{{ employeur.nom }}</dc:creator>"
        "<cp:keywords>{{ mission.reference }}</cp:keywords>"
        "<cp:lastModifiedBy>{{ employeur.nom }}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">{{ dates.procedure }}T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">{{ dates.procedure }}T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()
