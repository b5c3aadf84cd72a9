"""The HTML review report: one self-contained page an editor reads to see which sentences stand on independent
sources, and clicks through to the evidence.

It reads only the JSON dict of a report (``report_to_dict``, or a saved file through ``saved.normalize_report``).
The page makes no network request and runs no script: inline CSS allowed by its hash in a Content-Security-Policy
meta tag, ``script-src 'none'``. Every string from the article or from fetched pages is escaped for its context,
and only absolute http(s) URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable

from .common import (
    FLAGS,
    MEANINGS,
    NOT_A_TRUTH_RATING,
    SYMBOLS,
    VERDICTS,
    account_line,
    attribution_line,
    audit_line,
    cited,
    claim_anchor,
    collapsed,
    decision_line,
    flags_of,
    http_url,
    label,
    mentions,
)

__all__ = ["CSP", "CSS", "render_html", "render_html_index"]

MENTIONS_SHOWN = 8  # "only mentions" pages listed per claim

CSS = """
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--paper:#fff;--panel:#f5f5f2;--focus:#0b4fb3;
--ok:#1d6b2f;--ok-bg:#dcf1df;--part:#5a5a00;--part-bg:#eef3c8;--unc:#7a4b00;--unc-bg:#fff0c4;--bad:#a11d1d;
--bad-bg:#fde0e0;--con:#5b2a86;--con-bg:#efe3f9;--na:#444;--na-bg:#e7e7e7;--one:#0b5c7a;--one-bg:#dceef6}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);
background:var(--paper)}
a{color:#0b4fb3}
a:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem}
.skip:focus{left:.5rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
header.top{padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
header.top h1{margin:0 0 .25rem;font-size:1.45rem;line-height:1.25;overflow-wrap:anywhere}
.meta{margin:0;color:var(--muted);font-size:.92rem;overflow-wrap:anywhere}
main{padding:0 1.25rem 2rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .35rem;overflow-wrap:anywhere}
h4{font-size:.95rem;margin:.8rem 0 .3rem}
.summary{display:flex;flex-wrap:wrap;gap:1rem 2.5rem;align-items:flex-start}
.score{font-size:2.2rem;font-weight:700;line-height:1}
.score small{display:block;font-size:.85rem;font-weight:400;color:var(--muted)}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:.3rem .6rem .3rem 0;border-bottom:1px solid var(--line)}
.counts td.n{text-align:right;font-variant-numeric:tabular-nums}
.counts svg{display:block;width:min(162px,18vw);height:12px;margin-top:.35rem}
.legend{margin:.5rem 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.9rem}
.layout{display:block}
.text p{margin:0 0 .8rem}
.text .hd{font-weight:700;font-size:1.05rem}
.text .skipped{color:var(--muted)}
.v-corroborated{--bg:var(--ok-bg);--bd:var(--ok);--st:solid}
.v-single-source{--bg:var(--one-bg);--bd:var(--one);--st:dashed}
.v-partly-corroborated{--bg:var(--part-bg);--bd:var(--part);--st:dashed}
.flag{display:inline-block;margin:.1rem .3rem .1rem 0;padding:0 .4rem;border:2px solid var(--bad);border-radius:3px;
font-weight:700;font-size:.85rem;color:var(--bad)}
.v-uncorroborated{--bg:var(--unc-bg);--bd:var(--unc);--st:dotted}
.v-conflicting{--bg:var(--con-bg);--bd:var(--con);--st:dashed}
.v-contradicted{--bg:var(--bad-bg);--bd:var(--bad);--st:double}
.v-not-checkable{--bg:var(--na-bg);--bd:var(--na);--st:solid}
a.claim{color:inherit;text-decoration:none;background:var(--bg);border-bottom:3px var(--st) var(--bd);
padding:0 .1rem;border-radius:2px}
a.claim:hover,a.claim:target{outline:2px solid var(--focus)}
.tag,.badge{background:var(--bg);border:1px solid var(--bd);border-radius:3px;font-weight:700;white-space:nowrap}
.tag{font-size:.72rem;margin-left:.25rem;padding:0 .25rem;vertical-align:.1em}
.badge{display:inline-block;font-size:.85rem;padding:0 .4rem}
.card{border:1px solid var(--line);border-left:6px solid var(--bd);border-radius:4px;padding:.75rem .9rem;
margin:0 0 1rem;break-inside:avoid}
.card:target{outline:3px solid var(--focus)}
.claimtext{margin:.3rem 0 .5rem;font-size:1.02rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.92rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
ul.ev{list-style:none;margin:0;padding:0}
ul.ev>li{border-top:1px solid var(--line);padding:.45rem 0}
.evhead{margin:0;font-size:.92rem}
.stance{font-weight:700}
.s-contradicts .stance{color:var(--bad)}
.s-supports .stance{color:var(--ok)}
blockquote{margin:.25rem 0;padding-left:.7rem;border-left:3px solid var(--line);overflow-wrap:anywhere}
ol.chain{display:inline;margin:0;padding:0;list-style:none}
ol.chain li{display:inline}
ol.chain li+li::before{content:" → "}
.small{font-size:.88rem;color:var(--muted);margin:.15rem 0 0;overflow-wrap:anywhere}
details{margin:.5rem 0}
summary{cursor:pointer;font-weight:600}
.scroll{overflow-x:auto}
.status-error{font-weight:700;color:var(--bad)}
.back{font-size:.88rem;margin:.5rem 0 0}
footer{padding:1rem 1.25rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (min-width:64rem){
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem;align-items:start}
.claims{position:sticky;top:0;max-height:100vh;overflow-y:auto;padding-right:.5rem}
}
@media print{
.skip,.back{display:none}
.layout{display:block}
.claims{position:static;max-height:none;overflow:visible}
a{color:inherit}
ul.ev a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8rem;overflow-wrap:anywhere}
header.top,footer{border:0}
}
"""

_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")

#: what the page may load or run: its own stylesheet, nothing else
CSP = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; script-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _e(value: object) -> str:
    """Text or attribute value, escaped (quotes too) and without control characters."""
    return html.escape(_CONTROL.sub("", "" if value is None else str(value)), quote=True)


def _v(verdict: str) -> str:
    """The CSS class of a verdict; unknown values never reach the markup."""
    return f"v-{verdict}" if verdict in VERDICTS else "v-not-checkable"


def _label(verdict: str) -> str:
    return _e(label(verdict))


def _link(url: object, text: str | None = None) -> str:
    """A link for an http(s) URL; any other URL is shown as text only."""
    href = http_url(url)
    shown = _e(text if text is not None else _short(url))
    if href is None:
        return shown
    return f'<a href="{_e(href)}" rel="noopener noreferrer nofollow">{shown}</a>'


def _short(url: object) -> str:
    text = re.sub(r"^https?://(www\.)?", "", str(url or ""))
    return text if len(text) <= 70 else text[:69] + "…"


def _n(count: object, noun: str) -> str:
    return f"{_e(count)} {noun}{'' if count == 1 else 's'}"


def _num(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _page_head(title: str) -> list[str]:
    """Doctype, head (CSP, no referrer, viewport, inline style) and the opening body tag."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]


def render_html(data: dict) -> str:
    """The review report as one HTML page."""
    article, summary = data["article"], data["summary"]
    title = article.get("title") or article.get("source") or "article"
    anchors = _anchors(data["claims"])
    parts = [
        *_page_head(f"Corroboration report: {title}"),
        '<a class="skip" href="#claims">Skip to the claims</a>',
        '<header class="top">',
        f"<h1>Corroboration report: {_e(title)}</h1>",
        f'<p class="meta">{_article_meta(article)}</p>',
        *([f'<p class="meta">{_e(line)}</p>'] if (line := audit_line(data)) else []),
        f'<p class="meta"><strong>{_e(NOT_A_TRUTH_RATING)}</strong></p>',
        "</header>",
        "<main>",
        *_summary(data, summary),
        '<div class="layout">',
        '<section class="text" aria-labelledby="text-h">',
        '<h2 id="text-h">The article, claim by claim</h2>',
        *_article_text(data, anchors),
        "</section>",
        '<section class="claims" id="claims" tabindex="0" aria-labelledby="claims-h">',
        f'<h2 id="claims-h">Claims ({len(data["claims"])})</h2>',
        *(_card(claim, anchors[id(claim)], data) for claim in data["claims"]),
        "</section>",
        "</div>",
        *_sources(data["sources"]),
        *_skipped(data["skipped"]),
        "</main>",
        f"<footer>Made by corroborate from a {_e(data.get('schema'))} report. Scores weigh independent origins: "
        "outlets of one ownership group, syndicated copies and outlets repeating another outlet's report count "
        "once.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _anchors(claims: list[dict]) -> dict[int, str]:
    """A unique, markup-safe fragment per claim: ``claim-<id>`` (the ``url`` ClaimReview output points at)."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for i, c in enumerate(claims, 1):
        anchor = claim_anchor(c["id"])
        while anchor in used:
            anchor += f"-{i}"
        used.add(anchor)
        out[id(c)] = anchor
    return out


def _article_meta(article: dict) -> str:
    bits = []
    if article.get("outlet"):
        bits.append(_e(article["outlet"]))
    if article.get("published"):
        bits.append(f"published {_e(article['published'])}")
    if article.get("url"):
        bits.append(_link(article["url"], article["url"]))
    bits.append(f"checked from {_e(article.get('source'))}")
    return " · ".join(bits)


def _summary(data: dict, s: dict) -> list[str]:
    counts = {v: sum(1 for c in data["claims"] if c["verdict"] == v) for v in VERDICTS}
    total = max(len(data["claims"]), 1)
    rows = []
    for verdict in VERDICTS:
        n = counts[verdict]
        width = round(160 * n / total)
        rows.append(
            f'<tr><th scope="row"><span class="badge {_v(verdict)}">{SYMBOLS[verdict]} {_label(verdict)}</span></th>'
            f'<td class="n">{n}</td><td><svg viewBox="0 0 162 12" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect x="1" y="1" width="{width}" height="10" fill="{_BAR[verdict]}"></rect>'
            f'<rect x="1" y="1" width="160" height="10" fill="none" stroke="#8a8a8a"></rect></svg></td></tr>'
        )
    failed = s.get("sources_failed", 0)
    return [
        '<section aria-labelledby="summary-h">',
        '<h2 id="summary-h">Summary</h2>',
        '<div class="summary">',
        f'<p class="score">{_num(s.get("score")):.2f}<small>article score (0 to 1)</small></p>',
        '<table class="counts"><caption class="sr">Claims by verdict</caption>',
        '<thead><tr><th scope="col">Verdict</th><th scope="col">Claims</th><th scope="col">'
        '<span class="sr">Share of claims</span></th></tr></thead><tbody>',
        *rows,
        "</tbody></table>",
        f"<p>{_n(len(data['claims']), 'check-worthy claim')}<br>{_n(len(data['skipped']), 'sentence')} skipped<br>"
        f"{_n(s.get('sources_ok', 0), 'source')} read<br>"
        f'<a href="#sources">{_n(failed, "source")} failed</a></p>',
        "</div>",
        '<ul class="legend" aria-label="How claims are marked in the text">',
        *(f'<li><span class="badge {_v(v)}">{SYMBOLS[v]}</span> {_label(v)}: {_e(MEANINGS[v])}</li>' for v in VERDICTS),
        *(f'<li><span class="flag">⚑ {_e(f)}</span> {_e(MEANINGS[f])}</li>' for f in FLAGS),
        "</ul>",
        "</section>",
    ]


_BAR = {
    "corroborated": "#1d6b2f",
    "single-source": "#0b5c7a",
    "partly-corroborated": "#7a7a12",
    "uncorroborated": "#b57400",
    "conflicting": "#5b2a86",
    "contradicted": "#a11d1d",
    "not-checkable": "#6b6b6b",
}


def _article_text(data: dict, anchors: dict[int, str]) -> list[str]:
    text, marks = _text_and_marks(data, anchors)
    headings = {k["text"].strip() for k in data["skipped"] if str(k.get("reason", "")).startswith("heading")}
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        body = _highlight(text, start, end, marks)
        if line.strip() in headings:
            out.append(f'<p class="hd">{body}</p>')
        else:
            out.append(f"<p>{body}</p>")
    if not out:
        out.append("<p>The report holds no article text.</p>")
    return out


class _Mark:
    __slots__ = ("anchor", "claim", "end", "reason", "start")

    def __init__(self, start: int, end: int, claim: dict | None = None, anchor: str = "", reason: str = "") -> None:
        self.start, self.end, self.claim, self.anchor, self.reason = start, end, claim, anchor, reason


def _text_and_marks(data: dict, anchors: dict[int, str]) -> tuple[str, list[_Mark]]:
    """The article text and the stretches to mark: claims by their spans, skipped sentences by their text.

    Reports saved before the article text was part of the JSON are rebuilt from their sentences, one a line.
    """
    text = data["article"].get("text")
    claims = data["claims"]
    if not text:
        sentences: dict[int, str] = {}
        for c in claims:
            sentences.setdefault(c["sentence"], c["source"] or c["text"])
        for k in data["skipped"]:
            sentences.setdefault(k["sentence"], k["text"])
        text = "\n".join(sentences[i] for i in sorted(sentences))
        spans = None
    else:
        spans = True
    marks: list[_Mark] = []
    for c in claims:
        span = c.get("span") or []
        ok = spans and len(span) == 2 and all(isinstance(x, int) for x in span) and 0 <= span[0] < span[1] <= len(text)
        start, end = (span[0], span[1]) if ok else _find(text, c["text"], avoid=[(m.start, m.end) for m in marks])
        if start >= end and not ok:  # a rewritten atomic claim: mark the sentence it comes from
            start, end = _find(text, c["source"], avoid=[(m.start, m.end) for m in marks])
        if start < end:
            marks.append(_Mark(start, end, claim=c, anchor=anchors[id(c)]))
    taken = sorted((m.start, m.end) for m in marks)
    for k in data["skipped"]:
        start, end = _find(text, k["text"], avoid=taken)
        if start < end:
            marks.append(_Mark(start, end, reason=k["reason"]))
    marks.sort(key=lambda m: (m.start, m.end))
    return text, marks


def _find(text: str, needle: str, avoid: Iterable[tuple[int, int]] = ()) -> tuple[int, int]:
    """The first occurrence of ``needle`` not overlapping ``avoid``; (0, 0) when there is none."""
    needle = (needle or "").strip()
    if not needle:
        return 0, 0
    avoid = list(avoid)
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if not any(s < end and at < e for s, e in avoid):
            return at, end
        at = text.find(needle, at + 1)
    return 0, 0


def _highlight(text: str, start: int, end: int, marks: list[_Mark]) -> str:
    """One paragraph of the article with its marks; overlapping marks are clipped, never nested."""
    out = []
    pos = start
    for m in marks:
        s, e = max(m.start, pos), min(m.end, end)
        if e <= s:
            continue
        out.append(_e(text[pos:s]))
        out.append(_mark(m, text[s:e], first=s == m.start, last=e == m.end))
        pos = e
    out.append(_e(text[pos:end]))
    return "".join(out)


def _mark(m: _Mark, piece: str, *, first: bool, last: bool) -> str:
    if m.claim is None:
        return f'<span class="skipped" title="Skipped: {_e(m.reason)}">{_e(piece)}</span>'
    c = m.claim
    verdict = c["verdict"]
    origins = ", ".join(c["origins"]) or "none"
    tip = (
        f"{c['id']} · {label(verdict)} · score {_num(c['score']):.2f} · "
        f"independent sources: {c['independent_sources']} ({origins})"
    )
    anchor_id = f' id="text-{m.anchor}"' if first else ""
    tag = (
        (
            f'<span class="tag {_v(verdict)}"><span aria-hidden="true">{SYMBOLS.get(verdict, "")}</span> '
            f'{_e(c["id"])}<span class="sr">: {_label(verdict)}</span></span>'
        )
        if last
        else ""
    )
    return f'<a class="claim {_v(verdict)}"{anchor_id} href="#{m.anchor}" title="{_e(tip)}">{_e(piece)}{tag}</a>'


def _card(c: dict, anchor: str, data: dict) -> str:
    verdict = c["verdict"]
    sources = {s["url"]: s for s in data["sources"] if s.get("url")}
    counted, dupes, only = cited(c), collapsed(c), mentions(c)
    origins = ", ".join(_e(o) for o in c["origins"]) or "none"
    facts = [
        ("Score", f'<meter min="0" max="1" value="{_num(c["score"]):.4f}"></meter> {_num(c["score"]):.2f}'),
        ("Independent sources", f"{_e(c['independent_sources'])}: {origins}"),
        ("Kind", f"{_e(c['kind'])} · check-worthiness {_num(c['checkworthy']):.2f} ({_e(c['reason'])})"),
        ("Sentence", f"#{_e(c['sentence'])} of the article"),
    ]
    if c["attributed_to"]:
        facts.append(("Attributed to", ", ".join(_e(x) for x in c["attributed_to"])))
    if line := account_line(c):
        facts.append(("Account", _e(line)))
    if line := attribution_line(c):
        facts.append(("Attribution", _e(line)))
    if isinstance(c.get("decision"), dict):
        said = f" (the tool said {c['tool_verdict']})" if c.get("tool_verdict") else ""
        facts.append(("Editor", f"<strong>{_e(decision_line(c['decision']))}</strong>{_e(said)}"))
    facts.append(("Fingerprint", f"<code>{_e(c.get('fingerprint') or '')}</code>"))
    details = [o for o in c.get("origin_details") or [] if isinstance(o, dict)]
    if details:
        facts.append(
            (
                "Earliest reports",
                "; ".join(
                    f"{_e(o.get('outlet'))}: {_link((o.get('earliest') or {}).get('url'))} "
                    f"({_e((o.get('earliest') or {}).get('published') or 'undated')}, {_e(o.get('pages'))} pages)"
                    for o in details
                ),
            )
        )
    for q in c["quotes"]:
        if isinstance(q, dict):
            who = f" — {_e(q.get('speaker'))}" if q.get("speaker") else ""
            facts.append(("Quote", f"“{_e(q.get('text'))}”{who}"))
    out = [
        f'<article class="card {_v(verdict)}" id="{anchor}" aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h"><span class="badge {_v(verdict)}">{SYMBOLS.get(verdict, "")} {_label(verdict)}</span> '
        f"{_e(c['id'])}</h3>",
        f'<p class="claimtext">{_e(c["text"])}</p>',
        *(
            f'<p><span class="flag">⚑ {_e(f["code"])}</span> {_e(f.get("message") or FLAGS.get(f["code"], ""))}'
            + "".join(f" {_link(u)}" for u in (f.get("urls") or [])[:5] if isinstance(u, str))
            + "</p>"
            for f in flags_of(c)
        ),
        '<dl class="facts">',
        *(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts),
        "</dl>",
    ]
    if counted:
        out.append(f"<h4>Evidence counted ({len(counted)})</h4>")
        out.append(_evidence_list(counted, sources))
    else:
        out.append('<p class="small">No source supports or contradicts this claim.</p>')
    if dupes:
        out.append(
            f"<details><summary>Collapsed duplicates ({len(dupes)}): counted once with their origin or "
            "ownership group</summary>"
        )
        out.append(_evidence_list(dupes, sources))
        out.append("</details>")
    if only:
        shown = only[:MENTIONS_SHOWN]
        out.append(f"<details><summary>Similar sentences that only mention it ({len(only)})</summary>")
        out.append(_evidence_list(shown, sources))
        if len(only) > len(shown):
            out.append(f'<p class="small">and {len(only) - len(shown)} more in the JSON report.</p>')
        out.append("</details>")
    out.append(f'<p class="back"><a href="#text-{anchor}">Back to the sentence</a></p>')
    out.append("</article>")
    return "\n".join(out)


_STANCE = {"supports": "✓ supports", "contradicts": "✗ contradicts", "mentions": "· mentions"}


def _evidence_list(items: list[dict], sources: dict[str, dict]) -> str:
    out = ['<ul class="ev">']
    for e in items:
        stance = e["stance"] if e["stance"] in _STANCE else "mentions"
        when = f" · <time>{_e(e['published'])}</time>" if e.get("published") else ""
        out.append(
            f'<li class="s-{stance}"><p class="evhead"><span class="stance">{_STANCE[stance]}</span> · '
            f"<strong>{_e(e.get('outlet') or 'unknown outlet')}</strong>{when} · confidence "
            f"{_num(e.get('confidence')):.2f}</p>"
            f"<blockquote>{_e(e.get('sentence'))}</blockquote>"
            f'<div class="small">Provenance: {_chain(e, sources)}</div>'
            f'<p class="small">{_e(e.get("why"))} · {_link(e.get("url"))}</p>'
            + (
                f'<p class="small"><strong>{_e(decision_line(e["decision"]))}</strong></p>'
                if isinstance(e.get("decision"), dict)
                else ""
            )
            + "</li>"
        )
    out.append("</ul>")
    return "\n".join(out)


def _chain(e: dict, sources: dict[str, dict]) -> str:
    """From the page's outlet to the origin it counts as: the syndicated original it copies, the outlets it credits;
    then whether it counted. Uses the report's own ``chain`` when it has one."""
    chain = e.get("chain")
    if isinstance(chain, list) and chain and all(isinstance(x, str) for x in chain):
        steps = [_e(chain[0])] + [f"credits {_e(x)}" for x in chain[1:]]
        origin = chain[-1]
    else:
        steps = [_e(e.get("outlet") or "unknown outlet")]
        last = e.get("outlet")
        record = sources.get(e.get("url") or "")
        if record and record.get("duplicate_of"):
            original = sources.get(record["duplicate_of"], {})
            steps.append(f"syndicated copy of {_e(original.get('outlet') or _short(record['duplicate_of']))}")
            last = original.get("outlet") or last
        origin = e.get("origin") or e.get("outlet")
        if origin and origin != last:
            steps.append(f"credits {_e(origin)}")
    own = len(steps) == 1
    if own:
        steps[0] += " (own report)"
    if e.get("stance") not in ("supports", "contradicts"):
        status = ""
    elif e.get("independent"):
        status = " · counted" if own else f" · counted as {_e(origin)}"
    elif isinstance(e.get("collapsed"), str) and e["collapsed"]:
        status = f" · not counted again: {_e(e['collapsed'])}"
    else:
        status = f" · not counted again: origin {_e(origin)} or its ownership group already counts"
    return '<ol class="chain">' + "".join(f"<li>{s}</li>" for s in steps) + "</ol>" + status


_STATUS_ORDER = {"error": 0, "skipped": 1, "ok": 2}


def _sources(sources: list[dict]) -> list[str]:
    ordered = sorted(sources, key=lambda s: (_STATUS_ORDER.get(s.get("status"), 0), s.get("outlet") or ""))
    by_url = {s["url"]: s for s in sources if s.get("url")}
    counts = {k: sum(1 for s in sources if s.get("status") == k) for k in _STATUS_ORDER}
    rows = []
    for s in ordered:
        status = s.get("status") if s.get("status") in _STATUS_ORDER else "error"
        copy = ""
        if s.get("duplicate_of"):
            original = by_url.get(s["duplicate_of"], {})
            copy = f"copy of {_e(original.get('outlet') or _short(s['duplicate_of']))}"
        rows.append(
            f'<tr><td class="status-{status}">{_e(status)}</td><td>{_e(s.get("outlet") or "?")}</td>'
            f"<td>{_e(s.get('reason') or '')}</td><td>{_e(s.get('found_by') or '')}</td>"
            f"<td>{_e(s.get('origin') or '')}{' · ' if copy and s.get('origin') else ''}{copy}</td>"
            f"<td>{_link(s.get('url'))}</td></tr>"
        )
    return [
        '<section id="sources" aria-labelledby="sources-h">',
        f'<h2 id="sources-h">Sources: {counts["ok"]} read, {counts["error"]} failed, {counts["skipped"]} skipped</h2>',
        '<div class="scroll" tabindex="0" role="region" aria-label="Sources table">',
        '<table><thead><tr><th scope="col">Status</th><th scope="col">Outlet</th><th scope="col">Reason</th>'
        '<th scope="col">Found by</th><th scope="col">Origin</th><th scope="col">Page</th></tr></thead><tbody>',
        *rows,
        "</tbody></table></div>",
        "</section>",
    ]


def _skipped(skipped: list[dict]) -> list[str]:
    if not skipped:
        return []
    return [
        '<section id="skipped" aria-labelledby="skipped-h">',
        f'<h2 id="skipped-h">Sentences not checked ({len(skipped)})</h2>',
        "<ul>",
        *(
            f'<li data-code="{_e(k["code"])}">#{_e(k["sentence"])} <strong>{_e(k["reason"])}</strong>: '
            f"{_e(k['text'])}</li>"
            for k in skipped
        ),
        "</ul>",
        "</section>",
    ]


_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def render_html_index(batch: dict) -> str:
    """The page listing every article of a run over several articles, linking to each one's review report."""
    total = batch["summary"]
    rows = []
    for a in batch["articles"]:
        name = a.get("report")
        source = _e(a.get("source"))
        # only names this run made (no path, no scheme) become links
        cell = f'<a href="{_e(name)}">{source}</a>' if isinstance(name, str) and _FILE_NAME.fullmatch(name) else source
        if a.get("error"):
            rows.append(
                f'<tr><td>{cell}</td><td colspan="10" class="status-error">not checked: {_e(a["error"])}</td>'
                f"<td>{_e(a.get('exit_code'))}</td></tr>"
            )
            continue
        rows.append(
            f"<tr><td>{cell}</td><td>{_num(a.get('score')):.2f}</td><td>{_e(a.get('claims'))}</td>"
            f"<td>{_e(a.get('corroborated'))}</td><td>{_e(a.get('single_source', 0))}</td>"
            f"<td>{_e(a.get('partly_corroborated'))}</td>"
            f"<td>{_e(a.get('uncorroborated'))}</td><td>{_e(a.get('conflicting', 0))}</td>"
            f"<td>{_e(a.get('contradicted'))}</td><td>{_e(a.get('not_checkable', 0))}</td>"
            f"<td>{_e(a.get('no_coverage', 0))}</td><td>{_e(a.get('exit_code'))}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in (
            "Article",
            "Score",
            "Claims",
            f"{SYMBOLS['corroborated']} Corroborated",
            f"{SYMBOLS['single-source']} Single source",
            f"{SYMBOLS['partly-corroborated']} Partly",
            f"{SYMBOLS['uncorroborated']} Uncorroborated",
            f"{SYMBOLS['conflicting']} Conflicting",
            f"{SYMBOLS['contradicted']} Contradicted",
            f"{SYMBOLS['not-checkable']} Not checkable",
            "No coverage",
            "Exit code",
        )
    )
    return (
        "\n".join(
            [
                *_page_head(f"Corroboration reports: {total.get('articles')} articles"),
                '<header class="top">',
                f"<h1>Corroboration reports: {_e(total.get('articles'))} articles</h1>",
                f'<p class="meta">{_e(total.get("checked"))} checked, {_e(total.get("failed"))} not checked · '
                f"mean score {_num(total.get('score')):.2f} · {_e(total.get('claims'))} claims · "
                f"exit code {_e(total.get('exit_code'))}</p>",
                "</header>",
                "<main>",
                '<div class="scroll" tabindex="0" role="region" aria-label="Articles">',
                f"<table><thead><tr>{head}</tr></thead><tbody>",
                *rows,
                "</tbody></table></div>",
                "</main>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )
