"""Screenshots of the built book for the README: the article page and the at-a-glance page.

Usage: ``make html`` then ``.venv/bin/python tools/screenshots.py`` (or ``make screenshots``).
Drives Debian's Chromium (``/usr/bin/chromium``) with Playwright against ``build/html`` served on
loopback, and writes WebP files under ``manual/images/`` (each kept under 200 KB: Chromium's
own encoder, through a canvas, so no imaging library is needed).
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: (page, output file, viewport): what the README shows in its first screen.
SHOTS = (
    ("articles/lavrov-wonsan.html", "article.webp", {"width": 1280, "height": 860}),
    ("glance.html", "glance.webp", {"width": 1280, "height": 860}),
)
LIMIT = 200_000

#: Re-encode a PNG as WebP in the page (Chromium's encoder), lowering quality until it fits.
_WEBP = """async ([png, limit]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d').drawImage(image, 0, 0);
  for (const quality of [0.85, 0.75, 0.65, 0.5, 0.4]) {
    const url = canvas.toDataURL('image/webp', quality);
    const data = url.slice(url.indexOf(',') + 1);
    if (data.length * 3 / 4 <= limit) return data;
  }
  return null;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=REPO / "build" / "html")
    parser.add_argument("--out", type=Path, default=REPO / "manual" / "images")
    args = parser.parse_args()
    if not (args.html / "index.html").is_file():
        print(f"screenshots: {args.html}: no built book (run `make html` first)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(args.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for path, name, viewport in SHOTS:
                page = browser.new_page(viewport=viewport, color_scheme="light")
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                png = page.screenshot()
                webp = page.evaluate(_WEBP, [base64.b64encode(png).decode(), LIMIT])
                if webp is None:
                    print(
                        f"screenshots: {name}: over {LIMIT} bytes at any quality", file=sys.stderr
                    )
                    return 1
                target = args.out / name
                target.write_bytes(base64.b64decode(webp))
                print(f"{target.relative_to(REPO)}: {target.stat().st_size:,} bytes")
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
