"""The HTML review report: hostile page text stays inert, links are http(s) only, the CSP allows only the page's own
stylesheet, every claim is marked and labelled, and a real headless Chromium renders it without console errors.

The browser tests need Debian's ``chromium`` (``make test`` and ``.ci/run`` install it); without it they skip, unless
``CORROBORATE_REQUIRE_CHROMIUM`` is set, as in CI. Set ``CORROBORATE_SCREENSHOT=docs/review-report.png`` to keep
the screenshot of the fixture run (``make screenshot``).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corroborate.reports.common import LABELS
from corroborate.reports.html import CSP, render_html, render_html_index
from corroborate.reports.saved import load_json, normalize_report

GOLDEN_INPUT = Path(__file__).parent / "golden" / "report.json"

#: every element the report may contain; anything else (img, iframe, script, form...) would be injected
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "a",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "main",
    "section",
    "div",
    "table",
    "caption",
    "code",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "svg",
    "rect",
    "ul",
    "ol",
    "li",
    "br",
    "small",
    "article",
    "dl",
    "dt",
    "dd",
    "meter",
    "details",
    "summary",
    "strong",
    "blockquote",
    "time",
    "footer",
}

SCRIPT = "<script>alert('x')</script>"
BREAKER = '"><img src=x onerror=alert(1)>'
SINGLE = "' onmouseover='alert(2)"
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<b>x</b>",
    'https://ok.example/"onmouseover="alert(3)',
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:evil",
]


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the contents of style elements."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)

    def find(self, tag: str, **attrs: str) -> list[dict]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(value in (a.get(key) or "").split() for key, value in attrs.items())
        ]


@pytest.fixture()
def golden() -> dict:
    return load_json(GOLDEN_INPUT)


def hostile(report: dict) -> dict:
    """The golden report with attacker-controlled strings wherever page text or metadata reaches the report."""
    data = copy.deepcopy(report)
    data["article"].update(title=SCRIPT + BREAKER, outlet=SINGLE, url=BAD_URLS[0], source=BREAKER)
    data["article"]["text"] = data["article"]["text"].replace("Harbor Bridge will", "Harbor " + SCRIPT[:8] + " will")
    for i, claim in enumerate(data["claims"]):
        claim["id"] = f'c{i}" onclick="alert(1)'
        claim["origins"] = [BREAKER, SINGLE]
        claim["reason"] = SCRIPT
        for j, e in enumerate(claim["evidence"]):
            e.update(
                sentence=SCRIPT + "</blockquote>" + BREAKER,
                outlet=SINGLE + BREAKER,
                why=SCRIPT,
                published=BREAKER,
                url=BAD_URLS[(i + j) % len(BAD_URLS)],
            )
    data["claims"][0]["verdict"] = 'corroborated" onmouseover="alert(4)'
    data["claims"][1]["quotes"] = [{"text": SCRIPT, "speaker": BREAKER}]
    data["claims"][2]["attributed_to"] = [SCRIPT]
    for k in data["skipped"]:
        k["reason"] = BREAKER
    for s, url in zip(data["sources"], BAD_URLS, strict=False):
        s.update(url=url, outlet=SCRIPT, reason=BREAKER, origin=SINGLE, found_by=SCRIPT)
    data["sources"][2]["duplicate_of"] = BAD_URLS[0]
    return normalize_report(data)


def assert_inert(markup: str) -> Page:
    page = Page(markup)
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS
    assert not page.find("script") and len(page.find("style")) == 1
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on") or name == "style"], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert re.fullmatch(r"#[A-Za-z0-9_-]+|https?://[^\s\"'<>`]+", href), href
        if "id" in attrs:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", attrs["id"]), attrs["id"]
    for _, attrs in page.tags:
        for value in attrs.values():
            assert "javascript:" not in (value or "").lower()
    return page


def test_hostile_page_text_stays_text(golden):
    data = hostile(golden)
    page = assert_inert(render_html(data))
    text = "".join(page.text)
    # the strings are shown to the editor, as text
    assert SCRIPT in text and BREAKER in text and SINGLE in text
    assert f"Corroboration report: {SCRIPT}{BREAKER}" in text
    # a link that is not http(s) is shown, not linked; the one safe URL still is
    assert "javascript:alert(1)" in text
    assert [a["href"] for a in page.find("a") if a["href"].startswith("http")] == []
    # verdict classes come from the known list only
    classes = {c for _, a in page.tags for c in (a.get("class") or "").split()}
    assert {c for c in classes if c.startswith("v-")} <= {f"v-{v}" for v in LABELS}


def test_safe_links_are_kept(golden):
    page = assert_inert(render_html(golden))
    hrefs = [a["href"] for a in page.find("a")]
    assert "https://www.coastwire.example/2025/02/harbor-bridge-closure" in hrefs
    assert all(a.get("rel") == "noopener noreferrer nofollow" for a in page.find("a") if a["href"][0] != "#")
    targets = {a["id"] for _, a in page.tags if "id" in a}
    assert all(h[1:] in targets for h in hrefs if h.startswith("#"))  # every in-page link lands somewhere


def test_csp_allows_only_the_inline_stylesheet(golden):
    markup = render_html(golden)
    page = Page(markup)
    metas = page.find("meta")
    assert metas[0] == {"charset": "utf-8"} and metas[1]["http-equiv"] == "Content-Security-Policy"
    policy = dict(part.strip().split(" ", 1) for part in metas[1]["content"].split(";"))
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'none'"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    digest = base64.b64encode(hashlib.sha256(page.styles[0].encode()).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    assert metas[1]["content"] == CSP


def test_every_claim_is_marked_and_labelled(golden):
    page = Page(render_html(golden))
    marks = page.find("a", **{"class": "claim"})
    assert [m["href"] for m in marks] == [f"#claim-c{i}" for i in range(1, 6)]
    assert [m["id"] for m in marks] == [f"text-claim-c{i}" for i in range(1, 6)]
    assert len(page.find("article", **{"class": "card"})) == 5
    text = "".join(page.text)
    for claim in golden["claims"]:  # the verdict in words, not only in color
        assert f"{claim['id']}: {LABELS[claim['verdict']]}" in text
    assert marks[0]["title"].startswith("c1 · Corroborated · score 0.74 · independent sources: 2 (Coast Wire, Bay")
    assert "Collapsed duplicates (1)" in text and "syndicated copy of Coast Wire" in text  # Metro Daily
    assert "Old Mill Gazette" in text and "timeout" in text  # failed source and its reason
    assert "question" in text and "Is this the right time?" in text  # skipped sentence and why
    assert page.find("html")[0]["lang"] == "en"
    assert all(a.get("scope") for t, a in page.tags if t == "th")


def test_report_without_article_text_rebuilds_it(golden):
    data = copy.deepcopy(golden)
    data["article"]["text"] = None
    page = assert_inert(render_html(data))
    assert len(page.find("a", **{"class": "claim"})) == 5
    assert "Is this the right time?" in "".join(page.text)


def test_overlapping_spans_never_nest(golden):
    data = copy.deepcopy(golden)
    data["claims"][1]["span"] = [data["claims"][0]["span"][0] + 10, data["claims"][1]["span"][1]]
    markup = render_html(data)
    assert_inert(markup)
    assert not re.search(r'<a class="claim[^>]*>(?:(?!</a>).)*<a class="claim', markup, re.S)


def test_index_links_only_its_own_files():
    batch = {
        "summary": {"articles": 3, "checked": 1, "failed": 2, "score": 0.5, "claims": 3, "exit_code": 2},
        "articles": [
            {"source": SCRIPT, "report": "a.html", "score": 0.5, "claims": 3, "exit_code": 0},
            {"source": "x", "report": "javascript:alert(1)", "error": BREAKER, "exit_code": 2},
            {"source": "y", "report": "../../etc/passwd", "error": "e", "exit_code": 2},
        ],
    }
    page = Page(render_html_index(batch))
    assert [a["href"] for a in page.find("a")] == ["a.html"]
    assert not page.find("script") and not page.find("img")
    assert not [n for _, a in page.tags for n in a if n.startswith("on")]
    assert SCRIPT in "".join(page.text) and BREAKER in "".join(page.text)


# Headless Chromium ---------------------------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe:
        return exe
    if os.environ.get("CORROBORATE_REQUIRE_CHROMIUM"):
        pytest.fail("chromium is not installed but CORROBORATE_REQUIRE_CHROMIUM is set: apt-get install -y chromium")
    pytest.skip("chromium is not installed (Debian: apt-get install -y chromium; make test and .ci/run install it)")


def run_chromium(exe: str, page: Path, profile: Path, *flags: str) -> subprocess.CompletedProcess:
    profile.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(profile))
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile / 'data'}", *flags, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def console_messages(stderr: str) -> list[str]:
    """What the page logged to the console: errors, CSP violations, uncaught exceptions."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_chromium_renders_the_review_report(chromium, seed_report, tmp_path):
    page = tmp_path / "report.html"
    shown = dict(seed_report, article=dict(seed_report["article"], source="seeds/000_892844bb6acea099.txt"))
    page.write_text(render_html(shown), encoding="utf-8")
    shot = tmp_path / "review-report.png"
    result = run_chromium(chromium, page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1500")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = run_chromium(chromium, page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0 and console_messages(dom.stderr) == []
    rendered = Page(dom.stdout)
    claims = seed_report["claims"]
    assert len(rendered.find("a", **{"class": "claim"})) == len(claims) > 5
    assert len(rendered.find("article", **{"class": "card"})) == len(claims)
    assert f"Claims ({len(claims)})" in "".join(rendered.text)
    target = os.environ.get("CORROBORATE_SCREENSHOT")
    if target:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def test_chromium_prints_the_report(chromium, golden, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_html(golden), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    result = run_chromium(chromium, page, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert result.returncode == 0 and console_messages(result.stderr) == []
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_console_check_catches_blocked_content(chromium, tmp_path):
    """The console check above can fail: an inline script and a style attribute under the report's CSP are
    blocked and logged."""
    page = tmp_path / "broken.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv='
        f'"Content-Security-Policy" content="{CSP}"><title>t</title></head><body>'
        f'<p style="color:red">x</p><script>document.title = "ran"</script></body></html>',
        encoding="utf-8",
    )
    result = run_chromium(chromium, page, tmp_path / "profile", "--dump-dom")
    messages = console_messages(result.stderr)
    assert any("Content Security Policy" in m and "script" in m for m in messages), result.stderr[-2000:]
    assert "<title>t</title>" in result.stdout  # the script did not run


def _png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and the rows of an 8-bit, non-interlaced RGB(A) PNG (Chromium's screenshots)."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + size]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + size
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(b"".join(chunks)), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def test_chromium_page_fits_a_phone_and_evidence_quotes_are_not_struck_through(chromium, golden, tmp_path):
    """At 390 px a long title wraps instead of making the page scroll sideways: the right margin stays blank."""
    page = tmp_path / "report.html"
    long = "HarbourBridgeClosure" * 6  # one word, no break opportunity
    data = dict(golden, article=dict(golden["article"], title=long))
    page.write_text(render_html(data), encoding="utf-8")
    shot = tmp_path / "phone.png"
    result = run_chromium(
        chromium, page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=390,700", "--hide-scrollbars"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    width, _, bpp, rows = _png_pixels(shot.read_bytes())
    assert width == 390
    margin = [row[(width - 10) * bpp : width * bpp] for row in rows[:260]]
    dark = sum(1 for row in margin for i in range(0, len(row), bpp) if min(row[i : i + 3]) < 160)
    assert dark == 0, f"{dark} dark pixels in the right margin: the title runs off the page"
    assert "ul.ev>li{" in data_css() and "ul.ev li{" not in data_css()


def data_css() -> str:
    from corroborate.reports.html import CSS

    return CSS.replace(" > ", ">")


def test_one_origin_is_coloured_apart_from_the_warning_colour():
    import re

    from corroborate.reports.html import CSS

    colours = dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", CSS))
    single = re.search(r"\.v-single-source\{--bg:var\(--([a-z-]+)\);--bd:var\(--([a-z-]+)\)", CSS).groups()
    warning = re.search(r"\.v-uncorroborated\{--bg:var\(--([a-z-]+)\);--bd:var\(--([a-z-]+)\)", CSS).groups()

    def hue(hex_: str) -> float:
        import colorsys

        r, g, b = (int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hsv(r, g, b)[0] * 360

    for a, b in zip(single, warning, strict=True):
        gap = abs(hue(colours[a]) - hue(colours[b]))
        assert min(gap, 360 - gap) > 90, (a, b)  # another hue, not a shade of the warning colour
