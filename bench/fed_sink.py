#!/usr/bin/env python3
"""Simulated partner inboxes for the federation benchmark (bench/federation.sh).

Standard library only. Listens on loopback:

- GOOD ports (one per simulated partner forum) that answer 202 to POST /inbox, count
  what they get per port, check that each request has a Signature and a Digest header
  and that the Digest is the SHA-256 of the body, and verify the RSA signature
  (rsa-sha256 / hs2019, PKCS#1 v1.5) of one request in --sample against the forum's
  public key (read from --key-file once the benchmark has written it);
- one DEAD port that accepts connections and reads, but never answers;
- one REFUSED port: bound, then closed at once, so that connecting to it is refused;
- a CONTROL port: GET /stats answers the counts as JSON.

When it is listening it writes {"good": [...], "dead": P, "refused": P, "control": P}
to --ready (written whole, then renamed).
"""

import argparse
import asyncio
import base64
import hashlib
import json
import os
import re
import socket
import time

DIGEST_INFO_SHA256 = bytes.fromhex("3031300d060960864801650304020105000420")
PARAM = re.compile(r'(\w+)=(?:"([^"]*)"|([0-9.]+))')


def der_read(data, at):
    """One DER TLV at `at`: (tag, value start, value end)."""
    tag = data[at]
    length = data[at + 1]
    at += 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[at:at + n], "big")
        at += n
    return tag, at, at + length


def rsa_public_key(pem):
    """(n, e) from a PEM SubjectPublicKeyInfo (or PKCS#1 RSAPublicKey)."""
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    der = base64.b64decode(body)
    _, start, _ = der_read(der, 0)  # outer SEQUENCE
    tag, s, e = der_read(der, start)
    if tag == 0x30:  # SPKI: AlgorithmIdentifier, then BIT STRING holding RSAPublicKey
        tag, s, e = der_read(der, e)
        assert tag == 0x03, "expected a BIT STRING"
        der, start = der[s + 1:e], 0
        _, start, _ = der_read(der, 0)
        tag, s, e = der_read(der, start)
    assert tag == 0x02, "expected INTEGER n"
    n = int.from_bytes(der[s:e], "big")
    tag, s2, e2 = der_read(der, e)
    assert tag == 0x02, "expected INTEGER e"
    return n, int.from_bytes(der[s2:e2], "big")


def verify_signature(key, method, path, headers):
    """Checks the request's HTTP signature with `key` = (n, e). Returns an error or None."""
    n, e = key
    params = {m.group(1): (m.group(2) if m.group(2) is not None else m.group(3))
              for m in PARAM.finditer(headers.get("signature", ""))}
    if "signature" not in params:
        return "no signature parameter"
    lines = []
    for name in params.get("headers", "date").split():
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        elif name in ("(created)", "(expires)"):
            lines.append(f"{name}: {params.get(name[1:-1], '')}")
        elif name in headers:
            lines.append(f"{name}: {headers[name]}")
        else:
            return f"signed header {name} is missing"
    signed = "\n".join(lines).encode()
    k = (n.bit_length() + 7) // 8
    try:
        s = int.from_bytes(base64.b64decode(params["signature"]), "big")
    except ValueError:
        return "signature is not base64"
    em = pow(s, e, n).to_bytes(k, "big")
    t = DIGEST_INFO_SHA256 + hashlib.sha256(signed).digest()
    expected = b"\x00\x01" + b"\xff" * (k - 3 - len(t)) + b"\x00" + t
    return None if em == expected else "signature does not verify"


class Stats:
    def __init__(self, args):
        self.args = args
        self.ports = {}
        self.first = None
        self.last = None
        self.total = 0
        self.missing_signature = 0
        self.missing_digest = 0
        self.bad_digest = 0
        self.not_inbox = 0
        self.samples = []  # (method, path, headers) waiting for the key
        self.verified = 0
        self.bad_signatures = []
        self.key = None
        self.dead_connections = 0

    def port(self, port):
        return self.ports.setdefault(port, {"requests": 0, "stories": 0, "reports": 0,
                                            "other": 0, "distinct": set()})

    def load_key(self):
        if self.key is None and self.args.key_file and os.path.exists(self.args.key_file):
            with open(self.args.key_file) as f:
                self.key = rsa_public_key(f.read())
        return self.key

    def verify_pending(self):
        if not self.samples or self.load_key() is None:
            return
        for method, path, headers in self.samples:
            error = verify_signature(self.key, method, path, headers)
            if error:
                if len(self.bad_signatures) < 5:
                    self.bad_signatures.append(error)
                else:
                    self.bad_signatures.append("...")
            else:
                self.verified += 1
        self.samples.clear()

    def record(self, port, method, path, headers, body):
        now = time.monotonic()
        self.first = self.first or now
        self.last = now
        self.total += 1
        p = self.port(port)
        p["requests"] += 1
        if method != "POST" or path != "/inbox":
            self.not_inbox += 1
            return 404
        if "signature" not in headers:
            self.missing_signature += 1
        digest = headers.get("digest")
        if digest is None:
            self.missing_digest += 1
        else:
            want = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
            if digest.split(",")[0].strip() != want:
                self.bad_digest += 1
            p["distinct"].add(digest)
        if b'"Article"' in body:
            p["stories"] += 1
        elif b"PatternReport" in body:
            p["reports"] += 1
        else:
            p["other"] += 1
        if self.total % self.args.sample == 1 or p["requests"] == 1:
            self.samples.append((method, path, headers))
            if len(self.samples) >= 64:
                self.verify_pending()
        return 202

    def as_json(self):
        self.verify_pending()
        good = [self.ports.get(port) for port in self.args_ports]
        good = [p for p in good if p]
        return {
            "total": self.total,
            "stories": sum(p["stories"] for p in good),
            "reports": sum(p["reports"] for p in good),
            "other": sum(p["other"] for p in good),
            "distinct": sum(len(p["distinct"]) for p in good),
            "ports_seen": len(good),
            "min_stories_per_port": min((p["stories"] for p in good), default=0)
            if len(good) == len(self.args_ports) else 0,
            "max_stories_per_port": max((p["stories"] for p in good), default=0),
            "missing_signature": self.missing_signature,
            "missing_digest": self.missing_digest,
            "bad_digest": self.bad_digest,
            "not_inbox": self.not_inbox,
            "signatures_verified": self.verified,
            "signatures_pending": len(self.samples),
            "bad_signatures": self.bad_signatures,
            "first_to_last_secs": (self.last - self.first) if self.first else 0.0,
            "dead_connections": self.dead_connections,
        }


class Inbox(asyncio.Protocol):
    """A minimal HTTP/1.1 server with keep-alive: enough for reqwest's POSTs."""

    def __init__(self, stats, port):
        self.stats = stats
        self.port = port
        self.buffer = bytearray()
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                value = value.strip()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            length = int(headers.get("content-length", "0") or 0)
            if len(self.buffer) < end + 4 + length:
                return
            body = bytes(self.buffer[end + 4:end + 4 + length])
            del self.buffer[:end + 4 + length]
            parts = head[0].split(" ")
            method, path = (parts[0], parts[1]) if len(parts) >= 2 else ("", "")
            status = self.stats.record(self.port, method, path, headers, body)
            reason = "Accepted" if status == 202 else "Not Found"
            self.transport.write(
                f"HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\n\r\n".encode())
            if headers.get("connection", "").lower() == "close":
                self.transport.close()
                return


class Dead(asyncio.Protocol):
    """Takes the connection and the request, and never answers."""

    def __init__(self, stats):
        self.stats = stats

    def connection_made(self, transport):
        self.stats.dead_connections += 1

    def data_received(self, data):
        pass


async def control(stats, reader, writer):
    try:
        await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        writer.close()
        return
    body = json.dumps(stats.as_json()).encode()
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
                 + f"content-length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=50)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--key-file")
    parser.add_argument("--sample", type=int, default=25,
                        help="verify the signature of one request in this many")
    args = parser.parse_args()
    stats = Stats(args)
    loop = asyncio.get_running_loop()
    servers = []
    good = []
    for _ in range(args.partners):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        servers.append(await loop.create_server(lambda port=port: Inbox(stats, port),
                                                sock=sock, backlog=256))
        good.append(port)
    stats.args_ports = good
    dead = await loop.create_server(lambda: Dead(stats), "127.0.0.1", 0, backlog=256)
    servers.append(dead)
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))
    refused_port = refused.getsockname()[1]
    refused.close()  # never listened on: connecting is refused
    ctl = await asyncio.start_server(lambda r, w: control(stats, r, w), "127.0.0.1", 0)
    ready = {"good": good, "dead": dead.sockets[0].getsockname()[1],
             "refused": refused_port, "control": ctl.sockets[0].getsockname()[1]}
    with open(args.ready + ".tmp", "w") as f:
        json.dump(ready, f)
    os.replace(args.ready + ".tmp", args.ready)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
