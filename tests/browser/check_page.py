"""Checks `stenosis assess --html` pages in a real browser (headless Chromium, DevTools protocol).

For every page given, in the light and the dark colour scheme:

1. nothing is fetched: the only request is the page itself (file://); no console error, no
   Content-Security-Policy violation;
2. every element with text meets WCAG AA contrast (4.5:1; 3:1 for large text) against its
   effective background, from the browser's computed styles;
   (a page that imitates a JupyterLab dark theme must show the card dark in both);
3. the red-flag region, cut from a real screenshot, has text whose contrast with the region's
   background is at least 4.5:1 (measured on pixels, not on the stylesheet);
4. the page honours the scheme: the body's background is light in light and dark in dark;
5. the page prints: print media emulation keeps the red flag visible.

Writes the screenshots beside OUTDIR (for docs/ and for a person to look at).

Usage: python check_page.py CHROMIUM OUTDIR PAGE.html [PAGE.html ...]
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import websocket
from PIL import Image

WIDTH, HEIGHT = 1000, 1400


def luminance(rgb: tuple[int, int, int]) -> float:
    def ch(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Browser:
    """One headless Chromium with the DevTools protocol on a pipe-free websocket."""

    def __init__(self, chromium: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="stenosis-chromium-")
        port_file = Path(self.profile) / "DevToolsActivePort"
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                # Offline: any host lookup fails, so a fetch could not succeed even if tried.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                result: dict[str, Any] = msg.get("result", {})
                return result
            self.events.append(msg)

    def eval(self, expr: str) -> Any:
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


# Every element with its own text: its colour, its effective background (first opaque ancestor
# background), its font size and weight. Runs in the page.
CONTRAST_JS = r"""
(() => {
  const rgb = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(x => parseFloat(x)); return {c: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) { const b = rgb(getComputedStyle(e).backgroundColor);
      if (b && b.a > 0.99) return b.c; } return [255, 255, 255]; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || el.getClientRects().length === 0) continue;
    out.push({tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40),
              fg: rgb(cs.color).c, bg: bgOf(el), size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight)});
  }
  return out;
})()
"""


def check_page(b: Browser, page: Path, outdir: Path, failures: list[str]) -> None:
    url = page.resolve().as_uri()
    for scheme in ("light", "dark"):
        b.events.clear()
        b.call("Emulation.setEmulatedMedia", media="screen",
               features=[{"name": "prefers-color-scheme", "value": scheme}])
        b.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while b.eval("document.readyState") != "complete":
            if time.monotonic() > deadline:
                failures.append(f"{page.name} {scheme}: did not load")
                return
            time.sleep(0.05)
        time.sleep(0.2)
        b.eval("1")  # drain pending events
        name = f"{page.stem}-{scheme}"

        # 1. Nothing fetched but the page itself; no console error or CSP violation.
        requests = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
        others = [u for u in requests if u != url and not u.startswith("data:")]
        if others:
            failures.append(f"{name}: fetched {others}")
        if url not in requests:
            failures.append(f"{name}: the network log did not see the page itself (is the log working?)")
        logged = [e["params"]["entry"] for e in b.events if e.get("method") == "Log.entryAdded"]
        errors = [e["text"] for e in logged if e.get("level") == "error"]
        if errors:
            failures.append(f"{name}: console errors {errors}")

        # 2. Every element with text meets WCAG AA.
        for el in b.eval(CONTRAST_JS):
            ratio = contrast(tuple(el["fg"]), tuple(el["bg"]))
            large = el["size"] >= 24 or (el["size"] >= 18.66 and el["weight"] >= 700)
            need = 3.0 if large else 4.5
            if ratio < need:
                failures.append(f"{name}: {el['tag']}.{el['cls']} {el['text']!r} contrast {ratio:.2f} < {need}")

        # 4. The scheme is honoured (a page pinned to a notebook's dark theme is dark in both).
        pinned_dark = b.eval("document.body.getAttribute('data-jp-theme-light') === 'false'")
        want_light = scheme == "light" and not pinned_dark
        body_bg = tuple(b.eval("getComputedStyle(document.querySelector('.stn')).backgroundColor.match(/\\d+/g).map(Number)")[:3])
        if (luminance(body_bg) > 0.5) != want_light:
            failures.append(f"{name}: card background {body_bg} does not follow the colour scheme")

        # The screenshot of the whole page (the first screen), kept for people and docs/.
        shot = base64.b64decode(b.call("Page.captureScreenshot", format="png")["data"])
        (outdir / f"{name}.png").write_bytes(shot)

        # 3. The red-flag region, measured on the pixels of a screenshot.
        rect = b.eval("(() => { const e = document.querySelector('.stn-red-flag'); if (!e) return null;"
                      " const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()")
        if rect is None:
            continue
        x, y, w, h = rect
        clip = {"x": x + 8, "y": y, "width": w - 8, "height": h, "scale": 1}  # past the red left edge
        data = base64.b64decode(b.call("Page.captureScreenshot", format="png", clip=clip)["data"])
        img = Image.open(io.BytesIO(data)).convert("RGB")
        img.save(outdir / f"{name}-red-flag.png")
        counts = Counter(img.get_flattened_data())
        bg, _ = counts.most_common(1)[0]
        # The text colour: the pixel colour farthest from the background that covers a real area
        # (anti-aliased edges are rare; glyph cores of bold text are many pixels).
        total = sum(counts.values())
        candidates = [c for c, n in counts.items() if n >= max(20, total // 2000) and c != bg]
        if not candidates:
            failures.append(f"{name}: no text found in the red-flag region")
            continue
        fg = max(candidates, key=lambda c: contrast(c, bg))
        ratio = contrast(fg, bg)
        print(f"{name}: red-flag region background {bg}, text {fg}, contrast {ratio:.2f}:1")
        if ratio < 4.5:
            failures.append(f"{name}: red-flag contrast {ratio:.2f} < 4.5 (bg {bg}, text {fg})")

    # 5. Print: the red flag stays visible and dark on white.
    b.call("Emulation.setEmulatedMedia", media="print", features=[])
    visible = b.eval("(() => { const e = document.querySelector('.stn-red-flag');"
                     " return e === null || e.getClientRects().length > 0; })()")
    if not visible:
        failures.append(f"{page.name} print: red flag hidden")
    b.call("Emulation.setEmulatedMedia", media="screen", features=[])


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, outdir, pages = sys.argv[1], Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
    outdir.mkdir(parents=True, exist_ok=True)
    os.environ.pop("http_proxy", None)
    os.environ.pop("https_proxy", None)
    b = Browser(chromium)
    failures: list[str] = []
    try:
        b.call("Network.enable")
        b.call("Log.enable")
        b.call("Page.enable")
        b.call("Runtime.enable")
        b.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)
        for page in pages:
            check_page(b, page, outdir, failures)
    finally:
        b.close()
    for f in failures:
        print("FAIL", f, file=sys.stderr)
    print(f"browser check: {len(pages)} pages x 2 schemes, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
