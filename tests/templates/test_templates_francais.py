"""French formatting: dates, amounts (narrow no-break spaces), amounts in letters, articles and
prepositions before names and countries."""

from __future__ import annotations

import pytest

from missio.documents import francais as fr


def test_dates() -> None:
    assert fr.date_fr("2026-03-02") == "2 mars 2026"
    assert fr.date_fr("2026-03-01") == "1er mars 2026"
    assert fr.date_fr("2026-06-01", True) == "lundi 1er juin 2026"


def test_amounts() -> None:
    assert fr.montant_fr("1000") == "1\u202f000,00\u00a0€"
    assert fr.montant_lettres("1000") == "mille euros"
    assert fr.montant_lettres("1") == "un euro"
    assert fr.montant_lettres("1000000") == "un million d'euros"
    assert fr.montant_lettres("80.01") == "quatre-vingts euros et un centime"
    assert fr.pourcentage_fr("0.5") == "50\u00a0%"
    assert fr.liste_fr(["a", "b", "c"]) == "a, b et c"


@pytest.mark.parametrize(
    ("nom", "article", "de", "a"),
    [
        (
            "Communauté d'agglomération du Pays",
            "la Communauté d'agglomération du Pays",
            "de la Communauté d'agglomération du Pays",
            "à la Communauté d'agglomération du Pays",
        ),
        (
            "Département de la Martinique",
            "le Département de la Martinique",
            "du Département de la Martinique",
            "au Département de la Martinique",
        ),
        (
            "Agence française de développement",
            "l'Agence française de développement",
            "de l'Agence française de développement",
            "à l'Agence française de développement",
        ),
        ("Expertise France", "Expertise France", "d'Expertise France", "à Expertise France"),
        ("Montmagny", "Montmagny", "de Montmagny", "à Montmagny"),
    ],
)
def test_articles_before_names(nom: str, article: str, de: str, a: str) -> None:
    assert (fr.article(nom), fr.de(nom), fr.a(nom)) == (article, de, a)


@pytest.mark.parametrize(
    ("nom", "code", "attendu"),
    [
        ("Canada", "CA", "au Canada"),
        ("Tunisie", "TN", "en Tunisie"),
        ("Iran", "IR", "en Iran"),
        ("Honduras", "HN", "au Honduras"),
        ("Mexique", "MX", "au Mexique"),
        ("États-Unis", "US", "aux États-Unis"),
        ("Madagascar", "MG", "à Madagascar"),
    ],
)
def test_countries(nom: str, code: str, attendu: str) -> None:
    assert fr.en_pays(nom, code) == attendu
