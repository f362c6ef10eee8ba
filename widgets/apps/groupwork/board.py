"""A group board on the course's JupyterHub: notes in rounds, dot voting and the teacher's harvest.

Notes written in a private step (1-2-4-All: "Själv", "Två och två") are the author's own until they share them;
the service shows a member the group's shared notes and their own private ones, a teacher the shared ones only.
With ``dots`` each member spreads that many dots over the shared notes; the tally is shown once the service
gives it (everyone voted, or the teacher revealed it). Every text is escaped. Outside a hub the board is a plain
notice and no buttons. :meth:`GroupBoard.load` reads the board (after the visit has started)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ...store.groupwork import MAX_DOTS, DotState, GroupWork
from ...store.shared import BoardNote
from ...ui.controls import AskFirst, button, html, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import tag
from ..larlogg.entries import text_html, when_text
from ._common import GroupChooser, group_work, notice, short

OUTSIDE = "Gruppens tavla finns på kursens JupyterHub. Här skriver du dina egna anteckningar."
MIN_DOTS = 3
WAITING = (
    "Resultatet visas när alla i gruppen har röstat ({voters} av {members} har röstat) "
    "eller när läraren visar det."
)


@dataclass(frozen=True)
class BoardStep:
    """A round of the board (a workshop's step); notes written in a ``private`` step are the author's own until
    they share them."""

    id: str
    title: str
    private: bool = False


def dots_text(n: int) -> str:
    return f"{n} {'prick' if n == 1 else 'prickar'}"


class GroupBoard(w.VBox):
    """The board ``board_id`` of the user's group (a chooser when there are several, or for a teacher)."""

    def __init__(
        self,
        store: object,
        board_id: str,
        *,
        group: str | None = None,
        steps: Sequence[BoardStep] = (),
        dots: int | None = None,
        title: str = "Gruppens tavla",
        intro: str | None = None,
        on_posted: Callable[[BoardNote], None] | None = None,
    ) -> None:
        if dots is not None and not MIN_DOTS <= dots <= MAX_DOTS:
            raise ValueError(f"dots must be {MIN_DOTS}–{MAX_DOTS}, not {dots}")
        self.store: GroupWork | None = group_work(store)
        self.board_id = board_id
        self._on_posted = on_posted  # e.g. a workshop keeps each note in the participant's own answers too
        self.steps = tuple(steps)
        self.dots = dots
        self.notes: list[BoardNote] = []
        self.dot_state: DotState | None = None
        self.me: str | None = None
        self.loaded = False
        self.heading = html(tag("h4", title) + (tag("p", intro) if intro else ""))
        self.message: Message = message()
        super().__init__(layout=reused("plain"))
        self.add_class("dk-board")
        if self.store is None:
            self.children = [self.heading, notice(OUTSIDE)]
            return
        self.chooser = GroupChooser(self.store, self.message, self.refresh, group)
        self.step = w.Dropdown(
            description="Steg",
            options=[(f"Steg {i}: {s.title}", s.id) for i, s in enumerate(self.steps, 1)],
            style={"description_width": "initial"},
        )
        self.step.observe(lambda _: self._on_step(), names="value")
        self.step_hint = html()
        self.text = w.Textarea(
            description="Din lapp",
            rows=3,
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.add = button("Lägg till lapp", button_style="primary")
        self.add.on_click(lambda _: self.add_note())
        self.list = w.VBox(layout=reused("plain"))
        # Not a live region: it changes with every field; the save message is announced.
        self.dots_line = html()
        self.save_dots = button("Spara mina prickar")
        self.save_dots.on_click(lambda _: self.save_my_dots())
        self.dots_message: Message = message()
        self.dot_inputs: dict[int, w.BoundedIntText] = {}
        self._typed: dict[int, int] = {}
        self.tally = html()
        self.reveal_button = button("Visa resultatet för gruppen")
        self.reveal_button.on_click(lambda _: self.reveal())
        self.harvest = html()
        self.refresh_button = button("Uppdatera", tooltip="Hämta gruppens lappar på nytt")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.children = [self.heading, self.message]

    @property
    def available(self) -> bool:
        """True on the hub (a store with group work)."""
        return self.store is not None

    @property
    def group(self) -> str | None:
        return self.chooser.group if self.store is not None else None

    @property
    def teacher(self) -> bool:
        return self.store is not None and self.chooser.teacher

    @property
    def current_step(self) -> BoardStep | None:
        return next((s for s in self.steps if s.id == self.step.value), None) if self.steps else None

    # --- reading -------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the user's groups and the board (call after the visit has started; again to reload)."""
        if self.store is None:
            return
        self.loaded = self.chooser.load()
        if not self.loaded:  # the message says why; "Uppdatera" asks again
            self.children = [self.heading, self.message, self.refresh_button]
            return
        self.me = guarded(self.message, lambda: self.store.user).value_or(None)
        self.refresh()

    def refresh(self) -> None:
        """ "Uppdatera": the group's notes (and the dots) as they are now."""
        if self.store is None:
            return
        if not self.loaded:
            self.load()
            return
        store, group = self.store, self.group
        if group is None:
            self.children = [self.heading, self.chooser, self.message]
            return
        notes = guarded(self.message, lambda: store.board(group, self.board_id))
        if not notes.ok:
            self.children = [self.heading, self.chooser, self.message, self.refresh_button]
            return
        self.notes = notes.value
        self.dot_state = None
        if self.dots is not None:
            self.dot_state = guarded(
                self.dots_message, lambda: store.dot_state(group, self.board_id)
            ).value_or(None)
        self._render()

    # --- writing -------------------------------------------------------------------------------------------

    def post(self, text: str) -> BoardNote | None:
        """Put a note on the board of the chosen group in the current step (private if the step is); used by
        "Lägg till lapp" and by the exercises' "Lägg på gruppens tavla"."""
        if self.store is None:
            return None
        store, group = self.store, self.group
        if group is None:
            self.message.error("Välj en grupp innan du lägger till en lapp.")
            return None
        if not (text or "").strip():
            self.message.error("Skriv något på lappen innan du lägger till den.")
            return None
        step = self.current_step
        private = step is not None and step.private
        posted = guarded(
            self.message,
            lambda: store.post_note(
                group, self.board_id, text.strip(), step=step.id if step else None, shared=not private
            ),
        )
        if not posted.ok:
            return None
        note = posted.value
        if self._on_posted is not None:
            self._on_posted(note)
        self.refresh()
        where = (
            "Lappen är tillagd. Den är privat: bara du ser den tills du delar den med gruppen."
            if private
            else f"Lappen är tillagd på tavlan för gruppen {group}."
        )
        self.message.ok(where)
        return note

    def add_note(self) -> None:
        if self.post(self.text.value) is not None:
            self.text.value = ""

    def share(self, note: BoardNote) -> None:
        self._update(note, f"Lappen ”{short(note.text)}” är delad med gruppen.", shared=True)

    def set_harvested(self, note: BoardNote, harvested: bool) -> None:
        said = "är med i skörden" if harvested else "är inte längre med i skörden"
        self._update(note, f"Lappen ”{short(note.text)}” {said}.", harvested=harvested)

    def _update(self, note: BoardNote, done: str, **change: bool) -> None:
        store = self.store
        if (
            store is None
            or not guarded(self.message, lambda: store.update_note(note.group, note.id, **change)).ok
        ):
            return
        self.refresh()
        self.message.ok(done)

    def delete(self, note: BoardNote) -> None:
        store = self.store
        if store is None:
            return
        deleted = guarded(self.message, lambda: store.delete_note(note.group, note.id))
        if not deleted.ok:
            return
        gone = deleted.value
        self.refresh()
        self.message.ok(
            f"Lappen ”{short(note.text)}” är borttagen." if gone else "Lappen fanns inte längre på tavlan."
        )

    def save_my_dots(self) -> None:
        store, group, n = self.store, self.group, self.dots
        if store is None or group is None or n is None:
            return
        allocation = {note_id: box.value for note_id, box in self.dot_inputs.items() if box.value > 0}
        total = sum(allocation.values())
        if total > n:
            self.dots_message.error(
                f"Du har satt ut {dots_text(total)} men har bara {dots_text(n)}. "
                f"Ta bort {dots_text(total - n)} innan du sparar."
            )
            return
        if not guarded(self.dots_message, lambda: store.set_dots(group, self.board_id, allocation)).ok:
            return
        self.refresh()
        self.dots_message.ok(f"Dina prickar är sparade ({total} av {n}).")

    def reveal(self) -> None:
        store, group, state = self.store, self.group, self.dot_state
        if store is None or group is None or state is None:
            return
        show = not state.revealed
        if not guarded(self.dots_message, lambda: store.reveal(group, f"dots:{self.board_id}", show)).ok:
            return
        self.refresh()
        self.dots_message.ok(
            f"Resultatet visas nu för gruppen {group}."
            if show
            else f"Resultatet är dolt för gruppen {group}."
        )

    # --- showing -------------------------------------------------------------------------------------------

    def _render(self) -> None:
        parts: list[w.Widget] = [self.heading, self.chooser]
        if not self.teacher:
            if self.steps:
                self._hint()
                parts += [self.step, self.step_hint]
            parts += [self.text, self.add]
        parts.append(self.message)
        parts += self._note_parts()
        if self.dots is not None:
            parts += self._dot_parts()
        if self.teacher or any(n.harvested for n in self.notes):
            self.harvest.value = self._harvest_html()
            parts.append(self.harvest)
        parts.append(self.refresh_button)
        self.children = parts

    def _on_step(self) -> None:
        """Another step chosen: its hint, and "Dela med gruppen" offered or not."""
        self._hint()
        if self.loaded and self.notes:
            self.list.children = self._rows(self.notes, keep_dots=True)
            self._count_dots()

    def _hint(self) -> None:
        step = self.current_step
        if step is None:
            self.step_hint.value = ""
            return
        text = (
            "Lappar du skriver i det här steget är privata: bara du ser dem tills du delar dem med gruppen."
            if step.private
            else "Lappar du skriver i det här steget ser hela gruppen. Här kan du också dela dina privata lappar."
        )
        self.step_hint.value = tag("p", text, cls="dk-muted")

    def _note_parts(self) -> list[w.Widget]:
        heading = html(tag("h5", "Lapparna på tavlan"))
        if not self.notes:
            empty = "Inga lappar på tavlan än." if self.teacher else "Inga lappar än. Skriv den första!"
            self.list.children = [notice(empty)]
        else:
            self.list.children = self._rows(self.notes)
        return [heading, self.list]

    def _rows(self, notes: list[BoardNote], keep_dots: bool = False) -> list[w.Widget]:
        """The notes (under their steps); ``keep_dots`` keeps dots typed but not saved yet."""
        self._typed = {k: box.value for k, box in self.dot_inputs.items()} if keep_dots else {}
        self.dot_inputs = {}
        if not self.steps:
            return [self._row(n) for n in notes]
        rows: list[w.Widget] = []
        known = {s.id for s in self.steps}
        for i, step in enumerate(self.steps, 1):
            inside = [n for n in notes if n.step == step.id]
            if inside:
                rows.append(html(tag("h6", f"Steg {i}: {step.title}")))
                rows += [self._row(n) for n in inside]
        others = [n for n in notes if n.step not in known]
        if others:
            rows.append(html(tag("h6", "Utan steg")))
            rows += [self._row(n) for n in others]
        return rows

    def _may_share_now(self) -> bool:
        step = self.current_step
        return step is None or not step.private

    def _row(self, note: BoardNote) -> w.Widget:
        mine = self.me is not None and note.author == self.me
        who = "Du" if mine else note.author
        meta = f"{who} · {when_text(note.created)}"
        if not note.shared:
            meta += " · privat, bara du ser den"
        if note.harvested:
            meta += " · med i skörden"
        body = html(
            tag("div", raw=tag("p", raw=tag("strong", meta)) + tag("blockquote", raw=text_html(note.text)))
        )
        body.add_class("dk-note")
        name = short(note.text)
        buttons: list[w.Widget] = []
        if mine and not note.shared and self._may_share_now():
            share = button(f"Dela med gruppen: {name}", wrap=True)
            share.on_click(lambda _: self.share(note))
            buttons.append(share)
        if self.teacher and note.shared:
            label = "Ta bort ur skörden" if note.harvested else "Ta med i skörden"
            pick = button(f"{label}: {name}", wrap=True)
            pick.on_click(lambda _: self.set_harvested(note, not note.harvested))
            buttons.append(pick)
        if mine or self.teacher:
            remove = button(f"Ta bort lappen: {name}", wrap=True)
            AskFirst(
                f"Vill du ta bort lappen ”{name}” från gruppens tavla? Det går inte att ångra.",
                "Ja, ta bort lappen",
                lambda: self.delete(note),
                start=remove,
                area=lambda: area,
            )
            buttons.append(remove)
        area = w.VBox(layout=reused("plain"))  # the question before a note is removed
        parts: list[w.Widget] = [body]
        if self.dots is not None and note.shared and not self.teacher:
            mine_dots = self.dot_state.mine.get(note.id, 0) if self.dot_state is not None else 0
            mine_dots = self._typed.get(note.id, mine_dots)
            box = w.BoundedIntText(
                value=min(mine_dots, self.dots),
                min=0,
                max=self.dots,
                description=f"Dina prickar på ”{name}”",
                style={"description_width": "initial"},
            )
            box.observe(lambda _: self._count_dots(), names="value")
            self.dot_inputs[note.id] = box
            parts.append(box)
        if buttons:
            parts += [w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")), area]
        return w.VBox(parts, layout=reused("plain"))

    def _count_dots(self) -> None:
        if self.dots is None:
            return
        used = sum(box.value for box in self.dot_inputs.values())
        left = self.dots - used
        said = f"kvar: {dots_text(left)}" if left >= 0 else f"{dots_text(-left)} för många"
        self.dots_line.value = tag("p", f"Du har satt ut {used} av {dots_text(self.dots)} ({said}).")

    def _dot_parts(self) -> list[w.Widget]:
        n = self.dots
        assert n is not None
        parts: list[w.Widget] = [html(tag("h5", "Prickröstning"))]
        shared = [note for note in self.notes if note.shared]
        if not self.teacher:
            if shared:
                parts.append(
                    html(
                        tag(
                            "p",
                            f"Du har {dots_text(n)} att fördela på gruppens delade lappar. Du kan sätta flera "
                            "på samma lapp. Skriv antalet vid varje lapp och tryck på Spara mina prickar.",
                        )
                    )
                )
                self._count_dots()
                parts += [self.dots_line, self.save_dots]
            else:
                parts.append(notice("När gruppen har delat lappar kan du rösta med prickar här."))
        parts.append(self.dots_message)
        state = self.dot_state
        if state is None:
            return parts
        if self.teacher:
            self.reveal_button.description = self.reveal_button.tooltip = (
                "Dölj resultatet för gruppen" if state.revealed else "Visa resultatet för gruppen"
            )
            parts.append(self.reveal_button)
        if state.tally is None:
            self.tally.value = tag(
                "p", WAITING.format(voters=state.voters, members=state.members), cls="dk-muted"
            )
        else:
            self.tally.value = self._tally_html(state, shared)
        parts.append(self.tally)
        return parts

    def _tally_html(self, state: DotState, shared: list[BoardNote]) -> str:
        tally = state.tally or {}
        ranked = sorted(shared, key=lambda note: (-tally.get(note.id, 0), note.id))
        items = "".join(
            tag(
                "li",
                raw=tag("strong", dots_text(tally.get(note.id, 0)) + ": ")
                + tag("span", short(note.text, 90)),
            )
            for note in ranked
        )
        head = tag("h6", "Resultatet") + tag(
            "p", f"{state.voters} av {state.members} i gruppen har röstat.", cls="dk-muted"
        )
        return head + (tag("ol", raw=items) if items else tag("p", "Inga delade lappar.", cls="dk-muted"))

    def _harvest_html(self) -> str:
        picked = [n for n in self.notes if n.harvested]
        head = tag("h5", "Skörden")
        if not picked:
            return head + tag(
                "p", "Inga lappar i skörden än. Välj dem med knapparna Ta med i skörden.", cls="dk-muted"
            )
        return head + tag("ul", raw="".join(tag("li", raw=text_html(n.text)) for n in picked))


def exercise_board(exercise: Any, shared: object, intro: str) -> GroupBoard | None:
    """The group board of an exercise whose content asks for one (``group_board``), on the course hub; None
    elsewhere. The board's id is the exercise's id."""
    spec = exercise.group_board
    if spec is None or group_work(shared) is None:
        return None
    return GroupBoard(shared, exercise.id, dots=spec.dots, intro=intro)
