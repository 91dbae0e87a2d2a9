#!/usr/bin/env python3
"""A stdio MCP server (standard library only) whose tools/list answer is one large page: --tools N tools
(default 20,000, about 13 MB), each with a title, a description, an input schema of five properties and
execution.taskSupport. It answers initialize, ping and tools/list; anything else is "method not found".
With --write-page FILE it writes the tools/list result document to FILE and exits (for the parser bench);
with --page FILE it answers with that document instead of building one (so start-up costs all clients alike
and little).
"""
import argparse
import json
import sys

SUPPORTED = ("2025-11-25", "2025-06-18", "2025-03-26")


def make_tool(index):
    return {
        "name": f"tool_{index:05d}",
        "title": f"Tool number {index}",
        "description": (
            f"Tool {index} looks up records in shard {index % 97} and returns them as structured content, "
            "a page at a time."
        ),
        "inputSchema": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "What to look for."},
                "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50,
                          "description": "At most this many."},
                "cursor": {"type": "string", "description": "Where to go on."},
                "ratio": {"type": "number", "minimum": 0.0, "maximum": 1.0, "default": 0.25,
                          "description": "Sampling ratio."},
                "mode": {"type": "string", "enum": ["fast", "exact", "fuzzy"], "default": "exact",
                         "description": "How to match."},
            },
            "required": ["query"],
        },
        "execution": {"taskSupport": ("optional", "forbidden", "required")[index % 3]},
    }


def page(count):
    return {"tools": [make_tool(index) for index in range(count)]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tools", type=int, default=20000)
    parser.add_argument("--write-page")
    parser.add_argument("--page")
    options = parser.parse_args()
    if options.page:
        with open(options.page) as file:
            result_text = file.read().strip()
    else:
        result_text = json.dumps(page(options.tools), separators=(",", ":"))
    if options.write_page:
        with open(options.write_page, "w") as file:
            file.write(result_text)
        return
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        if "id" not in message or "method" not in message:
            continue
        method, ident = message["method"], json.dumps(message["id"])
        if method == "initialize":
            asked = message.get("params", {}).get("protocolVersion")
            answer = json.dumps({
                "protocolVersion": asked if asked in SUPPORTED else SUPPORTED[0],
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "many-tools", "version": "1.0"},
            })
            out.write('{"jsonrpc":"2.0","id":%s,"result":%s}\n' % (ident, answer))
        elif method == "tools/list":
            out.write('{"jsonrpc":"2.0","id":%s,"result":%s}\n' % (ident, result_text))
        elif method == "ping":
            out.write('{"jsonrpc":"2.0","id":%s,"result":{}}\n' % ident)
        else:
            out.write('{"jsonrpc":"2.0","id":%s,"error":{"code":-32601,"message":"Method not found"}}\n' % ident)
        out.flush()


if __name__ == "__main__":
    main()
