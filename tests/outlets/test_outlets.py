"""The outlet registry and attribution on written examples: who a sentence credits, in four languages, with no
page of that outlet in the run; `corroborate sources show`."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources

import pytest

from corroborate.cli import main
from corroborate.outlets import Outlet, Registry, find_credits, fold, packaged_registry, page_credit, passage_chain


@pytest.fixture(scope="module")
def registry() -> Registry:
    return packaged_registry()


def _entries() -> list[dict]:
    text = resources.files("corroborate.outlets").joinpath("outlets.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["outlet"]


def test_registry_file_schema_and_size():
    entries = _entries()
    assert len(entries) >= 400
    required = {"name": str, "domains": list, "group": str, "wire": bool, "language": str, "country": str}
    for entry in entries:
        where = entry.get("name")
        assert set(entry) <= set(required) | {"aliases", "source"}, where
        for key, kind in required.items():
            assert isinstance(entry[key], kind), (where, key)
        assert isinstance(entry["source"], str) and entry["source"].strip(), where
        assert all(isinstance(a, str) and a.strip() for a in entry.get("aliases", [])), where
        assert re.fullmatch(r"[a-z]{2}", entry["language"]), where
        assert re.fullmatch(r"[A-Z]{2}", entry["country"]), where
        for domain in entry["domains"]:
            assert re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", domain) and not domain.startswith("www."), domain
    wires = {e["name"] for e in entries if e["wire"]}
    assert {"Associated Press", "Reuters", "Agence France-Presse", "Agencia EFE", "ANSA"} <= wires


def test_no_name_alias_or_domain_is_claimed_twice():
    claimed: dict[str, str] = {}
    for entry in _entries():
        keys = {fold(entry["name"]), *(fold(a) for a in entry.get("aliases", [])), *entry["domains"]}
        for key in keys:
            assert key not in claimed, f"{key!r} is claimed by {claimed.get(key)!r} and {entry['name']!r}"
            claimed[key] = entry["name"]


def test_lookup_by_name_short_form_domain_and_url(registry):
    nbc = registry.named("NBC")
    assert nbc is not None and nbc.name == "NBC News"
    assert registry.named("nbcnews.com") is nbc
    assert registry.for_url("https://www.nbcnews.com/politics/some-story") is nbc
    assert registry.named("the Guardian") is registry.named("The Guardian") is registry.named("Guardian")
    assert registry.named("AP").name == "Associated Press"
    # an acronym in running text must be written in capitals: "As earlier reported" credits nobody
    assert registry.leading(["As", "earlier"]) is None


def test_configured_outlets_override_the_registry(registry):
    mine = Outlet(name="NBC News", domains=("nbc.example",), group="My Own Group", configured=True)
    merged = registry.extended([mine])
    nbc = merged.named("NBC")
    assert nbc.configured and nbc.origin_key == "My Own Group"
    assert merged.for_url("https://www.nbcnews.com/x") is nbc  # the packaged domains carry over
    assert registry.named("NBC").origin_key == "Comcast"  # the packaged registry is not changed


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The plan was drafted in October, two officials told NBC News on Tuesday.", "NBC News"),
        ("NBC News reported that the plan was drafted in October.", "NBC News"),
        ("The plan was drafted in October, according to a report by NBC News.", "NBC News"),
        ("The plan, which NBC first reported, was drafted in October.", "NBC News"),
        ("El plan se redactó en octubre, según NBC News.", "NBC News"),
        ("El plan se redactó en octubre, informó la cadena estadounidense NBC.", "NBC News"),
        ("El plan se redactó en octubre, de acuerdo con la agencia EFE.", "Agencia EFE"),
        ("O plano foi redigido em outubro, segundo a NBC.", "NBC News"),
        ("O plano foi redigido em outubro, conforme a agência Reuters.", "Reuters"),
        ("Le plan a été rédigé en octobre, selon l'AFP.", "Agence France-Presse"),
        ("Le plan a été rédigé en octobre, a rapporté Le Monde.", "Le Monde"),
        ("WASHINGTON (AP) — The plan was drafted in October.", "Associated Press"),
        ("MEXICO CITY (Reuters) - The plan was drafted in October.", "Reuters"),
        ("Madrid, 28 abr (EFE).- El apagón afectó a toda la península.", "Agencia EFE"),
    ],
)
def test_credits_in_four_languages_resolve_without_a_page_of_that_outlet(registry, text, outlet):
    credits = find_credits(text, registry)
    assert [c.outlet.name for c in credits][:1] == [outlet], credits


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers search the rubble on Friday. Christophe Ena/AP",
        "Photo: AFP. Rescuers searched the rubble on Friday.",
        "As earlier reported, rescuers searched the rubble on Friday.",
        "Officials told reporters that the plan was drafted in October.",
    ],
)
def test_photo_credits_and_plain_words_credit_nobody(registry, text):
    assert find_credits(text, registry) == []


def test_a_chain_of_credits_in_one_sentence(registry):
    chain = passage_chain("Newsweek, citing NBC News, which cited two officials, said the plan was ready.", registry)
    assert [o.name for o in chain] == ["Newsweek", "NBC News"]


def test_page_credit_prefers_the_dateline_and_ignores_the_page_own_outlet(registry):
    text = "MEXICO CITY (AP) — The plan was drafted in October. Officials told Reuters the same."
    assert page_credit(text, registry).outlet.name == "Associated Press"
    own = registry.named("AP")
    assert page_credit("The plan was drafted, the AP reported. AP has more.", registry, own) is None


def test_sources_show_prints_what_the_tool_knows(capsys, tmp_path):
    assert main(["sources", "show", "NBC", "--sources", str(tmp_path / "none.toml")]) == 2  # missing file
    empty = tmp_path / "sources.toml"
    empty.write_text("", encoding="utf-8")
    assert main(["sources", "show", "NBC", "--sources", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "NBC News" in out and "nbcnews.com" in out and "Comcast" in out and "registry" in out
    assert main(["sources", "show", "efe.com", "--sources", str(empty), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["name"] == "Agencia EFE" and shown["wire"] is True
    assert main(["sources", "show", "Gazette of Nowhere", "--sources", str(empty)]) == 2
    assert "no outlet named 'Gazette of Nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('MEXICO CITY (Reuters) - "This is a threat to the region," Reuters reported.', None),
        ('"We are ready for anything," AP reported, citing two officials.', None),
        ('WASHINGTON (AP) — "We will not leave," the mayor said on Monday.', "mayor"),
        ('"We are ready for anything," Howard Stern said.', "Howard Stern"),
    ],
)
def test_datelines_and_wires_are_never_speakers(sentence, speaker):
    from corroborate.article.claims import claim_from_text

    claim = claim_from_text(sentence)
    assert [q.speaker for q in claim.quotes] == [speaker]
    outlets = {e.text for e in claim.entities if e.type == "OUTLET"}
    people = {e.text for e in claim.entities if e.type == "PERSON"}
    assert not outlets & people and not {"AP", "Reuters", "MEXICO CITY", "WASHINGTON"} & people
