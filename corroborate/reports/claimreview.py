"""schema.org ClaimReview JSON-LD, one review per check-worthy claim, for publishing a check alongside a story.

The verdict becomes a ``Rating`` on a 1-5 scale (``RATINGS``, documented in docs/ci-and-newsroom.md). The
reviewed ``Claim`` lists as ``appearance`` the article itself (when it has a URL) and the pages of the independent
sources that state it. Reads the JSON dict of a report.
"""

from __future__ import annotations

import json

from .common import cited, claim_anchor, http_url, label

__all__ = ["BEST_RATING", "DEFAULT_AUTHOR", "RATINGS", "WORST_RATING", "claim_reviews", "render_claimreview"]

DEFAULT_AUTHOR = "corroborate"
BEST_RATING, WORST_RATING = 5, 1

#: verdict -> (ratingValue, alternateName); not-checkable claims carry no ratingValue
RATINGS: dict[str, tuple[int | None, str]] = {
    "corroborated": (5, "Corroborated by independent sources"),
    "single-source": (4, "Single source: one independent origin"),
    "partly-corroborated": (4, "Partly corroborated"),
    "uncorroborated": (3, "Uncorroborated: no independent source found"),
    "conflicting": (2, "Conflicting: independent sources disagree"),
    "contradicted": (1, "Contradicted by an independent source"),
    "not-checkable": (None, "Not checkable: no coverage could be read"),
}


def claim_reviews(
    data: dict, *, author: str | None = None, author_url: str | None = None, review_url: str | None = None
) -> list[dict]:
    """A ClaimReview object per check-worthy claim of a report dict.

    ``author`` is the organization publishing the review; ``review_url`` the page that will host it. Each review
    gets ``#claim-<id>`` on it, the claim's anchor in the HTML report. Without ``review_url`` the url is that
    fragment alone, which resolves against the page the JSON-LD is published on.
    """
    article = data["article"]
    org: dict = {"@type": "Organization", "name": author or DEFAULT_AUTHOR}
    if http_url(author_url):
        org["url"] = author_url
    base = http_url(review_url) or ""
    base = base.split("#", 1)[0]
    reviews = []
    for claim in data["claims"]:
        value, name = RATINGS.get(claim["verdict"], RATINGS["not-checkable"])
        rating: dict = {"@type": "Rating", "alternateName": name, "ratingExplanation": _explanation(claim)}
        if value is not None:
            rating.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
        item: dict = {"@type": "Claim"}
        if article.get("outlet"):
            item["author"] = {"@type": "Organization", "name": article["outlet"]}
        if article.get("published"):
            item["datePublished"] = article["published"]
        appearances = []
        if http_url(article.get("url")):
            appearances.append({"@type": "CreativeWork", "url": article["url"]})
        for e in cited(claim):
            if e["stance"] == "supports" and http_url(e["url"]):
                work: dict = {"@type": "CreativeWork", "url": e["url"]}
                if e.get("outlet"):
                    work["publisher"] = {"@type": "Organization", "name": e["outlet"]}
                if e.get("published"):
                    work["datePublished"] = e["published"]
                appearances.append(work)
        if appearances:
            item["appearance"] = appearances
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{base}#{claim_anchor(claim['id'])}",
                "claimReviewed": claim["text"],
                "author": org,
                "reviewRating": rating,
                "itemReviewed": item,
            }
        )
    return reviews


def _explanation(claim: dict) -> str:
    origins = ", ".join(claim["origins"]) or "none"
    return (
        f"{label(claim['verdict'])}: score {claim['score']:.2f} from "
        f"{claim['independent_sources']} independent sources ({origins})."
    )


def render_claimreview(
    data: dict, *, author: str | None = None, author_url: str | None = None, review_url: str | None = None
) -> str:
    """The reviews as a JSON-LD array, ready for a ``<script type="application/ld+json">`` element."""
    reviews = claim_reviews(data, author=author, author_url=author_url, review_url=review_url)
    # "</" would end the script element the JSON-LD is pasted into
    return json.dumps(reviews, indent=2, ensure_ascii=False).replace("</", "<\\/") + "\n"
