"""A scripted OpenAI-compatible chat-completions server for the tests (real HTTP on 127.0.0.1,
real JSON): every request is recorded (path, headers, body); the answer is chosen by a script.

script(request_json, hit) -> answer, where hit counts the earlier requests with the same key
(description, turn), and answer is one of:
  ("message", {...assistant message...})   200 with that message and a usage block
  ("status", code, headers[, message])     that HTTP status with an error body
  ("raw", text)                            200 with that body as it is
  ("sleep", seconds, answer)               waits, then answers
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROMPT_TOKENS, COMPLETION_TOKENS = 100, 7


def description_of(req):
    msgs = req.get("messages", [])
    for m in msgs:
        if m.get("role") == "user" and "this part: " in (m.get("content") or ""):
            return m["content"].split("this part: ", 1)[1]
    return None


def turn_of(req):
    return sum(1 for m in req.get("messages", []) if m.get("role") == "assistant")


def tool_call(call_id, name, args):
    return {"id": call_id, "type": "function",
            "function": {"name": name, "arguments": args if isinstance(args, str) else json.dumps(args)}}


def calls_message(*calls, content=None, reasoning="thinking about it"):
    return {"role": "assistant", "content": content, "reasoning_content": reasoning, "tool_calls": list(calls)}


class FakeLLM:
    def __init__(self, script):
        self.script = script
        self.requests = []          # (path, headers dict, body json or None, time)
        self.hits = {}
        self.lock = threading.Lock()
        self.usage_sent = [0, 0]    # prompt, completion tokens of 200 answers with a message
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                n = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(n)
                try:
                    req = json.loads(raw)
                except ValueError:
                    req = None
                with server.lock:
                    server.requests.append((self.path, dict(self.headers), req, time.time()))
                    key = (description_of(req or {}), turn_of(req or {}), bool(req and "tools" in req))
                    hit = server.hits.get(key, 0)
                    server.hits[key] = hit + 1
                answer = server.script(req, hit)
                self.answer(answer)

            def answer(self, answer):
                kind = answer[0]
                if kind == "sleep":
                    time.sleep(answer[1])
                    return self.answer(answer[2])
                if kind == "status":
                    text = answer[3] if len(answer) > 3 else f"scripted {answer[1]}"
                    body = json.dumps({"error": {"message": text}}).encode()
                    self.send(answer[1], body, answer[2] if len(answer) > 2 else {})
                elif kind == "raw":
                    self.send(200, answer[1].encode(), {})
                else:
                    with server.lock:
                        server.usage_sent[0] += PROMPT_TOKENS
                        server.usage_sent[1] += COMPLETION_TOKENS
                    body = {"id": "x", "object": "chat.completion", "model": "fake",
                            "choices": [{"index": 0, "message": answer[1],
                                         "finish_reason": "tool_calls" if answer[1].get("tool_calls") else "stop"}],
                            "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS}}
                    self.send(200, json.dumps(body).encode(), {})

            def send(self, code, body, headers):
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def code_requests(self, description=None):
        return [r for r in self.requests if r[2] and description_of(r[2]) is not None
                and (description is None or description_of(r[2]) == description)]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
