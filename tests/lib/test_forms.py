"""What every form page does alike: bound on any POST, 400 when it has errors, an action's refusal on its field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from smartmfg.lib.forms import add_errors, form_status, posted


class NoticeForm(forms.Form):
    title = forms.CharField(label="标题")
    starts_on = forms.DateField(label="开始日期")


def test_a_form_is_bound_on_every_post_even_an_empty_one_and_never_on_get() -> None:
    factory = RequestFactory()
    assert posted(factory.get("/", {"title": "x"})) is None
    empty = NoticeForm(posted(factory.post("/", {})))
    assert empty.is_bound and not empty.is_valid()
    assert set(empty.errors) == {"title", "starts_on"}


def test_a_posted_form_with_errors_answers_400_and_a_get_200() -> None:
    factory = RequestFactory()
    post = factory.post("/", {"title": "公示"})
    bad = NoticeForm(posted(post))
    assert form_status(post, bad) == 400
    good = NoticeForm(posted(post := factory.post("/", {"title": "公示", "starts_on": "2026-09-21"})))
    assert form_status(post, good) == 200
    get = factory.get("/")
    assert form_status(get, NoticeForm(posted(get))) == 200


def test_an_actions_refusal_lands_on_the_field_it_names() -> None:
    form = NoticeForm({"title": "公示", "starts_on": "2026-09-21"})
    assert form.is_valid()
    add_errors(form, ValidationError({"starts_on": "公示开始日期不得早于今天", "applications": "已变化"}))
    assert form.errors["starts_on"] == ["公示开始日期不得早于今天"]
    # A field the form does not have goes to the top of the summary rather than being lost.
    assert form.non_field_errors() == ["已变化"]


def test_an_actions_field_names_can_be_mapped_to_the_forms() -> None:
    form = NoticeForm({"title": "公示", "starts_on": "2026-09-21"})
    form.is_valid()
    add_errors(form, ValidationError({"name": "标题过长"}), rename=lambda name: "title" if name == "name" else name)
    assert form.errors["title"] == ["标题过长"]


def test_a_refusal_without_a_field_goes_to_the_top() -> None:
    form = NoticeForm({"title": "公示", "starts_on": "2026-09-21"})
    form.is_valid()
    add_errors(form, ValidationError("本批次已截止"))
    assert form.non_field_errors() == ["本批次已截止"]
    assert "title" not in form.errors
