"""The pure parts of the class-on-one-server load check (tools/bench/load.py): no server, no browser."""

from __future__ import annotations

import asyncio
import json
import struct
import sys
import urllib.parse
from random import Random

import pytest

from widgets.paths import REPO_ROOT

if str(REPO_ROOT) not in sys.path:  # tools/ is not installed; the bench runs from the repository
    sys.path.insert(0, str(REPO_ROOT))

from tools.bench import kernelclient as kc
from tools.bench import load, loadreport
from tools.bench.participants import browser_plan, schedule

KERNEL_ID = "6df1f4ba-6ceb-49b0-8f97-77bedca9099b"
CONFIG = json.dumps({"appUrl": "voila/", "baseUrl": "/", "kernelId": KERNEL_ID})
VIEW = json.dumps(
    {"data": {kc.WIDGET_VIEW_MIME: {"model_id": "87c8", "version_major": 2}}, "output_type": "display_data"}
)
PAGE = f"""<html lang="sv"><head>
<script id="jupyter-config-data" type="application/json">
  {CONFIG}
</script></head><body><div id="rendered_cells">
<script type="application/vnd.voila.cell-output+json">
  {VIEW}
</script></div></body></html>"""


def test_the_arrival_plan_is_seeded_sorted_and_inside_the_window():
    notebooks = ["00_start.ipynb", "30_modul3_ai.ipynb", "60_nyttokalkyl.ipynb"]
    plan = schedule(60, 120, notebooks, seed=1)
    assert plan == schedule(60, 120, notebooks, seed=1)
    assert plan != schedule(60, 120, notebooks, seed=2)
    assert len(plan) == 60
    times = [t for t, _ in plan]
    assert times == sorted(times)
    assert all(0 <= t < 120 for t in times)
    assert {nb for _, nb in plan} <= set(notebooks)
    assert len({nb for _, nb in plan}) == 3  # 60 draws over three apps reach each of them
    assert schedule(0, 10, notebooks, seed=1) == []
    with pytest.raises(ValueError, match="seconds > 0"):
        schedule(5, 0, notebooks, seed=1)
    with pytest.raises(ValueError, match="one notebook"):
        schedule(5, 10, [], seed=1)


def test_each_browser_opens_one_page_per_forty_seconds_inside_the_window():
    plan = browser_plan(3, 120, ["00_start.ipynb"], seed=1)
    assert len(plan) == 3
    assert all(len(pages) == 3 for pages in plan)
    for pages in plan:
        times = [t for t, _ in pages]
        assert times == sorted(times) and all(0 <= t < 120 for t in times)
    assert browser_plan(0, 120, ["00_start.ipynb"], seed=1) == []
    assert [len(p) for p in browser_plan(2, 10, ["00_start.ipynb"], seed=1)] == [1, 1]


def test_a_page_gives_its_kernel_id_and_widget_view_and_shows_no_error():
    info = kc.parse_page(PAGE)
    assert info == kc.PageInfo(kernel_id=KERNEL_ID, widget_views=1, error=False)


def test_an_error_block_a_stderr_output_or_no_view_is_seen():
    error_block = PAGE.replace("</div></body>", '<div class="dk-cell-error" role="alert"></div></div></body>')
    assert kc.parse_page(error_block).error
    stderr = PAGE.replace(VIEW, json.dumps({"output_type": "stream", "name": "stderr", "text": "Traceback"}))
    info = kc.parse_page(stderr)
    assert info.error and info.widget_views == 0
    blank = kc.parse_page(PAGE.replace(VIEW, "{}"))
    assert blank.widget_views == 0 and not blank.error and blank.kernel_id == KERNEL_ID
    assert kc.parse_page("<html><body>Sidan laddas …</body></html>").kernel_id is None
    # A config script that is not valid JSON still yields the id through the fallback pattern.
    broken = PAGE.replace(CONFIG, '{"kernelId": "' + KERNEL_ID + '", oops')
    assert kc.parse_page(broken).kernel_id == KERNEL_ID


def test_websocket_frames_of_the_legacy_protocol_are_decoded_text_and_binary():
    msg = {"header": {"msg_id": "a", "msg_type": "comm_msg"}, "parent_header": {"msg_id": "p"}, "content": {}}
    assert kc.decode_frame(json.dumps(msg)) == {**msg, "buffers": []}
    body = json.dumps(msg).encode()
    buffers = [b"\x00\x01\x02", b"xyz"]
    parts = [body, *buffers]
    offsets = [4 * (len(parts) + 1)]
    for part in parts[:-1]:
        offsets.append(offsets[-1] + len(part))
    frame = struct.pack("!" + "I" * (len(parts) + 1), len(parts), *offsets) + b"".join(parts)
    decoded = kc.decode_frame(frame)
    assert decoded["header"]["msg_type"] == "comm_msg"
    assert decoded["buffers"] == buffers


def test_the_change_is_a_valid_new_value_for_an_enabled_input():
    def pick(states):
        return kc.pick_change(states, Random(0))

    dropdown = {"model_name": "DropdownModel", "state": {"index": 2, "_options_labels": ["a", "b", "c"]}}
    assert pick({"d": dropdown}) == ("d", "DropdownModel", {"index": 0})
    slider = {"model_name": "IntSliderModel", "state": {"value": 10, "step": 2, "min": 0, "max": 10}}
    assert pick({"s": slider}) == ("s", "IntSliderModel", {"value": 8})
    number = {"model_name": "BoundedFloatTextModel", "state": {"value": 0.5, "step": 0.1, "min": 0, "max": 1}}
    assert pick({"n": number})[2] == {"value": pytest.approx(0.6)}
    checkbox = {"model_name": "CheckboxModel", "state": {"value": True}}
    assert pick({"c": checkbox})[2] == {"value": False}
    no_inputs = {
        "l": {"model_name": "LayoutModel", "state": {}},
        "h": {"model_name": "HTMLModel", "state": {"value": "<p>x</p>"}},
        "x": {
            "model_name": "DropdownModel",
            "state": {"index": 0, "_options_labels": ["a", "b"], "disabled": True},
        },
        "one": {"model_name": "DropdownModel", "state": {"index": 0, "_options_labels": ["a"]}},
    }
    assert pick(no_inputs) is None


def test_cookies_are_read_back_and_the_shutdown_sends_the_xsrf_cookie_as_the_page_does():
    jar = kc.cookies_from(["_xsrf=2|c00b|6e75|1796; expires=Thu, 31 Dec 2026 23:15:05 GMT; Path=/", "bad=="])
    assert jar["_xsrf"] == "2|c00b|6e75|1796"

    class FakeHTTP:
        def __init__(self):
            self.requests = []

        async def fetch(self, request, raise_error=True):
            self.requests.append(request)
            return type("Response", (), {"code": 403})()

    http = FakeHTTP()
    assert asyncio.run(kc.shutdown(http, "http://127.0.0.1:1", KERNEL_ID, {})) == 403
    assert asyncio.run(kc.shutdown(http, "http://127.0.0.1:1", KERNEL_ID, jar)) == 403
    without, with_cookie = http.requests
    assert without.method == "POST" and without.url.endswith(f"/voila/api/shutdown/{KERNEL_ID}")
    assert urllib.parse.parse_qs(without.body.decode(), keep_blank_values=True) == {"_xsrf": [""]}
    assert urllib.parse.parse_qs(with_cookie.body.decode()) == {"_xsrf": [jar["_xsrf"]]}
    assert "_xsrf=2|c00b|6e75|1796" in with_cookie.headers["Cookie"]


def test_percentiles_of_a_known_series():
    s = loadreport.summary([float(x) for x in range(1, 101)])
    assert s["n"] == 100 and s["max"] == 100
    assert s["p50"] == pytest.approx(50.5)
    assert s["p95"] == pytest.approx(95.05)
    assert loadreport.summary([None, 2.0]) == {"n": 1, "p50": 2.0, "p95": 2.0, "max": 2.0}
    assert loadreport.summary([]) == {"n": 0, "p50": None, "p95": None, "max": None}


def _visit(i, notebook, planned, present, widgets_s, status="ok"):
    return {
        "index": i,
        "notebook": notebook,
        "planned_s": planned,
        "started_s": planned,
        "present": present,
        "loading": 1,
        "kernels_at_start": 10 + present,
        "status": status,
        "reason": "" if status == "ok" else "ingen widgetvy i sidan",
        "html_s": widgets_s,
        "widgets_s": widgets_s,
        "change_ms": 50.0,
        "shutdown_status": 204,
    }


def _data(visits, browser):
    return {
        "started": "2026-12-01 12:00:00",
        "machine": {"cpus": 2},
        "load_average_start": [1.0, 1.0, 1.0],
        "load_average_end": [2.0, 1.0, 1.0],
        "settings": {
            "clients": len(visits),
            "seconds": 120,
            "browsers": 1,
            "cull_interval": 5,
            "cull_idle": 10,
        },
        "load": {
            "baseline": {"kernels": 12, "rss_mb": 1200.0},
            "peak_kernels": 40,
            "peak_rss_mb": 3000.0,
            "after_kernels": 12,
            "summary": loadreport.summarise(visits, browser),
        },
        "cull": {
            "baseline": {"kernels": 12, "rss_mb": 1200.0},
            "peak_kernels": 30,
            "peak_rss_mb": 2500.0,
            "after_kernels": 12,
            "after_rss_mb": 1210.0,
            "culled_s": 14.2,
            "returned_s": 20.5,
            "waited_limit_s": 210,
            "opened": 20,
            "failed": 0,
        },
    }


def test_the_summary_finds_where_p95_passes_ten_seconds_and_counts_blank_pages():
    fast = [_visit(i, "00_start.ipynb", i * 2.0, i + 1, 1.0) for i in range(20)]
    slow = [_visit(20 + i, "30_modul3_ai.ipynb", 40 + i * 2.0, 21 + i, 12.0 + i) for i in range(20)]
    blank = [_visit(40, "60_nyttokalkyl.ipynb", 90.0, 41, None, status="blank")]
    browser = [{"notebook": "00_start.ipynb", "started_s": 10.0, "status": "ok", "render_s": 2.5}]
    s = loadreport.summarise(fast + slow + blank, browser)
    assert s["visits"] == 41 and s["not_ok"] == 1 and s["status"] == {"ok": 40, "blank": 1}
    assert s["widgets_s"]["n"] == 40 and s["widgets_s"]["max"] == 31.0
    assert s["degraded_at"] is not None and s["degraded_at"][0] > 20  # the fast first half never passed 10 s
    assert s["first_failure_at"][0] <= 41 <= s["first_failure_at"][1]
    assert s["by_repeat"]["soon"]["n"] == 38  # every visit but the first on each app came 2 s after the last
    assert s["browser"]["render_s"]["p50"] == 2.5
    assert s["browser"]["protocol_nearby_s"]["p50"] == 1.0  # the fast visits started within 20 s of it

    text = load.markdown(_data(fast + slow + blank, browser))
    assert text.startswith("## Klassen på en server")
    assert "| misslyckade eller tomma sidor | 1 |" in text
    assert "går över 10 s vid" in text and "sidor samtidigt, upp till" in text
    assert "#40 60_nyttokalkyl.ipynb: blank (ingen widgetvy i sidan)" in text
    assert "| topp | 30 | 2500 |" in text and "borta 14 s" in text and "efter 20 s" in text


def test_a_class_that_stays_fast_says_so_and_a_cull_that_never_returns_says_so():
    visits = [_visit(i, "00_start.ipynb", i * 2.0, i + 1, 0.8) for i in range(30)]
    data = _data(visits, [])
    data["cull"].update(culled_s=None, returned_s=None)
    text = load.markdown(data)
    assert "höll sig under 10 s upp till 30 deltagare" in text
    assert "webbläsare: rendering" not in text
    assert "inte borta inom 210 s" in text and "kom inte tillbaka" in text
    json.dumps(data)  # JSON-ready
