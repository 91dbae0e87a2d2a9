"""Interop test server: FastMCP 4.1.2 with the SEP-2663 tasks extension (fastmcp-tasks 4.1.2, mcp 2.3.0,
docket's in-process memory:// backend; no Redis). It speaks both protocol eras: MCP 2026-07-28 with
`io.modelcontextprotocol/tasks` to a client that opens with server/discover (stdio) or sends
`MCP-Protocol-Version: 2026-07-28` (HTTP), and plain 2025-11-25 (no tasks capability) to a client that
opens with initialize.

    python fastmcp4_server.py stdio
    python fastmcp4_server.py http --port N      # Streamable HTTP on http://127.0.0.1:N/mcp

Nothing is written to stdout in http mode (no banner, uvicorn's access log off, logs on stderr).
SIGTERM/SIGINT stop the server within about a second.

A re-creation of the lab server behind shared/traces/fastmcp4-*-modern-*.jsonl
(shared/docs/server-behaviours.md, "FastMCP 4 on the 2026-07-28 wire"): the same tools, names,
arguments and task modes, with the texts of sdk_server.py where the tests read them. Task modes are
`task=TaskConfig(mode=...)` on `@mcp.tool`; TasksExtension does the rest (the server decides per call:
a `required` or `optional` tool becomes a task when the request declares the extension; tasks/get,
tasks/update and tasks/cancel; no tasks/list, no tasks/result, no notifications/tasks).

* slow_count(n=5, delay=0.5), optional: ctx.report_progress(i, n, "step i/n") each step. As a task this
  is the `statusMessage` of tasks/get (no notifications/progress); in a plain call with a progressToken,
  notifications/progress. Result text "counted to n", structuredContent {"count": n}.
* must_be_task(x), required: "must_be_task: x" (without the extension: -32021).
* never_task(x), forbidden: "never_task: x", always inline.
* ask_user(), optional: the 2025 way, ctx.elicit(); on 2026-07-28 it ends with an isError result
  (FastMCP refuses server-initiated requests there). Kept because the lab server has it.
* fails(), optional: raises ToolError("deliberate failure inside tool") after 0.3 s; a task ends
  `completed` with that isError result.
* fails_protocol(), optional: raises MCPError(-32000, "deliberate protocol fault inside tool",
  data {"lab": true}) after 0.3 s; a task ends `failed` with that JSON-RPC error (inline the error is
  masked into an isError result "Error calling tool 'fails_protocol': …").
* cancellable_sleep(seconds=30), optional: "slept Ns"; tasks/cancel (or closing the HTTP POST /
  notifications/cancelled for a plain call) cancels the coroutine.
* ask_user_mrtr(confirm=False), optional: asks the 2026 way, by returning an InputRequiredResult
  (`{"user": elicitation/create form}`, requestState); with confirm=True a second round asks
  `{"confirm": {ok: boolean}}`. As a plain call the client retries tools/call with inputResponses +
  requestState; as a task the task parks in input_required (tasks/get shows `inputRequests` under a
  server-minted key) and each tasks/update re-runs the function with ctx.input_responses under the
  tool's own keys and ctx.request_state of the last round. The final text says what arrived:
  "hello Ada, 36" (", confirmed" / ", not confirmed" after a second round), "declined" or "cancelled";
  structuredContent is {"action", "content", ["confirm",] "rounds"}, as the lab server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from typing import Any, Literal

# Before fastmcp is imported: its settings are read from the environment at import time.
os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")
os.environ.setdefault("FASTMCP_LOG_LEVEL", "WARNING")
# docket's in-process backend, whatever the environment says: no Redis.
os.environ["FASTMCP_DOCKET_URL"] = "memory://"
os.environ.pop("FASTMCP_DOCKET__URL", None)

import mcp_types  # noqa: E402
from mcp.shared.exceptions import MCPError  # noqa: E402
from pydantic import BaseModel, Field  # noqa: E402

from fastmcp import Context, FastMCP  # noqa: E402
from fastmcp.exceptions import ToolError  # noqa: E402
from fastmcp.tools.base import ToolResult  # noqa: E402
from fastmcp.utilities.tasks import TaskConfig  # noqa: E402
from fastmcp_tasks import TasksExtension  # noqa: E402

SERVER_NAME = "lab-fastmcp4-server"
SERVER_VERSION = "1.0.0"

mcp = FastMCP(SERVER_NAME, version=SERVER_VERSION)
mcp.add_extension(TasksExtension(url="memory://"))

OPTIONAL = TaskConfig(mode="optional")
REQUIRED = TaskConfig(mode="required")
FORBIDDEN = TaskConfig(mode="forbidden")

# What a tool returning a dict shows in tools/list (as the lab server's slow_count and ask_user*).
OBJECT_OUTPUT: dict[str, Any] = {"additionalProperties": True, "type": "object"}

ELICIT_MESSAGE = "Please tell us about you"


# The form of ask_user / ask_user_mrtr, as the traces show it (no docstring: it would become the
# schema's "description").
class UserInfo(BaseModel):
    name: str = Field(description="Your name")
    age: int = Field(description="Age", ge=1, le=120)
    subscribe: bool = Field(default=False, description="Subscribe")
    color: Literal["red", "green", "blue"] = Field(default="red", description="Colour")


USER_SCHEMA: dict[str, Any] = UserInfo.model_json_schema()
CONFIRM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"ok": {"type": "boolean", "title": "OK"}},
    "required": ["ok"],
}


def _text(text: str, structured: dict[str, Any] | None = None) -> ToolResult:
    return ToolResult(content=[mcp_types.TextContent(type="text", text=text)], structured_content=structured)


@mcp.tool(
    description="Counts to n, sleeping delay seconds per step, sending progress each step",
    task=OPTIONAL,
    output_schema=OBJECT_OUTPUT,
)
async def slow_count(ctx: Context, n: int = 5, delay: float = 0.5) -> ToolResult:
    for i in range(1, n + 1):
        await asyncio.sleep(delay)
        # In a task: the task's statusMessage (tasks/get); in a plain call: notifications/progress.
        await ctx.report_progress(i, n, f"step {i}/{n}")
    return _text(f"counted to {n}", {"count": n})


@mcp.tool(description="Echo x; must be called as a task", task=REQUIRED)
async def must_be_task(x: str) -> str:
    return f"must_be_task: {x}"


@mcp.tool(description="Echo x; must NOT be called as a task", task=FORBIDDEN)
async def never_task(x: str) -> str:
    return f"never_task: {x}"


@mcp.tool(description="Asks the user for details via form elicitation", task=OPTIONAL, output_schema=OBJECT_OUTPUT)
async def ask_user(ctx: Context) -> ToolResult:
    result = await ctx.elicit(ELICIT_MESSAGE, UserInfo)
    content = result.data.model_dump() if result.action == "accept" else None
    return _text(f"action={result.action} content={content}", {"action": result.action, "content": content})


@mcp.tool(description="Always fails", task=OPTIONAL)
async def fails() -> str:
    await asyncio.sleep(0.3)
    raise ToolError("deliberate failure inside tool")


@mcp.tool(description="Sleeps for `seconds`, honouring cancellation", task=OPTIONAL)
async def cancellable_sleep(seconds: float = 30) -> str:
    await asyncio.sleep(seconds)  # tasks/cancel and a cancelled plain call cancel this coroutine
    return f"slept {seconds:g}s"


def _elicit(message: str, schema: dict[str, Any]) -> mcp_types.ElicitRequest:
    return mcp_types.ElicitRequest(
        params=mcp_types.ElicitRequestFormParams(message=message, requested_schema=schema),
    )


def _answer(response: Any) -> dict[str, Any]:
    """An ElicitResult (or its JSON) as {"action", "content"}."""
    if isinstance(response, BaseModel):
        response = response.model_dump(by_alias=True, mode="json")
    if not isinstance(response, dict):
        return {"action": "cancel", "content": None}
    return {"action": response.get("action", "cancel"), "content": response.get("content")}


def _finish(user: dict[str, Any], confirm: dict[str, Any] | None, rounds: int) -> ToolResult:
    structured: dict[str, Any] = {"action": user["action"], "content": user["content"]}
    if confirm is not None:
        structured["confirm"] = confirm
    structured["rounds"] = rounds
    if user["action"] != "accept":
        text = "declined" if user["action"] == "decline" else "cancelled"
    else:
        content = user["content"] or {}
        text = f"hello {content.get('name')}, {content.get('age')}"
        if confirm is not None:
            ok = confirm["action"] == "accept" and (confirm["content"] or {}).get("ok") is True
            text += ", confirmed" if ok else ", not confirmed"
    return _text(text, structured)


@mcp.tool(
    description=(
        "Asks the user for details with an InputRequiredResult (2026-07-28 guard pattern); "
        "confirm=True adds a 2nd round"
    ),
    task=OPTIONAL,
    output_schema=OBJECT_OUTPUT,
)
async def ask_user_mrtr(ctx: Context, confirm: bool = False) -> ToolResult | mcp_types.InputRequiredResult:
    responses = ctx.input_responses or {}
    state: dict[str, Any] = {}
    if ctx.request_state:
        try:
            state = json.loads(ctx.request_state)
        except ValueError:
            state = {}
    if "confirm" in responses and isinstance(state.get("user"), dict):
        return _finish(state["user"], _answer(responses["confirm"]), rounds=2)
    if "user" in responses:
        user = _answer(responses["user"])
        if confirm and user["action"] == "accept":
            name = (user["content"] or {}).get("name")
            return mcp_types.InputRequiredResult(
                input_requests={"confirm": _elicit(f"Confirm: is {name} right?", CONFIRM_SCHEMA)},
                request_state=json.dumps({"round": 2, "user": user}),
            )
        return _finish(user, None, rounds=1)
    return mcp_types.InputRequiredResult(
        input_requests={"user": _elicit(ELICIT_MESSAGE, USER_SCHEMA)},
        request_state=json.dumps({"round": 1}),
    )


@mcp.tool(description="Raises a JSON-RPC-level MCPError (code -32000) instead of a tool error", task=OPTIONAL)
async def fails_protocol() -> str:
    await asyncio.sleep(0.3)
    raise MCPError(code=-32000, message="deliberate protocol fault inside tool", data={"lab": True})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="transport", required=True)
    sub.add_parser("stdio", help="serve on stdin/stdout")
    http = sub.add_parser("http", help="serve Streamable HTTP on 127.0.0.1, route /mcp")
    http.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    if args.transport == "stdio":
        mcp.run(transport="stdio", show_banner=False)
    else:
        mcp.run(
            transport="http",
            show_banner=False,
            host="127.0.0.1",
            port=args.port,
            path="/mcp",
            log_level="warning",
            uvicorn_config={"access_log": False, "timeout_graceful_shutdown": 0.3},
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
