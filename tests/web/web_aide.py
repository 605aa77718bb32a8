"""Helpers of the web page's tests: the tenants' tokens, a mission as a posted form."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[2]
POLITIQUES = RACINE / "plugins" / "collectivite_custom" / "politiques"
JETON_CAESM = "jeton-de-test-caesm-0123456789"
JETON_GPS = "jeton-de-test-gps-0123456789ab"
# The example's personal data, which must never reach a log line.
NOM, PRENOM, NAISSANCE, SIGNATAIRE = "Rosier", "Line", "1988-05-14", "André Lesueur"


def a_plat(donnees: Any, prefixe: str = "") -> list[tuple[str, str]]:
    """A mission's JSON as the form posts it: one (input name, text) pair per field."""
    if isinstance(donnees, dict):
        paires: list[tuple[str, str]] = []
        for cle, valeur in donnees.items():
            paires += a_plat(valeur, f"{prefixe}.{cle}" if prefixe else cle)
        return paires
    if isinstance(donnees, list) and all(isinstance(v, dict) for v in donnees):
        return [p for i, v in enumerate(donnees) for p in a_plat(v, f"{prefixe}[{i}]")]
    if isinstance(donnees, list):
        return [(prefixe, "\n".join(map(str, donnees)))]
    if donnees is None:
        return [(prefixe, "")]
    if isinstance(donnees, bool):
        return [(prefixe, "true" if donnees else "false")]
    return [(prefixe, str(donnees))]


def page_json(texte: str) -> dict[str, Any]:
    """The mission JSON a decision page carries for its downloads."""
    trouve = re.search(r'name="mission" value="([^"]*)"', texte)
    assert trouve, "the decision page carries its mission"
    return dict(json.loads(html.unescape(trouve.group(1))))
