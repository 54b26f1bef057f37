"""A YAML loader that remembers the line of every mapping, key and list item."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .model import ConversationError


class MarkedMap(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line the key is on, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


class MarkedList(list[Any]):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []


class _MarkedLoader(yaml.SafeLoader):
    """SafeLoader, YAML 1.2 booleans only (so `no` stays a string), with line marks."""


# YAML 1.1 reads yes/no/on/off as booleans; in a conversation they are answer values.
_MarkedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_MarkedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_map(loader: _MarkedLoader, node: yaml.MappingNode) -> MarkedMap:
    loader.flatten_mapping(node)
    result = MarkedMap()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int):
            raise ConversationError("a key must be plain text", line)
        if key in result:
            raise ConversationError(f"'{key}' appears twice in the same mapping", line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_list(loader: _MarkedLoader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList()
    result.line = node.start_mark.line + 1
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def load_marked(text: str, source: str = "") -> Any:
    """Parse YAML text into MarkedMap/MarkedList values; syntax errors carry their line."""
    try:
        return yaml.load(text, Loader=_MarkedLoader)  # noqa: S506 - a SafeLoader subclass
    except ConversationError as error:
        raise ConversationError(error.reason, error.line, source) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = f"the file is not valid YAML: {error.problem or error.context}"
        raise ConversationError(reason, line, source) from None
    except yaml.YAMLError as error:
        raise ConversationError(f"the file is not valid YAML: {error}", None, source) from None
