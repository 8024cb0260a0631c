"""Reading a model's reply: JSON in whatever wrapping, coerced into the output schema."""

from __future__ import annotations

import pytest

from hiring.llm.replies import InvalidReply, extract_json_object
from hiring.llm.schema import LlmResume


def test_a_bare_json_object_is_read() -> None:
    assert extract_json_object('{"name": "Ada"}') == {"name": "Ada"}


def test_a_fenced_json_object_with_chatter_is_read() -> None:
    reply = 'Sure! Here it is:\n```json\n{"name": "Ada", "skills": ["Python"]}\n```\nAnything else?'

    assert extract_json_object(reply) == {"name": "Ada", "skills": ["Python"]}


def test_an_object_inside_prose_without_a_fence_is_read() -> None:
    assert extract_json_object('The result is {"name": "Ada"} as requested.') == {"name": "Ada"}


@pytest.mark.parametrize("reply", ["", "   ", "I cannot help with that.", "[1, 2]", '{"name": "Ada"'])
def test_a_reply_without_a_json_object_is_invalid(reply: str) -> None:
    with pytest.raises(InvalidReply):
        extract_json_object(reply)


def test_present_as_an_end_date_means_a_current_job() -> None:
    resume = LlmResume.model_validate({"experience": [{"company": "Acme", "start": "2020-03", "end": "Present"}]})

    job = resume.experience[0]
    assert (job.start, job.end, job.current) == ("2020-03", None, True)


def test_a_current_flag_written_as_the_string_false_is_false() -> None:
    resume = LlmResume.model_validate({"experience": [{"company": "Acme", "current": "false"}]})

    assert resume.experience[0].current is False


def test_dates_not_given_to_the_month_are_dropped_rather_than_invented() -> None:
    resume = LlmResume.model_validate({"experience": [{"company": "Acme", "start": "2019", "end": "2021-13"}]})

    assert (resume.experience[0].start, resume.experience[0].end) == (None, None)


def test_education_levels_in_everyday_words_map_to_the_interface_levels() -> None:
    resume = LlmResume.model_validate(
        {"education": [{"level": "Bachelor's"}, {"level": "PhD"}, {"level": "Master"}, {"level": "guild"}]}
    )

    assert [school.level for school in resume.education] == ["bachelor", "doctorate", "master", None]


def test_nulls_and_extra_keys_from_a_chatty_model_do_not_fail_validation() -> None:
    resume = LlmResume.model_validate(
        {"name": " Ada ", "skills": None, "experience": None, "confidence": "high", "languages": "English"}
    )

    assert (resume.name, resume.skills, resume.experience, resume.languages) == ("Ada", [], [], ["English"])


def test_a_wrongly_typed_list_fails_validation() -> None:
    with pytest.raises(ValueError, match="experience"):
        LlmResume.model_validate({"experience": "Acme 2019-2021"})
