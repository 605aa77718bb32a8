"""French typography of the acts' text: no-break spaces before « ; : ! ? » and inside « », and
the agreement of « jour(s) » style plurals with their number.

Applied twice, to the same rules: by ``missio_templates.build`` to the fixed text of the default
templates, and by the rendering to every value a template writes (the mission's names, the
decision's messages, the citations), so that an act never depends on how a plugin or a user
typed a space. Kept free of heavy imports: every render calls :func:`typographier`.
"""

from __future__ import annotations

import re
from functools import lru_cache

ESPACE_FINE = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
ESPACE_INSECABLE = "\u00a0"  # no-break space: before : (Imprimerie nationale)

_SIGNES = re.compile(r"[;:!?«»(]")
# A space (or none, after a letter, a closing bracket or a guillemet) before a high sign.
_AVANT_POINT_VIRGULE = re.compile(r"(?:[ \u00a0\u202f]+|(?<=[^\W\d_]|[)\]»]))([;!?])")
# Before a colon, but never inside a time or a reference ("10:30", "http://").
_AVANT_DEUX_POINTS = re.compile(r"(?:[ \u00a0\u202f]+|(?<=[^\W\d_]|[)\]»]))(:)(?!//)")
_ENTITE = re.compile(r"&#?\w+;")
_APRES_OUVRANT = re.compile(r"«[ \u00a0\u202f]*")
_AVANT_FERMANT = re.compile(r"[ \u00a0\u202f]*»")
# « 3 jour(s) ouvré(s) », « 1 jour(s) » : plurals written for any number.
_PLURIEL_OUVERT = re.compile(r"(\d+(?:[,.]\d+)?)((?:[ \u00a0\u202f]+[^\W\d_][\w'’-]*\(s\))+)")


def _accorder(m: re.Match[str]) -> str:
    nombre = float(m.group(1).replace(",", "."))
    return m.group(1) + m.group(2).replace("(s)", "s" if nombre >= 2 else "")


def accorder_pluriels(texte: str) -> str:
    """``"3 jour(s) ouvré(s)"`` -> "3 jours ouvrés"; ``"1 jour(s)"`` -> "1 jour" (French
    agreement: the plural from 2 on)."""
    if "(s)" not in texte:
        return texte
    return _PLURIEL_OUVERT.sub(_accorder, texte)


@lru_cache(maxsize=4096)  # the same names and citations come back in every act of a mission
def typographier(texte: str) -> str:
    """French spacing of punctuation: a narrow no-break space before ; ! ? and inside « », a
    no-break space before :. Idempotent; text without these signs is returned as is, and a
    character entity a user typed (« &amp; ») is left whole."""
    if _SIGNES.search(texte) is None:
        return texte
    if "&" in texte and _ENTITE.search(texte):
        morceaux = _ENTITE.split(texte)
        entites = _ENTITE.findall(texte)
        return "".join(
            typographier(m) + (entites[i] if i < len(entites) else "")
            for i, m in enumerate(morceaux)
        )
    texte = accorder_pluriels(texte)
    texte = _AVANT_POINT_VIRGULE.sub(ESPACE_FINE + r"\1", texte)
    texte = _AVANT_DEUX_POINTS.sub(ESPACE_INSECABLE + r"\1", texte)
    texte = _APRES_OUVRANT.sub("«" + ESPACE_FINE, texte)
    return _AVANT_FERMANT.sub(ESPACE_FINE + "»", texte)


def insecable_final(titre: str) -> str:
    """A title's last two words joined by a no-break space: no line of one word at its end."""
    avant, espace, dernier = titre.rstrip().rpartition(" ")
    if not espace or not avant:
        return titre
    return f"{avant}{ESPACE_INSECABLE}{dernier}"
