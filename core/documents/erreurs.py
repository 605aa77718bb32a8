"""The errors of document production: a template that cannot be loaded or rendered, and acts
that cannot be produced for a decision.

They sit apart, at the bottom of the import graph, because every step of the rendering raises
them (compiling a template, reading the logo, writing the output folder) and those steps live
in separate modules that must not import one another to reach an exception class.
"""

from __future__ import annotations

from missio.errors import MissioError


class ErreurModele(MissioError):
    """A template cannot be loaded or rendered; the message names the file and the placeholder."""


class ErreurRendu(MissioError):
    """Documents cannot be produced for this decision."""
