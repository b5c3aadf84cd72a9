"""Seeded generator of synthetic news text for benchmarks: invented actors, places and events.

Every run with the same seed produces the same bodies, so timings compare like with like. The text is
synthetic filler in news style, not real reporting.
"""

from __future__ import annotations

import random

ACTORS = [
    "Interior Minister Lena Varga",
    "Governor Tomás Ibarra",
    "General Ruth Okafor",
    "Mayor Pavel Marsh",
    "Senator Alba Quiroga",
    "Defense Secretary Omar Lind",
    "President Irene Castell",
    "Police Chief Dario Soto",
    "Foreign Minister Kenji Albarrán",
    "Health Minister Carla Duvall",
    "Trade Minister Hugo Brandt",
]
PLACES = [
    "Puerto Alto",
    "Santa Olmeda",
    "Villa Serena",
    "the northern border",
    "the capital",
    "Punta Garza",
    "the Tarek hills",
    "San Remigio",
    "the Lusan valley",
    "Port Alder",
    "the southern coast",
]
ACTIONS = [
    ("deployed {n} troops to {p}", "sent {n} soldiers to {p}"),
    ("seized {n} kilograms of cocaine near {p}", "confiscated {n} kilograms of cocaine close to {p}"),
    ("arrested {n} suspected smugglers in {p}", "detained {n} alleged traffickers in {p}"),
    ("approved a budget of {n} million dollars for {p}", "signed off on {n} million dollars in spending for {p}"),
    ("ordered the evacuation of {n} residents from {p}", "told {n} people living in {p} to leave"),
    ("opened {n} new checkpoints around {p}", "set up {n} additional checkpoints near {p}"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILLER = [
    "Residents described a tense week as officials weighed their options.",
    "Analysts said the decision reflected pressure from several directions.",
    "The measure drew both praise and criticism from local groups.",
    "Opposition lawmakers asked for more details during a committee hearing.",
    "Officials did not say how long the operation would last.",
    "Business owners in the area reported fewer customers than usual.",
    "A spokesperson promised further updates later in the week.",
]


def event(rng: random.Random) -> dict:
    actor, place, action = rng.choice(ACTORS), rng.choice(PLACES), rng.choice(ACTIONS)
    return {
        "actor": actor,
        "place": place,
        "action": action,
        "n": rng.choice([12, 40, 300, 800, 1500, 3000, 4200]),
        "day": rng.choice(DAYS),
    }


def statement(ev: dict, *, paraphrase: bool = False, number: int | None = None) -> str:
    template = ev["action"][1 if paraphrase else 0]
    what = template.format(n=f"{number or ev['n']:,}", p=ev["place"])
    if paraphrase:
        return f"On {ev['day']}, {ev['actor']} {what}, officials confirmed."
    return f"{ev['actor']} {what} on {ev['day']}."


def body(rng: random.Random, events: list[dict], sentences: int = 12) -> str:
    lines = [statement(ev, paraphrase=True) for ev in events]
    while len(lines) < sentences:
        lines.append(rng.choice(FILLER) if rng.random() < 0.6 else statement(event(rng)))
    rng.shuffle(lines)
    return " ".join(lines)


SECTIONS = ["World", "Politics", "Security", "Business", "Local"]
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{outlet}"><meta property="article:published_time" content="{date}T09:00:00Z">
</head><body><!-- Synthetic benchmark page, not a real article. -->
<header><nav>{nav}</nav></header><div class="cookie">We use cookies to improve your experience. Accept?</div>
<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>{paragraphs}</article>
<aside><h3>Most read</h3><ul>{related}</ul></aside></main>
<footer><p>&copy; 2025 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""


def article_page(rng: random.Random, outlet: str, title: str, sentences: list[str], date: str) -> str:
    nav = "".join(f'<a href="/{s.lower()}">{s}</a>' for s in SECTIONS)
    paragraphs = "".join(f"<p>{' '.join(sentences[i : i + 2])}</p>" for i in range(0, len(sentences), 2))
    related = "".join(f'<li><a href="/r/{rng.randrange(10**6)}">{statement(event(rng))}</a></li>' for _ in range(3))
    return PAGE.format(title=title, outlet=outlet, date=date, nav=nav, paragraphs=paragraphs, related=related)


def other_news(rng: random.Random, sentences: int = 8) -> tuple[str, list[str]]:
    """An article on an invented story: its title and sentences."""
    main = event(rng)
    title = statement(main).rstrip(".")
    lines = [statement(main)] + [
        rng.choice(FILLER) if rng.random() < 0.5 else statement(event(rng)) for _ in range(sentences - 1)
    ]
    return title, lines
