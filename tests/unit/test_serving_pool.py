"""The kernel pool's pure parts: the fill queue's order and bounds, and what makes a preheated page unfit to serve."""

from __future__ import annotations

import asyncio

import pytest

from widgets.serving.fills import FillQueue
from widgets.serving.pool import after_render, render_problem

ORDER = ["00_start.ipynb", "60_nyttokalkyl.ipynb", "30_modul3_ai.ipynb"]


async def _run_fills(queue: FillQueue, notebooks: list[str], hold: float = 0.01) -> tuple[list[str], int]:
    """Start one fill per notebook at once; return the order they got a slot and the most that ran together."""
    started: list[str] = []
    peak = 0

    async def fill(name: str) -> None:
        nonlocal peak
        await queue.acquire(name)
        started.append(name)
        peak = max(peak, queue.running)
        await asyncio.sleep(hold)
        queue.release(name)

    await asyncio.gather(*(fill(n) for n in notebooks))
    return started, peak


def test_fills_requested_together_start_in_the_course_order_and_never_more_than_the_limit():
    queue = FillQueue(2, ORDER)
    asked = [
        "90_slutkonferens.ipynb",
        "30_modul3_ai.ipynb",
        "80_min_larlogg.ipynb",
        "00_start.ipynb",
        "60_nyttokalkyl.ipynb",
    ]
    started, peak = asyncio.run(_run_fills(queue, asked))
    assert started[:3] == ORDER
    assert sorted(started[3:]) == ["80_min_larlogg.ipynb", "90_slutkonferens.ipynb"]
    assert peak == 2
    assert queue.running == 0
    assert queue.waiting == []


def test_a_visitors_notebook_jumps_the_queue():
    async def scenario() -> list[str]:
        queue = FillQueue(1, ORDER)
        started: list[str] = []

        async def fill(name: str) -> None:
            await queue.acquire(name)
            started.append(name)
            await asyncio.sleep(0.01)
            queue.release(name)

        tasks = [
            asyncio.ensure_future(fill(n))
            for n in ["00_start.ipynb", "60_nyttokalkyl.ipynb", "90_slutkonferens.ipynb"]
        ]
        await asyncio.sleep(0)  # all three wait; slots are handed out on the loop's next turn
        queue.visitor_waiting("90_slutkonferens.ipynb")
        await asyncio.gather(*tasks)
        queue.visitor_served("90_slutkonferens.ipynb")
        assert queue.waiting == []
        return started

    assert asyncio.run(scenario()) == ["90_slutkonferens.ipynb", "00_start.ipynb", "60_nyttokalkyl.ipynb"]


def test_a_cancelled_waiter_leaves_no_slot_taken():
    async def scenario() -> FillQueue:
        queue = FillQueue(1)
        await queue.acquire("a.ipynb")
        waiter = asyncio.ensure_future(queue.acquire("b.ipynb"))
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        queue.release("a.ipynb")
        return queue

    queue = asyncio.run(scenario())
    assert queue.running == 0
    assert queue.waiting == []


def test_every_page_gets_its_first_kernel_before_any_page_gets_its_second():
    ready: dict[str, int] = {}
    queue = FillQueue(1, ORDER, lambda nb: ready.get(nb, 0))

    async def scenario() -> list[str]:
        started: list[str] = []

        async def fill(name: str) -> None:
            await queue.acquire(name)
            started.append(name)
            await asyncio.sleep(0.01)
            ready[name] = ready.get(name, 0) + 1
            queue.release(name)

        asked = [
            "00_start.ipynb",
            "00_start.ipynb",
            "60_nyttokalkyl.ipynb",
            "60_nyttokalkyl.ipynb",
            "30_modul3_ai.ipynb",
        ]
        await asyncio.gather(*(fill(n) for n in asked))
        return started

    assert asyncio.run(scenario()) == [
        "00_start.ipynb",
        "60_nyttokalkyl.ipynb",
        "30_modul3_ai.ipynb",
        "00_start.ipynb",
        "60_nyttokalkyl.ipynb",
    ]


def test_two_slots_granted_at_once_go_to_two_different_pages():
    queue = FillQueue(2, ORDER)
    started, _peak = asyncio.run(
        _run_fills(queue, ["00_start.ipynb", "00_start.ipynb", "60_nyttokalkyl.ipynb"])
    )
    assert started[:2] == ["00_start.ipynb", "60_nyttokalkyl.ipynb"]


def test_the_queue_needs_at_least_one_slot():
    with pytest.raises(ValueError, match="at least 1"):
        FillQueue(0)


APP = '<script type="application/vnd.voila.cell-output+json">{"data": {"application/vnd.jupyter.widget-view+json": {"model_id": "ab"}}}</script>'


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (APP, None),
        ("<div>header</div><div>footer</div>", "no widget view"),
        (APP + '<div class="dk-cell-error" role="alert">…</div>', "error"),
        ('<div data-mime-type="application/vnd.jupyter.stderr">An exception occurred</div>' + APP, "error"),
    ],
)
def test_a_preheated_page_without_its_app_or_with_an_error_is_not_served(html, problem):
    found = render_problem(html)
    if problem is None:
        assert found is None
    else:
        assert problem in found


def test_a_preheated_kernel_asks_the_server_it_was_started_by_for_its_visitor():
    """The kernel-side wait speaks to the same websocket as voila.utils.wait_for_request would."""
    from widgets.apps.session import query_url

    env = {"VOILA_APP_PORT": "8901", "VOILA_SERVER_URL": "/", "VOILA_KERNEL_ID": "abc"}
    assert query_url(env) == "ws://127.0.0.1:8901/voila/query/abc"
    env |= {"VOILA_WS_BASE_URL": "/user/anna/", "VOILA_WS_PROTOCOL": "wss", "VOILA_APP_IP": "10.0.0.5"}
    assert query_url(env) == "wss://10.0.0.5:8901/user/anna/voila/query/abc"


def test_a_refill_waits_until_the_handed_out_page_has_rendered():
    """The next pool kernel starts after the visitor's page is done, not beside it — and only once."""

    async def scenario() -> list[str]:
        events: list[str] = []
        render = asyncio.get_running_loop().create_future()
        after_render(render, lambda: events.append("refill"), latest_s=5)
        await asyncio.sleep(0.05)
        events.append("rendered")
        render.set_result(None)
        await asyncio.sleep(0.05)
        return events

    assert asyncio.run(scenario()) == ["rendered", "refill"]


def test_a_page_whose_render_hangs_still_gets_its_pool_refilled():
    async def scenario() -> list[str]:
        events: list[str] = []
        render = asyncio.get_running_loop().create_future()
        after_render(render, lambda: events.append("refill"), latest_s=0.05)
        await asyncio.sleep(0.2)
        render.set_result(None)  # finishing later does not refill a second time
        await asyncio.sleep(0.05)
        return events

    assert asyncio.run(scenario()) == ["refill"]
