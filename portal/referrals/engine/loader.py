"""Read a conversation file, check every part of it, and say which line is wrong and why."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, overload

from portal.core.needs import NEED_CODES

from .marked_yaml import MarkedList, MarkedMap, load_marked
from .model import (
    Conversation,
    ConversationError,
    Option,
    PersonField,
    Route,
    Step,
    TriageRule,
)
from .rules import RuleScope, parse_rule
from .steps import STEP_TYPES

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
PIPE_SOURCES = ("answers", "person", "site", "referrer")
COMMON_STEP_KEYS = frozenset({"id", "type", "label", "hint", "when", "for_each", "pipe"})
TOP_KEYS = frozenset({"id", "version", "title", "routes", "triage", "steps", "not_signposted"})


class _Checker:
    """Walks the parsed file; every failure names the line it is about."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, reason: str, line: int | None) -> ConversationError:
        return ConversationError(reason, line, self.source)

    def mapping(self, node: Any, what: str, line: int) -> MarkedMap:
        if not isinstance(node, MarkedMap):
            raise self.fail(f"{what} must be a mapping of names to values", line)
        return node

    def items(self, node: MarkedMap, key: str, what: str) -> list[tuple[Any, int]]:
        value = node.get(key)
        if not isinstance(value, MarkedList) or not value:
            raise self.fail(f"{what} must be a list with at least one item", node.line_of(key))
        return list(zip(value, value.item_lines, strict=True))

    @overload
    def text(self, node: MarkedMap, key: str, *, required: Literal[True] = True) -> str: ...

    @overload
    def text(self, node: MarkedMap, key: str, *, required: bool) -> str | None: ...

    def text(self, node: MarkedMap, key: str, *, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be some text", node.line_of(key))
        return value.strip()

    def known_keys(self, node: MarkedMap, allowed: frozenset[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                names = ", ".join(sorted(allowed))
                raise self.fail(
                    f"unknown setting '{key}' for {what} (use {names})", node.line_of(key)
                )

    def ident(self, node: MarkedMap, key: str, pattern: re.Pattern[str] = ID_PATTERN) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not pattern.match(value):
            joiner = "_" if pattern is ID_PATTERN else "-"
            reason = f"'{key}' must be lower-case letters, digits and {joiner} (got {value!r})"
            raise self.fail(reason, node.line_of(key))
        return value

    def number(self, node: MarkedMap, key: str, default: int | None) -> int | None:
        value = node.get(key, default)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"'{key}' must be a whole number, 0 or more", node.line_of(key))
        return value

    def flag(self, node: MarkedMap, key: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false", node.line_of(key))
        return value


def load_conversation(path: str | Path) -> Conversation:
    """Load and check a conversation file; ConversationError names the line and reason."""
    path = Path(path)
    return parse_conversation(path.read_text(encoding="utf-8"), source=path.name)


def parse_conversation(text: str, source: str = "conversation") -> Conversation:
    """Check conversation YAML text and build the Conversation it describes."""
    check = _Checker(source)
    root = check.mapping(load_marked(text, source), "the file", 1)
    check.known_keys(root, TOP_KEYS, "the conversation")
    conv_id = check.ident(root, "id")
    version = check.number(root, "version", None)
    if not version:
        raise check.fail("'version' must be a whole number, 1 or more", root.line_of("version"))
    title = check.text(root, "title")
    steps: dict[str, Step] = {}
    for node, line in check.items(root, "steps", "'steps'"):
        step = _parse_step(check, check.mapping(node, "a step", line), steps)
        steps[step.id] = step
    routes = _parse_routes(check, root)
    triage_node = check.mapping(root.get("triage"), "'triage'", root.line_of("triage"))
    check.known_keys(triage_node, frozenset({"default", "default_reason", "rules"}), "triage")
    default_route = check.ident(triage_node, "default", VALUE_PATTERN)
    if default_route not in routes:
        raise check.fail(f"unknown route '{default_route}'", triage_node.line_of("default"))
    scope = RuleScope(steps, source=source)
    triage = []
    for node, line in check.items(triage_node, "rules", "'triage.rules'"):
        rule_node = check.mapping(node, "a triage rule", line)
        check.known_keys(rule_node, frozenset({"route", "when", "reason"}), "a triage rule")
        route = check.ident(rule_node, "route", VALUE_PATTERN)
        if route not in routes:
            raise check.fail(f"unknown route '{route}'", rule_node.line_of("route"))
        if "when" not in rule_node:
            raise check.fail("a triage rule needs 'when'", rule_node.line)
        when = parse_rule(rule_node["when"], rule_node.line_of("when"), scope)
        triage.append(TriageRule(route, when, check.text(rule_node, "reason"), rule_node.line))
    return Conversation(
        id=conv_id,
        version=version,
        title=title,
        steps=tuple(steps.values()),
        routes=tuple(routes.values()),
        triage=tuple(triage),
        default_route=default_route,
        default_reason=check.text(triage_node, "default_reason"),
        source=source,
        not_signposted=_parse_not_signposted(check, root),
    )


def _parse_not_signposted(check: _Checker, root: MarkedMap) -> tuple[str, ...]:
    """Service ids (any text) the conversation leads to; an empty list is allowed."""
    if "not_signposted" not in root:
        return ()
    ids = []
    for value, line in check.items(root, "not_signposted", "'not_signposted'"):
        if not isinstance(value, str) or not value.strip():
            raise check.fail("'not_signposted' must list directory service ids", line)
        ids.append(value.strip())
    return tuple(ids)


def _parse_routes(check: _Checker, root: MarkedMap) -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for node, line in check.items(root, "routes", "'routes'"):
        node = check.mapping(node, "a route", line)
        check.known_keys(node, frozenset({"id", "label", "description"}), "a route")
        route_id = check.ident(node, "id", VALUE_PATTERN)
        if route_id in routes:
            raise check.fail(f"route '{route_id}' is defined twice", node.line_of("id"))
        routes[route_id] = Route(
            route_id, check.text(node, "label"), check.text(node, "description")
        )
    return routes


def _parse_step(check: _Checker, node: MarkedMap, earlier: Mapping[str, Step]) -> Step:
    step_id = check.ident(node, "id")
    if step_id in earlier:
        raise check.fail(f"step '{step_id}' is defined twice", node.line_of("id"))
    kind = node.get("type")
    if kind not in STEP_TYPES:
        names = ", ".join(STEP_TYPES)
        raise check.fail(
            f"step '{step_id}' has unknown type {kind!r} (use {names})", node.line_of("type")
        )
    step_type = STEP_TYPES[kind]
    check.known_keys(node, COMMON_STEP_KEYS | step_type.settings, f"a {kind} step")
    for_each = node.get("for_each")
    if for_each is not None:
        source = earlier.get(for_each)
        if source is None or source.type != "person-list":
            raise check.fail(
                f"'for_each' must name an earlier person-list step (got {for_each!r})",
                node.line_of("for_each"),
            )
        if not step_type.asks:
            raise check.fail(
                f"a {kind} step cannot repeat for each person", node.line_of("for_each")
            )
    scope = RuleScope(earlier, in_for_each=for_each is not None, source=check.source)
    when = parse_rule(node["when"], node.line_of("when"), scope) if "when" in node else None
    step = Step(
        id=step_id,
        type=kind,
        label=check.text(node, "label"),
        line=node.line,
        hint=check.text(node, "hint", required=False),
        body=check.text(node, "body", required=kind in {"interrupt", "stop"}),
        options=_parse_options(check, node, kind),
        fields=_parse_fields(check, node) if kind == "person-list" else (),
        when=when,
        for_each=for_each,
        pipe=_parse_pipe(check, node, earlier, for_each),
        required=check.flag(node, "required", True),
        max_length=check.number(node, "max_length", None),
        min_items=check.number(node, "min_items", 0) or 0,
        max_items=check.number(node, "max_items", None),
        past_only=check.flag(node, "past_only", False),
        need_codes=check.flag(node, "need_codes", False),
        item_label=check.text(node, "item_label", required=kind == "person-list"),
        errors=_parse_errors(check, node),
    )
    _check_placeholders(check, node, step)
    return step


def _parse_options(check: _Checker, node: MarkedMap, kind: str) -> tuple[Option, ...]:
    if kind not in {"choice", "multi-choice"}:
        return ()
    options: list[Option] = []
    codes = check.flag(node, "need_codes", False)
    for item, line in check.items(node, "options", "'options'"):
        item = check.mapping(item, "an option", line)
        check.known_keys(item, frozenset({"value", "label", "hint"}), "an option")
        value = check.ident(item, "value", VALUE_PATTERN)
        if any(o.value == value for o in options):
            raise check.fail(f"option '{value}' appears twice", item.line_of("value"))
        if codes and value not in NEED_CODES:
            raise check.fail(
                f"'{value}' is not one of the agreed need codes", item.line_of("value")
            )
        options.append(
            Option(value, check.text(item, "label"), check.text(item, "hint", required=False))
        )
    return tuple(options)


def _parse_fields(check: _Checker, node: MarkedMap) -> tuple[PersonField, ...]:
    fields: list[PersonField] = []
    for item, line in check.items(node, "fields", "'fields'"):
        item = check.mapping(item, "a person field", line)
        allowed = frozenset({"id", "type", "label", "hint", "required", "error", "max_length"})
        check.known_keys(item, allowed, "a person field")
        field_id = check.ident(item, "id")
        if field_id == "id" or any(f.id == field_id for f in fields):
            raise check.fail(f"field '{field_id}' is used twice or reserved", item.line_of("id"))
        field_type = item.get("type", "text")
        if field_type not in {"text", "date"}:
            raise check.fail("a person field's type must be text or date", item.line_of("type"))
        fields.append(
            PersonField(
                id=field_id,
                type=field_type,
                label=check.text(item, "label"),
                hint=check.text(item, "hint", required=False),
                required=check.flag(item, "required", True),
                error=check.text(item, "error", required=False),
                max_length=check.number(item, "max_length", None),
            )
        )
    return tuple(fields)


def _parse_errors(check: _Checker, node: MarkedMap) -> dict[str, str]:
    if "errors" not in node:
        return {}
    errors = check.mapping(node["errors"], "'errors'", node.line_of("errors"))
    check.known_keys(
        errors, frozenset({"required", "too_long", "min_items", "max_items"}), "errors"
    )
    return {key: check.text(errors, key) for key in errors}


def _parse_pipe(
    check: _Checker, node: MarkedMap, earlier: Mapping[str, Step], for_each: str | None
) -> dict[str, str]:
    if "pipe" not in node:
        return {}
    pipe = check.mapping(node["pipe"], "'pipe'", node.line_of("pipe"))
    result: dict[str, str] = {}
    for name, source in pipe.items():
        line = pipe.line_of(name)
        kind, _, key = str(source).partition(".")
        if kind not in PIPE_SOURCES or not key:
            allowed = ", ".join(f"{s}.<name>" for s in PIPE_SOURCES)
            raise check.fail(f"pipe '{name}' must come from {allowed} (got {source!r})", line)
        if kind == "answers" and (key not in earlier or earlier[key].type in {"interrupt", "stop"}):
            raise check.fail(f"pipe '{name}' refers to '{key}', not an earlier answer", line)
        if kind == "person":
            fields = {f.id for f in earlier[for_each].fields} if for_each else set()
            if key not in fields:
                raise check.fail(
                    f"pipe '{name}': 'person.{key}' needs a for_each step with it", line
                )
        result[str(name)] = str(source)
    return result


def _check_placeholders(check: _Checker, node: MarkedMap, step: Step) -> None:
    texts = {"label": step.label, "hint": step.hint, "body": step.body}
    texts.update({f"errors.{k}": v for k, v in step.errors.items()})
    for key, text in texts.items():
        if not text:
            continue
        for name in PLACEHOLDER.findall(text):
            if name not in step.pipe:
                line = _text_line(node, key)
                raise check.fail(f"'%({name})s' in {key} is not set by 'pipe'", line)
        if step.pipe and "%" in PLACEHOLDER.sub("", text.replace("%%", "")):
            reason = f"the {key} has a stray '%' (write %% for a percent sign)"
            raise check.fail(reason, _text_line(node, key))


def _text_line(node: MarkedMap, key: str) -> int:
    if key.startswith("errors."):
        errors: MarkedMap = node["errors"]
        return errors.line_of(key.partition(".")[2])
    return node.line_of(key)
