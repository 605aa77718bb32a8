"""A deterministic zip writer: pre-deflated members, all dated 1980-01-01.

``zipfile`` stamps members with the current time, so the same input would give different
bytes; here every member carries a fixed date and the same compression, and a template's
unchanged parts are deflated once, at load, then copied into every render as they are.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_DATE_DOS = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold


@dataclass(frozen=True, slots=True)
class Entree:
    """One zip member, already deflated."""

    nom: bytes
    crc: int
    taille: int
    donnees: bytes

    @classmethod
    def compresser(cls, nom: str, contenu: bytes) -> Entree:
        # The same deflate stream as compressobj(6, DEFLATED, -15): level 6, raw, memLevel 8.
        donnees = zlib.compress(contenu, 6, -15)
        return cls(nom.encode("utf-8"), zlib.crc32(contenu), len(contenu), donnees)


def zipper(entrees: list[Entree]) -> bytes:
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
