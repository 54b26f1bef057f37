"""`when` rules: one table of operators, each able to check, evaluate and explain itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import ConversationError, Rule, Step

CURRENT_PERSON = "person"

# A rule's settings once checked (`answer`, `value`, `under`...): values read from the YAML file.
Settings = dict[str, Any]


@dataclass(frozen=True)
class RuleScope:
    """What a rule may refer to while it is being checked: the steps before it."""

    steps: Mapping[str, Step]
    in_for_each: bool = False
    source: str = ""

    def fail(self, reason: str, line: int) -> ConversationError:
        return ConversationError(reason, line, self.source)


@dataclass(frozen=True)
class RuleContext:
    """What a rule is evaluated against: the answers so far and, for repeated steps, a person."""

    answers: Mapping[str, Any]
    steps: Mapping[str, Step]
    today: date
    person: Mapping[str, Any] | None = None

    def value(self, step_id: str) -> Any:
        """The answer to a step in the shape rules compare: people, a list per person, or as is."""
        step = self.steps[step_id]
        raw = self.answers.get(step_id)
        if step.type == "person-list":
            return list((raw or {}).get("people", []))
        if step.for_each:
            people = self.value(step.for_each)
            per_person = raw or {}
            return [per_person[p["id"]] for p in people if p["id"] in per_person]
        return raw


def age_on(date_of_birth: object, today: date) -> int | None:
    """Whole years from a date of birth (ISO text or a date) to today; None when unreadable."""
    # `object`: the value comes from stored answers, and anything else there is unreadable.
    try:
        born = (
            date.fromisoformat(date_of_birth) if isinstance(date_of_birth, str) else date_of_birth
        )
    except ValueError:
        return None
    if not isinstance(born, date):
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years


# -- checking arguments --------------------------------------------------------------------------


def _keys(
    node: Any, line: int, scope: RuleScope, required: set[str], optional: set[str]
) -> Settings:
    if not isinstance(node, Mapping):
        raise scope.fail("this rule needs a mapping of settings, such as `answer:`", line)
    unknown = set(node) - required - optional
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise scope.fail(f"unknown setting '{sorted(unknown)[0]}' (use {allowed})", line)
    missing = required - set(node)
    if missing:
        raise scope.fail(f"this rule needs '{sorted(missing)[0]}'", line)
    return dict(node)


def _answer(args: Settings, line: int, scope: RuleScope, types: set[str] | None = None) -> Step:
    step_id = args["answer"]
    if step_id not in scope.steps:
        raise scope.fail(f"rule refers to '{step_id}', which is not an earlier step", line)
    step = scope.steps[step_id]
    if types is not None and step.type not in types:
        wanted = " or ".join(sorted(types))
        raise scope.fail(f"this rule needs a {wanted} step, but '{step_id}' is {step.type}", line)
    if step.type in {"interrupt", "stop"}:
        raise scope.fail(f"'{step_id}' is a {step.type} step and has no answer", line)
    return step


def _check_values(step: Step, values: list[Any], line: int, scope: RuleScope) -> None:
    if not step.options:
        return
    for value in values:
        if step.option(str(value)) is None:
            raise scope.fail(f"'{value}' is not one of the options of step '{step.id}'", line)


def _parse_children(args: Any, line: int, scope: RuleScope) -> tuple[Rule, ...]:
    if not isinstance(args, list) or not args:
        raise scope.fail("`all` and `any` need a list of at least one rule", line)
    lines = getattr(args, "item_lines", [line] * len(args))
    return tuple(parse_rule(item, lines[i], scope) for i, item in enumerate(args))


def _parse_not(args: Any, line: int, scope: RuleScope) -> Rule:
    return parse_rule(args, getattr(args, "line", line), scope)


def _parse_equals(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer", "value"}, set())
    _check_values(_answer(args, line, scope), [args["value"]], line, scope)
    return args


def _parse_in(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer", "values"}, set())
    if not isinstance(args["values"], list) or not args["values"]:
        raise scope.fail("`values` must be a list with at least one value", line)
    step = _answer(args, line, scope)
    if step.type == "multi-choice":
        raise scope.fail(f"'{step.id}' allows many answers: use `any-in`", line)
    _check_values(step, args["values"], line, scope)
    return args


def _parse_any_in(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer", "values"}, set())
    if not isinstance(args["values"], list) or not args["values"]:
        raise scope.fail("`values` must be a list with at least one value", line)
    _check_values(_answer(args, line, scope, {"multi-choice"}), args["values"], line, scope)
    return args


def _parse_count(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer"}, {"min", "max", "equals"})
    _answer(args, line, scope, {"multi-choice", "person-list"})
    bounds = [k for k in ("min", "max", "equals") if k in args]
    if not bounds:
        raise scope.fail("`count` needs at least one of min, max or equals", line)
    for key in bounds:
        if not isinstance(args[key], int) or isinstance(args[key], bool) or args[key] < 0:
            raise scope.fail(f"`{key}` must be a whole number, 0 or more", line)
    return args


def _parse_age(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer"}, {"field", "under", "at_least", "quantifier"})
    if args["answer"] == CURRENT_PERSON:
        if not scope.in_for_each:
            raise scope.fail("`answer: person` only works in a step with `for_each`", line)
    else:
        step = _answer(args, line, scope, {"person-list"})
        field_id = args.setdefault("field", "date_of_birth")
        date_fields = {f.id for f in step.fields if f.type == "date"}
        if field_id not in date_fields:
            raise scope.fail(f"'{step.id}' has no date field '{field_id}'", line)
    args.setdefault("field", "date_of_birth")
    if "under" not in args and "at_least" not in args:
        raise scope.fail("`age` needs `under` or `at_least` (years)", line)
    for key in ("under", "at_least"):
        if key in args and (not isinstance(args[key], int) or isinstance(args[key], bool)):
            raise scope.fail(f"`{key}` must be a whole number of years", line)
    if args.setdefault("quantifier", "any") not in {"any", "all"}:
        raise scope.fail("`quantifier` must be any or all", line)
    return args


def _parse_answered(node: Any, line: int, scope: RuleScope) -> Settings:
    args = _keys(node, line, scope, {"answer"}, set())
    _answer(args, line, scope)
    return args


# -- evaluating ----------------------------------------------------------------------------------


def _is_list_step(ctx: RuleContext, step_id: str) -> bool:
    return bool(ctx.steps[step_id].for_each)


def _eval_equals(args: Settings, ctx: RuleContext) -> bool:
    value = ctx.value(args["answer"])
    if _is_list_step(ctx, args["answer"]):
        return any(v == args["value"] for v in value)
    return bool(value == args["value"])


def _eval_in(args: Settings, ctx: RuleContext) -> bool:
    value = ctx.value(args["answer"])
    if _is_list_step(ctx, args["answer"]):
        return any(v in args["values"] for v in value)
    return value in args["values"]


def _eval_any_in(args: Settings, ctx: RuleContext) -> bool:
    chosen = ctx.value(args["answer"]) or []
    return any(v in args["values"] for v in chosen)


def _eval_count(args: Settings, ctx: RuleContext) -> bool:
    number = len(ctx.value(args["answer"]) or [])
    least: int = args.get("min", number)
    most: int = args.get("max", number)
    exactly: int = args.get("equals", number)
    return least <= number <= most and number == exactly


def _eval_age(args: Settings, ctx: RuleContext) -> bool:
    if args["answer"] == CURRENT_PERSON:
        people = [ctx.person] if ctx.person else []
    else:
        people = ctx.value(args["answer"])
    ages = [age_on(p.get(args["field"]) or "", ctx.today) for p in people]
    known = [a for a in ages if a is not None]
    if not known:
        return False
    checks = [
        (a < args["under"] if "under" in args else True)
        and (a >= args["at_least"] if "at_least" in args else True)
        for a in known
    ]
    return any(checks) if args["quantifier"] == "any" else all(checks)


def _eval_answered(args: Settings, ctx: RuleContext) -> bool:
    value = ctx.value(args["answer"])
    return value not in (None, "", [], {})


@dataclass(frozen=True)
class Operator:
    parse: Callable[[Any, int, RuleScope], Any]
    evaluate: Callable[[Any, RuleContext], bool]
    combines: bool = False  # all/any/not hold rules, not an answer


OPERATORS: dict[str, Operator] = {
    "all": Operator(_parse_children, lambda rs, ctx: all(evaluate(r, ctx) for r in rs), True),
    "any": Operator(_parse_children, lambda rs, ctx: any(evaluate(r, ctx) for r in rs), True),
    "not": Operator(_parse_not, lambda r, ctx: not evaluate(r, ctx), True),
    "equals": Operator(_parse_equals, _eval_equals),
    "in": Operator(_parse_in, _eval_in),
    "any-in": Operator(_parse_any_in, _eval_any_in),
    "count": Operator(_parse_count, _eval_count),
    "age": Operator(_parse_age, _eval_age),
    "answered": Operator(_parse_answered, _eval_answered),
}


def parse_rule(node: Any, line: int, scope: RuleScope) -> Rule:
    """Check one rule from the file and turn it into a Rule, or fail with its line."""
    line = getattr(node, "line", line)
    if not isinstance(node, Mapping) or len(node) != 1:
        names = ", ".join(OPERATORS)
        raise scope.fail(f"a rule must be one operator with its settings (one of: {names})", line)
    ((op, args),) = node.items()
    if op not in OPERATORS:
        raise scope.fail(f"unknown rule operator '{op}' (use one of: {', '.join(OPERATORS)})", line)
    return Rule(op, OPERATORS[op].parse(args, line, scope), line)


def evaluate(rule: Rule, ctx: RuleContext) -> bool:
    """Whether the rule holds for these answers."""
    return OPERATORS[rule.op].evaluate(rule.args, ctx)


def referenced_answers(rule: Rule) -> list[str]:
    """Every step id the rule looks at, in order of appearance."""
    if rule.op == "not":
        return referenced_answers(rule.args)
    if rule.op in {"all", "any"}:
        return _unique(step for child in rule.args for step in referenced_answers(child))
    answer = rule.args["answer"]
    return [] if answer == CURRENT_PERSON else [answer]


def explain(rule: Rule, ctx: RuleContext) -> list[str]:
    """The step ids whose answers made a rule that holds true (for showing triage reasons)."""
    if rule.op == "all":
        return _unique(step for child in rule.args for step in explain(child, ctx))
    if rule.op == "any":
        held = [child for child in rule.args if evaluate(child, ctx)]
        return _unique(step for child in held for step in explain(child, ctx))
    return referenced_answers(rule)


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))
