"""Group work on the course's JupyterHub for participants' pages: the group board (notes in rounds, dot voting,
the harvest), the teacher's harvest view, and dilemma votes. Every tool shows a plain notice and no buttons when
the page has no group service (:func:`group_work`). See docs/group-service.md."""

from __future__ import annotations

from ._common import GroupChooser, group_work
from .board import BoardStep, GroupBoard
from .dilemma import DilemmaVote, distribution_chart
from .harvest import HarvestView, course_boards

__all__ = [
    "BoardStep",
    "DilemmaVote",
    "GroupBoard",
    "GroupChooser",
    "HarvestView",
    "course_boards",
    "distribution_chart",
    "group_work",
]
