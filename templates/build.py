"""Build the default .docx templates from their readable sources (``sources/<code>.yaml``).

``python -m missio_templates.build`` rewrites ``docx/<code>.docx``; a test fails while a
committed .docx differs from its source, so every change to an act shows as a text diff.
The output is deterministic (fixed zip timestamps and document properties).

Every document shares one style (fonts, margins, colours), one letterhead (the collectivité's
logo beside its name; also built alone as ``docx/en_tete.docx``, the one file a collectivité
edits to change the letterhead of every act) and one footer (title, reference, « page N / M »).
Each act opens with the place of its review box (``{{ encadre_revue }}``: « Avant signature »,
filled at render time with the references « à vérifier » and the blanks of the act).
Files whose name starts with ``_`` hold blocks shared by several documents (``inclure``).

Fixed text gets French typography here (no-break spaces before « ; : ! ? » and inside « »,
:mod:`missio.documents.typographie`), as every value does at render time; a title's last word never
stands alone on its line. ``[[libellé]]`` is a blank the signer completes, listed in the review
box (``[[libellé|40]]``: 40 dots long); plain dots (``………``) are filled at signature (place,
date, number of the act). ``source:`` on a block declares where its paragraphs come from (a
rule, references, mission fields) for the act's provenance; what a paragraph cites with
``citer`` and the fields it reads are found without it.

Source format, one block per list item::

    titre: Ordre de mission           # document title (metadata and footer)
    en_tete: "…"                      # header line (default: logo and collectivité's name)
    pied: "…"                         # footer line (default: title and mission reference)
    blocs:
      - titre: ORDRE DE MISSION       # centred title
      - centre: "n° {{ mission.reference }}"
      - h: "Article 1 — Objet"        # heading
      - p: "Texte, **gras**, {{ champ }}"
      - ligne: "Fonctions : [[fonctions]]"  # a form's line, left-aligned
      - note: "texte en petit, en italique"
      - puce: "élément de liste"
      - si: "condition Jinja"         # conditional paragraphs ({%p if %}), optional sinon
        blocs: [...]
      - pour: "x in liste"            # repeated paragraphs ({%p for %})
        blocs: [...]
      - tableau: {colonnes: [...], pour: "o in decision.obligations", cellules: [...]}
      - grille: [["Libellé", "valeur"], {si: "condition", cellules: ["…", "…"]}]
      - signature: ["Fait à …", "qualité", "---", "nom"]   # right; "---": room to sign
      - signatures: [["gauche", …], ["droite", …]]   # side by side, for conventions
      - saut_page: true
      - inclure: nom                  # the blocks `nom` of sources/_communs.yaml
      - definir: "signe = …"          # a name the blocks after it read ({%p set %})
    # any paragraph block may add:  source: {regle: code, cles: [cle], champs: [mission.x]}
"""

from __future__ import annotations

import datetime as dt
import io
import json
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

from missio.documents.typographie import insecable_final, typographier

ICI = Path(__file__).parent
SOURCES = ICI / "sources"
DOCX = ICI / "docx"
EN_TETE_DOCX = DOCX / "en_tete.docx"
_GRAS = re.compile(r"\*\*(.+?)\*\*")
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})", re.DOTALL)
_BLANC = re.compile(r"\[\[(.+?)(?:\|(\d+))?\]\]")
_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PLACE_SIGNATURE = "---"
# Room left to sign, above the signatory's name.
_ESPACE_SIGNATURE = Pt(54)


def _blancs(texte: str) -> str:
    """``[[date de la demande]]`` -> a call leaving a blank listed in the review box."""

    def appel(m: re.Match[str]) -> str:
        longueur = f", {m.group(2)}" if m.group(2) else ""
        return f"{{{{ a_completer({json.dumps(m.group(1), ensure_ascii=False)}{longueur}) }}}}"

    return _BLANC.sub(appel, texte)


def typographie(texte: str) -> str:
    """French typography of a source's fixed text, placeholders left as they are."""
    morceaux = _JINJA.split(_blancs(texte))
    return "".join(m if i % 2 else typographier(m) for i, m in enumerate(morceaux))


def _runs(paragraphe: Any, texte: str, gras: bool = False) -> None:
    """Add `texte` to a paragraph, ``**…**`` in bold; placeholders stay inside one run."""
    texte = typographie(texte)
    position = 0
    for m in _GRAS.finditer(texte):
        if m.start() > position:
            paragraphe.add_run(texte[position : m.start()]).bold = gras or None
        paragraphe.add_run(m.group(1)).bold = True
        position = m.end()
    if position < len(texte):
        paragraphe.add_run(texte[position:]).bold = gras or None


def _source(paragraphe: Any, source: dict[str, Any] | None) -> None:
    """The block's declared provenance, as a hidden call that writes nothing."""
    if not source:
        return
    arguments = ", ".join(
        f"{cle}={json.dumps(valeur, ensure_ascii=False)}" for cle, valeur in sorted(source.items())
    )
    run = paragraphe.add_run(f"{{{{ source({arguments}) }}}}")
    run.font.hidden = True


def _titre(texte: str) -> str:
    """No line of one word at a title's end: its last two literal words are joined."""
    morceaux = _JINJA.split(texte)
    if morceaux and morceaux[-1].strip():
        morceaux[-1] = insecable_final(morceaux[-1])
    return "".join(morceaux)


def _communs() -> dict[str, list[dict[str, Any]]]:
    chemin = SOURCES / "_communs.yaml"
    if not chemin.exists():
        return {}
    communs: dict[str, list[dict[str, Any]]] = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    return communs


def _balise(doc: Any, balise: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag ({%p …%}): removed when rendered."""
    doc.add_paragraph(balise)


def _fusion(source: dict[str, Any] | None, autre: dict[str, Any] | None) -> dict[str, Any] | None:
    """A block's declared provenance with the one its enclosing block declares."""
    if not source or not autre:
        return source or autre
    fusion = dict(source)
    for cle, valeurs in autre.items():
        existant = fusion.get(cle, [])
        existant = existant if isinstance(existant, list) else [existant]
        ajout = valeurs if isinstance(valeurs, list) else [valeurs]
        fusion[cle] = existant + [v for v in ajout if v not in existant]
    return fusion


def _bloc(doc: Any, bloc: dict[str, Any], heritee: dict[str, Any] | None = None) -> None:
    (genre, valeur), *_ = bloc.items()
    source = _fusion(bloc.get("source"), heritee)
    p = None
    if genre == "titre":
        p = doc.add_paragraph(style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        _runs(p, _titre(valeur))
    elif genre == "centre":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        _runs(p, valeur)
    elif genre == "h":
        p = doc.add_paragraph(style="Heading 2")
        _runs(p, _titre(valeur))
    elif genre == "p":
        p = doc.add_paragraph()
        # Justified, unless it holds a blank: a line of dots would stretch its words apart.
        a_remplir = "[[" in valeur or "……" in valeur
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if a_remplir else WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.keep_with_next = bool(bloc.get("suivant"))
        _runs(p, valeur)
    elif genre == "ligne":  # a line of a form: left-aligned, never stretched
        p = doc.add_paragraph()
        _runs(p, valeur)
    elif genre == "note":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _runs(p, valeur)
        for run in p.runs:
            run.italic = True
            run.font.size = Pt(9)
    elif genre == "puce":
        p = doc.add_paragraph(style="List Bullet")
        _runs(p, valeur)
    elif genre == "definir":  # a name the following blocks use ({%p set … %}: no paragraph)
        _balise(doc, f"{{%p set {valeur} %}}")
    elif genre == "inclure":
        for sous_bloc in _communs()[valeur]:
            _bloc(doc, sous_bloc, source)
    elif genre == "saut_page":
        doc.add_page_break()
    elif genre == "grille":
        _grille(doc, valeur)
    elif genre == "signatures":
        _signatures(doc, valeur)
    elif genre == "si":
        _balise(doc, f"{{%p if {valeur} %}}")
        for sous_bloc in bloc["blocs"]:
            _bloc(doc, sous_bloc, source)
        if "sinon" in bloc:
            _balise(doc, "{%p else %}")
            for sous_bloc in bloc["sinon"]:
                _bloc(doc, sous_bloc, source)
        _balise(doc, "{%p endif %}")
    elif genre == "pour":
        _balise(doc, f"{{%p for {valeur} %}}")
        for sous_bloc in bloc["blocs"]:
            _bloc(doc, sous_bloc, source)
        _balise(doc, "{%p endfor %}")
    elif genre == "tableau":
        _tableau(doc, valeur)
    elif genre == "signature":
        _signatures(doc, [valeur], a_droite=True)
    else:
        raise ValueError(f"bloc inconnu : {genre}")
    if p is not None:
        _source(p, source)


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
    _largeurs(table, spec.get("largeurs"))
    for rangee in table.rows:
        _insecable(rangee)
    _entete_repete(table.rows[0])
    doc.add_paragraph()


def _largeurs(table: Any, largeurs: list[float] | None) -> None:
    """Column widths in cm (Word and LibreOffice read them on the cells)."""
    if not largeurs:
        return
    table.autofit = False
    for rangee in table.rows:
        for cellule, largeur in zip(rangee.cells, largeurs, strict=False):
            cellule.width = Cm(largeur)


def _grille(doc: Any, lignes: list[Any]) -> None:
    """A static two-or-more-column table; a row ``{si: cond, cellules: […]}`` is conditional."""
    largeur = max(len(x if isinstance(x, list) else x["cellules"]) for x in lignes)
    table = doc.add_table(rows=0, cols=largeur)
    table.style = "Table Grid"

    def rangee(cellules: list[str], gras_premiere: bool = True) -> None:
        nouvelle = table.add_row()
        _insecable(nouvelle)
        for i, (cellule, texte) in enumerate(zip(nouvelle.cells, cellules, strict=False)):
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


def _insecable(rangee: Any) -> None:
    """A table row that never splits across two pages."""
    proprietes = rangee._tr.get_or_add_trPr()
    proprietes.append(OxmlElement("w:cantSplit"))


def _entete_repete(rangee: Any) -> None:
    rangee._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _sans_bordure(table: Any) -> None:
    proprietes = table._tbl.tblPr
    bordures = OxmlElement("w:tblBorders")
    for cote in ("top", "left", "bottom", "right", "insideH", "insideV"):
        bord = OxmlElement(f"w:{cote}")
        bord.set(qn("w:val"), "nil")
        bordures.append(bord)
    proprietes.append(bordures)


def _signatures(doc: Any, colonnes: list[list[str]], a_droite: bool = False) -> None:
    """Signature blocks: one borderless table row that never splits, a column per signatory,
    each block's lines kept together; ``---`` leaves the room to sign (above the name).
    A single block (an act's signatory) sits on the right half of the page."""
    largeurs = [Cm(6.6), Cm(10.0)] if a_droite else [Cm(16.6 / len(colonnes))] * len(colonnes)
    table = doc.add_table(rows=1, cols=2 if a_droite else len(colonnes))
    _sans_bordure(table)
    _insecable(table.rows[0])
    cellules = table.rows[0].cells[1:] if a_droite else table.rows[0].cells
    for cellule, largeur in zip(table.rows[0].cells, largeurs, strict=True):
        cellule.width = largeur
    for cellule, lignes in zip(cellules, colonnes, strict=True):
        premier = True
        espace = False
        for ligne in lignes:
            if ligne == PLACE_SIGNATURE:
                espace = True
                continue
            p = cellule.paragraphs[0] if premier else cellule.add_paragraph()
            premier = False
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_after = Pt(2)
            if espace:
                p.paragraph_format.space_before = _ESPACE_SIGNATURE
                espace = False
            _runs(p, ligne)
        if espace:
            cellule.paragraphs[-1].paragraph_format.space_after = _ESPACE_SIGNATURE
    _apres_tableau(doc)


def _apres_tableau(doc: Any) -> None:
    """The paragraph a table needs after it, too small to start a page of its own, and kept
    with what follows (the authority's signature stays with the agent's acknowledgement)."""
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(2)
    p.add_run().font.size = Pt(1)


def _champ(paragraphe: Any, instruction: str) -> None:
    """A field the word processor computes (PAGE, NUMPAGES), in the footer's size."""
    champ = OxmlElement("w:fldSimple")
    champ.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    proprietes = OxmlElement("w:rPr")
    taille = OxmlElement("w:sz")
    taille.set(qn("w:val"), "16")
    proprietes.append(taille)
    run.append(proprietes)
    texte = OxmlElement("w:t")
    texte.text = "1"
    run.append(texte)
    champ.append(run)
    paragraphe._p.append(champ)


def _numero_de_page(paragraphe: Any) -> None:
    """« page N / M »."""
    _champ(paragraphe, "PAGE")
    paragraphe.add_run(" / ").font.size = Pt(8)
    _champ(paragraphe, "NUMPAGES")


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
        style.paragraph_format.keep_with_next = True
    normal.paragraph_format.widow_control = True
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


def _en_tete(section: Any) -> None:
    """The letterhead: the logo beside the collectivité's name (the name alone without a
    logo), over a thin rule."""
    en_tete = section.header
    en_tete.is_linked_to_previous = False
    en_tete.paragraphs[0].text = "{%p if logo %}"
    table = en_tete.add_table(rows=1, cols=2, width=Cm(16.6))
    _sans_bordure(table)
    logo, nom = table.rows[0].cells
    logo.width, nom.width = Cm(3.6), Cm(13.0)
    logo.paragraphs[0].add_run("{{ logo }}")
    _nom_collectivite(nom.paragraphs[0])
    centre = OxmlElement("w:vAlign")
    centre.set(qn("w:val"), "center")
    nom._tc.get_or_add_tcPr().append(centre)
    en_tete.add_paragraph("{%p else %}")
    _nom_collectivite(en_tete.add_paragraph())
    en_tete.add_paragraph("{%p endif %}")
    filet = en_tete.add_paragraph()
    filet.paragraph_format.space_after = Pt(6)
    bas = OxmlElement("w:pBdr")
    ligne = OxmlElement("w:bottom")
    for cle, valeur in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "1F2A44")):
        ligne.set(qn(f"w:{cle}"), valeur)
    bas.append(ligne)
    filet._p.get_or_add_pPr().append(bas)


def _nom_collectivite(paragraphe: Any) -> None:
    run = paragraphe.add_run("{{ employeur.nom }}")
    run.bold = True
    run.font.size = Pt(12.5)
    run.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)


def _pied(section: Any, texte: str) -> None:
    pied = section.footer.paragraphs[0]
    pied.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(pied, texte)
    for run in pied.runs:
        run.font.size = Pt(8)
    _numero_de_page(pied)


def _proprietes(doc: Any, titre: str) -> None:
    """Neutral properties (the render writes the act's title and the collectivité's name)."""
    proprietes = doc.core_properties
    proprietes.title = titre
    proprietes.author = proprietes.last_modified_by = ""
    proprietes.comments = ""
    proprietes.created = proprietes.modified = _DATE
    proprietes.revision = 1


def _document(titre: str) -> Any:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    _en_tete(section)
    _proprietes(doc, titre)
    return doc


def construire(source: Path) -> bytes:
    """The .docx bytes of one source file."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc = _document(spec["titre"])
    section = doc.sections[0]
    _pied(section, spec.get("pied", f"{spec['titre']} — réf. {{{{ mission.reference }}}} — page "))
    if spec.get("revue", True):
        doc.add_paragraph("{{ encadre_revue }}")
    for bloc in spec["blocs"]:
        _bloc(doc, bloc)
    _alleger(doc)
    return _enregistrer(doc)


def construire_en_tete() -> bytes:
    """``en_tete.docx``: the letterhead alone, the one file a collectivité edits to change the
    letterhead of every act (its page header is used; its body is not)."""
    doc = _document("En-tête des actes")
    for ligne in (
        "En-tête commun des actes",
        "L'en-tête de page de ce document (logo, nom et coordonnées de la collectivité) remplace "
        "celui de tous les actes lorsque ce fichier est placé, sous le nom en_tete.docx, dans le "
        "dossier des modèles de la collectivité. Le corps de ce document n'est pas utilisé.",
        "Le champ {{ logo }} place le logo passé au moteur ; {{ employeur.nom }} écrit le nom de "
        "la collectivité.",
    ):
        doc.add_paragraph(ligne)
    _alleger(doc)
    return _enregistrer(doc)


def _enregistrer(doc: Any) -> bytes:
    brut = io.BytesIO()
    doc.save(brut)
    return _deterministe(brut.getvalue())


# python-docx's default template says it was written by « Microsoft Macintosh Word ».
_APPLICATION = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<DocSecurity>0</DocSecurity></Properties>"
)


def _deterministe(docx: bytes) -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as entree, zipfile.ZipFile(sortie, "w") as archive:
        for info in entree.infolist():
            copie = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            copie.compress_type = zipfile.ZIP_DEFLATED
            copie.external_attr = 0o644 << 16
            contenu = _APPLICATION if info.filename == "docProps/app.xml" else entree.read(info)
            archive.writestr(copie, contenu)
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
    EN_TETE_DOCX.write_bytes(construire_en_tete())
    print(f"{EN_TETE_DOCX.relative_to(ICI)} écrit.")


if __name__ == "__main__":
    main()
