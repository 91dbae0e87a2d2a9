"""A minimal stdio MCP server that answers every tools/call with a JSON-RPC error, the way pymcp-kit
reports a task-mode mismatch (-32601). Used by the end-to-end tests; standard library only."""
import json
import sys

for line in sys.stdin:
    message = json.loads(line)
    method, ident = message.get("method"), message.get("id")
    if method == "initialize":
        result = {
            "protocolVersion": "2025-11-25",
            "capabilities": {"tools": {}, "tasks": {"requests": {"tools": {"call": {}}}}},
            "serverInfo": {"name": "rpc-error-server", "version": "1"},
        }
        reply = {"jsonrpc": "2.0", "id": ident, "result": result}
    elif method == "tools/list":
        tool = {"name": "strict", "inputSchema": {"type": "object"}, "execution": {"taskSupport": "required"}}
        reply = {"jsonrpc": "2.0", "id": ident, "result": {"tools": [tool]}}
    elif method == "tools/call":
        error = {"code": -32601, "message": "Tool 'strict' requires task augmentation"}
        reply = {"jsonrpc": "2.0", "id": ident, "error": error}
    elif ident is not None:
        reply = {"jsonrpc": "2.0", "id": ident, "result": {}}
    else:
        continue
    print(json.dumps(reply), flush=True)
