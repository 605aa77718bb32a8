"""Review copies of the acts: each clause carries, as a Word comment in the margin, where it
comes from (the rules of the decision, the legal references with their verification status,
the mission's fields), for the lawyer who reads an act and asks « why does it say this? ».

A review copy is the act itself plus a comments part: built from the rendered act and its
provenance (:mod:`missio.documents.provenance`), so the act a collectivité signs stays free of them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Any

from lxml import etree

from missio.documents.deterministic_zip import Entree, zipper
from missio.legal import LIBELLES_STATUT

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f"{{{_W}}}"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_TYPE_COMMENTAIRES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CONTENU_COMMENTAIRES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
)
AUTEUR = "Provenance"


def _w(nom: str, **attributs: str) -> etree._Element:
    element = etree.Element(f"{_NS}{nom}", nsmap={"w": _W})
    for cle, valeur in attributs.items():
        element.set(f"{_NS}{cle}", valeur)
    return element


def lignes_commentaire(ligne: Mapping[str, Any]) -> list[str]:
    """The comment's lines for one paragraph of the act's provenance (French)."""
    lignes: list[str] = []
    regles = ligne.get("regles") or []
    if regles:
        lignes.append(
            "Règle : "
            + " ; ".join(
                f"{r['regle']}"
                + (f" ({r['titre']})" if r.get("titre") else "")
                + (f" [{r['plugin']}]" if r.get("plugin") else "")
                for r in regles
            )
        )
    for reference in ligne.get("references") or []:
        citation = reference["texte"] + (
            f", {reference['article']}" if reference.get("article") else ""
        )
        statut = LIBELLES_STATUT.get(reference["statut"], reference["statut"])
        lignes.append(f"Référence « {reference['cle']} » : {citation} ({statut})")
    if ligne.get("champs"):
        lignes.append("Données de la mission : " + ", ".join(ligne["champs"]))
    elements = [e for e in ligne.get("decision") or [] if ":" in e or e == "dispositif"]
    if elements:
        lignes.append("Éléments de la décision : " + ", ".join(elements))
    return lignes


def copie_de_relecture(docx: bytes, provenance: Mapping[str, Any]) -> bytes:
    """The act with one margin comment per paragraph whose provenance is known."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parties = [(i.filename, archive.read(i)) for i in archive.infolist()]
    contenus = dict(parties)
    document = etree.fromstring(contenus["word/document.xml"])
    corps = document.find(f"{_NS}body")
    paragraphes = list((corps if corps is not None else document).iter(f"{_NS}p"))
    commentaires = _w("comments")
    identifiant = 0
    for ligne in provenance["paragraphes"]:
        lignes = lignes_commentaire(ligne)
        if not lignes or ligne["index"] >= len(paragraphes):
            continue
        _commenter(paragraphes[ligne["index"]], identifiant, lignes, commentaires)
        identifiant += 1
    if not identifiant:
        return docx
    contenus["word/document.xml"] = _xml(document)
    contenus["word/comments.xml"] = _xml(commentaires)
    rels = etree.fromstring(contenus["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels,
        f"{{{_RELS}}}Relationship",
        Id="rIdMissioRelecture",
        Type=_TYPE_COMMENTAIRES,
        Target="comments.xml",
    )
    contenus["word/_rels/document.xml.rels"] = _xml(rels)
    types = etree.fromstring(contenus["[Content_Types].xml"])
    etree.SubElement(
        types,
        f"{{{_TYPES}}}Override",
        PartName="/word/comments.xml",
        ContentType=_CONTENU_COMMENTAIRES,
    )
    contenus["[Content_Types].xml"] = _xml(types)
    noms = [nom for nom, _ in parties] + ["word/comments.xml"]
    return zipper([Entree.compresser(nom, contenus[nom]) for nom in noms])


def _xml(element: etree._Element) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True))


def _commenter(
    paragraphe: etree._Element, identifiant: int, lignes: list[str], commentaires: etree._Element
) -> None:
    numero = str(identifiant)
    proprietes = paragraphe.find(f"{_NS}pPr")
    debut = _w("commentRangeStart", id=numero)
    if proprietes is not None:
        proprietes.addnext(debut)
    else:
        paragraphe.insert(0, debut)
    paragraphe.append(_w("commentRangeEnd", id=numero))
    reference = _w("r")
    reference.append(_w("commentReference", id=numero))
    paragraphe.append(reference)
    commentaire = _w("comment", id=numero, author=AUTEUR, initials="P")
    for texte in lignes:
        p = etree.SubElement(commentaire, f"{_NS}p")
        r = etree.SubElement(p, f"{_NS}r")
        t = etree.SubElement(r, f"{_NS}t")
        t.text = texte
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    commentaires.append(commentaire)
