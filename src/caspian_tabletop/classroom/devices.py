"""Which device a join comes from, when a browser tab's class client joins for it.

Every browser tab's class client runs on the host and joins from loopback, so by its
network address alone every tab (and the facilitator's own terminal) would share one join
limit: ten wrong codes in one tab would lock the whole class out.  The tab server knows the
browser's real address; it gives it to the client process it starts, with a secret that
`host` made for this run, and the client's join sends both as headers.  The class server
believes the forwarded address only with that secret and only from loopback, so nobody
else can pick the address their wrong codes count against.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Mapping

from aiohttp import web

DEVICE_ENV = "CASPIAN_TABLETOP_DEVICE"
SECRET_ENV = "CASPIAN_TABLETOP_DEVICE_SECRET"
DEVICE_HEADER = "X-Caspian-Device"
SECRET_HEADER = "X-Caspian-Device-Secret"


def join_headers(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The headers a join sends for the browser this process serves (none in a terminal)."""
    device, secret = environ.get(DEVICE_ENV), environ.get(SECRET_ENV)
    if not device or not secret:
        return {}
    return {DEVICE_HEADER: device, SECRET_HEADER: secret}


def device_of(request: web.Request, secret: str | None) -> str | None:
    """The peer's address, or the browser's that the tab server forwarded (see module
    docstring); a forwarded address without the right secret, or not an IP, is ignored."""
    remote = request.remote
    forwarded = request.headers.get(DEVICE_HEADER)
    given = request.headers.get(SECRET_HEADER, "")
    if secret is None or forwarded is None or not _loopback(remote):
        return remote
    if not hmac.compare_digest(given.encode(), secret.encode()) or not _ip(forwarded):
        return remote
    return forwarded


def _ip(text: str | None) -> bool:
    try:
        ipaddress.ip_address(text or "")
    except ValueError:
        return False
    return True


def _loopback(text: str | None) -> bool:
    return _ip(text) and ipaddress.ip_address(text or "").is_loopback
