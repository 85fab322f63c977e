"""The docs stay true: every setting and every survey-file key is documented."""

from __future__ import annotations

from pathlib import Path

import msgspec

from voice.common.settings import Settings
from voice.surveys.schema import AnyQuestion, Page, Survey

DOCS = Path(__file__).parent.parent / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    missing = [f"VOICE_{f.upper()}" for f in Settings.__struct_fields__ if f"`VOICE_{f.upper()}`" not in text]
    assert not missing, f"add these to docs/settings.md: {missing}"


def test_every_survey_key_and_question_type_is_documented() -> None:
    text = (DOCS / "survey-files.md").read_text()
    keys = set(Survey.__struct_fields__) | set(Page.__struct_fields__)
    for question_type in AnyQuestion.__args__:  # type: ignore[attr-defined]
        info = msgspec.inspect.type_info(question_type)
        assert f"`{info.tag}`" in text, f"question type {info.tag} is not in docs/survey-files.md"
        keys |= set(question_type.__struct_fields__)
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert not missing, f"add these keys to docs/survey-files.md: {missing}"


def test_every_priorities_file_key_is_documented() -> None:
    from voice.reporting.priorities import ActionIn, PlanFile, PriorityIn

    text = (DOCS / "you-said-we-did.md").read_text()
    keys = set(PlanFile.__struct_fields__) | set(PriorityIn.__struct_fields__) | set(ActionIn.__struct_fields__)
    missing = sorted(k for k in keys if f"{k}:" not in text)
    assert not missing, f"add these keys to docs/you-said-we-did.md: {missing}"
