"""What stands between the network and the routes: a request-size limit enforced while the body
is read, NUL bytes refused in the URL, CORS closed unless origins are listed, and security
headers on every response (``X-Content-Type-Options: nosniff``; a CSP on JSON and the docs).

Pure ASGI middleware, so a streamed (chunked) body is counted as it arrives, not after.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI, HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventdesk.api.errors import error_response

JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def install_guards(app: FastAPI, *, max_body_bytes: int, cors_origins: Sequence[str]) -> None:
    """Add the guards to ``app`` (outermost last: headers on every answer, the 413s included)."""
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(BodyLimit, max_body_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)


class BodyLimit:
    """413 in the one error shape for a body over ``max_body_bytes``: at once when Content-Length
    says so, else as soon as the bytes read pass the limit (chunked bodies too); 400 for a NUL
    byte in the path or query (no stored text has one, and PostgreSQL refuses them)."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)
        if problem is not None:
            status, detail = problem
            await error_response(status, detail)(scope, receive, send)
            return
        seen = 0
        limit = self.max_body_bytes

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"{scope['path']}: request body over {limit} bytes (api.max_body_bytes)")
            return message

        await self.app(scope, counted, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        path: str = scope["path"]
        if "\x00" in path or b"%00" in scope.get("query_string", b""):
            return 400, f"{path[:80]!r}: a NUL byte in the URL"
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is None:
            return None
        if not declared.isdigit():
            return 400, f"{path}: Content-Length {declared[:20].decode('latin-1')!r} is not a number"
        if int(declared) > self.max_body_bytes:
            return 413, f"{path}: request body of {int(declared)} bytes, over {self.max_body_bytes} " \
                        "(api.max_body_bytes)"
        return None


class SecurityHeaders:
    """``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer`` on every response;
    a locked-down CSP on JSON answers (nothing in them may run) and on the docs pages. In a JSON
    body ``<``, ``>`` and ``&`` (found only inside its strings) are sent as ``\\u003c`` etc., so
    stored markup never appears as markup even where a client mislabels the answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"] == "/docs" or scope["path"].startswith("/docs/")
        held: list[Message] = []  # a JSON answer's start, until its whole body is there
        chunks: list[bytes] = []

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                is_json = dict(headers).get(b"content-type", b"").startswith(b"application/json")
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if docs or is_json:
                    headers.append((b"content-security-policy", (DOCS_CSP if docs else JSON_CSP).encode()))
                message = {**message, "headers": headers}
                if is_json:
                    held.append(message)
                    return
            elif message["type"] == "http.response.body" and held:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await _send_escaped(send, held.pop(), b"".join(chunks))
                return
            await send(message)

        await self.app(scope, receive, with_headers)


async def _send_escaped(send: Send, start: Message, body: bytes) -> None:
    escaped = body.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
    headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(escaped)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": escaped, "more_body": False})
