"""Build the default .docx templates from their readable sources (``sources/<code>.yaml``).

``python -m missio_templates.build`` rewrites ``docx/<code>.docx``; a test fails while a
committed .docx differs from its source, so every change to an act shows as a text diff.
The output is deterministic (fixed zip timestamps and document properties).

Source format, one block per list item::

    titre: Ordre de mission           # document title (metadata)
    en_tete: "{{ employeur.nom }}"    # header line; pied: footer line
    blocs:
      - titre: ORDRE DE MISSION       # centred title
      - centre: "n° {{ mission.reference }}"
      - h: "Article 1 — Objet"        # heading
      - p: "Texte, **gras**, {{ champ }}"
      - puce: "élément de liste"
      - si: "condition Jinja"         # conditional paragraphs
        blocs: [...]
      - pour: "x in liste"            # repeated paragraphs
        blocs: [...]
      - tableau: {colonnes: [...], pour: "o in decision.obligations", cellules: [...]}
      - signature: ["ligne", "ligne"]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ICI = Path(__file__).parent
SOURCES = ICI / "sources"
DOCX = ICI / "docx"
_GRAS = re.compile(r"\*\*(.+?)\*\*")
_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _runs(paragraphe: Any, texte: str, gras: bool = False) -> None:
    """Add `texte` to a paragraph, ``**…**`` in bold; placeholders stay inside one run."""
    position = 0
    for m in _GRAS.finditer(texte):
        if m.start() > position:
            paragraphe.add_run(texte[position : m.start()]).bold = gras or None
        paragraphe.add_run(m.group(1)).bold = True
        position = m.end()
    if position < len(texte):
        paragraphe.add_run(texte[position:]).bold = gras or None


def _balise(doc: Any, balise: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag ({%p …%}): removed when rendered."""
    doc.add_paragraph(balise)


def _bloc(doc: Any, bloc: dict[str, Any]) -> None:
    (genre, valeur), *_ = bloc.items()
    if genre == "titre":
        p = doc.add_paragraph(style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(p, valeur)
    elif genre == "centre":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(p, valeur)
    elif genre == "h":
        _runs(doc.add_paragraph(style="Heading 2"), valeur)
    elif genre == "p":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _runs(p, valeur)
    elif genre == "puce":
        _runs(doc.add_paragraph(style="List Bullet"), valeur)
    elif genre == "si":
        _balise(doc, f"{{%p if {valeur} %}}")
        for sous_bloc in bloc["blocs"]:
            _bloc(doc, sous_bloc)
        if "sinon" in bloc:
            _balise(doc, "{%p else %}")
            for sous_bloc in bloc["sinon"]:
                _bloc(doc, sous_bloc)
        _balise(doc, "{%p endif %}")
    elif genre == "pour":
        _balise(doc, f"{{%p for {valeur} %}}")
        for sous_bloc in bloc["blocs"]:
            _bloc(doc, sous_bloc)
        _balise(doc, "{%p endfor %}")
    elif genre == "tableau":
        _tableau(doc, valeur)
    elif genre == "signature":
        for ligne in valeur:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _runs(p, ligne)
    else:
        raise ValueError(f"bloc inconnu : {genre}")


def _tableau(doc: Any, spec: dict[str, Any]) -> None:
    colonnes, cellules = spec["colonnes"], spec["cellules"]
    table = doc.add_table(rows=4, cols=len(colonnes))
    table.style = "Table Grid"
    for cellule, titre in zip(table.rows[0].cells, colonnes, strict=True):
        cellule.text = ""
        _runs(cellule.paragraphs[0], titre, gras=True)
    table.rows[1].cells[0].text = f"{{%tr for {spec['pour']} %}}"
    for cellule, texte in zip(table.rows[2].cells, cellules, strict=True):
        cellule.text = ""
        _runs(cellule.paragraphs[0], texte)
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph()


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    for nom, taille in (("Title", 18), ("Heading 2", 12)):
        style = doc.styles[nom]
        style.font.name = "Liberation Sans"
        style.font.size = Pt(taille)
        style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for marge in ("left_margin", "right_margin"):
        setattr(section, marge, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)


def _alleger(doc: Any) -> None:
    """Keep only what the document uses: python-docx's default template carries 780 KB of
    styles (latent styles, stylesWithEffects, a thumbnail) that every render would re-zip."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for cle, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail", "/customXml")):
                del rels[cle]
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    utilises = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    for partie in (
        doc.element,
        *(s.header._element for s in doc.sections),
        *(s.footer._element for s in doc.sections),
    ):
        for balise in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            utilises.update(e.get(qn("w:val")) for e in partie.iter(qn(balise)))
    par_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    a_voir = list(utilises)
    while a_voir:
        style = par_id.get(a_voir.pop())
        if style is None:
            continue
        for lien in ("w:basedOn", "w:link", "w:next"):
            cible = style.find(qn(lien))
            if cible is not None and cible.get(qn("w:val")) not in utilises:
                utilises.add(cible.get(qn("w:val")))
                a_voir.append(cible.get(qn("w:val")))
    for style_id, style in par_id.items():
        if style_id not in utilises:
            styles.remove(style)


def construire(source: Path) -> bytes:
    """The .docx bytes of one source file."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    if "en_tete" in spec:
        _runs(section.header.paragraphs[0], spec["en_tete"], gras=True)
    if "pied" in spec:
        pied = section.footer.paragraphs[0]
        pied.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(pied, spec["pied"])
    for bloc in spec["blocs"]:
        _bloc(doc, bloc)
    _alleger(doc)
    proprietes = doc.core_properties
    proprietes.title = spec["titre"]
    proprietes.author = proprietes.last_modified_by = "missio"
    proprietes.created = proprietes.modified = _DATE
    proprietes.revision = 1
    brut = io.BytesIO()
    doc.save(brut)
    return _deterministe(brut.getvalue())


def _deterministe(docx: bytes) -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as entree, zipfile.ZipFile(sortie, "w") as archive:
        for info in entree.infolist():
            copie = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            copie.compress_type = zipfile.ZIP_DEFLATED
            copie.external_attr = 0o644 << 16
            archive.writestr(copie, entree.read(info))
    return sortie.getvalue()


def main() -> None:
    DOCX.mkdir(exist_ok=True)
    for source in sorted(SOURCES.glob("*.yaml")):
        cible = DOCX / f"{source.stem}.docx"
        cible.write_bytes(construire(source))
        print(f"{cible.relative_to(ICI)} écrit.")


if __name__ == "__main__":
    main()
