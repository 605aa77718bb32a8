"""Hook specifications: what a missio plugin may implement.

A plugin is a module (or object) with functions marked ``@missio.hookimpl`` whose names are
among the hooks below; it registers through the ``missio`` entry-point group, built-in plugins
included. It may implement any subset, and may omit parameters it does not use (pluggy passes
only the arguments an implementation names).

No hook is ``firstresult``: the engine calls every implementation, one at a time, in plugin
name order, and isolates failures (see :mod:`missio.plugins`): an exception in any hook names
the plugin and the hook, and a value outside the hook's contract (checked by
:mod:`missio.returns`) is refused like one. Hooks return values; they cannot modify their
arguments: the mission, its extensions, the parameters and the engine's registries are
read-only (:mod:`missio.frozen`).

Each hook has a heading in ``docs/plugins/hooks.md`` and a ``test_hook_<name>`` test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from missio import PROJECT_NAME

if TYPE_CHECKING:
    from missio.context import Contexte
    from missio.engine import Engine
    from missio.findings import Finding
    from missio.models import Mission

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def missio_findings(mission: Mission, contexte: Contexte) -> Sequence[Finding] | None:
    """Return this plugin's findings for one validated mission.

    :param mission: the validated mission, frozen.
    :param contexte: derived facts (employer's calendar, volume in working days, parameters,
        validated extensions, evaluation date).
    :returns: findings (:mod:`missio.findings`) citing stable keys of declared legal sources;
        an empty list (or None) when nothing applies.

    Implemented by rule plugins. An exception, or a finding outside the contract (a dispositif,
    payer or level outside the vocabulary, a text that is not a text, a deadline that is not a
    date), is recorded as a blocage ``erreur_plugin`` naming the plugin and the rule (through
    :class:`missio.rules.ErreurDeRegle` or the finding's ``regle``); none of that plugin's
    findings is kept, the other plugins still run and no act is rendered from that decision.
    """


@hookspec
def missio_legal_sources(register: Callable[..., None]) -> None:
    """Declare the legal sources this plugin cites.

    :param register: call ``register(path)`` with a YAML file of sources, or
        ``register(mapping)`` with the same data (``{cle: {intitule, versions}}``, see
        :mod:`missio.legal`). Validated at engine construction; a key declared by two plugins
        is an error naming both.

    Implemented by rule plugins, and by any plugin whose findings cite a key.
    """


@hookspec
def missio_rules(register: Callable[..., None]) -> None:
    """Declare the rules this plugin may fire, for ``missio plugins``, coverage and the trace.

    :param register: call ``register(code=, titre=, cite=(keys…), statut=)`` once per rule
        (:meth:`missio.rules.Regles.declarer` does it for a rule set). ``statut`` is the rule's
        own verification mark; the trace shows the weaker of it and its articles' marks.
    """


@hookspec
def missio_parameters(register: Callable[..., None]) -> None:
    """Declare named parameters that a collectivité may set (thresholds, readings of a text).

    :param register: call ``register(nom=, defaut=, description=, fondements=(keys…),
        admis=[…], type=…)``. Names are dotted and prefixed by the plugin
        (``statut_fpt.seuil_mad_max_jours``). ``admis`` lists the only values the texts allow
        (a reading the law leaves open between two choices); ``type`` is a type checked by
        pydantic (``Annotated[int, Field(ge=1, le=130)]``); without ``type``, a value must have
        the shape of the default (same JSON type; an object, the same keys). A collectivité
        sets parameters per engine (``Engine(parametres=…)``, checked at construction), in a
        policy (checked by ``missio policy check``, with its line) or per mission through
        :func:`missio_parameter_overrides` (a refused value is an ``erreur_plugin``); the trace
        says who set what. A default its own constraints refuse stops the engine.
    """


@hookspec
def missio_parameter_overrides(mission: Mission) -> Sequence[tuple[str, Any, str]] | None:
    """Set declared parameters for this mission (a collectivité's policy).

    :param mission: the validated mission (a policy usually checks its employer first).
    :returns: ``(nom, valeur, origine)`` triples; ``origine`` names the deliberation or policy
        that sets the value and appears in the trace. An undeclared name is an error.

    Implemented by policy plugins.
    """


@hookspec
def missio_extensions(register: Callable[..., None]) -> None:
    """Declare and validate this plugin's own fields of the mission's ``extensions``.

    :param register: call ``register(cle, Model)`` with a frozen pydantic model
        (``ConfigDict(frozen=True)``, with tuples rather than lists: every plugin reads the same
        object); the engine validates ``mission.extensions[cle]`` with it (French errors at
        ``extensions.<cle>.<field>``) and the model's schema appears in ``missio schema``.
        Rules read it through ``contexte.extension(cle)``. An extension key no plugin declares
        is refused.
    """


@hookspec
def missio_documents(register: Callable[..., None]) -> None:
    """Declare the documents this template plugin can produce.

    :param register: call ``register(code=, titre=, modele=Path, contexte=callable|None,
        echeances=False)``. ``modele`` is a .docx with docxtpl placeholders;
        ``contexte(decision, mission)`` may add variables to the generic ones (see
        ``docs/modeles.md``); ``echeances=True`` also writes the decision's deadlines beside the
        act as ``<code>.md``, ``<code>.json`` and ``<code>.ics``. A code declared by two
        plugins is an error naming both; a collectivité's override folder replaces ``modele``
        by code.
    """


@hookspec
def missio_load_policy(chemin: Path) -> object | None:
    """Load a collectivité's policy file into a plugin object, if this plugin reads its format.

    :param chemin: path of the policy file.
    :returns: a plugin object (with a ``PLUGIN_NAME`` and ``@hookimpl`` methods) that an engine
        receives as a policy, or None when the file is not in this plugin's format. A file in
        this plugin's format but invalid raises :class:`missio.errors.ErreurValidation` (better,
        :class:`missio.errors.ErreurFichier`) naming the file, the line and the field.

    The first implementation returning an object wins (:func:`missio.politiques.charger_politiques`).
    ``.py`` files are plugin modules the core loads itself. Implemented by policy plugins
    (``collectivite_custom``).
    """


@hookspec
def missio_policy_applies(mission: Mission) -> bool | str | None:
    """Whether this policy applies to the mission (its employer is the policy's collectivité).

    :param mission: the validated mission.
    :returns: True when it applies; otherwise a French sentence saying why not, naming the
        policy's collectivité (« elle vise « Ville de Lyon » (département 69) »), or False/None.

    A policy that does not apply to a mission is never skipped in silence: the decision gets an
    alert ``politique_non_appliquee`` naming the policy, the reason and the mission's employer,
    and a trace line (a strict engine refuses the mission instead); none of the policy's other
    hooks runs for that mission (findings, parameters, settings) and ``versions`` leaves it out.
    A plugin without this hook applies to every mission. Implemented by policy plugins.
    """


@hookspec
def missio_policy_schema() -> dict[str, Any] | None:
    """Return the JSON Schema of the policy file format this plugin reads (``missio policy
    schema``), or None. The first schema returned is shown. Implemented by policy plugins."""


@hookspec
def missio_engine_settings() -> dict[str, Any] | None:
    """Settings this plugin fixes for its collectivité, e.g.
    ``{"journee_solidarite": "lundi_pentecote"}`` (a deliberation sets the solidarity day).

    Resolved per mission: a policy's settings apply only to the missions it applies to
    (:func:`missio_policy_applies`), over the engine's own argument; the trace says who set
    them. Two plugins applying to one mission with different values make that decision non
    conforme (blocage ``conflit_reglages`` naming both); two plugins that apply to every
    mission and disagree stop the engine. Implemented by policy plugins.
    """


@hookspec
def missio_check(engine: Engine) -> Sequence[str] | None:
    """Check this plugin against the engine it is loaded into, once, when the engine is built.

    :param engine: the engine, with every plugin's declarations loaded (parameters, sources,
        rules, documents).
    :returns: report lines in French (shown by ``missio policy check``), or None.
    Raise :class:`missio.errors.ErreurValidation` to refuse the engine (for example a policy
    setting a parameter no plugin declares), naming the file, the line and the field.
    """


@hookspec
def missio_plugin_info() -> dict[str, Any] | None:
    """Describe this plugin for ``missio plugins``: ``{"nom":, "version":, "description":}``.

    Optional: without it the name is the entry-point name and the version the distribution's.
    """
