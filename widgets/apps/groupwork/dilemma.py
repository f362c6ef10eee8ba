"""A group's vote on a dilemma (module 3): each member chooses an option and votes; the group's distribution
(bars with their counts written out) appears once the member has voted, or when the teacher showed it. A teacher
sees it always and shows or hides it for the group. The member's own reflection is shared through the lärlogg
("Dela med gruppen"), not here. Outside a hub: a plain notice and no buttons."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ... import fmt
from ...store.groupwork import GroupWork, VoteState
from ...ui.chart import SvgChart
from ...ui.controls import button, html, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import tag
from ...ui.svg import Canvas, Drawing, Plot, rows_height
from ._common import GroupChooser, group_work, notice, short

OUTSIDE = "Gruppens omröstning finns på kursens JupyterHub. Här gör du dina egna val i scenariot ovan."
BAR = (
    "#0072B2"  # Okabe–Ito blue; every bar's count is written in its label, so nothing is told by colour alone
)
WIDTH = 760
WAITING = (
    "Gruppens fördelning visas när du har röstat eller när läraren visar den "
    "({voters} av {members} har röstat)."
)
REFLECTION = (
    "Din egen reflektion skriver du i lärloggen längre ned på sidan. Där kan du dela den med gruppen med "
    "knappen Dela med gruppen."
)


def votes_text(n: int) -> str:
    return f"{fmt.number(n)} {'röst' if n == 1 else 'röster'}"


def distribution(options: Sequence[tuple[str, str]], tally: dict[str, int]) -> list[tuple[str, int]]:
    """(option text, votes) for every option in the content's order; votes for unknown choices are left out."""
    return [(text, int(tally.get(option_id, 0))) for option_id, text in options]


def distribution_chart(options: Sequence[tuple[str, str]], tally: dict[str, int]) -> Drawing:
    """One bar per option with its count in its label (the option cut to fit; the list beside the chart has it
    whole); the text alternative gives every count."""
    rows = distribution(options, tally)
    canvas = Canvas(WIDTH, rows_height(len(rows)))
    plot = Plot(canvas, [float(n) for _, n in rows], fmt.number, categories=len(rows), horizontal=True)
    for i, (text, n) in enumerate(rows):
        plot.hbar(i, 0.0, float(n), BAR, label=f"{short(text, 72)}: {votes_text(n)}")
    described = "; ".join(f"{text}: {votes_text(n)}" for text, n in rows)
    return canvas.drawing(f"Stapeldiagram över gruppens röster per alternativ. {described}.")


class DilemmaVote(w.VBox):
    """The vote ``poll_id`` in ``group`` (None: the user's group, a chooser when there are several, or for a
    teacher) over ``options`` as (id, text) pairs. Call :meth:`load` after the visit has started."""

    def __init__(
        self,
        store: object,
        group: str | None,
        poll_id: str,
        options: Sequence[tuple[str, str]],
        *,
        title: str = "Gruppens omröstning",
        question: str = "Vad skulle du göra?",
    ) -> None:
        if len(options) < 2:
            raise ValueError("a dilemma vote needs at least two options")
        self.store: GroupWork | None = group_work(store)
        self.poll_id = poll_id
        self.options = tuple(options)
        self.state: VoteState | None = None
        self.loaded = False
        self.heading = html(tag("h4", title) + tag("p", question))
        self.message: Message = message()
        super().__init__(layout=reused("plain"))
        self.add_class("dk-dilemma-vote")
        if self.store is None:
            self.children = [self.heading, notice(OUTSIDE)]
            return
        self.chooser = GroupChooser(self.store, self.message, self.refresh, group)
        self.choice = w.RadioButtons(
            description="Ditt val",
            options=[(text, option_id) for option_id, text in self.options],
            value=None,
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.choice.add_class("dk-long-label")
        self.vote_button = button("Rösta", button_style="primary")
        self.vote_button.on_click(lambda _: self.vote())
        self.status = html()
        self.chart = SvgChart(alt="Gruppens fördelning")
        self.reveal_button = button("Visa fördelningen för gruppen")
        self.reveal_button.on_click(lambda _: self.reveal())
        self.refresh_button = button("Uppdatera", tooltip="Hämta gruppens röster på nytt")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.children = [self.heading, self.message]

    @property
    def group(self) -> str | None:
        return self.chooser.group if self.store is not None else None

    @property
    def teacher(self) -> bool:
        return self.store is not None and self.chooser.teacher

    def load(self) -> None:
        """Read the user's groups and the vote (after the visit has started)."""
        if self.store is None:
            return
        self.loaded = self.chooser.load()
        if not self.loaded:  # the message says why; "Uppdatera" asks again
            self.children = [self.heading, self.message, self.refresh_button]
            return
        self.refresh()

    def refresh(self) -> None:
        store, group = self.store, self.group
        if store is None:
            return
        if not self.loaded:
            self.load()
            return
        if group is None:
            self.children = [self.heading, self.chooser, self.message]
            return
        state = guarded(self.message, lambda: store.vote_state(group, self.poll_id))
        if not state.ok:
            self.children = [self.heading, self.chooser, self.message, self.refresh_button]
            return
        self.state = state.value
        self._render(state.value)

    def vote(self) -> None:
        store, group, choice = self.store, self.group, self.choice.value if self.store is not None else None
        if store is None or group is None:
            return
        if choice is None:
            self.message.error("Välj ett alternativ innan du röstar.")
            return
        if not guarded(self.message, lambda: store.cast_vote(group, self.poll_id, choice)).ok:
            return
        self.refresh()
        text = dict(self.options)[choice]
        self.message.ok(f"Din röst är sparad: {text}")

    def reveal(self) -> None:
        store, group, state = self.store, self.group, self.state
        if store is None or group is None or state is None:
            return
        show = not state.revealed
        if not guarded(self.message, lambda: store.reveal(group, self.poll_id, show)).ok:
            return
        self.refresh()
        self.message.ok(
            f"Fördelningen visas nu för gruppen {group}."
            if show
            else f"Fördelningen är dold för gruppen {group}."
        )

    def _render(self, state: VoteState) -> None:
        parts: list[w.Widget] = [self.heading, self.chooser]
        if not self.teacher:
            known = {option_id for option_id, _ in self.options}
            self.choice.value = state.my_vote if state.my_vote in known else None
            self.vote_button.description = self.vote_button.tooltip = (
                "Ändra min röst" if state.my_vote is not None else "Rösta"
            )
            parts += [self.choice, self.vote_button]
        parts.append(self.message)
        if self.teacher:
            self.reveal_button.description = self.reveal_button.tooltip = (
                "Dölj fördelningen för gruppen" if state.revealed else "Visa fördelningen för gruppen"
            )
            parts.append(self.reveal_button)
        if state.tally is None:
            self.status.value = tag(
                "p", WAITING.format(voters=state.voters, members=state.members), cls="dk-muted"
            )
            parts.append(self.status)
        else:
            rows = distribution(self.options, state.tally)
            self.status.value = tag("h5", "Gruppens fördelning") + tag(
                "p", f"{state.voters} av {state.members} i gruppen har röstat.", cls="dk-muted"
            )
            self.chart.show(distribution_chart(self.options, state.tally))
            listed = tag("ul", raw="".join(tag("li", f"{text}: {votes_text(n)}") for text, n in rows))
            parts += [self.status, self.chart, html(listed)]
        if not self.teacher:
            parts.append(notice(REFLECTION))
        parts.append(self.refresh_button)
        self.children = parts
