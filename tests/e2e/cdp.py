"""Just enough of the Chrome DevTools protocol to drive a page like a user.

Headless Chromium (Debian's `chromium`) is started with a private profile and
`--remote-debugging-port=0`; we read the port it chose from DevToolsActivePort
and talk to the page target over aiohttp's websocket client.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--remote-debugging-port=0", "--remote-allow-origins=*",
]


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "headless Chromium is required for the browser tests but was not found: "
        "install Debian's `chromium` (apt-get install -y chromium chromium-driver)",
        pytrace=False,
    )


class Browser:
    def __init__(self, profile: Path):
        self.profile = profile
        self.proc = subprocess.Popen(
            [chromium_binary(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                pytest.fail("headless Chromium did not start (no DevToolsActivePort)", pytrace=False)
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    async def page(self, http: aiohttp.ClientSession) -> "Page":
        async with http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as r:
            target = await r.json(content_type=None)
        ws = await http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(ws)
        await page.send("Page.enable")
        await page.send("Runtime.enable")
        return page


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.console: list[str] = []

    async def send(self, method: str, params: dict | None = None, timeout: float = 20) -> dict:
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_str(json.dumps({"id": my_id, "method": method, "params": params or {}}))
        async with asyncio.timeout(timeout):
            while True:
                msg = await self.ws.receive()
                if msg.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"DevTools connection closed: {msg}")
                data = json.loads(msg.data)
                if data.get("method") in ("Runtime.exceptionThrown", "Runtime.consoleAPICalled"):
                    self.console.append(json.dumps(data["params"])[:500])
                if data.get("id") == my_id:
                    if "error" in data:
                        raise RuntimeError(f"{method}: {data['error']}")
                    return data["result"]

    async def viewport(self, width: int, height: int, mobile: bool, scale: float = 2) -> None:
        await self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})
        if mobile:
            await self.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})

    async def locale(self, accept_language: str) -> None:
        """The phone's language settings (headless Chromium defaults to en-US)."""
        ua = (await self.send("Browser.getVersion"))["userAgent"]
        await self.send("Emulation.setUserAgentOverride", {"userAgent": ua, "acceptLanguage": accept_language})

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", {"url": url})

    async def js(self, expression: str):
        res = await self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error in {expression!r}: {res['exceptionDetails']}")
        return res["result"].get("value")

    async def wait(self, expression: str, timeout: float = 10, what: str = "") -> object:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = await self.js(expression)
            except RuntimeError:
                last = None
            if last:
                return last
            await asyncio.sleep(0.1)
        text = await self.js("document.body ? document.body.innerText : ''")
        raise AssertionError(f"timed out waiting for {what or expression}; page text:\n{text}\n{self.console}")

    async def visible(self, selector: str) -> bool:
        return await self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " return !!e && e.checkVisibility({visibilityProperty: true}) && e.getClientRects().length > 0; })()")

    async def click(self, selector: str) -> None:
        """A real pointer click at the element's centre (fails if something covers it)."""
        box = await self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        if box is None:
            raise AssertionError(f"no element {selector}")
        x, y = box
        hit = await self.js(
            f"(() => {{ const e = document.elementFromPoint({x}, {y}); const t = document.querySelector({json.dumps(selector)});"
            " return !!e && (e === t || t.contains(e) || e.contains(t) || (e.control === t) || (t.labels && [...t.labels].includes(e))); })()")
        assert hit, f"{selector} is covered or off screen"
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", {
                "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    async def type(self, selector: str, text: str) -> None:
        await self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.focus(); e.select && e.select(); }})()")
        await self.send("Input.insertText", {"text": text})

    async def key(self, key: str) -> None:
        """A real key press (keyDown + keyUp) to the focused element."""
        codes = {"ArrowRight": 39, "ArrowLeft": 37, "ArrowDown": 40, "ArrowUp": 38, "Tab": 9}
        for kind in ("rawKeyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", {
                "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": codes.get(key, 0)})

    async def screenshot(self, path: Path, full: bool = False) -> Path:
        params: dict = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = await self.send("Page.captureScreenshot", params)
        path.write_bytes(base64.b64decode(data["data"]))
        return path


class Served:
    """`facilitator serve` in a subprocess, bound to 127.0.0.1 on a free port."""

    def __init__(self, session: str, cwd: Path, *extra: str, lang: str | None = None, port: int = 0):
        args = [sys.executable, "-m", "facilitator"]
        if lang:
            args += ["--lang", lang]
        args += ["serve", session, "--host", "127.0.0.1", "--port", str(port), *extra]
        env = {**os.environ, "PYTHONPATH": str(cwd), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        deadline = time.monotonic() + 30
        self.url = self.room_url = self.code = None
        while self.code is None:
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read()
                raise AssertionError(f"serve exited early: {''.join(self.lines)}{err}")
            self.lines.append(line)
            if m := re.search(r"(http://127\.0\.0\.1:\d+/)\s*$", line):
                self.url = m.group(1)
            elif m := re.search(r"(http://\S+/room)#(\d+)", line):
                self.room_url = m.group(1)
            elif m := re.search(r"(?:Code|Code):\s+(\d{6})", line):
                self.code = m.group(1)
            if time.monotonic() > deadline:
                raise AssertionError("serve did not announce its URL")

    def drain(self) -> None:
        """Keep reading serve's output (a line per saved entry) so its pipe never fills."""
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(10)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()
