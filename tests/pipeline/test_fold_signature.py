"""Signatures are stored in the database and compared across processes and machines."""

import subprocess
import sys

import pytest

from newsfold.pipeline.fold import KEYS, Signature, lsh_keys, signature

TEXT = (
    "The regional council voted on Tuesday to reopen the old rail line between Marden and "
    "the coast, closed for forty years, after a survey found the viaduct sound.\n"
    "Trains could run again within three years if the ministry approves the funding."
)


def test_a_signature_survives_bytes_unchanged():
    sig = signature("Rail line to reopen | Marden Post", TEXT)
    again = Signature.from_bytes(sig.to_bytes())
    assert again == sig
    assert lsh_keys(again) == lsh_keys(sig)


def test_an_empty_text_has_a_signature_too():
    sig = signature("", "")
    assert Signature.from_bytes(sig.to_bytes()) == sig
    assert lsh_keys(sig) == []


def test_an_unknown_version_is_refused():
    data = bytearray(signature("t", TEXT).to_bytes())
    data[0] = 99
    with pytest.raises(ValueError, match="version"):
        Signature.from_bytes(bytes(data))


def test_keys_are_few_and_short():
    keys = lsh_keys(signature("Rail line to reopen | Marden Post", TEXT * 20))
    assert len(keys) <= KEYS + 2
    assert all(len(k) == 16 for k in keys)


def test_another_process_computes_the_same_signature():
    code = (
        "import sys; from newsfold.pipeline.fold import signature;"
        f"sys.stdout.write(signature('Rail line', {TEXT!r}).to_bytes().hex())"
    )
    env_seeds = ("1", "2")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in env_seeds
    }
    assert outputs == {signature("Rail line", TEXT).to_bytes().hex()}
