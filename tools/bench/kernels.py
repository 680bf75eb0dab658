#!/usr/bin/env python3
"""NumPy baseline for the worker's builtin kernels, MinMaxNormalizer and RXPerBatch.

Times the same math as the worker's Forward on a float32 BHWC cube and prints JSON
{"minmax_ms": [...], "rx_ms": [...]}, one figure per repetition, after one untimed warm-up run.

The worker keeps RX's statistics, pseudo-inverse and scores in float64 even for float32 input
(see worker/Nodes/Builtins/RXPerBatch.cs), so this does too: a float32 RX would be faster and
would not be the same math.

Run it on OpenBLAS, not Debian's reference BLAS (about 12x slower):
    apt-get install -y --no-install-recommends python3-numpy libopenblas0-pthread
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tools/bench/kernels.py --cube cube.npy
"""

import argparse
import json
import time

import numpy as np


def minmax(cube, output_min=0.0, output_max=1.0):
    """Per image: min and max over all values; a constant image maps to output_min."""
    images = cube.reshape(cube.shape[0], -1)
    low = images.min(axis=1, keepdims=True)
    high = images.max(axis=1, keepdims=True)
    span = high.astype(np.float64) - low
    scale = np.where(span > 0, (output_max - output_min) / np.where(span > 0, span, 1), 0).astype(np.float32)
    result = (images - low) * scale + np.float32(output_min)
    return result.reshape(cube.shape)


def rx(cube, rcond=1e-10):
    """Per image: mean, covariance over pixels, pseudo-inverse by eigh with a cutoff of rcond times
    the largest eigenvalue, and each pixel's (x - mu) P (x - mu)."""
    batch, height, width, channels = cube.shape
    scores = np.empty((batch, height, width, 1), dtype=np.float32)
    for b in range(batch):
        pixels = cube[b].reshape(-1, channels).astype(np.float64)
        centred = pixels - pixels.mean(axis=0)
        covariance = (centred.T @ centred) / max(len(centred) - 1, 1)
        values, vectors = np.linalg.eigh(covariance)
        kept = (values > rcond * values.max()) & (values > 0)
        inverse = (vectors[:, kept] / values[kept]) @ vectors[:, kept].T
        scores[b, ..., 0] = np.einsum("ij,ij->i", centred @ inverse, centred).reshape(height, width)
    return scores


def time_ms(function, cube, repetitions):
    function(cube)
    figures = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function(cube)
        figures.append((time.perf_counter() - start) * 1000)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cube", required=True, help="a .npy file, float32 (or uint16), shape 1 x H x W x C")
    parser.add_argument("--repetitions", "-n", type=int, default=10, help="timed runs per kernel (default 10)")
    arguments = parser.parse_args()

    cube = np.load(arguments.cube)
    if cube.ndim != 4:
        parser.error(f"{arguments.cube}: expected a BHWC cube, got shape {cube.shape}")
    # The worker's HyperspectralInput turns uint16 counts into float32 before either node sees them.
    cube = np.ascontiguousarray(cube, dtype=np.float32)

    print(json.dumps({
        "minmax_ms": time_ms(minmax, cube, arguments.repetitions),
        "rx_ms": time_ms(rx, cube, arguments.repetitions),
    }))


if __name__ == "__main__":
    main()
