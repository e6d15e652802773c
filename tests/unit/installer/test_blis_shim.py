"""The bundle's numpy stand-in for blis.py gives blis's own results (installer/shims)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy
import pytest

SHIM = Path(__file__).resolve().parents[3] / "installer" / "shims" / "blis" / "py.py"


def _shim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blis_shim", SHIM)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_shim_gemm_matches_blis(trans1: bool, trans2: bool) -> None:
    blis_py = pytest.importorskip("blis.py")
    rng = numpy.random.default_rng(7)
    a = rng.random((4, 3) if trans1 else (3, 4), dtype=numpy.float32)
    b = rng.random((5, 4) if trans2 else (4, 5), dtype=numpy.float32)
    ours = _shim().gemm(a, b, trans1=trans1, trans2=trans2)
    theirs = blis_py.gemm(a, b, trans1=trans1, trans2=trans2)
    assert ours.dtype == numpy.float32 and ours.shape == (3, 5)
    assert numpy.allclose(ours, theirs, atol=1e-5)


def test_shim_gemm_accumulates_into_out_like_blis() -> None:
    blis_py = pytest.importorskip("blis.py")
    a = numpy.ones((2, 2), dtype=numpy.float32)
    ours, theirs = numpy.full((2, 2), 3, numpy.float32), numpy.full((2, 2), 3, numpy.float32)
    _shim().gemm(a, a, out=ours, alpha=2.0, beta=0.5)
    blis_py.gemm(a, a, out=theirs, alpha=2.0, beta=0.5)
    assert numpy.allclose(ours, theirs)
