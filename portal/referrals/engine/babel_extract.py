"""A Babel extractor for conversation files: every string a person sees, with its line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from .marked_yaml import MarkedList, MarkedMap, load_marked

# Keys whose text is shown to people; ids, values and types are not.
TRANSLATABLE_KEYS = frozenset(
    {"title", "label", "hint", "body", "description", "reason", "default_reason", "item_label"}
)
ERROR_KEYS = frozenset({"error"})


KINDS = {"steps": "step", "routes": "route", "options": "option", "fields": "field"}


def _walk(
    node: Any, where: str, kind: str = "", in_errors: bool = False
) -> Iterator[tuple[int, str, str]]:
    if isinstance(node, MarkedMap):
        name = node.get("id", node.get("value"))
        place = f"{where} {kind} {name}" if kind and isinstance(name, str) else where
        for key, value in node.items():
            if isinstance(value, str) and (in_errors or key in TRANSLATABLE_KEYS | ERROR_KEYS):
                yield node.line_of(key), value.strip(), f"{place}: {key}"
            elif isinstance(value, MarkedMap):
                yield from _walk(value, place, in_errors=key == "errors")
            elif isinstance(value, MarkedList):
                for item in value:
                    yield from _walk(item, place, KINDS.get(key, ""))


def extract_conversation(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method: yields (line, funcname, message, translator comments)."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    name = getattr(fileobj, "name", "conversation")
    root = load_marked(text, str(name))
    conversation = root.get("id", "conversation") if isinstance(root, MarkedMap) else "conversation"
    for line, message, place in _walk(root, f"conversation {conversation}"):
        if message:
            yield line, None, message, [place]
