"""missio's HTTP service: the engine and the acts for HR software (SIRH), over HTTP.

Install with the ``service`` extra (FastAPI, uvicorn) and start with ``missio serve``. The
application factory is :func:`missio.service.app.create_app`; the guide is ``docs/service.md``.

Nothing here is imported by the rest of missio: ``missio evaluate`` never loads FastAPI.
"""

# Read by `missio serve` and by each uvicorn worker (which imports the app anew); kept here,
# free of imports, so that registering the command costs nothing.
CONFIG_ENV_VAR = "MISSIO_SERVICE_CONFIG"
