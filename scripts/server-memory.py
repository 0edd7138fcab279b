#!/usr/bin/env python3
"""Memory and latency of `assetlint server` on a large manifest opened in an editor.

usage: scripts/server-memory.py [ITEMS] [ASSETLINT]      (default: 600000 items, .build/release/assetlint)

Writes a manifest of ITEMS items (about 170 bytes each; every 1000th has a raw space in its URL),
sends it to the server as an editor does (initialize, then didOpen with the whole text in one
JSON message), and prints: the text and message sizes, the server's resident memory before the
open, its peak (VmHWM) and current (VmRSS) resident memory once the diagnostics arrive, the time
to them, then the same after a keystroke at the end of the document (an incremental change), and
after one at its start. For comparison, the same text linted by the command line in the same run
(`assetlint FILE`, which memory-maps the file).
"""
import json
import os
import subprocess
import tempfile
import sys
import time

ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 600_000
BINARY = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", ".build", "release", "assetlint")


def manifest(n: int) -> str:
    lines = []
    for i in range(n):
        name = f"photos/{i:08d}/caf%C3%A9_{i}.jpg" if i % 1000 else f"photos/{i:08d}/caf%C3%A9 {i}.jpg"
        lines.append(f'  {{"data": "https://my-bucket.s3.eu-central-1.amazonaws.com/{name}", "externalId": "asset-{i:08d}", "width": 640, "height": 480}}')
    return "[\n" + ",\n".join(lines) + "\n]\n"


class Server:
    def __init__(self):
        self.process = subprocess.Popen([BINARY, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, message: dict) -> int:
        body = json.dumps(message, ensure_ascii=False).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return len(body)

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.process.stdout.readline()
            if line in (b"\r\n", b""):
                break
            name, value = line.decode().split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def wait_for_diagnostics(self) -> list:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics":
                return message["params"]["diagnostics"]

    def cpu(self) -> float:
        """The server's CPU time so far (user and system), in seconds."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory(self) -> tuple:
        fields = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return int(fields["VmHWM"].split()[0]) // 1024, int(fields["VmRSS"].split()[0]) // 1024


def main():
    text = manifest(ITEMS)
    size = len(text.encode())
    server = Server()
    server.request("initialize", {"processId": None, "capabilities": {}, "rootUri": None})
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    time.sleep(0.2)
    print(f"text: {size / 2**20:.1f} MiB, {ITEMS} items")
    print(f"resident before the open: {server.memory()[1]} MiB")
    uri = "file:///tmp/assets.json"
    cpu = server.cpu()
    start = time.monotonic()
    sent = server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                        "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}})
    del text
    diagnostics = server.wait_for_diagnostics()
    elapsed = time.monotonic() - start
    peak, now = server.memory()
    print(f"didOpen message: {sent / 2**20:.1f} MiB; diagnostics after {elapsed:.2f} s (the server's CPU: {server.cpu() - cpu:.2f} s): "
          f"{len(diagnostics)} published ({diagnostics[-1]['message'] if diagnostics else ''})")
    print(f"resident: peak {peak} MiB, now {now} MiB")
    last_line = ITEMS + 1
    for where, position in (("end", {"line": last_line, "character": 0}), ("start", {"line": 1, "character": 2})):
        cpu = server.cpu()
        start = time.monotonic()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": 2 if where == "end" else 3},
                                "contentChanges": [{"range": {"start": position, "end": position}, "text": " "}]}})
        diagnostics = server.wait_for_diagnostics()
        elapsed = time.monotonic() - start
        peak, now = server.memory()
        print(f"a keystroke at the {where}: diagnostics after {elapsed:.2f} s (0.20 s of it the typing pause; the server's CPU: "
              f"{server.cpu() - cpu:.2f} s); resident peak {peak} MiB, now {now} MiB")
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        file.write(manifest(ITEMS))
        file.flush()
        # /usr/bin/time measures the command alone (the resident size a forked Python child
        # reports includes this script's own memory from before the exec).
        timed = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", BINARY, file.name, "--format", "concise"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed, user, system, peak = timed.stderr.strip().splitlines()[-1].split()
        print(f"the command line on the same text: {float(elapsed):.2f} s (CPU {float(user) + float(system):.2f} s), peak resident {int(peak) // 1024} MiB")
    server.request("shutdown", None)
    server.send({"jsonrpc": "2.0", "method": "exit"})
    print(f"exit status {server.process.wait()}")


main()
