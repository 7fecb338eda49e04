#!/usr/bin/env python3
"""The sandbox's stand-in for the services' health endpoints, the regions' load balancers, the
incident escalation webhook (POST /escalations: each body is appended to escalations.jsonl in the
working directory and answered 202), and the receivers of runs' notifications, each appended to
notifications.jsonl as {"channel", "body"}:
    POST /slack/services/...      a Slack incoming webhook: 200 "ok"; 400 "no_text" without text or
                                  blocks, 400 "invalid_blocks" when blocks is not a list
                                  (https://api.slack.com/messaging/webhooks#handling_errors)
    POST /pagerduty/v2/enqueue    PagerDuty's Events API v2: 202 {"status": "success", "message": "Event
                                  processed", "dedup_key"}; 400 {"status": "invalid event"} when a
                                  required field is missing or wrong
                                  (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/)
    POST /notify                  the generic webhook: 202

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
import json
import sys
import threading

DOWN = set()
LOCK = threading.Lock()
SEVERITIES = ("critical", "error", "warning", "info")


def pagerduty_errors(event):
    """What PagerDuty's Events API v2 would refuse in this event, as its 400 answer lists it."""
    errors = []
    if not isinstance(event, dict):
        return ["the event is not a JSON object"]
    if not isinstance(event.get("routing_key"), str) or len(event["routing_key"]) != 32:
        errors.append("'routing_key' must be the 32-character integration key")
    action = event.get("event_action")
    if action not in ("trigger", "acknowledge", "resolve"):
        errors.append("'event_action' must be trigger, acknowledge or resolve")
    dedup = event.get("dedup_key")
    if dedup is not None and (not isinstance(dedup, str) or len(dedup) > 255):
        errors.append("'dedup_key' must be a string of at most 255 characters")
    if action in ("acknowledge", "resolve") and not dedup:
        errors.append("'dedup_key' is required to " + action)
    if action == "trigger":
        payload = event.get("payload")
        if not isinstance(payload, dict):
            errors.append("'payload' is required to trigger")
        else:
            summary = payload.get("summary")
            if not isinstance(summary, str) or not summary or len(summary) > 1024:
                errors.append("'payload.summary' must be 1 to 1024 characters")
            if not isinstance(payload.get("source"), str) or not payload.get("source"):
                errors.append("'payload.source' is required")
            if payload.get("severity") not in SEVERITIES:
                errors.append("'payload.severity' must be one of " + ", ".join(SEVERITIES))
    return errors


def record(channel, body):
    with LOCK, open("notifications.jsonl", "a") as f:
        f.write(json.dumps({"channel": channel, "body": body}) + "\n")


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
        if self.path.startswith("/slack/services/") or self.path.startswith("/pagerduty/") \
                or self.path.rstrip("/") == "/notify":
            return self._notification()
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("_down", "_up"):
            with LOCK:
                (DOWN.add if parts[0] == "_down" else DOWN.discard)(parts[1])
            self.send_response(204)
            self.end_headers()
            return
        self.send_response(404)
        self.end_headers()

    def _answer(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _notification(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw)
        except ValueError:
            return self._answer(400, "invalid_payload", "text/plain")
        if self.path.startswith("/slack/"):
            if not isinstance(body, dict) or not (body.get("text") or body.get("blocks")):
                return self._answer(400, "no_text", "text/plain")
            if "blocks" in body and not isinstance(body["blocks"], list):
                return self._answer(400, "invalid_blocks", "text/plain")
            record("slack", body)
            return self._answer(200, "ok", "text/plain")
        if self.path.rstrip("/") == "/pagerduty/v2/enqueue":
            errors = pagerduty_errors(body)
            if errors:
                return self._answer(400, json.dumps(
                    {"status": "invalid event", "message": "Event object is invalid", "errors": errors}))
            record("pagerduty", body)
            return self._answer(202, json.dumps(
                {"status": "success", "message": "Event processed", "dedup_key": body.get("dedup_key")}))
        if self.path.startswith("/pagerduty/"):
            return self._answer(404, "{}")
        record("webhook", body)
        return self._answer(202, "", "text/plain")

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


if __name__ == "__main__":
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
