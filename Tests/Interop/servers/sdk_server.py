"""Interop test server: the official MCP Python SDK (mcp==1.30.0), low-level Server with
experimental tasks (2025-11-25 core tasks wire).

    python sdk_server.py stdio
    python sdk_server.py http --port N      # Streamable HTTP on http://127.0.0.1:N/mcp

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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio

import mcp.types as types
from mcp.server.experimental.task_context import ServerTaskContext
from mcp.server.lowlevel import Server
from mcp.server.session import ServerSession
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


def run_http(port: int) -> None:
    import contextlib

    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Route

    from mcp.server.fastmcp.server import StreamableHTTPASGIApp
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
    from mcp.server.transport_security import TransportSecuritySettings

    manager = StreamableHTTPSessionManager(
        app=server,
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
    app = Starlette(routes=[Route("/mcp", StreamableHTTPASGIApp(manager))], lifespan=lifespan)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="transport", required=True)
    sub.add_parser("stdio", help="serve on stdin/stdout")
    http = sub.add_parser("http", help="serve Streamable HTTP on 127.0.0.1, route /mcp")
    http.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    if args.transport == "stdio":
        anyio.run(run_stdio)
    else:
        run_http(args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
