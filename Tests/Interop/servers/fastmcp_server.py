"""Interop test server: FastMCP 3.4.10 (fastmcp[tasks], mcp 1.30.0, pydocket with its in-process
memory:// backend; 2025-11-25 core tasks wire). No Redis.

    python fastmcp_server.py stdio
    python fastmcp_server.py http --port N      # Streamable HTTP on http://127.0.0.1:N/mcp

Nothing is written to stdout in http mode (no banner, uvicorn's access log off, logs on stderr).
SIGTERM/SIGINT stop the server within a second or two even with SSE streams open.

The same six tools as sdk_server.py (names, arguments and texts), declared the FastMCP way, with
`task=TaskConfig(mode=...)` on `@mcp.tool`; FastMCP and docket do everything else (task creation,
tasks/get|result|list|cancel, status notifications). What this server shows on the wire is
described in shared/docs/server-behaviours.md, section 2, and the fastmcp-*.jsonl traces:

* slow_count (optional): ctx.report_progress("step i/n") each step. As a task this becomes
  notifications/tasks/status with that statusMessage (three identical copies per step) and no
  notifications/progress; in a plain call it is notifications/progress.
* must_be_task (required), never_task (forbidden: tools/list shows no `execution` for it).
* ask_user (optional): ctx.elicit() a form (name string, age integer 0..150, subscribe boolean,
  color enum). As a task, FastMCP sends elicitation/create as a standalone request (stdout, or
  the GET SSE stream on HTTP), and tasks/get keeps saying `working` meanwhile.
* fails (optional): raises inside the tool; as a task it ends `failed`, and tasks/result is an
  isError CallToolResult with the message.
* cancellable_sleep (optional): sleeps; tasks/cancel (or notifications/cancelled for a plain call)
  cancels the coroutine.
"""

from __future__ import annotations

import argparse
import asyncio
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

from pydantic import BaseModel, Field  # noqa: E402

from fastmcp import Context, FastMCP  # noqa: E402
from fastmcp.exceptions import ToolError  # noqa: E402
from fastmcp.server.tasks import TaskConfig  # noqa: E402
from fastmcp.tools.tool import ToolResult  # noqa: E402
from mcp.types import TextContent  # noqa: E402

SERVER_NAME = "lab-fastmcp-server"
SERVER_VERSION = "1.0.0"

mcp = FastMCP(SERVER_NAME, version=SERVER_VERSION)

OPTIONAL = TaskConfig(mode="optional")
REQUIRED = TaskConfig(mode="required")
FORBIDDEN = TaskConfig(mode="forbidden")

ELICIT_MESSAGE = "Please tell us about you"


class UserInfo(BaseModel):
    name: str = Field(title="Name", description="Your name")
    age: int = Field(title="Age", ge=0, le=150)
    subscribe: bool = Field(default=False, title="Subscribe")
    color: Literal["red", "green", "blue"] = Field(default="red", title="Colour")


def _text(text: str, structured: dict[str, Any] | None = None) -> ToolResult:
    return ToolResult(content=[TextContent(type="text", text=text)], structured_content=structured)


@mcp.tool(
    description="Counts to n, sleeping delay seconds per step, sending progress each step",
    task=OPTIONAL,
)
async def slow_count(ctx: Context, n: int = 3, delay: float = 0.5) -> ToolResult:
    for i in range(1, n + 1):
        await asyncio.sleep(delay)
        # In a task: docket progress, which FastMCP turns into notifications/tasks/status.
        await ctx.report_progress(i, n, f"step {i}/{n}")
    return _text(f"counted to {n}", {"count": n})


@mcp.tool(description="Echo x; must be called as a task", task=REQUIRED)
async def must_be_task(x: str) -> ToolResult:
    return _text(f"must_be_task: {x}")


@mcp.tool(description="Echo x; must NOT be called as a task", task=FORBIDDEN)
async def never_task(x: str) -> ToolResult:
    return _text(f"never_task: {x}")


@mcp.tool(description="Asks the user for details via form elicitation", task=OPTIONAL)
async def ask_user(ctx: Context) -> ToolResult:
    result = await ctx.elicit(ELICIT_MESSAGE, UserInfo)
    content = result.data.model_dump() if result.action == "accept" else None
    return _text(f"action={result.action} content={content}", {"action": result.action, "content": content})


@mcp.tool(description="Always fails", task=OPTIONAL)
async def fails(ctx: Context) -> ToolResult:
    if not ctx.is_background_task:
        raise ToolError("deliberate failure (non-task)")
    await asyncio.sleep(0.3)
    raise ToolError("deliberate failure inside tool")


@mcp.tool(description="Sleeps for `seconds`, honouring cancellation", task=OPTIONAL)
async def cancellable_sleep(seconds: float = 30) -> ToolResult:
    await asyncio.sleep(seconds)  # tasks/cancel and notifications/cancelled cancel this coroutine
    return _text(f"slept {seconds:g}s")


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
            # Open SSE streams (the GET stream) would otherwise hold a SIGTERM'd server up for 2 s.
            uvicorn_config={"access_log": False, "timeout_graceful_shutdown": 0.3},
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
