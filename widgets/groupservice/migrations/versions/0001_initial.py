"""Shared lärlogg entries, votes and group boards.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from widgets.groupservice.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("source_id", sa.BigInteger, nullable=False),
        sa.Column("module", sa.String(100), nullable=False),
        sa.Column("prompt", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("shared", UTCDateTime, nullable=False),
        sa.UniqueConstraint("grp", "author", "source_id", name="uq_shared_items_grp_author_source"),
    )
    op.create_index("ix_shared_items_grp_shared", "shared_items", ["grp", "shared", "id"])
    op.create_index("ix_shared_items_author", "shared_items", ["author"])
    op.create_table(
        "votes",
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("poll_id", sa.String(100), nullable=False),
        sa.Column("voter", sa.String(255), nullable=False),
        sa.Column("choice", sa.String(200), nullable=False),
        sa.Column("voted", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("grp", "poll_id", "voter", name="pk_votes"),
    )
    op.create_index("ix_votes_voter", "votes", ["voter"])
    op.create_table(
        "board_notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("grp", sa.String(100), nullable=False),
        sa.Column("board_id", sa.String(100), nullable=False),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", UTCDateTime, nullable=False),
    )
    op.create_index("ix_board_notes_grp_board", "board_notes", ["grp", "board_id", "id"])
    op.create_index("ix_board_notes_author", "board_notes", ["author"])


def downgrade() -> None:
    op.drop_table("board_notes")
    op.drop_table("votes")
    op.drop_table("shared_items")
