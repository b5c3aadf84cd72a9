"""Loading and validating sources.toml: errors name the file, the table and the key."""

from __future__ import annotations

import tomllib

import pytest

from corroborate import ConfigError, load_config
from corroborate.config import default_sources_path

from .conftest import FIXTURES, ROOT, write_sources


def test_fixture_and_real_sources_load():
    fixture = load_config(FIXTURES / "sources.toml")
    assert len(fixture.outlets) >= 8 and fixture.archives
    real = load_config(ROOT / "sources.toml")
    assert len(real.outlets) >= 15
    assert all(o.feeds or o.search for o in real.outlets)
    assert {o.language for o in real.outlets} >= {"en", "es"}


def test_packaged_default_matches_repo_sources(tmp_path):
    assert default_sources_path(tmp_path).name == "default_sources.toml"
    packaged = tomllib.loads(default_sources_path(tmp_path).read_text(encoding="utf-8"))
    assert packaged == tomllib.loads((ROOT / "sources.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[[outlet]\nname = 'x'", "invalid TOML"),
        ("[[outlet]]\nname = 'A'\ndomains = ['a.com']\ncolour = 'red'", "key 'colour'"),
        ("[[outlet]]\nname = 'A'\ndomains = ['a.com']\n[[outlet]]\nname = 'a'\ndomains = ['b.com']", "duplicate"),
        ("[[outlet]]\nname = 'A'\ndomains = ['a.com']\nsearch = 'https://a.com/s?q=x'", "{query}"),
        ("[[outlet]]\nname = 'A'\ndomains = ['a.com']\nfeeds = ['ftp://a.com/feed']", "not an http(s) URL"),
        ("[[archive]]\npath = 'no-such-folder'", "does not exist"),
        ("[weird]\nx = 1", "table [weird]"),
        ("[fetch]\ntimeout = 'soon'", "key 'timeout'"),
        # values that crashed or were accepted and broke things quietly
        ("[[archive]]\npath = '.'\noutlet = 5", "key 'outlet': must be the name"),
        ("[match]\nbatch_size = 0", "key 'batch_size': must be 1 or more"),
        ("[match]\nevidence_threshold = 7", "key 'evidence_threshold': must be between 0 and 1"),
        ("[match]\ncheckworthy_threshold = 1.5", "key 'checkworthy_threshold'"),
        ("[match]\ndevice = 'tpu'", "key 'device': unknown device 'tpu'"),
        ("[fetch]\nproxy = '::nope'", "key 'proxy': '::nope' is not a proxy URL"),
        ('[fetch]\nuser_agent = "bot\\r\\nX-Evil: 1"', "key 'user_agent': holds a control character"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, body, expected):
    path = write_sources(tmp_path / "sources.toml", body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")


def test_outlet_for_url_prefers_the_most_specific_domain(tmp_path):
    path = write_sources(
        tmp_path / "s.toml",
        "[[outlet]]\nname='CNN'\ndomains=['cnn.com']\n"
        "[[outlet]]\nname='CNN en Español'\ndomains=['cnnespanol.cnn.com']\n",
    )
    config = load_config(path)
    assert config.outlet_for_url("https://cnnespanol.cnn.com/a").name == "CNN en Español"
    assert config.outlet_for_url("https://www.cnn.com/a").name == "CNN"
    assert config.outlet_for_url("https://example.org/a") is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1/feed.xml", "Invalid IPv6 URL"),
        ("http://news.example:99999/feed.xml", "out of range"),
        ("http://news.example/a feed.xml", "space or control character"),
    ],
)
def test_a_malformed_url_in_sources_is_a_config_error_naming_key_and_line(tmp_path, capsys, url, problem):
    from corroborate.cli import main

    path = write_sources(
        tmp_path / "sources.toml",
        '[fetch]\ntimeout = 5.0\n\n[[outlet]]\nname = "Harbor Ledger"\ndomains = ["news.example"]\n'
        f'feeds = ["{url}"]\n',
    )
    article = tmp_path / "a.txt"
    article.write_text("The harbor authority said on Monday that the new pier opens in May.\n", encoding="utf-8")
    assert main(["check", str(article), "--sources", str(path), "--offline"]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 7, table [outlet 'Harbor Ledger'], key 'feeds'" in err and problem in err
    assert "Traceback" not in err
