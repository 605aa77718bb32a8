"""Détachement (short and long term) and disponibilité: consequences on the post, pay and
reintegration; the agent's request for a détachement."""

from __future__ import annotations

import pytest
from outils_templates import moteur, rendre, texte

from missio.documents import Redacteur


@pytest.fixture(scope="module")
def redacteur() -> Redacteur:
    return Redacteur(moteur())


def test_short_detachement(redacteur: Redacteur) -> None:
    actes = {c: texte(b) for c, b in rendre(redacteur, "detachement_courte").items()}
    t = actes["arrete_detachement"]
    assert "ARRÊTÉ PORTANT DÉTACHEMENT DE COURTE DURÉE" in t
    assert "du 6 avril 2026 au 29 janvier 2027 inclus" in t
    # Art. 8: number read in a centre de gestion's guide (verifie_secondaire, December 2026).
    assert "Décret n° 86-68 du 13 janvier 1986, art. 8" in t and "art. 8 (à vérifier)" not in t
    assert "l'intéressée est obligatoirement réintégrée dans son emploi" in t
    assert "n'est pas renouvelable" in t
    assert "préavis de trois mois, sauf faute grave" in t
    assert "l'agent est rémunéré par l'organisme d'accueil" in t
    # Expertise France: 9° b), the one case cited, under the convention drafted beside.
    assert "Décret n° 86-68 du 13 janvier 1986, art. 2, 9° b), relatif au cas de détachement" in t
    assert "art. 2, relatif aux cas" not in t
    assert "la convention préalable de détachement conclue le ……" in t
    # A détachement places the agent OUTSIDE the cadre d'emplois (CGFP L. 513-1).
    assert "demeure dans son cadre d'emplois" not in t
    assert "l'intéressée est placée hors de son cadre d'emplois d'origine" in t
    assert "continue d'y bénéficier de ses droits à l'avancement et à la retraite" in t
    # Expertise France, a French public body acting abroad, is not « implanté sur le territoire
    # d'un État étranger »: the agent stays affiliated (L. 513-4), missio's reading marked.
    assert "L'intéressée reste affiliée, pendant son détachement, à la Caisse nationale" in t
    assert "art. L. 513-4 et L. 513-6 (à vérifier)" in t
    assert "réglementation de la Caisse nationale" not in t
    # No amount without the mission's: pay comes from the host's own rules.
    assert "€" not in t
    demande = actes["accord_agent"]
    assert "DEMANDE DE DÉTACHEMENT ET ACCORD DE L'AGENT" in demande
    assert (
        "demande à être placée en détachement de courte durée auprès d'Expertise France" in demande
    )
    assert "mon emploi ne sera pas pourvu" in demande


def test_long_detachement(redacteur: Redacteur) -> None:
    actes = {c: texte(b) for c, b in rendre(redacteur, "detachement_longue").items()}
    t = actes["arrete_detachement"]
    assert "ARRÊTÉ PORTANT DÉTACHEMENT DE LONGUE DURÉE" in t
    assert "L'emploi de l'agent peut être pourvu" in t
    assert "à la première vacance d'un emploi de son grade" in t and "centre de gestion" in t
    assert "renouvelé par périodes de cinq ans au plus" in t
    assert "mon emploi pourra être pourvu" in actes["accord_agent"]


def test_disponibilite(redacteur: Redacteur) -> None:
    t = texte(rendre(redacteur, "disponibilite", "arrete_disponibilite")["arrete_disponibilite"])
    assert "MISE EN DISPONIBILITÉ POUR CONVENANCES PERSONNELLES" in t
    assert (
        "placée, sur sa demande, en disponibilité pour convenances personnelles du 6 avril 2026 au 29 janvier 2027"
        in t
    )
    assert "auprès de l'Association Saint-Louis Propre" in t
    assert "n'est plus rémunéré par la collectivité" in t
    assert "contrôle déontologique" in t
    assert "trois mois au moins avant son terme, soit au plus tard le 30 octobre 2026" in t
    assert "dix ans sur l'ensemble de la carrière" in t
    assert "radiée des cadres" in t
