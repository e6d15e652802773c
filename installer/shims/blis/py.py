"""Stand-in for blis.py (an 18 MB BLAS build) in the frozen bundle: gemm through numpy.

thinc's NumpyOps refuses to start without `blis.py` unless told `use_blis=False`, and
calls it only for a matrix multiply (`NumpyOps.gemm`), which a neural model needs and
the blank spaCy tokenizer that PasteWarden uses never runs. numpy gives the same result
(float32 in, float32 out), only slower. installer/pastewarden.spec excludes the real
module and installs this file as _internal/blis/py.py.
"""

from __future__ import annotations

from typing import Any

import numpy


def gemm(
    a: Any,
    b: Any,
    out: Any = None,
    trans1: bool = False,
    trans2: bool = False,
    alpha: float = 1.0,
    beta: float = 1.0,
) -> Any:
    """out = alpha * op(a) @ op(b) + beta * out, as blis.py.gemm (beta ignored without out)."""
    product = (a.T if trans1 else a) @ (b.T if trans2 else b)
    product = product * alpha if alpha != 1.0 else product
    if out is None:
        return numpy.ascontiguousarray(product, dtype=a.dtype)
    out[...] = product + beta * out if beta else product
    return out
