"""Provenance on written examples (stand-ins, not real articles): origins named through the registry with no page
of the credited outlet in the run, misattribution, unverified quotes, and attribution confirmed vs. independently
confirmed."""

from __future__ import annotations

import pytest

from corroborate import check, load_config, report_to_dict
from corroborate.models import Claim, ClaimResult, Evidence, Quote

ARTICLE = (
    "Eastport ferry terminal to close for repairs\n\n"
    "The Harbor Authority will close the Eastport ferry terminal for six months starting in March, according to a "
    "report by Newsweek.\n\n"
    "Port director Maria Lind told NBC News that the repairs will cost the city 40 million dollars.\n\n"
    'Lind said the work was "long overdue and absolutely necessary for the safety of every single passenger".\n'
)

#: stand-in coverage pages: (file, site, url, date, paragraphs)
PAGES = [
    (
        "prairiewire.html",
        "Prairie Wire",
        "https://www.prairiewire.example/2026/02/eastport-terminal-closing",
        "2026-02-03",
        [
            "The Harbor Authority will close the Eastport ferry terminal for six months starting in March, NBC "
            "News reported on Tuesday, citing two port officials.",
            "The repairs will cost the city 40 million dollars, port director Maria Lind told NBC News.",
            "Lind said the repairs were overdue and were needed to keep the passengers safe.",
        ],
    ),
    (
        "lakeshoreledger.html",
        "Lakeshore Ledger",
        "https://www.lakeshoreledger.example/news/eastport-ferry-terminal-shut-six-months",
        "2026-02-04",
        [
            "The Eastport ferry terminal will be closed for six months starting in March, according to NBC News.",
            "Port director Maria Lind said the work was overdue and needed for the safety of passengers.",
        ],
    ),
    (
        "diariodelpuerto.html",
        "Diario del Puerto",
        "https://www.diariodelpuerto.example/noticias/cierre-terminal-eastport",
        "2026-02-04",
        [
            "La Autoridad Portuaria cerrará la terminal de ferris de Eastport durante seis meses a partir de marzo, "
            "según informó la cadena estadounidense NBC.",
            "Las obras costarán a la ciudad 40 millones de dólares, dijo la directora del puerto, Maria Lind.",
        ],
    ),
]


def _page(site: str, url: str, date: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!-- Test stand-in written for corroborate's tests; not a real article. -->
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Eastport terminal | {site}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T10:00:00Z"></head>
<body><article><h1>Eastport ferry terminal</h1>{body}</article></body></html>
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory, encoder, judge):
    folder = tmp_path_factory.mktemp("provenance")
    archive = folder / "archive"
    archive.mkdir()
    for name, site, url, date, paragraphs in PAGES:
        (archive / name).write_text(_page(site, url, date, paragraphs), encoding="utf-8")
    article = folder / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sources = folder / "sources.toml"
    sources.write_text(f'[[archive]]\npath = "{archive}"\n', encoding="utf-8")
    config = load_config(sources).replace(cache_dir=folder / "cache", offline=True)
    return check(str(article), config, encoder=encoder, judge=judge)


@pytest.fixture(scope="module")
def report(checked):
    return report_to_dict(checked)


def _claim(report: dict, fragment: str) -> dict:
    return next(c for c in report["claims"] if fragment in c["text"])


def test_credits_resolve_to_an_outlet_that_is_neither_configured_nor_fetched(report):
    claim = _claim(report, "close the Eastport ferry terminal")
    supporting = [e for e in claim["evidence"] if e["stance"] == "supports"]
    assert supporting, claim["evidence"]
    assert {e["origin"] for e in supporting} == {"NBC News"}  # English and Spanish pages, no NBC page in the run
    assert all(e["chain"][-1] == "NBC News" and len(e["chain"]) == 2 for e in supporting)
    assert claim["independent_sources"] == 1 and claim["origins"] == ["NBC News"]
    origins = {s["url"]: s["origin"] for s in report["sources"]}
    assert origins["https://www.prairiewire.example/2026/02/eastport-terminal-closing"] == "NBC News"


def test_article_crediting_newsweek_for_an_nbc_story_is_flagged_misattributed(report):
    claim = _claim(report, "close the Eastport ferry terminal")
    assert claim["credited"] == ["Newsweek"] and claim["attribution_confirmed"] is False
    flags = {f["code"]: f for f in claim["flags"]}
    assert flags["misattributed"]["outlet"] == "NBC News"
    assert len(flags["misattributed"]["urls"]) >= 2
    assert claim["verdict"] == "single-source"


def test_claim_carried_only_by_its_credited_outlet_confirms_the_attribution_not_the_fact(report):
    claim = _claim(report, "40 million dollars")
    assert claim["credited"] == ["NBC News"]
    assert claim["attribution_confirmed"] is True and claim["independently_confirmed_by"] == []
    assert claim["verdict"] == "single-source"
    assert not [f for f in claim["flags"] if f["code"] == "misattributed"]


def test_paraphrase_presented_as_a_quote_is_an_unverified_quote(report):
    claim = _claim(report, "long overdue")
    codes = [f["code"] for f in claim["flags"]]
    assert codes == ["unverified-quote"], claim["evidence"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit", "sarif", "github"])
def test_flags_and_attribution_reach_every_format(checked, fmt):
    from corroborate.reports.formats import render

    rendered = render(checked, fmt)
    assert "misattributed" in rendered and "unverified-quote" in rendered
    assert "attribution confirmed: NBC News" in rendered.replace("&#x27;", "'")
    if fmt == "sarif":
        assert "CORR101" in rendered and "CORR102" in rendered


# the rules of the flags, on hand-made evidence ---------------------------------------------------------------


def _evidence(url: str, outlet: str, origin: str, stance: str = "supports") -> Evidence:
    return Evidence(
        claim_id="c1",
        url=url,
        outlet=outlet,
        published=None,
        sentence="s",
        sentence_index=1,
        fuzzy=0.5,
        semantic=0.8,
        combined=0.8,
        stance=stance,
        confidence=0.8,
        origin=origin,
        chain=[outlet, origin] if origin != outlet else [outlet],
    )


def _result(evidence: list[Evidence], quotes: list[Quote] | None = None) -> ClaimResult:
    claim = Claim(
        id="c1", sentence=1, span=(0, 1), text="x", kind="event", checkworthy=1.0, reason="", quotes=quotes or []
    )
    return ClaimResult(claim, "single-source", 0.5, 1, [], evidence)


def test_misattribution_needs_agreeing_coverage_and_no_page_crediting_the_article_outlet():
    from corroborate.provenance.flags import misattribution

    two = [_evidence("u1", "A", "NBC News"), _evidence("u2", "B", "NBC News")]
    keys = {id(e): "Comcast" for e in two}
    assert misattribution(_result(two), keys, {"Newsweek": "Newsweek"}).outlet == "NBC News"
    assert misattribution(_result(two), keys, {}) is None  # the article credits nobody
    assert misattribution(_result(two[:1]), keys, {"Newsweek": "Newsweek"}) is None  # one page is not "widely"
    also = [*two, _evidence("u3", "C", "Newsweek")]
    keys[id(also[2])] = "Newsweek"
    assert misattribution(_result(also), keys, {"Newsweek": "Newsweek"}) is None  # coverage credits it too
    split = [*two, _evidence("u4", "D", "Reuters"), _evidence("u5", "E", "Reuters")]
    keys.update({id(split[2]): "Thomson Reuters", id(split[3]): "Thomson Reuters"})
    assert misattribution(_result(split), keys, {"Newsweek": "Newsweek"}) is None  # coverage does not agree


def test_a_quote_found_word_for_word_in_its_language_is_verified():
    from corroborate.coverage.documents import plain_document
    from corroborate.provenance.flags import unverified_quotes

    quote = Quote(text="We will not stop until the last family has a roof")
    docs = {
        "u1": plain_document("u1", 'The mayor said: "We will not stop until the last family has a roof."'),
        "u2": plain_document("u2", "The mayor said she would keep going until every family was housed again."),
    }
    evidence = [_evidence("u1", "A", "A"), _evidence("u2", "B", "B")]
    assert unverified_quotes(_result(evidence, [quote]), docs) == []
    del docs["u1"]
    flags = unverified_quotes(_result(evidence[1:], [quote]), docs)
    assert [f.code for f in flags] == ["unverified-quote"] and flags[0].urls == ("u2",)
