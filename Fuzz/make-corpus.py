#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from recorded MCP traffic.

Usage: make-corpus.py TRACES OUT. TRACES is a folder of JSONL traces (each line one recorded message, with `msg`,
the JSON-RPC message, and `http`, how it travelled: its SSE event type and id, or a raw body); OUT gets one folder
per harness (json, line-framer, sse). A few hand-written seeds are always written, so the fuzzers still have a
start when the traces are absent. Seeds are named by their content's hash, so running it twice changes nothing.
"""

import hashlib
import json
import pathlib
import sys

# The line framer's and SSE parser's inputs start with two control bytes: the cap, then the split seed. 255
# stands for the default cap (16 MiB); 40 and 95 give caps of 40 and 96 bytes, so the oversized paths are near.
FRAMER_CAPS = (b"\xff\x07", b"\x28\x01")
SSE_CAPS = (b"\xff\x07", b"\x5f\x01")

HAND_SEEDS = {
    "json": [
        b'{"jsonrpc":"2.0","id":1,"result":{}}',
        b'{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":0.5}}',
        b'{"id":null,"error":{"code":-32600,"message":"bad","data":[1,2.5e10,-0.0,"\\u2028\\ud83d\\ude00"]}}',
        b"[" * 300 + b"]" * 300,
        b'{"a":1e400,"b":-9223372036854775809,"c":"\\u0000","d":true,"e":null}',
    ],
    "line-framer": [
        b"one\ntwo\r\n\r\n   \t\nthree",
        b"x" * 70 + b"\r\nshort\n" + b"\r" * 3,
    ],
    "sse": [
        b"\xef\xbb\xbfdata: a\r\ndata:b\r\rid: 1\nevent: message\ndata\n\n",
        b": comment\nretry: 1500\nid:\ndata: x\n\nid: 2\ndata:\n\n",
        b"data: " + b"y" * 120 + b"\n\n",
    ],
}


def write(folder: pathlib.Path, seed: bytes) -> None:
    name = hashlib.sha1(seed).hexdigest()
    (folder / name).write_bytes(seed)


def compact(message) -> bytes:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode()


def sse_event(record) -> bytes:
    """The event as the server sent it on the stream, as far as the trace tells."""
    http = record.get("http") or {}
    lines = []
    if http.get("sse_event"):
        lines.append(b"event: " + http["sse_event"].encode())
    if http.get("sse_id") is not None:
        lines.append(b"id: " + str(http["sse_id"]).encode())
    if http.get("sse_comment"):
        lines.append(b": " + str(http["sse_comment"]).encode())
    if record.get("msg") is not None:
        lines.append(b"data: " + compact(record["msg"]))
    return b"\n".join(lines) + b"\n\n"


def main() -> None:
    traces, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    folders = {name: out / name for name in HAND_SEEDS}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for name, seeds in HAND_SEEDS.items():
        for seed in seeds:
            write(folders[name], seed if name == "json" else (SSE_CAPS if name == "sse" else FRAMER_CAPS)[0] + seed)

    files = sorted(traces.glob("*.jsonl")) if traces.is_dir() else []
    if not files:
        print(f"make-corpus: no traces in {traces}; hand-written seeds only", file=sys.stderr)
    for index, path in enumerate(files):
        records = [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
        messages = [record["msg"] for record in records if record.get("msg") is not None]
        for message in messages:
            write(folders["json"], compact(message))
        for record in records:
            raw = (record.get("http") or {}).get("raw_body")
            if raw:
                write(folders["json"], raw.encode())
        # A whole stdio conversation as the framer would read it, with CRLF line ends in every other file.
        ending = b"\r\n" if index % 2 else b"\n"
        write(folders["line-framer"], FRAMER_CAPS[index % 2] + ending.join(compact(m) for m in messages) + ending)
        # Each HTTP stream of the trace as one SSE body.
        streams: dict[str, bytes] = {}
        for record in records:
            stream = (record.get("http") or {}).get("stream")
            if stream and ("sse_event" in record["http"] or "sse_comment" in record["http"]):
                streams[stream] = streams.get(stream, b"") + sse_event(record)
        for body in streams.values():
            write(folders["sse"], SSE_CAPS[index % 2] + body)
    for name, folder in folders.items():
        print(f"make-corpus: {sum(1 for _ in folder.iterdir())} seeds in {folder}")


if __name__ == "__main__":
    main()
