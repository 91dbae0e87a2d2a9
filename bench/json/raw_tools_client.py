#!/usr/bin/env python3
"""The baseline for `mcptask tools`: a minimal client with the standard library's json over the same stdio
server. It starts the server, initializes, asks tools/list once, parses the answer and prints one line per
tool (name, task support, title), as a listing would. Usage: raw_tools_client.py -- SERVER ARGS...
"""
import json
import subprocess
import sys


def main():
    command = sys.argv[sys.argv.index("--") + 1:]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ask(ident, method, params):
        server.stdin.write(json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
                           .encode() + b"\n")
        server.stdin.flush()
        return json.loads(server.stdout.readline())["result"]

    ask(1, "initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                          "clientInfo": {"name": "raw", "version": "1"}})
    server.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    tools = ask(2, "tools/list", {})["tools"]
    out = sys.stdout
    for tool in tools:
        support = tool.get("execution", {}).get("taskSupport", "forbidden")
        out.write(f"{tool['name']}  [{support}]  {tool.get('title') or tool.get('description', '')}\n")
    out.flush()
    server.stdin.close()
    server.wait()


if __name__ == "__main__":
    main()
