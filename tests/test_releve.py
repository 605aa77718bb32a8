"""What a render notes: the decision's citation of a key at a date (``reference(cle, le=…)``)
and the versions actually printed, which the provenance reports."""

from __future__ import annotations

from datetime import date

from missio.documents.releve import Releve, citeur, citeur_decision
from missio.engine import Engine

FONDEMENTS = [
    {
        "cle": "cumul.procedure",
        "texte": "Décret n° 2020-69 du 30 janvier 2020",
        "article": "art. 13",
        "en_vigueur_depuis": "2020-02-01",
        "en_vigueur_jusqu_au": "2025-01-31",
        "statut": "a_verifier",
    },
    {
        "cle": "cumul.procedure",
        "texte": "Code général de la fonction publique",
        "article": "R. 123-15",
        "en_vigueur_depuis": "2025-02-01",
        "en_vigueur_jusqu_au": None,
        "statut": "verifie",
    },
]


def test_reference_at_a_date_keeps_the_version_in_force() -> None:
    releve = Releve()
    reference = citeur_decision(FONDEMENTS, releve)
    assert reference("cumul.procedure", le="2025-03-03") == (
        "Code général de la fonction publique, art. R. 123-15"
    )
    assert reference("cumul.procedure", le=date(2024, 12, 2)) == (
        "Décret n° 2020-69 du 30 janvier 2020, art. 13 (à vérifier)"
    )
    # Without a date, or on a day the decision cites no version of the key: all of them.
    assert reference("cumul.procedure").count(" ; ") == 1
    assert reference("cumul.procedure", le="2019-01-01").count(" ; ") == 1
    assert reference("inconnue") == ""
    assert releve.a_verifier == ["Décret n° 2020-69 du 30 janvier 2020, art. 13"]
    assert [v["article"] for v in releve.citees["cumul.procedure"]] == ["R. 123-15", "art. 13"]


def test_citer_at_the_signing_day_and_the_versions_it_printed() -> None:
    referentiel = Engine().referentiel
    releve = Releve()
    # A mission straddling 1 March 2022, its act signed on 28 February 2022.
    citer = citeur(referentiel, [(date(2022, 2, 7), date(2022, 3, 25))], releve)
    assert citer("mad.conditions") == (
        "Loi n° 84-53 du 26 janvier 1984, art. 61 ; "
        "Code général de la fonction publique, art. L. 512-7"
    )
    releve = Releve()
    citer = citeur(referentiel, [(date(2022, 2, 7), date(2022, 3, 25))], releve)
    assert citer("mad.conditions", le="2022-02-28") == "Loi n° 84-53 du 26 janvier 1984, art. 61"
    assert releve.citees == {
        "mad.conditions": [
            {
                "texte": "Loi n° 84-53 du 26 janvier 1984",
                "article": "art. 61",
                "statut": "verifie_secondaire",
            }
        ]
    }
