"""Who may use a running `serve`: browsers that came with the launch's key, from its own page.

The printed address carries a random key. A browser that presents it gets an HttpOnly,
SameSite=Strict cookie holding it, so the page's own requests (scripts, styles, the game's
websocket, downloads) carry the proof without the page knowing it. Every other request gets
403. The websocket also needs the served address as its Origin: a page from elsewhere cannot
drive a game even in a browser that holds the cookie.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Middleware
from yarl import URL

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

KEY_PARAMETER = "key"
FORBIDDEN = ("403 Forbidden: open the address printed by `caspian-tabletop serve`, "
             "with its ?key=... part, exactly as printed.")
FOREIGN_ORIGIN = "403 Forbidden: the game's connection must come from its own page."


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of an address, as browsers send it in the Origin header."""
    return str(URL(url).origin())


def matches(given: str | None, expected: str) -> bool:
    """Compare a secret in constant time (a missing one never matches)."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"),
                                                     expected.encode("utf-8"))


@dataclass(frozen=True)
class Access:
    """The launch's key, the cookie that carries it, and the origin of the served page."""

    key: str
    cookie: str
    origin: str
    secure: bool

    @classmethod
    def for_server(cls, key: str, public_url: str) -> Access:
        """The cookie is named after the port: two servers on one computer keep apart."""
        url = URL(public_url)
        return cls(key, f"caspian_access_{url.port}", origin_of(public_url),
                   url.scheme == "https")

    def key_given(self, request: web.Request) -> bool:
        return matches(request.query.get(KEY_PARAMETER), self.key)

    def allows(self, request: web.Request) -> bool:
        return self.key_given(request) or matches(request.cookies.get(self.cookie), self.key)

    def same_origin(self, request: web.Request) -> bool:
        return matches(request.headers.get("Origin"), self.origin)

    def remember(self, response: web.StreamResponse) -> None:
        """Let this browser in from now on without the key in the address."""
        response.set_cookie(self.cookie, self.key, httponly=True, samesite="Strict",
                            secure=self.secure, path="/")

    def content_policy(self) -> str:
        """The page may load only from this server and connect only to its websocket."""
        socket = ("wss" if self.secure else "ws") + self.origin[self.origin.index(":"):]
        return ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                f"font-src 'self'; img-src 'self' data:; connect-src 'self' {socket}; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")

    def middleware(self) -> Middleware:
        """Refuse requests without the key; mark answers as this server's only."""

        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            if not self.allows(request):
                return web.Response(status=403, text=FORBIDDEN)
            response = await handler(request)
            if not response.prepared:  # a websocket or a download has sent its headers
                response.headers["Content-Security-Policy"] = self.content_policy()
                response.headers["Referrer-Policy"] = "no-referrer"
                response.headers["X-Content-Type-Options"] = "nosniff"
                if self.key_given(request):
                    self.remember(response)
            return response

        return guard
