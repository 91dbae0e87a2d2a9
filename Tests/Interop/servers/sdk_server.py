"""Interop test server: the official MCP Python SDK (mcp==1.30.0), low-level Server with
experimental tasks (2025-11-25 core tasks wire).

    python sdk_server.py stdio
    python sdk_server.py http --port N      # Streamable HTTP on http://127.0.0.1:N/mcp
        [--json-response]          POST requests answered with plain application/json, not SSE
                                   (mcp 1.30.0 then drops server requests tied to a POST, so a
                                   task's elicitation, sent with the tasks/result answer, is lost
                                   and ask_user as a task never finishes in this mode)
        [--require-token TOKEN]    401 (JSON body) unless `Authorization: Bearer TOKEN`
        [--event-store]            in-memory EventStore: SSE events carry ids, streams resumable
                                   with Last-Event-ID (each POST stream starts with a priming
                                   event; the SDK sends none on the GET stream)
        [--retry-interval MS]      the SSE `retry:` field of priming events (needs --event-store)
        [--strict-session]         refuses a second initialize on a live session (HTTP 400,
                                   JSON-RPC -32600 "server already initialized"), as some
                                   Python servers do: a client must rejoin a session without it

Nothing is written to stdout in http mode (uvicorn's access log is off, its own log goes to
stderr at warning level). SIGTERM/SIGINT stop the server within about a second even with SSE
streams open.

Six tools, as in shared/traces/sdk-*.jsonl: slow_count (optional), must_be_task (required),
never_task (forbidden), ask_user (optional, form elicitation), fails (optional),
cancellable_sleep (optional).

Everything task-related is the SDK's own code: ctx.experimental.validate_task_mode() for the
mode check, ctx.experimental.run_task() to create and run the task, ServerTaskContext for
update_status()/elicit(), and the default tasks/get|result|list|cancel handlers that
server.experimental.enable_tasks() registers.

One deliberate guard (see shared/docs/server-behaviours.md, section 1): in mcp 1.30.0,
tasks/cancel only marks the task cancelled in the store; when the work function then
returns, run_task() tries to complete the task, the store raises "Cannot transition from
terminal status 'cancelled'", and that ValueError kills the whole server. So before a work
function returns, _guarded() re-reads the task from the store and, if it is already terminal,
copies that state into the task context's snapshot, which makes run_task() skip complete()/fail().
cancellable_sleep also polls the store itself and stops early when cancelled.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio

import mcp.types as types
from mcp.server.experimental.task_context import ServerTaskContext
from mcp.server.lowlevel import Server
from mcp.server.session import ServerSession
from mcp.server.streamable_http import EventCallback, EventId, EventMessage, EventStore, StreamId
from mcp.shared.experimental.tasks.helpers import is_terminal

SERVER_NAME = "lab-sdk-server"
SERVER_VERSION = "1.0.0"

server: Server[Any, Any] = Server(SERVER_NAME, version=SERVER_VERSION)

# `Server.experimental` is marked deprecated in 1.30.0 (tasks left the core spec); it is
# still the documented way to turn tasks on, so keep its warning off stderr.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    TASKS = server.experimental.enable_tasks()  # in-memory store + queue, default handlers


def _no_args() -> dict[str, Any]:
    return {"type": "object", "properties": {}}


def _x_arg() -> dict[str, Any]:
    return {"type": "object", "properties": {"x": {"type": "string"}}, "required": ["x"]}


TOOLS: list[types.Tool] = [
    types.Tool(
        name="slow_count",
        description="Counts to n, sleeping delay seconds per step, sending progress each step",
        inputSchema={
            "type": "object",
            "properties": {
                "n": {"type": "integer", "default": 5},
                "delay": {"type": "number", "default": 0.5},
            },
        },
        execution=types.ToolExecution(taskSupport=types.TASK_OPTIONAL),
    ),
    types.Tool(
        name="must_be_task",
        description="Echo x; must be called as a task",
        inputSchema=_x_arg(),
        execution=types.ToolExecution(taskSupport=types.TASK_REQUIRED),
    ),
    types.Tool(
        name="never_task",
        description="Echo x; must NOT be called as a task",
        inputSchema=_x_arg(),
        execution=types.ToolExecution(taskSupport=types.TASK_FORBIDDEN),
    ),
    types.Tool(
        name="ask_user",
        description="Asks the user for details via form elicitation",
        inputSchema=_no_args(),
        execution=types.ToolExecution(taskSupport=types.TASK_OPTIONAL),
    ),
    types.Tool(
        name="fails",
        description="Always fails",
        inputSchema=_no_args(),
        execution=types.ToolExecution(taskSupport=types.TASK_OPTIONAL),
    ),
    types.Tool(
        name="cancellable_sleep",
        description="Sleeps for `seconds`, honouring cancellation",
        inputSchema={"type": "object", "properties": {"seconds": {"type": "number", "default": 30}}},
        execution=types.ToolExecution(taskSupport=types.TASK_OPTIONAL),
    ),
]
TASK_MODES = {t.name: t.execution.taskSupport for t in TOOLS if t.execution}

ELICIT_MESSAGE = "Please tell us about you"
ELICIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "title": "Name", "description": "Your name"},
        "age": {"type": "integer", "title": "Age", "minimum": 1, "maximum": 120},
        "subscribe": {"type": "boolean", "title": "Subscribe", "default": False},
        "color": {"type": "string", "title": "Colour", "enum": ["red", "green", "blue"]},
    },
    "required": ["name", "age"],
}


def _text(text: str, structured: dict[str, Any] | None = None, is_error: bool = False) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=text)],
        structuredContent=structured,
        isError=is_error,
    )


async def _task_state(task: ServerTaskContext) -> types.Task | None:
    return await TASKS.store.get_task(task.task_id)


def _adopt(task: ServerTaskContext, current: types.Task) -> None:
    """Copy the store's (terminal) state into the context's snapshot of the task.

    run_task()'s execute() only completes/fails a task whose snapshot is not terminal.
    """
    snapshot = task.task
    snapshot.status = current.status
    snapshot.statusMessage = current.statusMessage
    snapshot.lastUpdatedAt = current.lastUpdatedAt


def _guarded(work: Callable[[ServerTaskContext], Awaitable[types.CallToolResult]]):
    """Wrap a task work function so a tasks/cancel during the work cannot crash the server."""

    async def run(task: ServerTaskContext) -> types.CallToolResult:
        try:
            result = await work(task)
        except Exception:
            current = await _task_state(task)
            if current is not None and is_terminal(current.status):
                _adopt(task, current)  # cancelled meanwhile: nothing to record
            raise
        current = await _task_state(task)
        if current is not None and is_terminal(current.status):
            _adopt(task, current)  # cancelled meanwhile: the result is dropped
        return result

    return run


# ---------------------------------------------------------------- tools


@dataclass
class Call:
    """What a tool needs from its tools/call request (the task work outlives the request)."""

    session: ServerSession
    request_id: types.RequestId
    progress_token: types.ProgressToken | None


async def slow_count(args: dict[str, Any], call: Call, task: ServerTaskContext | None) -> types.CallToolResult:
    n = int(args.get("n", 5))
    delay = float(args.get("delay", 0.5))
    for i in range(1, n + 1):
        await anyio.sleep(delay)
        if call.progress_token is not None:
            # The SDK has no progress helper for tasks: send the plain notification with the
            # call's token. In task mode it is not tied to the (already answered) tools/call,
            # so on HTTP it travels on the GET stream; in a plain call on the POST stream.
            await call.session.send_progress_notification(
                call.progress_token,
                float(i),
                float(n),
                f"step {i}/{n}",
                related_request_id=None if task is not None else call.request_id,
            )
        if task is not None:
            await task.update_status(f"counted {i}/{n}")
    return _text(f"counted to {n}", {"count": n})


async def echo(name: str, args: dict[str, Any]) -> types.CallToolResult:
    return _text(f"{name}: {args.get('x')}")


def _answer(result: types.ElicitResult) -> types.CallToolResult:
    return _text(
        f"action={result.action} content={result.content}",
        {"action": result.action, "content": result.content},
    )


async def ask_user(call: Call, task: ServerTaskContext | None) -> types.CallToolResult:
    if task is None:
        result = await call.session.elicit_form(ELICIT_MESSAGE, ELICIT_SCHEMA, related_request_id=call.request_id)
        return _answer(result)
    await task.update_status("asking the user")
    # Queued by the SDK and delivered inside the client's tasks/result response.
    return _answer(await task.elicit(ELICIT_MESSAGE, ELICIT_SCHEMA))


async def fails(task: ServerTaskContext | None) -> types.CallToolResult:
    if task is None:
        raise RuntimeError("deliberate failure (non-task)")
    await anyio.sleep(0.3)
    raise RuntimeError("deliberate failure inside task")  # run_task() turns this into status failed


async def cancellable_sleep(args: dict[str, Any], task: ServerTaskContext | None) -> types.CallToolResult:
    seconds = float(args.get("seconds", 30))
    if task is None:
        # A plain call is cancelled by notifications/cancelled: the SDK cancels this coroutine.
        await anyio.sleep(seconds)
        return _text(f"slept {seconds:g}s")
    # tasks/cancel only flips the status in the store (ServerTaskContext.is_cancelled is never
    # set by it), so poll the store.
    with anyio.move_on_after(seconds):
        while True:
            current = await _task_state(task)
            if current is None or is_terminal(current.status):
                task.request_cancellation()
                if current is not None:
                    _adopt(task, current)
                return _text("cancelled")  # dropped: the task is already terminal
            await anyio.sleep(0.1)
    return _text(f"slept {seconds:g}s")


async def _dispatch(
    name: str, args: dict[str, Any], call: Call, task: ServerTaskContext | None
) -> types.CallToolResult:
    if name == "slow_count":
        return await slow_count(args, call, task)
    if name in ("must_be_task", "never_task"):
        return await echo(name, args)
    if name == "ask_user":
        return await ask_user(call, task)
    if name == "fails":
        return await fails(task)
    if name == "cancellable_sleep":
        return await cancellable_sleep(args, task)
    raise ValueError(f"Unknown tool: {name}")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return TOOLS


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> types.CallToolResult | types.CreateTaskResult:
    ctx = server.request_context
    # SDK pattern: raises McpError(-32601) on a mode mismatch; the call_tool decorator turns
    # that into an isError CallToolResult. Unknown tools count as forbidden.
    ctx.experimental.validate_task_mode(TASK_MODES.get(name))
    call = Call(ctx.session, ctx.request_id, ctx.meta.progressToken if ctx.meta else None)
    if not ctx.experimental.is_task:
        return await _dispatch(name, arguments, call, None)

    async def work(task: ServerTaskContext) -> types.CallToolResult:
        return await _dispatch(name, arguments, call, task)

    # Creates the task (taskId scoped to this session), starts `work` in the background and
    # returns the CreateTaskResult at once; work's result/exception completes/fails the task.
    return await ctx.experimental.run_task(_guarded(work))


# ---------------------------------------------------------------- transports


async def run_stdio() -> None:
    from mcp.server.stdio import stdio_server

    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


class InMemoryEventStore(EventStore):
    """mcp.server.streamable_http.EventStore kept in memory (used with --event-store).

    One store per session (see _SessionManager in run_http): stream ids are JSON-RPC request ids
    plus the GET stream's key, so they are unique only within a session. Event ids are opaque,
    unique in the process. A `message` of None is a priming event: it has an id (a cursor for the
    client) but is never replayed.
    """

    MAX_EVENTS_PER_STREAM = 1000
    _stores = 0

    def __init__(self) -> None:
        InMemoryEventStore._stores += 1
        self._tag = f"s{InMemoryEventStore._stores}"
        self._count = 0
        self._streams: dict[StreamId, deque[tuple[EventId, types.JSONRPCMessage | None]]] = {}
        self._stream_of: dict[EventId, StreamId] = {}

    async def store_event(self, stream_id: StreamId, message: types.JSONRPCMessage | None) -> EventId:
        self._count += 1
        event_id = f"{self._tag}-{self._count}"
        events = self._streams.setdefault(stream_id, deque())
        if len(events) >= self.MAX_EVENTS_PER_STREAM:
            dropped, _ = events.popleft()
            self._stream_of.pop(dropped, None)
        events.append((event_id, message))
        self._stream_of[event_id] = stream_id
        return event_id

    async def replay_events_after(self, last_event_id: EventId, send_callback: EventCallback) -> StreamId | None:
        stream_id = self._stream_of.get(last_event_id)
        if stream_id is None:
            return None  # unknown or dropped cursor: nothing to resume
        found = False
        for event_id, message in list(self._streams.get(stream_id, ())):
            if found:
                if message is not None:
                    await send_callback(EventMessage(message, event_id))
            elif event_id == last_event_id:
                found = True
        return stream_id


def _require_token(app: Any, token: str) -> Any:
    """ASGI middleware: every HTTP request needs `Authorization: Bearer TOKEN`, else 401."""
    import hmac
    import json

    expected = f"Bearer {token}".encode()
    body = json.dumps(
        {"error": "invalid_token", "error_description": "missing or wrong bearer token"}
    ).encode()

    async def guarded(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        given = b""
        for name, value in scope.get("headers", []):
            if name.lower() == b"authorization":
                given = value
                break
        if hmac.compare_digest(given, expected):
            await app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", b'Bearer error="invalid_token"'),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return guarded


def _refuse_reinitialize(app: Any) -> Any:
    """ASGI middleware: an `initialize` POST carrying the id of a live session is refused with HTTP 400
    and JSON-RPC -32600 "server already initialized". Sessions are live from the 2xx answer that
    issued their id until a DELETE of them."""
    import json

    live: set[bytes] = set()

    async def strict(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = dict((name.lower(), value) for name, value in scope.get("headers", []))
        session = headers.get(b"mcp-session-id")
        if scope["method"] == "DELETE" and session is not None:
            live.discard(session)
        chunks: list[bytes] = []
        more = scope["method"] == "POST"
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        request = None
        if body:
            try:
                request = json.loads(body)
            except ValueError:
                request = None
        if isinstance(request, dict) and request.get("method") == "initialize" and session in live:
            answer = json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": request.get("id"),
                    "error": {"code": -32600, "message": "server already initialized"},
                }
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())],
                }
            )
            await send({"type": "http.response.body", "body": answer})
            return
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if scope["method"] == "POST" and not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def noting(message: Any) -> None:
            if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
                for name, value in message.get("headers", []):
                    if name.lower() == b"mcp-session-id":
                        live.add(value)
            await send(message)

        await app(scope, replay, noting)

    return strict


def run_http(
    port: int,
    *,
    json_response: bool = False,
    token: str | None = None,
    event_store: bool = False,
    retry_interval: int | None = None,
    strict_session: bool = False,
) -> None:
    import contextlib

    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Route

    from mcp.server.fastmcp.server import StreamableHTTPASGIApp
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
    from mcp.server.transport_security import TransportSecuritySettings

    class _SessionManager(StreamableHTTPSessionManager):
        """Gives every session its own event store (the manager would share one store among all
        sessions, whose stream ids, request ids and "_GET_stream", collide)."""

        def _admit_session(self, requestor: Any) -> Any:
            if event_store:
                self.event_store = InMemoryEventStore()
            return super()._admit_session(requestor)

    manager = _SessionManager(
        app=server,
        event_store=InMemoryEventStore() if event_store else None,
        json_response=json_response,
        retry_interval=retry_interval,
        security_settings=TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=["127.0.0.1:*", "localhost:*"],
            allowed_origins=["http://127.0.0.1:*", "http://localhost:*"],
        ),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        async with manager.run():
            yield

    # Route, not Mount: Mount("/mcp") answers POST /mcp with a 307 to /mcp/.
    app: Any = Starlette(routes=[Route("/mcp", StreamableHTTPASGIApp(manager))], lifespan=lifespan)
    if strict_session:
        app = _refuse_reinitialize(app)
    if token is not None:
        app = _require_token(app, token)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,  # uvicorn's access log goes to stdout
        # Open SSE streams (the GET stream, a blocked tasks/result) would otherwise hold a
        # SIGTERM'd server up forever: give them a moment, then cancel them.
        timeout_graceful_shutdown=0.3,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="transport", required=True)
    sub.add_parser("stdio", help="serve on stdin/stdout")
    http = sub.add_parser("http", help="serve Streamable HTTP on 127.0.0.1, route /mcp")
    http.add_argument("--port", type=int, required=True)
    http.add_argument(
        "--json-response", action="store_true", help="answer POSTs with application/json instead of SSE"
    )
    http.add_argument("--require-token", metavar="TOKEN", help="401 unless 'Authorization: Bearer TOKEN'")
    http.add_argument(
        "--event-store", action="store_true", help="in-memory event store: SSE ids and Last-Event-ID resumption"
    )
    http.add_argument(
        "--retry-interval", type=int, metavar="MS", help="SSE retry field of priming events (with --event-store)"
    )
    http.add_argument(
        "--strict-session", action="store_true", help="refuse a second initialize on a live session (-32600)"
    )
    args = parser.parse_args(argv)
    if args.transport == "stdio":
        anyio.run(run_stdio)
    else:
        run_http(
            args.port,
            json_response=args.json_response,
            token=args.require_token,
            event_store=args.event_store,
            retry_interval=args.retry_interval,
            strict_session=args.strict_session,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
