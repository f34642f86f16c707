#!/usr/bin/env python3
"""How soon the editor shows the findings of an edit with `proc lsp`: the time from sending a change to receiving
the diagnostics of that version, for one open file in a repository of many (Python's standard library only).

    python3 bench/lsp.py PROC FOLDER FILE RUNS

FOLDER holds `processes/`; FILE is the process opened and edited. Each run sends the file's text with one mistake
made or taken back (a legacy date), so every change is checked for real, and waits for that version's diagnostics.
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import queue
import pathlib

proc, folder, path, runs = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), int(sys.argv[4])
server = subprocess.Popen([proc, "lsp", "--today", "2026-11-23"], cwd=folder, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
messages = queue.Queue()


def read():
    while True:
        headers = {}
        while True:
            line = server.stdout.readline()
            if not line:
                return
            line = line.decode("ascii").strip()
            if not line:
                break
            name, _, value = line.partition(":")
            headers[name.lower()] = value.strip()
        messages.put((time.perf_counter(), json.loads(server.stdout.read(int(headers["content-length"])))))


threading.Thread(target=read, daemon=True).start()


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def wait(wanted):
    while True:
        at, message = messages.get(timeout=60)
        if wanted(message):
            return at, message


uri = path.resolve().as_uri()
started = time.perf_counter()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}, "workspaceFolders": [{"uri": folder.resolve().as_uri(), "name": "bench"}]}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
text = path.read_text(encoding="utf-8")
broken = text.replace("  date: 2018-05-08", "  date: 8.5.2018", 1)
assert broken != text, "the file has no date to break"


def published(version):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
        and m["params"].get("version") == version


send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
at, _ = wait(published(1))
first = at - started
times = []
for version in range(2, runs + 2):
    sent = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": version},
                     "contentChanges": [{"text": broken if version % 2 == 0 else text}]}})
    at, message = wait(published(version))
    codes = [d["code"] for d in message["params"]["diagnostics"]]
    assert ("P302" in codes) == (version % 2 == 0), codes
    times.append(at - sent)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
wait(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)

ms = sorted(t * 1000 for t in times)
print(f"start to first diagnostics (the whole repository checked): {first * 1000:.0f} ms")
print(f"edit to diagnostics over {len(ms)} edits: median {statistics.median(ms):.1f} ms, "
      f"90th percentile {ms[int(len(ms) * 0.9) - 1]:.1f} ms, slowest {ms[-1]:.1f} ms")
