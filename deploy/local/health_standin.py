#!/usr/bin/env python3
"""The sandbox's stand-in for the services' health endpoints, the regions' load balancers, and the
incident escalation webhook (POST /escalations: each body is appended to escalations.jsonl in the
working directory and answered 202).

The catalog's URLs (https://api.mycomputer.com/health, the ALBs) cannot be reached from here, so the
sandbox maps their hosts to this server with DR_HTTP_ENDPOINT_MAP. It answers 200 "ok" to any GET,
except for hosts an operator marks down, to rehearse a failover:
    curl -X POST http://127.0.0.1:PORT/_down/primary-alb.eu-west-1.elb.amazonaws.com
    curl -X POST http://127.0.0.1:PORT/_up/primary-alb.eu-west-1.elb.amazonaws.com
Requests arrive with the path only; the host they stand for is the X-Forwarded-Host header when a
prober sends one, else the first path segment after /h/ (the endpoint map sends /h/<host>/...).

Usage: health_standin.py PORT
"""
import http.server
import sys
import threading

DOWN = set()
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def _host(self):
        parts = self.path.split("/")
        if len(parts) > 2 and parts[1] == "h":
            return parts[2]
        return self.headers.get("X-Forwarded-Host", "")

    def do_GET(self):
        with LOCK:
            down = self._host() in DOWN
        body = b"unavailable\n" if down else b"ok\n"
        self.send_response(503 if down else 200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def do_POST(self):
        if self.path.rstrip("/") == "/escalations":
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with LOCK, open("escalations.jsonl", "ab") as f:
                f.write(body.replace(b"\n", b" ") + b"\n")
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("_down", "_up"):
            with LOCK:
                (DOWN.add if parts[0] == "_down" else DOWN.discard)(parts[1])
            self.send_response(204)
            self.end_headers()
            return
        self.send_response(404)
        self.end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


if __name__ == "__main__":
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
