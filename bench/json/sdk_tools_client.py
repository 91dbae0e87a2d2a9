#!/usr/bin/env python3
"""The official Python SDK (mcp, in .venv-interop) doing what `mcptask tools` does: start the stdio server,
initialize, list the tools (validated into the SDK's models) and print one line per tool.
Usage: sdk_tools_client.py -- SERVER ARGS...
"""
import sys

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main():
    command = sys.argv[sys.argv.index("--") + 1:]
    parameters = StdioServerParameters(command=command[0], args=command[1:])
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            result = await session.list_tools()
            out = sys.stdout
            for tool in result.tools:
                support = tool.execution.taskSupport if getattr(tool, "execution", None) else "forbidden"
                out.write(f"{tool.name}  [{support}]  {tool.title or tool.description or ''}\n")
            out.flush()


anyio.run(main)
