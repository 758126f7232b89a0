"""The shipped models load and score with networking disabled (no hub, no network)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from critica.score.encoder import TOP_NAME
from critica.score.ensemble import STACK_NAME
from critica.score.model import MODELS_DIR

# Every socket connection raises, then the shipped models are loaded and used.
SCRIPT = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network disabled by test_models_offline")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from critica.score.document import score_sentences
from critica.score.ensemble import load_stacked
from critica.score.model import load_default, load_opinion
from critica.score.sentences import split_sentences

stack = load_stacked()
texts = ["A gripping, superbly acted drama.", "A tedious and clumsy mess."]
p = stack.predict_proba(texts)[:, 1].tolist()
doc = score_sentences(split_sentences(
    "The film follows a whale trainer. It is a gripping, superbly acted drama. "
    "The ending is beautiful and the two leads are wonderful."))
print(json.dumps({"p": p, "doc": doc.p_positive, "tuned": stack.encoder_.tuned_,
                  "quote": doc.quote.text if doc.quote else None}))
"""


def _run(command: list[str]) -> dict[str, object]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "HF_HOME": "/nonexistent-hf-home"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _check(result: dict[str, object]) -> None:
    p = result["p"]
    assert isinstance(p, list) and p[0] > 0.5 > p[1]
    assert result["tuned"] is True  # the fine-tuned top was applied, not only the base model
    doc = result["doc"]
    assert isinstance(doc, float) and doc > 0.5
    quote = str(result["quote"])
    assert "drama" in quote or "wonderful" in quote  # an opinion, not the plot line


def test_shipped_model_files_exist() -> None:
    for name in (STACK_NAME, TOP_NAME, "verdict.npz", "verdict.json", "opinion.npz"):
        assert (MODELS_DIR / name).exists(), name
    total = sum(f.stat().st_size for f in MODELS_DIR.iterdir() if f.is_file())
    assert total < 60_000_000


def test_models_load_with_sockets_refused() -> None:
    _check(_run([sys.executable, "-c", SCRIPT]))


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare(1) not installed")
def test_models_load_in_a_network_namespace(tmp_path: Path) -> None:
    # a new network namespace has no interface but loopback, which is down: nothing connects
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("unshare -n not permitted here")
    _check(_run(["unshare", "-n", sys.executable, "-c", SCRIPT]))
