"""The last pass over a rendered act's body: the review box, the highlighting of « à vérifier »,
and the provenance marks read and removed.

- **Review box.** Where the template writes ``{{ encadre_revue }}`` (alone in a paragraph, at
  the top of the act), a framed box « Avant signature : … » lists the references « à vérifier »
  the act cites and the blanks it leaves to complete; an act with neither has no box.
- **Highlighting.** Every « à vérifier » of the act is highlighted (the run is split so that
  only those words are, the run's own formatting kept).
- **Provenance marks.** The marks :mod:`missio.documents.provenance` inserted are read (which template
  paragraph wrote each paragraph of the act) and removed: the act carries no trace of them.

Done on the XML text with regular expressions (a render must stay in the milliseconds); the
part is parsed only when the provenance is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from lxml import etree

from missio.documents.provenance import ParagrapheRendu
from missio.documents.releve import MARQUE, SENTINELLE_REVUE, Releve
from missio.documents.typographie import typographier

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
A_VERIFIER = "à vérifier"
_MARQUES = re.compile(rf"<!--{MARQUE}:\d+(?::\d+)?-->")
_MARQUE = re.compile(rf"^{MARQUE}:(\d+)(?::(\d+))?$")
_SENTINELLE = f"<!--{SENTINELLE_REVUE}-->"
# A run holding « à vérifier » in its single text element (docxtpl output and ours).
_RUN_A_VERIFIER = re.compile(
    r"<w:r(?: [^>]*)?>(<w:rPr/>|<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?(<w:t(?: [^>]*)?>)([^<]*?"
    + A_VERIFIER
    + r"[^<]*)</w:t></w:r>",
    re.DOTALL,
)
# Run properties after which w:highlight comes, in the schema's order (CT_RPr).
_AVANT_SURLIGNAGE = re.compile(
    r"<w:(?:u|effect|bdr|shd|fitText|vertAlign|rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)"
    r"[ />]"
)
_SURLIGNAGE = '<w:highlight w:val="yellow"/>'


def finir(
    xml: bytes, releve: Releve, avec_provenance: bool
) -> tuple[bytes, list[ParagrapheRendu] | None]:
    """The finished body part, and its paragraphs with their marks when asked."""
    texte = _placer_encadre(xml.decode("utf-8"), releve)
    if A_VERIFIER in texte:
        texte = _RUN_A_VERIFIER.sub(_surligner, texte)
    if not avec_provenance:  # a plain render's body carries no marks
        return texte.encode("utf-8"), None
    return _MARQUES.sub("", texte).encode("utf-8"), _paragraphes(texte, releve)


# --- review box ------------------------------------------------------------------------------


def _placer_encadre(texte: str, releve: Releve) -> str:
    """The paragraph holding the review box's sentinel, replaced by the box (or removed)."""
    sentinelle = texte.find(_SENTINELLE)
    if sentinelle == -1:
        return texte
    debut = max(texte.rfind("<w:p>", 0, sentinelle), texte.rfind("<w:p ", 0, sentinelle))
    fin = texte.find("</w:p>", sentinelle)
    if debut == -1 or fin == -1:
        return texte.replace(_SENTINELLE, "", 1)
    boite = encadre(releve) if releve.a_verifier or releve.a_completer else ""
    return texte[:debut] + boite + texte[fin + len("</w:p>") :]


def _paragraphe(textes: Iterable[tuple[str, bool]], garder: bool = True, apres: int = 40) -> str:
    runs = "".join(
        f'<w:r><w:rPr>{"<w:b/>" if gras else ""}<w:sz w:val="19"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(typographier(texte))}</w:t></w:r>'
        for texte, gras in textes
    )
    return (
        f"<w:p><w:pPr>{'<w:keepNext/>' if garder else ''}"
        f'<w:spacing w:before="0" w:after="{apres}"/></w:pPr>{runs}</w:p>'
    )


def encadre(releve: Releve) -> str:
    """The review box (a one-cell framed table, which never splits) and an empty paragraph."""
    lignes = [
        [
            ("Avant signature : ", True),
            ("vérifier les points suivants, puis supprimer cet encadré.", False),
        ]
    ]
    # A reference with blanks (a deliberation's number and date) is listed once, to complete.
    a_verifier = [c for c in releve.a_verifier if c not in releve.a_completer]
    if a_verifier:
        lignes.append([("Références à vérifier (non relues dans le texte officiel) :", True)])
        lignes += [[(f"– {citation}", False)] for citation in a_verifier]
    if releve.a_completer:
        lignes.append([("Informations à compléter (pointillés de l'acte) :", True)])
        lignes += [[(f"– {libelle}", False)] for libelle in releve.a_completer]
    paragraphes = "".join(
        _paragraphe(ligne, garder=i < len(lignes) - 1, apres=60 if i == 0 else 20)
        for i, ligne in enumerate(lignes)
    )
    bordures = "".join(
        f'<w:{cote} w:val="single" w:sz="8" w:space="0" w:color="B45F06"/>'
        for cote in ("top", "left", "bottom", "right")
    )
    marges = "".join(
        f'<w:{cote} w:w="120" w:type="dxa"/>' for cote in ("top", "left", "bottom", "right")
    )
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
        f"<w:tblBorders>{bordures}</w:tblBorders>"
        '<w:shd w:val="clear" w:color="auto" w:fill="FFF4D6"/><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{marges}</w:tblCellMar></w:tblPr>"
        '<w:tblGrid><w:gridCol w:w="9412"/></w:tblGrid>'
        '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="5000" w:type="pct"/>'
        f"</w:tcPr>{paragraphes}</w:tc></w:tr></w:tbl>"
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
    )


# --- highlighting --------------------------------------------------------------------------


def _surligner(m: re.Match[str]) -> str:
    proprietes, balise, texte = m.group(1) or "", m.group(2), m.group(3)
    surlignees = _avec_surlignage(proprietes)
    sortie = []
    for morceau in re.split(f"({A_VERIFIER})", texte):
        if not morceau:
            continue
        rpr = surlignees if morceau == A_VERIFIER else proprietes
        ouverture = balise if "xml:space" in balise else '<w:t xml:space="preserve">'
        sortie.append(f"<w:r>{rpr}{ouverture}{morceau}</w:t></w:r>")
    return "".join(sortie)


def _avec_surlignage(proprietes: str) -> str:
    if not proprietes or proprietes == "<w:rPr/>":
        return f"<w:rPr>{_SURLIGNAGE}</w:rPr>"
    if "<w:highlight" in proprietes:
        return proprietes
    apres = _AVANT_SURLIGNAGE.search(proprietes)
    position = apres.start() if apres else len(proprietes) - len("</w:rPr>")
    return proprietes[:position] + _SURLIGNAGE + proprietes[position:]


# --- provenance ----------------------------------------------------------------------------


def _paragraphes(texte: str, releve: Releve) -> list[ParagrapheRendu]:
    """The body's paragraphs in order, with the mark each carries (parsed once)."""
    arbre = etree.fromstring(texte.encode("utf-8"))
    corps = arbre.find(f"{_W}body")
    paragraphes: list[ParagrapheRendu] = []
    dans_encadre = False
    for index, p in enumerate((corps if corps is not None else arbre).iter(f"{_W}p")):
        numero: int | None = None
        elements: tuple[object, ...] = ()
        for noeud in p:
            if not isinstance(noeud, etree._Comment):
                continue
            m = _MARQUE.match(noeud.text or "")
            if m is not None:
                numero = int(m.group(1))
                if m.group(2) is not None:
                    elements = releve.elements[int(m.group(2))]
                break
        contenu = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        if contenu.startswith("Avant signature"):
            dans_encadre = True
        paragraphes.append(
            ParagrapheRendu(index, contenu, numero, elements, revue=dans_encadre and numero is None)
        )
        if dans_encadre and p.getparent() is not None and p.getparent().tag != f"{_W}tc":
            dans_encadre = False
    return paragraphes
