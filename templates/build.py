"""Build the default .docx templates from their readable sources (``sources/<code>.yaml``).

``python -m missio_templates.build`` rewrites ``docx/<code>.docx``; a test fails while a
committed .docx differs from its source, so every change to an act shows as a text diff.
The output is deterministic (fixed zip timestamps and document properties).

Every document shares one style (fonts, margins, colours), one letterhead (the collectivité's
logo when the engine has one, and its name) and one footer (title, reference, page number).
Files whose name starts with ``_`` hold blocks shared by several documents (``inclure``).

Source format, one block per list item::

    titre: Ordre de mission           # document title (metadata and footer)
    en_tete: "…"                      # header line (default: logo and collectivité's name)
    pied: "…"                         # footer line (default: title and mission reference)
    blocs:
      - titre: ORDRE DE MISSION       # centred title
      - centre: "n° {{ mission.reference }}"
      - h: "Article 1 — Objet"        # heading
      - p: "Texte, **gras**, {{ champ }}"
      - note: "texte en petit, en italique"
      - puce: "élément de liste"
      - si: "condition Jinja"         # conditional paragraphs ({%p if %}), optional sinon
        blocs: [...]
      - pour: "x in liste"            # repeated paragraphs ({%p for %})
        blocs: [...]
      - tableau: {colonnes: [...], pour: "o in decision.obligations", cellules: [...]}
      - grille: [["Libellé", "valeur"], {si: "condition", cellules: ["…", "…"]}]
      - signature: ["ligne", "ligne"]          # right-aligned
      - signatures: [["gauche", …], ["droite", …]]   # side by side, for conventions
      - saut_page: true
      - inclure: nom                  # the blocks `nom` of sources/_communs.yaml
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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ICI = Path(__file__).parent
SOURCES = ICI / "sources"
DOCX = ICI / "docx"
_GRAS = re.compile(r"\*\*(.+?)\*\*")
_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# The letterhead: the logo (empty without one) in its own run, then the collectivité's name.
EN_TETE = "{{ logo }}**{{ employeur.nom }}**"


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


def _communs() -> dict[str, list[dict[str, Any]]]:
    chemin = SOURCES / "_communs.yaml"
    if not chemin.exists():
        return {}
    communs: dict[str, list[dict[str, Any]]] = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    return communs


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
    elif genre == "note":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _runs(p, valeur)
        for run in p.runs:
            run.italic = True
            run.font.size = Pt(9)
    elif genre == "puce":
        _runs(doc.add_paragraph(style="List Bullet"), valeur)
    elif genre == "inclure":
        for sous_bloc in _communs()[valeur]:
            _bloc(doc, sous_bloc)
    elif genre == "saut_page":
        doc.add_page_break()
    elif genre == "grille":
        _grille(doc, valeur)
    elif genre == "signatures":
        _signatures(doc, valeur)
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


def _grille(doc: Any, lignes: list[Any]) -> None:
    """A static two-or-more-column table; a row ``{si: cond, cellules: […]}`` is conditional."""
    largeur = max(len(x if isinstance(x, list) else x["cellules"]) for x in lignes)
    table = doc.add_table(rows=0, cols=largeur)
    table.style = "Table Grid"

    def rangee(cellules: list[str], gras_premiere: bool = True) -> None:
        for i, (cellule, texte) in enumerate(zip(table.add_row().cells, cellules, strict=False)):
            cellule.text = ""
            _runs(cellule.paragraphs[0], texte, gras=gras_premiere and i == 0)

    for ligne in lignes:
        if isinstance(ligne, list):
            rangee(ligne)
        else:
            table.add_row().cells[0].text = f"{{%tr if {ligne['si']} %}}"
            rangee(ligne["cellules"])
            table.add_row().cells[0].text = "{%tr endif %}"
    doc.add_paragraph()


def _signatures(doc: Any, colonnes: list[list[str]]) -> None:
    """Signature blocks side by side (a borderless table, one row per line), as conventions
    are signed."""
    hauteur = max(len(lignes) for lignes in colonnes)
    table = doc.add_table(rows=hauteur, cols=len(colonnes))
    for j, lignes in enumerate(colonnes):
        for i, ligne in enumerate(lignes):
            p = table.rows[i].cells[j].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, ligne)
    doc.add_paragraph()


def _numero_de_page(paragraphe: Any) -> None:
    """A PAGE field: the word processor writes the page number."""
    champ = OxmlElement("w:fldSimple")
    champ.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    texte = OxmlElement("w:t")
    texte.text = "1"
    run.append(texte)
    champ.append(run)
    paragraphe._p.append(champ)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for nom, taille in (("Title", 17), ("Heading 2", 11.5)):
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
    _runs(section.header.paragraphs[0], spec.get("en_tete", EN_TETE), gras=True)
    pied = section.footer.paragraphs[0]
    pied.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(pied, spec.get("pied", f"{spec['titre']} — réf. {{{{ mission.reference }}}} — page "))
    for run in pied.runs:
        run.font.size = Pt(8)
    _numero_de_page(pied)
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


def sources() -> list[Path]:
    """The documents' sources (files starting with ``_`` hold shared blocks)."""
    return sorted(s for s in SOURCES.glob("*.yaml") if not s.name.startswith("_"))


def main() -> None:
    DOCX.mkdir(exist_ok=True)
    for source in sources():
        cible = DOCX / f"{source.stem}.docx"
        cible.write_bytes(construire(source))
        print(f"{cible.relative_to(ICI)} écrit.")


if __name__ == "__main__":
    main()
