"""Live polls (polls, answers, questions, upvotes) and group work (reveals, dots, joint cases, shared progress);
board notes get a step, a shared flag and a harvested flag.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from widgets.groupservice.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("board_notes") as batch:
        batch.add_column(sa.Column("step", sa.String(20), nullable=True))
        batch.add_column(sa.Column("shared", sa.Boolean, nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("harvested", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "polls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("scale", sa.Text, nullable=True),
        sa.Column("filter", sa.Text, nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("grp", sa.String(100), nullable=True),
        sa.Column("module", sa.String(100), nullable=True),
        sa.Column("source", sa.String(100), nullable=True),
        sa.Column("session", sa.String(100), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("revealed", sa.Boolean, nullable=False),
        sa.Column("created", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_polls_state", "polls", ["state"])
    op.create_index("ix_polls_session", "polls", ["session"])
    op.create_table(
        "poll_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("poll_id", sa.Integer, sa.ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("author", sa.String(255), nullable=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("answered", UTCDateTime, nullable=False),
        sa.UniqueConstraint("poll_id", "respondent", name="uq_poll_answers_poll_respondent"),
    )
    op.create_index("ix_poll_answers_author", "poll_answers", ["author"])
    op.create_table(
        "poll_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("poll_id", sa.Integer, sa.ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("author", sa.String(255), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("asked", UTCDateTime, nullable=False),
    )
    op.create_index("ix_poll_questions_poll", "poll_questions", ["poll_id", "id"])
    op.create_index("ix_poll_questions_author", "poll_questions", ["author"])
    op.create_table(
        "poll_upvotes",
        sa.Column(
            "question_id", sa.Integer, sa.ForeignKey("poll_questions.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("question_id", "respondent", name="pk_poll_upvotes"),
    )
    op.create_table(
        "reveals",
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("item_id", sa.String(110), nullable=False),
        sa.Column("revealed_by", sa.String(255), nullable=False),
        sa.Column("revealed", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("grp", "item_id", name="pk_reveals"),
    )
    op.create_table(
        "dots",
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("board_id", sa.String(100), nullable=False),
        sa.Column("voter", sa.String(255), nullable=False),
        sa.Column("note_id", sa.Integer, sa.ForeignKey("board_notes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("grp", "board_id", "voter", "note_id", name="pk_dots"),
    )
    op.create_index("ix_dots_voter", "dots", ["voter"])
    op.create_table(
        "group_cases",
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("case_id", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("saved_by", sa.String(255), nullable=False),
        sa.Column("saved", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("grp", "case_id", "version", name="pk_group_cases"),
    )
    op.create_index("ix_group_cases_saved_by", "group_cases", ["saved_by"])
    op.create_table(
        "shared_progress",
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("module", sa.String(100), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("updated", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("user", "module", name="pk_shared_progress"),
    )


def downgrade() -> None:
    for table in (
        "shared_progress",
        "group_cases",
        "dots",
        "reveals",
        "poll_upvotes",
        "poll_questions",
        "poll_answers",
        "polls",
    ):
        op.drop_table(table)
    with op.batch_alter_table("board_notes") as batch:
        batch.drop_column("harvested")
        batch.drop_column("shared")
        batch.drop_column("step")
