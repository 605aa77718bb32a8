"""The errors of drafting: a template that cannot be loaded or rendered, acts that cannot be
produced for a decision, an output folder that cannot receive them.

One module for the whole layer, at the bottom of its import graph: every step of the rendering
raises them (compiling a template, reading the logo, writing the output folder) and those steps
live in separate modules that must not import one another to reach an exception class. The
errors of deciding are in :mod:`missio.errors`, those of the HTTP service in
:mod:`missio.service.errors`.
"""

from __future__ import annotations

from missio.errors import MissioError


class ErreurModele(MissioError):
    """A template cannot be loaded or rendered; the message names the file and the placeholder."""


class ErreurRendu(MissioError):
    """Documents cannot be produced for this decision."""


class ErreurSortie(MissioError):
    """The output folder cannot receive the acts (read-only, full disk, a file in its place,
    files missio did not write…). The message names the folder and the cause; nothing of the
    new render is left behind and the previous render, if any, is intact."""
