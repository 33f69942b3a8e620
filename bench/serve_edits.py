#!/usr/bin/env python3
"""Edits one SOP of a pack under `sopgen serve` again and again and times what a reader sees.

Usage: serve_edits.py SOPGEN PACK [--edits N]

The pack is copied to a temporary folder first (the copy is edited, never PACK). Each edit appends
a line to the body of one SOP, written beside it and renamed over it; the clock starts right after
the rename. Measured for each edit: the reload event naming the SOP's trainer page on an open
event stream, the first GET of that page that shows the new line, and the reload event naming a
print handbook holding the SOP. Between edits the script waits for the server to be idle.
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(1 << 16):
            data += chunk
    return data.decode("utf-8", "replace")


class Events:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.sock.sendall(f"GET /__sopgen/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buffer = ""
        self.wait(lambda text: ": sopgen serve" in text)

    def wait(self, predicate):
        while not predicate(self.buffer):
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise SystemExit("the event stream closed")
            self.buffer += chunk.decode("utf-8", "replace")

    def reload_naming(self, path):
        """Blocks until a reload event naming path (or every page) arrives; returns its time."""
        def found(text):
            for data in re.findall(r"event: reload\ndata: (.*)\n\n", text):
                if data == '"*"' or path in json.loads(data):
                    return True
            return False
        self.wait(found)
        now = time.perf_counter()
        self.buffer = ""
        return now


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sopgen")
    parser.add_argument("pack")
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    args.sopgen = os.path.abspath(args.sopgen)

    work = tempfile.mkdtemp(prefix="sopgen-serve-bench-")
    pack = os.path.join(work, "pack")
    shutil.copytree(args.pack, pack)
    sops = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(pack, "procedures")) for f in fs if f.endswith(".md"))
    target = sops[len(sops) // 2]
    sop_id = os.path.splitext(os.path.basename(target))[0]
    text = open(target, encoding="utf-8").read()
    inline = re.search(r"^audience: \[([^\]]*)\]", text, re.M)
    audience = (inline.group(1).split(",")[0] if inline else re.search(r"^audience:\s*\n\s*- (.+)$", text, re.M).group(1)).strip()
    page, print_page = f"/sops/{sop_id}.html", f"/roles/{audience}/print.html"

    env = dict(os.environ, SOURCE_DATE_EPOCH="1795219200")
    server = subprocess.Popen([args.sopgen, "serve", pack, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env=env, cwd=work)
    lines = []
    try:
        port = None
        started = time.perf_counter()
        for line in server.stdout:
            lines.append(line.rstrip())
            match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        print(f"pack: {len(sops)} SOPs; first render and start: {time.perf_counter() - started:.2f} s; editing {target[len(pack) + 1:]}")
        print("server: " + " | ".join(lines))
        events = Events(port)
        reload_ms, served_ms, gathered_ms = [], [], []
        for edit in range(args.edits):
            time.sleep(1.5)  # let the previous update finish: each edit starts from an idle server
            marker = f"Bench edit {edit} of this SOP."
            text += f"\n{marker}\n"
            temporary = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".tmp")
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.rename(temporary, target)
            saved = time.perf_counter()
            reloaded = events.reload_naming(page)
            body = get(port, page)
            served = time.perf_counter()
            if marker not in body:
                raise SystemExit(f"edit {edit}: the page served after its reload event lacks the edit")
            gathered = events.reload_naming(print_page)
            reload_ms.append((reloaded - saved) * 1000)
            served_ms.append((served - saved) * 1000)
            gathered_ms.append((gathered - saved) * 1000)
        for name, values in [("save → reload event for the SOP's page", reload_ms),
                             ("save → new SOP page served", served_ms),
                             ("save → reload event for its print handbook", gathered_ms)]:
            print(f"{name}: median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f}, n={len(values)})")
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
