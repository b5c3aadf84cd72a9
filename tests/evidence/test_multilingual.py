"""Coverage in the languages it comes in: the default encoder puts a Spanish, Portuguese or French paraphrase
next to its English claim, and the relevance filter keeps such pages while dropping pages on other subjects.

The pages here are stand-ins written for these tests, not real articles."""

from __future__ import annotations

import numpy as np

from corroborate import check, load_config

CLAIM = "A landslide buried twelve houses in the mountain village of Valdomar on Sunday night."
SPANISH = "Un deslizamiento de tierra sepultó doce casas en el pueblo de montaña de Valdomar el domingo por la noche."
PORTUGUESE = "Um deslizamento de terra soterrou doze casas na aldeia de montanha de Valdomar no domingo à noite."
FRENCH = "Un glissement de terrain a enseveli douze maisons dans le village de montagne de Valdomar dimanche soir."
OTHER = "The recipe calls for two cups of flour, a pinch of salt and butter softened at room temperature."


def test_the_default_encoder_reads_other_languages(encoder):
    assert encoder.multilingual
    vectors = encoder.embed([CLAIM, SPANISH, PORTUGUESE, FRENCH, OTHER])
    similarity = encoder.similarity(vectors[1:], vectors[0])
    assert similarity[:3].min() > 0.5, similarity
    assert similarity[3] < 0.3, similarity
    assert np.all(similarity[:3] > similarity[3] + 0.25)


def _page(title: str, body: str, url: str, site: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{url}">'
        f'<meta property="og:site_name" content="{site}"></head><body><article><h1>{title}</h1>{paragraphs}'
        "</article></body></html>"
    )


def test_pages_in_other_languages_are_on_topic_and_a_recipe_is_not(tmp_path, encoder, judge):
    pages = tmp_path / "pages"
    pages.mkdir()
    article = tmp_path / "article.txt"
    article.write_text(
        "Landslide buries houses in Valdomar\n\n"
        f"{CLAIM} Rescue teams searched the mud for survivors through Monday, the regional government said.\n",
        encoding="utf-8",
    )
    stand_ins = {
        "es.html": _page(
            "Deslizamiento en Valdomar",
            f"{SPANISH}\nLos equipos de rescate buscaron supervivientes entre el lodo durante el lunes.",
            "https://diario.example/valdomar",
            "Diario Ejemplo",
        ),
        "pt.html": _page(
            "Deslizamento em Valdomar",
            f"{PORTUGUESE}\nAs equipes de resgate procuraram sobreviventes na lama durante a segunda-feira.",
            "https://jornal.example/valdomar",
            "Jornal Exemplo",
        ),
        "recipe.html": _page(
            "Weekend baking: a simple loaf",
            f"{OTHER}\nKnead the dough for ten minutes and let it rise for an hour before baking.",
            "https://kitchen.example/loaf",
            "Kitchen Example",
        ),
    }
    for name, html in stand_ins.items():
        (pages / name).write_text(html, encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[fetch]\ndate_window_days = 0\n\n[[archive]]\npath = "{pages}"\n', encoding="utf-8")
    report = check(str(article), load_config(sources).replace(use_cache=False), encoder=encoder, judge=judge)
    status = {s.url: (s.status, s.reason) for s in report.sources}
    assert status["https://diario.example/valdomar"] == ("ok", None)
    assert status["https://jornal.example/valdomar"] == ("ok", None)
    assert status["https://kitchen.example/loaf"] == ("skipped", "off_topic")
    landslide = next(r for r in report.claims if "Valdomar" in r.claim.text)
    supporting = {e.url for e in landslide.evidence if e.stance == "supports"}
    assert supporting == {"https://diario.example/valdomar", "https://jornal.example/valdomar"}
