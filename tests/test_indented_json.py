"""The fast indented JSON writes exactly what json.dumps(…, ensure_ascii=False, indent=n) does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from missio.documents import Redacteur
from missio.documents.indented_json import dumps
from missio.engine import Engine

EXEMPLE = Path(__file__).resolve().parent.parent / "examples" / "caesm-montmagny.json"

VALEURS: list[Any] = [
    {},
    [],
    "",
    0,
    -12,
    1.5,
    1e300,
    None,
    True,
    {'é\n"\\': "x\u2028\u0000</", "liste": [[], {}, [1, [2, {"a": None}]]], "n": 2**70},
    (1, "deux", 3.0),
    {"s": ["a", None, "", {"k": None, "v": "w\t"}], "t": "", "u": [None], "v": [""]},
    # Left to json.dumps, which writes them its own way:
    {1: "clé entière", None: 2, 2.5: 3},
    [float("nan"), float("inf")],
]


@pytest.mark.parametrize("valeur", VALEURS)
@pytest.mark.parametrize("indent", [1, 2, 4])
def test_same_text_as_json_dumps(valeur: Any, indent: int) -> None:
    assert dumps(valeur, indent) == json.dumps(valeur, ensure_ascii=False, indent=indent)


def test_a_real_provenance_is_written_byte_for_byte() -> None:
    engine = Engine()
    mission = engine.valider(EXEMPLE.read_bytes())
    decision = engine.evaluer(mission)
    redacteur = Redacteur(engine)
    for code in decision.documents:
        rendu = redacteur.rendre_detail(code, decision, mission, avec_provenance=True)
        origine = redacteur.provenance(code, rendu, decision, mission)
        assert origine["paragraphes"]
        assert dumps(origine) == json.dumps(origine, ensure_ascii=False, indent=2)


def test_an_unknown_type_is_left_to_json_dumps() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
