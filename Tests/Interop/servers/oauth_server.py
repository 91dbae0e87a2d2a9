"""Interop test server: the task server of sdk_server.py behind OAuth 2.1, with the official MCP Python
SDK's (mcp==1.30.0) own authorization pieces: `mcp.server.auth` routes (authorization server metadata,
/authorize, /token, /register), its PKCE check, Protected Resource Metadata (RFC 9728) and its bearer
middleware. One process serves both the authorization server and the MCP server.

    python oauth_server.py --port N            # MCP at http://127.0.0.1:N/mcp, issuer http://127.0.0.1:N/
        [--access-ttl SECONDS]      access token lifetime (default 2: refresh is exercised)
        [--no-dcr]                  no dynamic client registration; one pre-registered client,
                                    id `mcptask-preregistered`, secret `prereg-secret-4b1d`
        [--authorization-server URL]  the resource metadata names this authorization server instead
                                    (a port nobody listens on: an unreachable authorization server)
        [--step-up-tool NAME]       calling tool NAME needs the extra scope `tasks:admin` as well: without
                                    it the call is answered 403 with an insufficient_scope challenge
                                    naming that scope (MCP authorization, scope challenge handling)
        [--issuer-in-redirect yes|no|wrong]  whether the authorization redirect carries `iss` (RFC 9207),
                                    and whether it is the true issuer (default yes)

GET /fixture/registrations answers {"count": N}, the dynamic registrations made so far, so a test can
tell a reused registration from a new one; POST /fixture/forget-registrations drops every dynamically
registered client, as an authorization server that expires or loses registrations does.

The authorization endpoint approves at once (no login page): it redirects to the client's redirect
URI with a code and the state, so a stand-in browser only has to follow the redirect. Refresh tokens
rotate: each is good for one refresh. Nothing is written to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import secrets
import sys
import time
from typing import Any

from pydantic import AnyHttpUrl, AnyUrl

from mcp.server.auth.middleware.auth_context import AuthContextMiddleware
from mcp.server.auth.middleware.bearer_auth import BearerAuthBackend, RequireAuthMiddleware
from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    ProviderTokenVerifier,
    RefreshToken,
    construct_redirect_uri,
)
from mcp.server.auth.routes import build_resource_metadata_url, create_auth_routes, create_protected_resource_routes
from mcp.server.auth.settings import ClientRegistrationOptions, RevocationOptions
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken

import sdk_server

SCOPE = "tasks"
ADMIN_SCOPE = "tasks:admin"
PREREGISTERED_ID = "mcptask-preregistered"
PREREGISTERED_SECRET = "prereg-secret-4b1d"


class LoopbackClient(OAuthClientInformationFull):
    """A pre-registered native client: any port of its 127.0.0.1 redirect is accepted (RFC 8252 §7.3)."""

    def validate_redirect_uri(self, redirect_uri: AnyUrl | None) -> AnyUrl:
        if redirect_uri is not None and redirect_uri.host == "127.0.0.1" and redirect_uri.path == "/callback":
            return redirect_uri
        return super().validate_redirect_uri(redirect_uri)


class Provider:
    """In-memory authorization server state for mcp.server.auth's handlers."""

    def __init__(self, access_ttl: int, preregistered: bool, issuer_in_redirect: str | None) -> None:
        self.access_ttl = access_ttl
        self.issuer_in_redirect = issuer_in_redirect
        self.registrations = 0
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access: dict[str, AccessToken] = {}
        self.refresh: dict[str, RefreshToken] = {}
        if preregistered:
            self.clients[PREREGISTERED_ID] = LoopbackClient(
                client_id=PREREGISTERED_ID,
                client_secret=PREREGISTERED_SECRET,
                redirect_uris=[AnyUrl("http://127.0.0.1/callback")],
                grant_types=["authorization_code", "refresh_token"],
                token_endpoint_auth_method="client_secret_post",
                scope=SCOPE,
            )

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        assert client_info.client_id is not None
        self.clients[client_info.client_id] = client_info
        self.registrations += 1

    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = AuthorizationCode(
            code=code,
            scopes=params.scopes or [SCOPE],
            expires_at=time.time() + 300,
            client_id=client.client_id or "",
            code_challenge=params.code_challenge,
            redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly,
            resource=params.resource,
        )
        if self.issuer_in_redirect is None:
            return construct_redirect_uri(str(params.redirect_uri), code=code, state=params.state)
        return construct_redirect_uri(
            str(params.redirect_uri), code=code, state=params.state, iss=self.issuer_in_redirect
        )

    async def load_authorization_code(self, client: OAuthClientInformationFull, code: str) -> AuthorizationCode | None:
        found = self.codes.get(code)
        return found if found is not None and found.client_id == client.client_id else None

    async def exchange_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: AuthorizationCode
    ) -> OAuthToken:
        self.codes.pop(authorization_code.code, None)
        return self._issue(client.client_id or "", authorization_code.scopes, authorization_code.resource)

    async def load_refresh_token(self, client: OAuthClientInformationFull, refresh_token: str) -> RefreshToken | None:
        found = self.refresh.get(refresh_token)
        return found if found is not None and found.client_id == client.client_id else None

    async def exchange_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        self.refresh.pop(refresh_token.token, None)  # rotation: each refresh token is good once
        return self._issue(client.client_id or "", scopes or refresh_token.scopes, refresh_token.resource)

    async def load_access_token(self, token: str) -> AccessToken | None:
        found = self.access.get(token)
        if found is not None and found.expires_at is not None and found.expires_at < time.time():
            return None
        return found

    async def revoke_token(self, token: AccessToken | RefreshToken) -> None:
        self.access.pop(token.token, None)
        self.refresh.pop(token.token, None)

    def _issue(self, client_id: str, scopes: list[str], resource: str | None) -> OAuthToken:
        access = secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(32)
        self.access[access] = AccessToken(
            token=access,
            client_id=client_id,
            scopes=scopes,
            expires_at=int(time.time()) + self.access_ttl,
            resource=resource,
        )
        self.refresh[refresh] = RefreshToken(token=refresh, client_id=client_id, scopes=scopes, resource=resource)
        return OAuthToken(
            access_token=access,
            token_type="Bearer",
            expires_in=self.access_ttl,
            refresh_token=refresh,
            scope=" ".join(scopes),
        )


class ToolScopeChallenge:
    """ASGI middleware in front of the MCP endpoint: a `tools/call` of `tool` needs ADMIN_SCOPE besides the
    scope every request needs, and a token without it is answered as the MCP authorization specification
    says a server should (403, `error="insufficient_scope"`, the scope the operation needs, the resource
    metadata). The SDK's RequireAuthMiddleware checks scopes per endpoint only and names none in its 403."""

    def __init__(self, app: Any, tool: str, resource_metadata_url: str) -> None:
        self.app = app
        self.tool = tool
        self.resource_metadata_url = resource_metadata_url

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        if self._needs_admin(body) and ADMIN_SCOPE not in getattr(scope.get("auth"), "scopes", []):
            challenge = (
                f'Bearer error="insufficient_scope", scope="{ADMIN_SCOPE}", '
                f'resource_metadata="{self.resource_metadata_url}", '
                f'error_description="{self.tool} needs the {ADMIN_SCOPE} scope"'
            )
            payload = json.dumps({"error": "insufficient_scope"}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 403,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(payload)).encode()),
                        (b"www-authenticate", challenge.encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": payload})
            return
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _needs_admin(self, body: bytes) -> bool:
        try:
            message = json.loads(body)
        except ValueError:
            return False
        messages = message if isinstance(message, list) else [message]
        return any(
            isinstance(item, dict)
            and item.get("method") == "tools/call"
            and isinstance(item.get("params"), dict)
            and item["params"].get("name") == self.tool
            for item in messages
        )


def run(
    port: int,
    access_ttl: int,
    dcr: bool,
    authorization_server: str | None,
    step_up_tool: str | None,
    issuer_in_redirect: str,
) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.authentication import AuthenticationMiddleware
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from mcp.server.fastmcp.server import StreamableHTTPASGIApp
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
    from mcp.server.transport_security import TransportSecuritySettings

    issuer = AnyHttpUrl(f"http://127.0.0.1:{port}/")
    resource = AnyHttpUrl(f"http://127.0.0.1:{port}/mcp")
    redirect_issuer = {"yes": str(issuer), "no": None, "wrong": "http://127.0.0.1:1/"}[issuer_in_redirect]
    provider = Provider(access_ttl, preregistered=not dcr, issuer_in_redirect=redirect_issuer)
    manager = StreamableHTTPSessionManager(
        app=sdk_server.server,
        security_settings=TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=["127.0.0.1:*", "localhost:*"],
            allowed_origins=["http://127.0.0.1:*", "http://localhost:*"],
        ),
    )
    routes = create_auth_routes(
        provider,
        issuer,
        client_registration_options=ClientRegistrationOptions(
            enabled=dcr, valid_scopes=[SCOPE, ADMIN_SCOPE], default_scopes=[SCOPE]
        ),
        revocation_options=RevocationOptions(enabled=True),
    )
    routes += create_protected_resource_routes(
        resource, [AnyHttpUrl(authorization_server) if authorization_server else issuer], scopes_supported=[SCOPE]
    )
    metadata_url = build_resource_metadata_url(resource)
    endpoint: Any = StreamableHTTPASGIApp(manager)
    if step_up_tool:
        endpoint = ToolScopeChallenge(endpoint, step_up_tool, str(metadata_url))
    protected = RequireAuthMiddleware(endpoint, [SCOPE], resource_metadata_url=metadata_url)
    routes.append(Route("/mcp", protected))

    async def registrations(_request: Any) -> Any:
        return JSONResponse({"count": provider.registrations})

    async def forget_registrations(_request: Any) -> Any:
        for client_id in [key for key in provider.clients if key != PREREGISTERED_ID]:
            del provider.clients[client_id]
        return JSONResponse({"count": provider.registrations})

    routes.append(Route("/fixture/registrations", registrations, methods=["GET"]))
    routes.append(Route("/fixture/forget-registrations", forget_registrations, methods=["POST"]))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        async with manager.run():
            yield

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                AuthenticationMiddleware,
                backend=BearerAuthBackend(ProviderTokenVerifier(provider), resource_server_url=resource),
            ),
            Middleware(AuthContextMiddleware),
        ],
        lifespan=lifespan,
    )
    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, timeout_graceful_shutdown=0.3
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--access-ttl", type=int, default=2)
    parser.add_argument("--no-dcr", action="store_true")
    parser.add_argument("--authorization-server", metavar="URL")
    parser.add_argument("--step-up-tool", metavar="NAME")
    parser.add_argument("--issuer-in-redirect", choices=["yes", "no", "wrong"], default="yes")
    args = parser.parse_args(argv)
    run(
        args.port,
        args.access_ttl,
        not args.no_dcr,
        args.authorization_server,
        args.step_up_tool,
        args.issuer_in_redirect,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
