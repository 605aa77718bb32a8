"""The plugin facade: the only code that touches pluggy's ``hook`` object.

Plugins come through one door: the ``missio`` entry-point group (built-ins included), plus
plugins passed explicitly (tests, a collectivité's own engine). ``MISSIO_LOAD_PLUGINS`` (comma-
separated entry-point names) restricts autoloading; ``MISSIO_TRACE_PLUGINS=1`` prints every hook
call and its result on stderr.

Unlike a bare pluggy call, the facade calls implementations one at a time in plugin name order
(pluggy's LIFO order would make outputs depend on load order) and lets the engine isolate a
plugin that raises.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points, version
from typing import Any

import attrs
import pluggy

from missio import PROJECT_NAME, __version__, hookspecs
from missio.errors import ErreurPlugin


@attrs.frozen(slots=True)
class InfoPlugin:
    """What ``missio plugins`` shows of a plugin."""

    nom: str
    version: str
    origine: str  # distribution name, or "explicite" for a plugin passed by code
    description: str


@attrs.frozen(slots=True)
class Implementation:
    plugin: str
    fonction: Callable[..., Any]
    arguments: tuple[str, ...]

    trace: bool = False  # MISSIO_TRACE_PLUGINS, read once when the plugins are loaded

    def appeler(self, **kwargs: Any) -> Any:
        resultat = self.fonction(**{nom: kwargs[nom] for nom in self.arguments})
        if self.trace:
            print(
                f"[missio] {self.plugin}.{self.fonction.__name__} -> {resultat!r}", file=sys.stderr
            )
        return resultat


def _entry_points() -> list[EntryPoint]:
    points = sorted(entry_points(group=PROJECT_NAME), key=lambda ep: ep.name)
    choisis = os.environ.get("MISSIO_LOAD_PLUGINS")
    if choisis is not None:
        noms = {nom.strip() for nom in choisis.split(",") if nom.strip()}
        points = [ep for ep in points if ep.name in noms]
    return points


def _version_distribution(point: EntryPoint) -> tuple[str, str]:
    dist = point.dist
    if dist is None:
        return "inconnue", "inconnue"
    nom = dist.metadata["Name"]
    return nom, dist.version or version(nom)


class Plugins:
    """The loaded plugins of one engine and typed access to their hooks."""

    def __init__(self, explicites: Iterable[object] = (), *, autoload: bool = True) -> None:
        self._pm = pluggy.PluginManager(PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._infos: dict[str, InfoPlugin] = {}
        if autoload:
            for point in _entry_points():
                try:
                    plugin = point.load()
                except Exception as exc:
                    raise ErreurPlugin(
                        f"Le plugin « {point.name} » ({point.value}) ne peut pas être chargé : "
                        f"{type(exc).__name__} : {exc}"
                    ) from exc
                distribution, version_dist = _version_distribution(point)
                self._ajouter(plugin, point.name, version_dist, distribution)
        for plugin in explicites:
            nom = getattr(plugin, "PLUGIN_NAME", None) or getattr(plugin, "__name__", None)
            if not nom:
                raise ErreurPlugin(f"Le plugin {plugin!r} n'a pas de nom (attribut PLUGIN_NAME).")
            self._ajouter(
                plugin, str(nom), str(getattr(plugin, "__version__", "locale")), "explicite"
            )
        self._cache: dict[str, tuple[Implementation, ...]] = {}
        self._trace = bool(os.environ.get("MISSIO_TRACE_PLUGINS"))

    def _ajouter(self, plugin: object, nom: str, version_: str, origine: str) -> None:
        if nom in self._infos:
            raise ErreurPlugin(
                f"Deux plugins portent le nom « {nom} » ({self._infos[nom].origine} et {origine})."
            )
        try:
            self._pm.register(plugin, name=nom)
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            raise ErreurPlugin(f"Le plugin « {nom} » est invalide : {exc}") from exc
        self._infos[nom] = InfoPlugin(
            nom, version_, origine, (getattr(plugin, "__doc__", "") or "").strip().split("\n")[0]
        )

    def implementations(self, hook: str) -> tuple[Implementation, ...]:
        """The implementations of `hook`, sorted by plugin name (cached: plugins never change)."""
        trouve = self._cache.get(hook)
        if trouve is None:
            impls = getattr(self._pm.hook, hook).get_hookimpls()
            trouve = tuple(
                sorted(
                    (
                        Implementation(i.plugin_name, i.function, tuple(i.argnames), self._trace)
                        for i in impls
                    ),
                    key=lambda impl: impl.plugin,
                )
            )
            self._cache[hook] = trouve
        return trouve

    def declarations(self, hook: str) -> Iterator[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        """Call a ``register``-style hook; yield ``(plugin, args, kwargs)`` per registration."""
        for impl in self.implementations(hook):
            recues: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

            def register(*args: Any, _recues: list[Any] = recues, **kwargs: Any) -> None:
                _recues.append((args, kwargs))

            try:
                impl.appeler(register=register)
            except Exception as exc:
                raise ErreurPlugin(
                    f"Le plugin « {impl.plugin} » a échoué dans {hook} : {type(exc).__name__} : {exc}"
                ) from exc
            for args, kwargs in recues:
                yield impl.plugin, args, kwargs

    def infos(self) -> list[InfoPlugin]:
        infos = dict(self._infos)
        for impl in self.implementations("missio_plugin_info"):
            donnees = impl.appeler() or {}
            ancien = infos[impl.plugin]
            infos[impl.plugin] = InfoPlugin(
                impl.plugin,
                str(donnees.get("version", ancien.version)),
                ancien.origine,
                str(donnees.get("description", ancien.description)),
            )
        return [infos[nom] for nom in sorted(infos)]

    def versions(self) -> dict[str, str]:
        versions = {"missio": __version__}
        versions.update({info.nom: info.version for info in self.infos()})
        return versions
