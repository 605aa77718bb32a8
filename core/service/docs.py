"""``/docs``: Swagger UI served from the package, so that it works on a closed network.

FastAPI's page loads Swagger UI from a public CDN; here its two files (and its icon) come from
``missio/service/swagger/``: swagger-ui-dist 5.35.0, unmodified, under the Apache License 2.0
(``LICENSE``, ``NOTICE`` and ``swagger-ui-bundle.js.LICENSE.txt`` beside them; to upgrade,
``npm pack swagger-ui-dist@<version>`` and copy the same files). The page also asks Swagger UI
not to call its online validator.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

SWAGGER_UI_VERSION = "5.35.0"
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
# The version is in the address, so a browser may keep the files for good.
_PREFIX = f"/docs/swagger-ui-{SWAGGER_UI_VERSION}"
_CACHE = {"Cache-Control": "public, max-age=31536000, immutable"}


@cache
def _asset(name: str) -> bytes:
    return (resources.files("missio.service") / "swagger" / name).read_bytes()


def docs_router(openapi_url: str = "/openapi.json", title: str = "missio") -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/docs")
    async def page() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} — documentation de l'API",
            swagger_js_url=f"{_PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{_PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{_PREFIX}/favicon-32x32.png",
            swagger_ui_parameters={"defaultModelsExpandDepth": 0, "validatorUrl": None},
        )

    for name, media_type in ASSETS.items():
        r.add_api_route(f"{_PREFIX}/{name}", _asset_endpoint(name, media_type), methods=["GET"])
    return r


def _asset_endpoint(name: str, media_type: str) -> Callable[[], Awaitable[Response]]:
    # One endpoint per file, without parameters: no part of a request names a file.
    async def asset() -> Response:
        return Response(_asset(name), media_type=media_type, headers=_CACHE)

    return asset
