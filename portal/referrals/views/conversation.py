"""The referral conversation: one question at a time, or a chat-like transcript with htmx."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.core.access import Role, allow
from portal.core.htmx import is_htmx
from portal.referrals import store
from portal.referrals.engine import (
    StepInstance,
    add_person,
    answer_step,
    change_person,
    find_instance,
    finish_people,
    may_visit,
    next_step,
    path,
    people_of,
    remove_person,
)
from portal.referrals.forms import (
    PlainForm,
    build_form,
    build_person_form,
    engine_input,
    person_input,
    show_problems,
    stored_formdata,
)
from portal.referrals.models import Referral, Status
from portal.referrals.presenting import (
    answer_rows,
    describe_draft,
    describe_person,
    problem_for,
    referral_conversation,
    text_for,
)
from portal.referrals.signposting import signposting_services
from portal.referrals.views.blueprint import bp

REFERRERS = (Role.PARTNER, Role.FRONT_DOOR)


def _own_draft(public_id: str) -> Referral:
    referral = store.own_referral(public_id, current_user)
    if referral is None:
        abort(404)
    return referral


def _step_url(referral: Referral, key: str) -> str:
    return url_for("referrals.step", public_id=referral.public_id, key=key)


def _resume_url(referral: Referral) -> str:
    conversation = referral_conversation()
    current = next_step(conversation, referral.answers)
    if current is None:
        return url_for("referrals.check", public_id=referral.public_id)
    return _step_url(referral, current.key)


@bp.route("/refer")
@allow(*REFERRERS)
def home() -> str:
    """Your referrals: drafts to carry on with, and what happened to the ones you sent."""
    referrals = store.own_referrals(current_user)
    conversation = referral_conversation()
    return render_template(
        "referrals/home.html",
        referrals=referrals,
        drafts=[
            describe_draft(r, conversation, current_user)
            for r in referrals
            if r.status == Status.DRAFT
        ],
        sent=[r for r in referrals if r.status != Status.DRAFT],
        form=PlainForm(),
        area="practitioners",
    )


@bp.route("/refer/new", methods=["POST"])
@allow(*REFERRERS)
def start() -> Response:
    """Start a new referral and go to its first question."""
    form = PlainForm()
    if not form.validate_on_submit():
        abort(400)
    referral = store.start_referral(current_user, referral_conversation())
    return redirect(_resume_url(referral))


@bp.route("/refer/<public_id>/delete", methods=["GET", "POST"])
@allow(*REFERRERS)
def delete_draft(public_id: str) -> str | Response:
    """Check, then delete a referral that was never sent (sent ones are kept)."""
    referral = _own_draft(public_id)
    if referral.status != Status.DRAFT:
        abort(404)
    form = PlainForm()
    if form.validate_on_submit():
        if store.delete_draft(referral, current_user):
            flash(gettext("Referral deleted"), "success")
        return redirect(url_for("referrals.home"))
    form.submit.label.text = gettext("Yes, delete it")
    return render_template(
        "referrals/delete_draft.html",
        form=form,
        draft=describe_draft(referral, referral_conversation(), current_user),
        area="practitioners",
    )


@bp.route("/refer/<public_id>")
@allow(*REFERRERS)
def resume(public_id: str) -> Response:
    """Carry on where the referrer left off, on any device."""
    referral = _own_draft(public_id)
    if referral.status != Status.DRAFT:
        return redirect(url_for("referrals.outcome", public_id=public_id))
    return redirect(_resume_url(referral))


def _instance_or_redirect(referral: Referral, key: str) -> StepInstance | Response:
    conversation = referral_conversation()
    if referral.status != Status.DRAFT:
        return redirect(url_for("referrals.outcome", public_id=referral.public_id))
    if not may_visit(conversation, referral.answers, key):
        return redirect(_resume_url(referral))
    instance = find_instance(conversation, referral.answers, key)
    if instance is None:
        abort(404)
    return instance


def _step_context(
    referral: Referral, instance: StepInstance, form: Any = None, person_form: Any = None
) -> dict[str, Any]:
    """Everything the question templates need, for a full page or an htmx fragment."""
    conversation = referral_conversation()
    answers = referral.answers
    step = instance.step
    label = text_for(step.label, instance, answers, conversation, current_user)
    hint = text_for(step.hint, instance, answers, conversation, current_user)
    if form is None:
        # Never filled from the request: during a POST this is the *next* question, and only
        # the person's own saved answer (if they answered it before) may be shown in it.
        form_class = build_form(step, label, hint, _translate_option)
        form = form_class(formdata=None, data=stored_formdata(step, instance.value(answers)))
    route = path(conversation, answers)
    position = next((i for i, item in enumerate(route) if item.key == instance.key), 0)
    previous = route[position - 1].key if position else None
    context: dict[str, Any] = {
        "referral": referral,
        "instance": instance,
        "step": step,
        "label": label,
        "hint": hint,
        "body": text_for(step.body, instance, answers, conversation, current_user),
        "form": form,
        "step_url": _step_url(referral, instance.key),
        "previous_url": _step_url(referral, previous) if previous else None,
        "transcript": answer_rows(conversation, answers, current_user, until=instance.key),
        "services": signposting_services(answers, conversation.not_signposted),
        "area": "practitioners",
    }
    if step.type == "person-list":
        context["people"] = [
            {"id": p["id"], "lines": describe_person(step, p)} for p in people_of(instance, answers)
        ]
        context["person_form"] = person_form or build_person_form(step, _translate_option)(
            formdata=None
        )
        context["form"] = context["person_form"]  # the layout's "Error:" title reads `form`
        context["finish_form"] = PlainForm()
        context["item_label"] = _translate_option(step.item_label or "")
    return context


def _translate_option(text: str) -> str:
    return gettext(text) if text else ""


def _render_step(referral: Referral, instance: StepInstance, **kwargs: Any) -> str:
    context = _step_context(referral, instance, **kwargs)
    template = "referrals/step_fragment.html" if is_htmx() else "referrals/step.html"
    return render_template(template, **context)


def _after_answer(referral: Referral, answered: StepInstance) -> Response:
    """Go on to the next question: a new page, or with htmx the next question under the last."""
    conversation = referral_conversation()
    upcoming = next_step(conversation, referral.answers)
    if upcoming is None:
        target = url_for("referrals.check", public_id=referral.public_id)
        if is_htmx():
            response = make_response("", 204)
            response.headers["HX-Redirect"] = target
            return response
        return redirect(target)
    if not is_htmx():
        return redirect(_step_url(referral, upcoming.key))
    rows = answer_rows(conversation, referral.answers, current_user)
    new_row = next((r for r in rows if r.key == answered.key), None)
    context = _step_context(referral, upcoming)
    response = make_response(
        render_template(
            "referrals/step_fragment.html",
            **context,
            new_row=new_row if answered.key != upcoming.key else None,
            refresh_services=answered.step.id == "needs",
        )
    )
    response.headers["HX-Push-Url"] = _step_url(referral, upcoming.key)
    return response


@bp.route("/refer/<public_id>/step/<key>", methods=["GET", "POST"])
@allow(*REFERRERS)
def step(public_id: str, key: str) -> str | Response:
    """One step of the conversation: show it, or save its answer as given."""
    referral = _own_draft(public_id)
    instance = _instance_or_redirect(referral, key)
    if isinstance(instance, Response):
        return instance
    if request.method == "GET":
        return _render_step(referral, instance)
    if instance.step.type == "person-list":
        return _post_person_list(referral, instance)
    conversation = referral_conversation()
    answers = referral.answers
    label = text_for(instance.step.label, instance, answers, conversation, current_user)
    hint = text_for(instance.step.hint, instance, answers, conversation, current_user)
    form = build_form(instance.step, label, hint, _translate_option)()
    if not form.validate():
        abort(400)  # only the CSRF token is checked here: the engine checks the answer
    result = answer_step(instance, referral.answers, engine_input(instance.step, request.form))
    if not result.ok:
        show_problems(
            form,
            result.problems,
            lambda p: problem_for(p, instance, referral.answers, conversation),
        )
        return _render_step(referral, instance, form=form)
    store.save_answers(referral, result.answers, current_user, instance.key)
    return _after_answer(referral, instance)


def _post_person_list(referral: Referral, instance: StepInstance) -> str | Response:
    conversation = referral_conversation()
    action = request.form.get("action")
    if action == "finish":
        form = PlainForm()
        if not form.validate():
            abort(400)
        result = finish_people(instance, referral.answers)
        if not result.ok:
            form.submit.errors = []
            person_form = build_person_form(instance.step, _translate_option)(formdata=None)
            person_form.form_errors.extend(
                problem_for(p, instance, referral.answers, conversation)
                for p in result.problems.values()
            )
            return _render_step(referral, instance, person_form=person_form)
        store.save_answers(referral, result.answers, current_user, instance.key)
        return _after_answer(referral, instance)
    person_form = build_person_form(instance.step, _translate_option)()
    if not person_form.validate():
        abort(400)
    result = add_person(instance, referral.answers, person_input(instance.step, request.form))
    if not result.ok:
        show_problems(
            person_form,
            result.problems,
            lambda p: problem_for(p, instance, referral.answers, conversation),
        )
        return _render_step(referral, instance, person_form=person_form)
    store.save_answers(referral, result.answers, current_user, instance.key)
    if is_htmx():
        return _render_step(referral, instance)
    return redirect(_step_url(referral, instance.key))


def _person_or_404(referral: Referral, instance: StepInstance, person_id: str) -> dict[str, Any]:
    person = next((p for p in people_of(instance, referral.answers) if p["id"] == person_id), None)
    if instance.step.type != "person-list" or person is None:
        abort(404)
    return person


@bp.route("/refer/<public_id>/step/<key>/people/<person_id>", methods=["GET", "POST"])
@allow(*REFERRERS)
def change_person_page(public_id: str, key: str, person_id: str) -> str | Response:
    """Change one person's details (their answers stay with them)."""
    referral = _own_draft(public_id)
    instance = _instance_or_redirect(referral, key)
    if isinstance(instance, Response):
        return instance
    person = _person_or_404(referral, instance, person_id)
    form_class = build_person_form(instance.step, _translate_option)
    if request.method == "POST":
        form = form_class()
        if not form.validate():
            abort(400)
        raw = person_input(instance.step, request.form)
        result = change_person(instance, referral.answers, person_id, raw)
        if result.ok:
            store.save_answers(referral, result.answers, current_user, instance.key)
            return redirect(_resume_url(referral))
        conversation = referral_conversation()
        show_problems(
            form,
            result.problems,
            lambda p: problem_for(p, instance, referral.answers, conversation),
        )
    else:
        form = form_class(data={k: v for k, v in person.items() if k != "id"})
    form.submit.label.text = gettext("Save changes")
    return render_template(
        "referrals/person.html",
        form=form,
        referral=referral,
        name=describe_person(instance.step, person)[0],
        back_url=_step_url(referral, key),
        area="practitioners",
    )


@bp.route("/refer/<public_id>/step/<key>/people/<person_id>/remove", methods=["GET", "POST"])
@allow(*REFERRERS)
def remove_person_page(public_id: str, key: str, person_id: str) -> str | Response:
    """Check, then remove one person from a list."""
    referral = _own_draft(public_id)
    instance = _instance_or_redirect(referral, key)
    if isinstance(instance, Response):
        return instance
    person = _person_or_404(referral, instance, person_id)
    form = PlainForm()
    if form.validate_on_submit():
        result = remove_person(instance, referral.answers, person_id)
        store.save_answers(referral, result.answers, current_user, instance.key)
        return redirect(_step_url(referral, key))
    form.submit.label.text = gettext("Yes, remove")
    return render_template(
        "referrals/remove_person.html",
        form=form,
        name=describe_person(instance.step, person)[0],
        back_url=_step_url(referral, key),
        area="practitioners",
    )
