"""The grounding check of a rephrased rejection feedback: only the feedback's own skills, numbers and companies."""

from __future__ import annotations

from hiring.services.application_models import FeedbackItem, RejectionFeedback
from hiring.services.feedback_rephrase import check_feedback

FEEDBACK = RejectionFeedback(
    reason="We hired someone from Globex with more Kubernetes.",
    gaps=[
        FeedbackItem(
            kind="missing_skill",
            skill="Kubernetes",
            text="Kubernetes is required and was not on the resume",
            to_close="Gain Kubernetes, or add it with the job or project where you used it.",
        ),
        FeedbackItem(
            kind="experience",
            text="2.5 years short of the 5 years asked",
            to_close="2.5 more years of relevant work; internships count toward it.",
        ),
    ],  # fmt: skip
    summary="1 required skill missing: Kubernetes.",
)
COMPANIES = ["Globex", "Initech"]


def test_a_faithful_rephrasing_with_the_feedbacks_skills_numbers_and_companies_passes() -> None:
    text = "The team chose a Globex engineer. Learning Kubernetes and 2.5 more years of work (5 asked) would help."
    assert check_feedback(text, FEEDBACK, COMPANIES) == []


def test_skills_numbers_and_known_companies_the_feedback_does_not_name_are_problems() -> None:
    text = "Learn Rust, spend 7 years on it, then apply at Initech."
    assert check_feedback(text, FEEDBACK, COMPANIES) == [
        "company Initech is not in the feedback",
        "number 7 is not in the feedback",
        "skill Rust is not in the feedback",
    ]
