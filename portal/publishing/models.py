"""The search index table, used when the portal runs on PostgreSQL (SQLite keeps it in memory)."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model


class SearchEntry(Model):
    """One searchable section of a page, or one service, in one language."""

    __tablename__ = "publishing_search_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(200))
    section_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    heading: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # Which version of the content this row was built from.
    signature: Mapped[str] = mapped_column(String(32), index=True)
