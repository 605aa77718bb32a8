"""Read-only copies of the plain data that plugins share: a mission's extensions, parameters.

Every plugin of an engine sees the same mission, the same parameters and the same engine
registries, one after the other, and the caller keeps its own data: a plugin that changed any of
them would change what the next plugin, the caller or a later mission sees. The mission's models
are frozen; the plain JSON values inside (``extensions``, parameter values such as
``{"valeur": 7, "unite": "jours_calendaires"}``) are frozen here, once, by copy.

The frozen containers are ``dict`` and ``list`` subclasses, so that ``isinstance``, ``==``,
``repr`` (the trace prints parameter values), ``json.dumps`` and pydantic read them exactly as
the plain values; every method that would change them raises ``TypeError``. ``copy.deepcopy``
gives a plain, mutable copy to a plugin that wants one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, NoReturn


def _refuser(objet: object) -> NoReturn:
    raise TypeError(
        f"{type(objet).__name__} : données partagées entre les plugins, en lecture seule "
        "(copy.deepcopy en donne une copie modifiable)."
    )


class DictFige(dict[Any, Any]):
    """A ``dict`` that refuses every change."""

    __slots__ = ()

    def __setitem__(self, cle: Any, valeur: Any) -> None:
        _refuser(self)

    def __delitem__(self, cle: Any) -> None:
        _refuser(self)

    def __ior__(self, autre: Any) -> DictFige:  # type: ignore[misc]
        _refuser(self)

    def clear(self) -> None:
        _refuser(self)

    def pop(self, *args: Any) -> Any:
        _refuser(self)

    def popitem(self) -> tuple[Any, Any]:
        _refuser(self)

    def setdefault(self, *args: Any) -> Any:
        _refuser(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        _refuser(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {cle: copy.deepcopy(valeur, memo) for cle, valeur in self.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (DictFige, (dict(self),))


class ListeFigee(list[Any]):
    """A ``list`` that refuses every change."""

    __slots__ = ()

    def __setitem__(self, index: Any, valeur: Any) -> None:
        _refuser(self)

    def __delitem__(self, index: Any) -> None:
        _refuser(self)

    def __iadd__(self, autre: Any) -> ListeFigee:  # type: ignore[misc]
        _refuser(self)

    def __imul__(self, n: Any) -> ListeFigee:  # type: ignore[misc]
        _refuser(self)

    def append(self, valeur: Any) -> None:
        _refuser(self)

    def extend(self, valeurs: Any) -> None:
        _refuser(self)

    def insert(self, index: Any, valeur: Any) -> None:
        _refuser(self)

    def pop(self, *args: Any) -> Any:
        _refuser(self)

    def remove(self, valeur: Any) -> None:
        _refuser(self)

    def clear(self) -> None:
        _refuser(self)

    def sort(self, *args: Any, **kwargs: Any) -> None:
        _refuser(self)

    def reverse(self) -> None:
        _refuser(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(valeur, memo) for valeur in self]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ListeFigee, (list(self),))


def geler(valeur: Any) -> Any:
    """A read-only deep copy of plain data (mappings, lists, tuples, sets); other values (texts,
    numbers, dates, frozen models) are immutable already and returned as they are."""
    if isinstance(valeur, DictFige | ListeFigee | str | bytes | int | float):
        return valeur
    if isinstance(valeur, Mapping):
        return DictFige({cle: geler(v) for cle, v in valeur.items()})
    if isinstance(valeur, list):
        return ListeFigee([geler(v) for v in valeur])
    if isinstance(valeur, tuple):
        return tuple(geler(v) for v in valeur)
    if isinstance(valeur, set | frozenset):
        return frozenset(geler(v) for v in valeur)
    if isinstance(valeur, bytearray):
        return bytes(valeur)
    return valeur
