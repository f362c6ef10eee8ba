"""The hub's own pages in Swedish (deploy/templates/): lang="sv", landmarks, labelled controls, no English left.

Home, token, "not running" and error pages come from the real hub (``hub``, SQLite only: the pages do not depend on
the group service's database). The spawn-pending page is shown only while a server starts, which a test cannot hold
open without a race, so it is rendered through the same template loader the hub builds, and its script is run in
node against a minimal stand-in for jQuery and EventSource: the progress is a Swedish sentence in a polite live
region, and the page reloads when the server is ready.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jupyterhub._data import DATA_FILES_PATH

from .harness import REPO, wait_until

#: The tests on the real hub use the SQLite one (the conftest's ``hub`` is parametrized over both backends).
on_sqlite_hub = pytest.mark.parametrize("hub", ["sqlite"], indirect=True)

USER = "deltagare6"  # no other hub test starts this user's server
TEMPLATES = REPO / "deploy" / "templates"
#: JupyterHub's English texts on the pages we replace; none may be left in what a user sees or hears.
ENGLISH = [
    "Home",
    "API Token",
    "Logout",
    "Login",
    "Services",
    "Toggle",
    "Start My Server",
    "Stop My Server",
    "My Server",
    "Server not running",
    "Launch",
    "Your server",
    "Error",
    "Close",
    "Not Found",
    "moons",
    "JupyterHub requires JavaScript",
    "Note",
    "Permissions",
    "Request new API token",
    "Never",
]


class _Visible(HTMLParser):
    """The text a user sees or a screen reader says: text outside script/style, and labelling attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [
            value for name, value in attrs if name in ("aria-label", "title", "alt", "placeholder") and value
        ]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " | ".join(parser.parts)


def assert_swedish_page(html: str, *texts: str) -> None:
    assert re.search(r'<html lang="sv">', html), "the page's language is not Swedish"
    for landmark in ("<header>", "<nav ", "<main "):
        assert landmark in html, f"no {landmark} landmark"
    shown = visible_text(html)
    for text in texts:
        assert text in shown, f"{text!r} is not on the page: {shown}"
    left = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", shown)]
    assert not left, f"English left on the page: {left} in {shown}"
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in control or "aria-label=" in control:
            continue
        found = re.search(r'id="([^"]+)"', control)
        assert found and found.group(1) in labelled, f"control without a label: {control}"


# --- The real hub ---------------------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies and no redirects: each test sees the hub's own answer to each request."""

    def __init__(self, hub) -> None:
        self.hub = hub
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def get(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.hub.url + path, data=body, timeout=30) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def log_in(self, user: str) -> None:
        """The Swedish login form, with ``next`` at the home page (so that logging in starts no server)."""
        _, form = self.get("/hub/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
        fields = {"username": user, "password": demo_password(self.hub), "_xsrf": xsrf}
        status, _ = self.get("/hub/login?next=%2Fhub%2Fhome", fields)
        assert status == 302, f"login as {user}: {status}"


def demo_password(hub) -> str:
    """The shared demo password the harness gave the hub process (as tests/browser/test_hub.py reads it)."""
    env = Path(f"/proc/{hub.proc.pid}/environ").read_bytes().split(b"\0")
    found = [e.split(b"=", 1)[1] for e in env if e.startswith(b"DIGIKOMP_DEMO_PASSWORD=")]
    assert found, "the hub was started without DIGIKOMP_DEMO_PASSWORD"
    return found[0].decode()


def server(hub, user: str) -> dict:
    return hub.hub_api("GET", f"users/{user}").body["servers"].get("", {})


def stop_server(hub, user: str) -> None:
    if server(hub, user):
        assert hub.hub_api("DELETE", f"users/{user}/server").status in (202, 204)
        wait_until(lambda: not server(hub, user), 60, f"{user}'s server to stop")


@pytest.fixture
def browser(hub):
    stop_server(hub, USER)
    browser = Browser(hub)
    browser.log_in(USER)
    yield browser
    stop_server(hub, USER)


@on_sqlite_hub
def test_the_home_page_and_the_not_running_page_are_swedish(hub, browser):
    """Does /hub/home offer "Starta min server", and does the user's address say the server is not running?"""
    status, html = browser.get("/hub/home")
    assert status == 200
    assert_swedish_page(html, "Kontrollpanel", "Starta min server", "Logga ut", "Åtkomsttoken", USER)
    assert f'href="/hub/spawn/{USER}"' in html

    status, html = browser.get(f"/hub/user/{USER}/")
    assert status == 424  # JupyterHub's answer for a server that is not running
    assert_swedish_page(html, "Din server är inte igång", "Starta min server")
    assert re.search(rf'<a id="start"[^>]*href="/hub/spawn/{USER}[?"]', html)


@on_sqlite_hub
def test_the_home_page_of_a_running_server_offers_to_stop_it(hub, browser):
    """With the server running: "Stoppa min server" (a button) and "Min server" (the link to it)."""
    assert hub.hub_api("POST", f"users/{USER}/server").status in (201, 202)
    wait_until(lambda: server(hub, USER).get("ready"), 120, f"{USER}'s server")
    status, html = browser.get("/hub/home")
    assert status == 200
    assert_swedish_page(html, "Stoppa min server", "Min server", "Din server är igång")
    assert '<button type="button" id="stop"' in html
    assert 'id="stop-status"' in html and 'aria-live="polite"' in html


@on_sqlite_hub
def test_the_token_page_is_swedish_with_labelled_controls(hub, browser):
    status, html = browser.get("/hub/token")
    assert status == 200
    assert_swedish_page(html, "Åtkomsttoken", "Anteckning", "Token gäller i", "Behörigheter", "Tills vidare")


@on_sqlite_hub
def test_an_unknown_address_gives_the_swedish_404_with_a_way_back(hub, browser):
    status, html = browser.get("/hub/finns-inte")
    assert status == 404
    assert_swedish_page(html, "Sidan finns inte", "fel 404", "Till Startsidan")
    assert re.search(rf'href="/user/{USER}/"[^>]*>Till Startsidan<', html)

    status, html = Browser(hub).get("/hub/finns-inte")  # not logged in: back through the login
    assert status == 404
    assert_swedish_page(html, "Sidan finns inte")
    assert re.search(r'href="/hub/"[^>]*>Till Startsidan<', html)


# --- The spawn-pending page, rendered -------------------------------------------------------------------------------


def render(name: str, **namespace) -> str:
    """``name`` through the loader JupyterHub builds from ``c.JupyterHub.template_paths`` (app.py, init_tornado)."""
    base = str(Path(DATA_FILES_PATH) / "templates")
    loader = ChoiceLoader(
        [PrefixLoader({"templates": FileSystemLoader([base])}, "/"), FileSystemLoader([str(TEMPLATES), base])]
    )
    user = SimpleNamespace(
        name=USER, url=f"/user/{USER}/", json_escaped_name=USER, spawner=SimpleNamespace(options_form=None)
    )
    common = {
        "static_url": lambda path, include_version=True: f"/hub/static/{path}",
        "base_url": "/hub/",
        "prefix": "/",
        "user": user,
        "logout_url": "/hub/logout",
        "login_url": "/hub/login",
        "parsed_scopes": set(),
        "services": [],
        "xsrf_token": "x",
    }
    return Environment(loader=loader, autoescape=True).get_template(name).render(**common, **namespace)


#: Just enough of jQuery, JHAPI and EventSource to run the page's script: it records what the page would show.
FAKE_PAGE = """
const nodes = {};
function node(selector) {
  const made = {own: "", attrs: {}, kids: [],
    text(t) { if (t === undefined) return this.own + this.kids.map(k => k.text()).join(""); this.own = t; this.kids = []; return this; },
    attr(k, v) { if (v === undefined) return this.attrs[k]; this.attrs[k] = v; return this; },
    append(...xs) { for (const x of xs) this.kids.push(typeof x === "string" ? {text: () => x} : x); return this; },
    removeAttr() { return this; }, css() { return this; }, prop() { return this; }, addClass() { return this; },
    removeClass() { return this; }, show() { return this; }, click() { return this; }, html() { return this; }};
  if (selector.startsWith("<")) return made;
  return nodes[selector] = nodes[selector] || made;
}
const shown = [];
let source;
global.window = {jhdata: {base_url: "/hub/", user: "USER"}, location: {reload() { shown.push("reload"); }}};
global.EventSource = function (url) { source = this; this.url = url; this.close = () => {}; };
console.log = () => {};  // the page logs each event
const fakeRequire = (deps, factory) => factory(node, function () { this.stop_server = () => {}; });
new Function("require", SCRIPT)(fakeRequire);
shown.push(source.url);
for (const event of EVENTS) {
  source.onmessage({data: JSON.stringify(event)});
  shown.push(nodes["#progress-message"].text() + " | " + nodes["#progress-bar"].attrs["aria-valuenow"]);
}
process.stdout.write(JSON.stringify(shown));
"""


def test_the_spawn_pending_page_is_swedish_and_says_its_progress_politely():
    """Is "Din server startar …" Swedish, with the progress as a sentence in a polite live region?"""
    progress_url = f"/hub/api/users/{USER}/server/progress"
    html = render("spawn_pending.html", progress_url=progress_url)
    assert_swedish_page(
        html, "Din server startar …", "Servern har begärts (0 %).", "Händelselogg", "Stoppa servern"
    )
    assert re.search(r'<p id="progress-message" role="status" aria-live="polite">', html)
    assert re.search(r'id="progress-bar"[^>]*role="progressbar"[^>]*aria-label="Serverns start"', html)

    node = shutil.which("node")
    if node is None:  # configurable-http-proxy needs node, so the hub tests have it
        pytest.fail("node not found")
    script = re.findall(r"<script>(.*?)</script>", html, re.S)[-1]
    events = [
        {"progress": 0, "message": "Server requested"},
        {"progress": 40, "message": "Pulling image"},
        {
            "progress": 100,
            "ready": True,
            "message": f"Server ready at /user/{USER}/",
            "url": f"/user/{USER}/",
        },
    ]
    program = FAKE_PAGE.replace("SCRIPT", json.dumps(script)).replace("EVENTS", json.dumps(events))
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        progress_url,
        "Servern har begärts (0 %). | 0",
        "Servern startar (40 %): Pulling image | 40",  # a spawner's own message, marked lang="en"
        "reload",  # ready: the page reloads and the hub sends the user to their server
        "Servern är klar. Du skickas vidare … | 100",
    ]
