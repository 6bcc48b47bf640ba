import pytest

from crawler.config import ConfigError, load_config

MINIMAL = """
[site]
id = "demo"
name = "示例区人民政府"
start_urls = ["http://127.0.0.1:8765/xxgk/"]

[[units]]
id = "jtj"
name = "区教育和体育局"
urls = ["http://127.0.0.1:8765/xxgk/jtj/"]

[crawl]
allow_private_networks = true
concurrency_per_host = 4
requests_per_second_per_host = 0
"""


def write(tmp_path, text):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_contract_form_is_accepted(tmp_path):
    site = load_config(write(tmp_path, MINIMAL))
    assert site.id == "demo" and site.allowed_domains == ["127.0.0.1"]
    assert site.units[0].home == "http://127.0.0.1:8765/xxgk/jtj/"
    assert site.crawl["requests_per_second_per_host"] == 0
    assert site.crawl["timeout_seconds"] == 15  # default from config/defaults.toml
    assert site.rule_options("guide.revision-outdated")["max_age_days"] == 365


def test_rule_threshold_and_switch_override(tmp_path):
    site = load_config(write(tmp_path, MINIMAL + """
[rules."guide.revision-outdated"]
max_age_days = 180
[rules."link.unverified"]
enabled = false
"""))
    assert site.rule_options("guide.revision-outdated")["max_age_days"] == 180
    assert not site.rule_enabled("link.unverified")


@pytest.mark.parametrize("text, key", [
    (MINIMAL.replace('id = "demo"', 'id = "Demo Site"'), "site.id"),
    (MINIMAL.replace('name = "示例区人民政府"\n', ""), "site.name"),
    (MINIMAL + "\n[crawl2]\nx = 1\n", "crawl2"),
    (MINIMAL.replace("concurrency_per_host = 4", 'concurrency_per_host = "4"'), "crawl.concurrency_per_host"),
    (MINIMAL.replace("concurrency_per_host = 4", "concurrency_per_host = 4\nspeed = 9"), "crawl.speed"),
    (MINIMAL.replace('urls = ["http://127.0.0.1:8765/xxgk/jtj/"]', 'urls = ["ftp://x/"]'), "units[0].urls"),
    (MINIMAL + '\n[rules."no.such-rule"]\nenabled = false\n', "no.such-rule"),
    (MINIMAL + '\n[rules."guide.revision-outdated"]\nmax_age_days = "一年"\n', "max_age_days"),
    (MINIMAL + '\n[rules."normative.registration-missing"]\npattern = "SDPR-(\\\\d{4}"\n', "pattern"),
    (MINIMAL + '\n[rules."plan.missing"]\nplan_patterns = ["工作计划", "要点["]\n', "plan_patterns"),
    ("[site\n", "TOML"),
])
def test_bad_config_names_file_and_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and key in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="不存在"):
        load_config(tmp_path / "nope.toml")
