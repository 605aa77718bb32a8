"""The web page for the HR officer: the mission form, the decision, the acts, in French.

Served by ``missio serve`` at ``/`` next to the JSON API (same process, tenants, limits and
logs), mounted by :func:`missio.service.web.pages.install_web`. The form is generated from the
tenant's mission JSON Schema (titles, descriptions and ``x-libelles`` of the contract), the
decision view shows every list the decision has: a field added to the contract appears without
editing the page. HTML is rendered on the server (Jinja2); ``static/missio.js`` only adds what
needs a browser (adding and removing periods, showing a plugin's fields when they apply,
loading a JSON file). No external resource: everything is served from this package.

Nothing is imported here, so that ``missio web`` (``missio.service.web.cli``) stays light.
"""
