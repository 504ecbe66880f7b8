"""The web form's configuration (admin/, Decap CMS) is generated from the models, and the preview's front door."""

from __future__ import annotations

import http.server
import json
import re
import threading
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, copy_project, write_files

from generator.cli.commands import main
from generator.content.kinds import DECLARED
from generator.core.problems import Problems
from generator.core.processes import free_port
from generator.preview.front import CheckStatus, FrontServer
from generator.preview.serve import mkdocs_lines
from generator.tools.cms import all_files, config, publish_admin


def _collections() -> dict[str, dict]:
    return {c["name"]: c for c in yaml.safe_load((ROOT / "admin" / "config.yml").read_text(encoding="utf-8"))["collections"]}


def _field(fields: list[dict], *names: str) -> dict:
    for name in names[:-1]:
        fields = next(f for f in fields if f["name"] == name)["fields"]
    return next(f for f in fields if f["name"] == names[-1])


def test_the_committed_form_is_what_the_models_give() -> None:
    for name, text in all_files(ROOT).items():
        assert (ROOT / "admin" / name).read_text(encoding="utf-8") == text, f"run: python -m generator cms ({name})"
    result = CliRunner().invoke(main, ["cms", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output


def test_cms_check_fails_when_the_vocabulary_changes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / "admin").mkdir()
    for name, text in all_files(ROOT).items():
        (root / "admin" / name).write_text(text, encoding="utf-8")
    write_files(root, {"themes_data/themes/adolescents.yaml": """
        kind: theme
        id: adolescents
        title: Adolescents
        description: Young people aged 10 to 17.
        """})
    result = CliRunner().invoke(main, ["cms", "--check", "--root", str(root)])
    assert result.exit_code == 1
    assert "out of date: config.yml, config.github.yml. Run: python -m generator cms" in result.output


def test_one_collection_per_kind_in_its_folder_with_the_models_fields() -> None:
    collections = _collections()
    assert set(collections) == {kind.name for kind in DECLARED}
    for kind in DECLARED:
        collection = collections[kind.name]
        fields = collection["files"][0]["fields"] if "files" in collection else collection["fields"]
        if "files" in collection:
            assert collection["files"][0]["file"] == "themes_data/reflective-model.yaml"
        else:
            assert collection["folder"] == kind.folder
            assert collection["extension"] == "yaml"
        assert {f["name"] for f in fields} == set(kind.model.model_fields)
        assert fields[0]["name"] == "kind" and fields[0]["widget"] == "hidden" and fields[0]["default"] == kind.name
        depth = len(Path(kind.folder).parts)
        assert fields[0]["comment"] == f"yaml-language-server: $schema={'../' * depth}generator/schemas/{kind.name}.schema.json"


def test_fields_have_hints_requirements_selects_lists_and_dates() -> None:
    fields = _collections()["panel-meeting"]["fields"]
    locality = _field(fields, "locality")
    assert locality["hint"] == "The district or locality where the meeting was held, e.g. 'Cheltenham'."
    assert "required" not in locality  # required by default
    assert _field(fields, "summary")["required"] is False
    date = _field(fields, "date")
    assert (date["widget"], date["format"], date["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    assert _field(fields, "published")["widget"] == "string"  # a partial date may be a bare year
    status = _field(fields, "actions", "status")
    assert (status["widget"], status["options"]) == ("select", ["planned", "in progress", "completed", "dropped"])
    tags = _field(fields, "themes_arising", "themes")
    assert tags["widget"] == "select" and tags["multiple"] is True
    assert {"label": "Domestic abuse (domestic-abuse)", "value": "domestic-abuse"} in tags["options"]
    assert len(tags["options"]) == len(list((ROOT / "themes_data" / "themes").glob("*.yaml")))
    points = _field(fields, "themes_arising", "points")
    assert points["widget"] == "list" and [f["name"] for f in points["fields"]] == ["text", "themes"]
    assert _field(fields, "themes_arising")["min"] == 1
    # an optional group's own required fields cannot stop a save (Decap would refuse an untouched one)
    assert _field(fields, "source", "document")["required"] is False


def test_file_names_come_from_the_record_not_the_clock() -> None:
    collections = _collections()
    assert collections["panel-meeting"]["slug"] == "{{fields.date}}-{{fields.locality}}"
    for name, collection in collections.items():
        if "slug" in collection:
            assert "{{year" not in collection["slug"] and "{{month" not in collection["slug"], name
            assert collection["slug"] in ("{{fields.id}}", "{{fields.date}}-{{fields.locality}}"), name


def test_the_hosted_form_uses_github_with_the_editorial_workflow() -> None:
    hosted = config(ROOT, hosted=True)
    assert hosted["backend"]["name"] == "github" and hosted["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in hosted
    local = config(ROOT)
    assert local["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert hosted["collections"] == local["collections"]


def test_publishing_the_hosted_form_copies_decap_and_its_github_config(tmp_path: Path) -> None:
    fake = tmp_path / "p"
    dist = fake / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist / "decap-cms.js").write_text("/* decap */")
    (dist / "103.decap-cms.js").write_text("/* part */")
    (dist / "decap-cms.js.map").write_text("{}")
    (fake / "admin").mkdir()
    for name in ("index.html", "config.github.yml"):
        (fake / "admin" / name).write_bytes((ROOT / "admin" / name).read_bytes())
    out = tmp_path / "site" / "admin"
    publish_admin(fake, out)
    assert sorted(p.name for p in out.iterdir()) == ["103.decap-cms.js", "config.yml", "decap-cms.js", "index.html"]
    assert yaml.safe_load((out / "config.yml").read_text())["backend"]["name"] == "github"
    assert "check.js" not in (out / "index.html").read_text()


def test_the_installed_decap_bundle_is_the_pinned_one_and_stands_alone() -> None:
    """tools/node-deps.sh unpacks decap-cms's tarball (pinned in package.json's config) without the packages it
    is built from: the bundle must be that version, and must not need them (no require() of another package)."""
    pinned = json.loads((ROOT / "package.json").read_text())["config"]["decap-cms"]
    installed = ROOT / "node_modules" / "decap-cms"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    assert "decap-cms" not in json.loads((ROOT / "package-lock.json").read_text())["packages"].get("", {}).get(
        "dependencies", {})  # npm ci would install its build tree again
    bundle = (installed / "dist" / "decap-cms.js").read_text(encoding="utf-8")
    assert len(bundle) > 1_000_000 and not re.search(r"\brequire\(\s*['\"](react|decap-cms-[a-z-]+)['\"]\s*\)", bundle)
    assert not (ROOT / "node_modules" / "webpack").exists()


def test_the_preview_log_leaves_out_the_not_in_nav_list_and_the_inner_address() -> None:
    log = [
        "INFO    -  Building documentation...",
        'INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:',
        "  - panel-meetings/a.md",
        "  - panel-meetings/b.md",
        "INFO    -  Documentation built in 2.11 seconds",
        "INFO    -  [02:44:41] Serving on http://127.0.0.1:40411/",
        'WARNING -  [02:48:44] "GET /favicon.ico HTTP/1.1" code 404',
    ]
    assert list(mkdocs_lines(log)) == ["INFO    -  Building documentation...", "INFO    -  Documentation built in 2.11 seconds"]


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = b"<html><body><h1>Page</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def front(tmp_path: Path):
    pages = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    (tmp_path / "admin").mkdir()
    for name in ("index.html", "config.yml", "check.js"):
        (tmp_path / "admin" / name).write_bytes((ROOT / "admin" / name).read_bytes())
    status = CheckStatus()
    server = FrontServer(tmp_path, free_port(), pages.server_address[1], None, status)
    server.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", status
    server.shutdown()
    pages.shutdown()


def _read(url: str, method: str = "GET") -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_front_door_serves_the_form_pages_and_the_check(front) -> None:
    base, status = front
    code, page = _read(base)
    assert code == 200 and page.endswith('<script src="/admin/check.js" defer></script></body></html>')
    code, form = _read(base + "admin/")
    assert code == 200 and 'rel="cms-config-url"' in form
    code, form_config = _read(base + "admin/config.yml")
    assert f"url: {base}api/v1" in form_config  # the form saves through this preview's own port
    code, missing = _read(base + "admin/decap-cms.js")
    assert code == 404 and "make edit" in missing  # node_modules not installed here
    assert _read(base + "admin/../site.yaml")[0] == 404
    problems = Problems()
    problems.error("content/panel-meetings/x.yaml", 3, 5, "id", "'x' is already used by content/y.yaml.")
    status.record(problems, updated=False)
    found = json.loads(_read(base + "admin/check.json")[1])
    assert found["errors"] == 1 and found["updated"] is False
    assert found["lines"][0] == "content/panel-meetings/x.yaml:3:5: id: 'x' is already used by content/y.yaml."
    code, text = _read(base + "api/v1", "POST")
    assert code == 503 and "make edit" in text  # the local backend runs only with make edit


def test_the_form_s_own_scripts_are_kept_by_the_browser_and_its_configuration_never(front, tmp_path: Path) -> None:
    base, _ = front
    script = tmp_path / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
    script.parent.mkdir(parents=True)
    script.write_text("console.log('decap');")
    with urllib.request.urlopen(base + "admin/decap-cms.js", timeout=10) as reply:
        etag = reply.headers["ETag"]
        assert reply.status == 200 and reply.read() == b"console.log('decap');"
        assert etag and reply.headers["Cache-Control"] == "no-cache"  # kept, and asked about on every visit
    request = urllib.request.Request(base + "admin/decap-cms.js", headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as unchanged:
        urllib.request.urlopen(request, timeout=10)
    assert unchanged.value.code == 304 and unchanged.value.read() == b""
    script.write_text("console.log('decap, a newer version');")  # npm installed another version
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 200 and reply.read() == b"console.log('decap, a newer version');"
        assert reply.headers["ETag"] != etag
    for name in ("", "config.yml", "check.js", "check.json"):
        with urllib.request.urlopen(base + "admin/" + name, timeout=10) as reply:
            assert reply.headers["Cache-Control"] == "no-store" and reply.headers["ETag"] is None, name


def test_the_published_site_has_no_admin_page(built_site: Path) -> None:
    site = built_site / "site"
    assert (site / "index.html").is_file()
    assert not (site / "admin").exists()
    assert not [p for p in site.rglob("*") if "decap" in p.name.lower() or p.name == "config.github.yml"]
