"""JSON Schemas assembled from several pydantic models (the mission and plugins' extensions):
every definition moved to the root so that each ``$ref`` resolves."""

from __future__ import annotations

from typing import Any


def _free_name(name: str, taken: dict[str, Any]) -> str:
    if name not in taken:
        return name
    candidate, n = f"Mission{name}", 2
    while candidate in taken:
        candidate, n = f"Mission{name}{n}", n + 1
    return candidate


def hoist_definitions(
    node: Any, target: dict[str, Any], prefix: str, scope: dict[str, str] | None = None
) -> Any:
    """`node` with every ``$defs`` (the root's and those nested in plugins' extension schemas)
    moved into `target`, and each ``$ref`` rewritten to ``prefix + name``.

    Extension schemas are whole pydantic schemas embedded under ``extensions``: their
    ``#/$defs/…`` refs mean their own ``$defs``, which a validator would look for at the
    document's root. Hoisting them makes the refs resolve (a name already taken gets a
    ``Mission…`` name rather than overwriting another schema).
    """
    if isinstance(node, list):
        return [hoist_definitions(v, target, prefix, scope) for v in node]
    if not isinstance(node, dict):
        return node
    scope = dict(scope or {})
    local: dict[str, Any] = node.get("$defs", {})
    names = {}
    for name in local:
        names[name] = _free_name(name, target)
        target[names[name]] = {}  # reserved, so sibling definitions get distinct names
        scope[f"#/$defs/{name}"] = prefix + names[name]
    for name, definition in local.items():
        target[names[name]] = hoist_definitions(definition, target, prefix, scope)
    return {
        k: scope.get(v, v)
        if k == "$ref" and isinstance(v, str)
        else hoist_definitions(v, target, prefix, scope)
        for k, v in node.items()
        if k != "$defs"
    }


def self_contained(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema whose definitions are all at its root (see :func:`hoist_definitions`)."""
    definitions: dict[str, Any] = {}
    hoisted = hoist_definitions(schema, definitions, "#/$defs/")
    return {"$defs": definitions, **hoisted} if definitions else hoisted
