#!/usr/bin/env python3
"""Loads one page in Debian's headless chromium with cookies set, as a browser would show it.

Drives chromium through the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages,
NUL-separated, on file descriptors 3 and 4), so it needs nothing beyond the Python standard library.
Prints one JSON object: the main document's HTTP status, the rendered DOM, and the screenshots taken
(PNG, one per WIDTHxHEIGHT:PATH, the full page height at that width). Exit 1 with a message on stderr
when chromium cannot be started or does not answer in time."""
import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse


class Browser:
    def __init__(self, executable, timeout):
        self.deadline = time.monotonic() + timeout
        to_chromium_read, self.to_chromium = os.pipe()
        self.from_chromium, from_chromium_write = os.pipe()
        # Above 4, so that placing them on 3 and 4 in the child cannot overwrite one with the other.
        child_read = fcntl.fcntl(to_chromium_read, fcntl.F_DUPFD, 10)
        child_write = fcntl.fcntl(from_chromium_write, fcntl.F_DUPFD, 10)
        for fd in (to_chromium_read, from_chromium_write):
            os.close(fd)

        def place_pipes():
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self.profile = tempfile.mkdtemp(prefix="quimbi-chromium-")
        self.process = subprocess.Popen(
            [executable, "--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
             "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=place_pipes, pass_fds=(3, 4), close_fds=True)
        os.close(child_read)
        os.close(child_write)
        self.next_id = 0
        self.buffer = b""
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chromium, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.from_chromium], [], [], remaining)
            if ready:
                chunk = os.read(self.from_chromium, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed its DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session):
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self.receive())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--url", required=True)
    parser.add_argument("--cookie", action="append", default=[], help="NAME=VALUE, set HttpOnly and SameSite=Strict on the URL's path")
    parser.add_argument("--screenshot", action="append", default=[], help="WIDTHxHEIGHT:PATH")
    parser.add_argument("--timeout", type=float, default=90)
    arguments = parser.parse_args()
    try:
        browser = Browser(arguments.chromium, arguments.timeout)
    except OSError as error:
        print(f"cannot start chromium: {error}", file=sys.stderr)
        return 1
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Network.enable", session=session)
        browser.send("Page.enable", session=session)
        path = urllib.parse.urlsplit(arguments.url).path or "/"
        for cookie in arguments.cookie:
            name, value = cookie.split("=", 1)
            browser.send("Network.setCookie", {"name": name, "value": value, "url": arguments.url, "path": path,
                                               "httpOnly": True, "sameSite": "Strict"}, session=session)
        first = arguments.screenshot[0].split(":", 1)[0] if arguments.screenshot else "1280x800"
        width, height = (int(part) for part in first.split("x"))
        browser.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session=session)
        browser.send("Page.navigate", {"url": arguments.url}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        status = next((event["params"]["response"]["status"] for event in browser.events
                       if event.get("method") == "Network.responseReceived" and event["params"].get("type") == "Document"), None)
        root = browser.send("DOM.getDocument", {"depth": -1}, session=session)["root"]["nodeId"]
        dom = browser.send("DOM.getOuterHTML", {"nodeId": root}, session=session)["outerHTML"]
        shots = []
        for shot in arguments.screenshot:
            size, destination = shot.split(":", 1)
            width, height = (int(part) for part in size.split("x"))
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
            browser.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
            content = browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            metrics["height"] = max(height, int(content["height"]))
            browser.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
            image = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
            with open(destination, "wb") as file:
                file.write(base64.b64decode(image))
            shots.append({"path": destination, "width": width, "height": metrics["height"], "content_width": content["width"]})
        print(json.dumps({"status": status, "dom": dom, "screenshots": shots}))
        return 0
    except (RuntimeError, TimeoutError, KeyError, ValueError) as error:
        print(f"browsing {arguments.url} failed: {error}", file=sys.stderr)
        return 1
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
