#!/usr/bin/env python3
"""Hyperspectral anomaly detection through Cuvis.Sandbox, end to end.

1. Creates a session.
2. Publishes examples/plugins/SpectralSmoothing as a local git repository (git init, commit, tag
   v1.0.0) and loads it through its file:// URL; loads a copy of examples/plugins/SpectralIndices
   by its local path. The server builds both and loads them into this session's worker only.
3. Lists the nodes the session can use: builtin and plugin.
4. Loads examples/pipelines/rx_anomaly.yaml, which mixes both: HyperspectralInput ->
   MovingAverage (plugin) -> MinMaxNormalizer -> RXPerBatch -> ScoreToLogit ->
   QuantileBinaryDecider, and NormalizedDifference (plugin) beside them.
5. Runs Inference on a synthetic 1x64x64x32 scene with 6 planted anomalous pixels and reports
   which were detected (all must be) and the false positives.
6. Loads examples/pipelines/rx_sandiego.yaml (HyperspectralInput -> RXPerBatch), runs it on the
   real AVIRIS scene data/hsi-anomaly/sandiego_plane (uint16 cube as it is) and prints the ROC AUC
   of the scores against the ground truth next to the reference 0.9403.
7. Closes the session.

It starts no server: `./run.sh demo` starts one and runs this script against it; or start
`./run.sh` yourself and run `anomaly_demo.py --address localhost:50051`.
Exits 0 when every planted anomaly is detected and the AUC is within 0.01 of the reference.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import grpc
import numpy as np

import cuvis_client
from cuvis_client import GitPluginConfig, LocalPluginConfig, PluginManifest, from_tensor, to_tensor

ROOT = cuvis_client.REPOSITORY_ROOT
PLUGINS_DIR = os.path.join(ROOT, "examples", "plugins")
PIPELINES_DIR = os.path.join(ROOT, "examples", "pipelines")

SMOOTHING_PROVIDES = ["SpectralSmoothing.MovingAverage", "SpectralSmoothing.SpectralDerivative"]
INDICES_PROVIDES = ["SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio"]
NEEDED_BUILTINS = ["HyperspectralInput", "MinMaxNormalizer", "RXPerBatch", "ScoreToLogit", "QuantileBinaryDecider"]
NEEDED_PLUGIN_NODES = ["MovingAverage", "NormalizedDifference"]

# The synthetic scene: pixel (y, x) and the fraction of it covered by the anomalous material.
PLANTED = [((9, 12), 1.0), ((14, 49), 0.8), ((31, 30), 0.6), ((44, 8), 0.5), ((52, 57), 0.4), ((60, 22), 0.3)]
SANDIEGO_REFERENCE_AUC = 0.9403
AUC_TOLERANCE = 0.01

CALL_TIMEOUT = 600  # seconds; plugin builds and inference on a 2-core machine


class DemoFailed(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="localhost:50051", help="server host:port (default localhost:50051)")
    parser.add_argument("--work-dir", help="directory for the plugin repository and copies (default: a temporary "
                        "directory, removed at the end)")
    parser.add_argument("--data-dir", default=os.path.join(ROOT, "data", "hsi-anomaly"),
                        help="directory holding sandiego_plane.cube.npy and .gt.npy (default: data/hsi-anomaly)")
    parser.add_argument("--stubs-dir", help="directory of the generated stubs (default: ./generated)")
    return parser.parse_args()


def step(number, title):
    print(f"\n[{number}] {title}", flush=True)


# --- 2. Plugins --------------------------------------------------------------------------------

def fresh_copy(source, target):
    """Copies a plugin's sources (without build output) to `target`, replacing what was there."""
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("bin", "obj"))
    return target


def git(repository, *arguments):
    result = subprocess.run(["git", "-C", repository, *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        raise DemoFailed(f"git {' '.join(arguments)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def publish_git_repository(source, target, tag):
    """Makes `target` a git repository holding `source`, with one commit tagged `tag`; returns the commit."""
    if shutil.which("git") is None:
        raise DemoFailed("git is not installed (Debian/Ubuntu: sudo apt-get install git).")
    fresh_copy(source, target)
    identity = ["-c", "user.name=Cuvis.Sandbox demo", "-c", "user.email=demo@localhost",
                "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, *identity, "commit", "-q", "-m", f"{os.path.basename(source)} {tag}")
    git(target, *identity, "tag", tag)
    return git(target, "rev-parse", "HEAD")


def load_plugins(client, pb, session_id, work_dir):
    repository = os.path.join(work_dir, "spectral-smoothing")
    commit = publish_git_repository(os.path.join(PLUGINS_DIR, "SpectralSmoothing"), repository, "v1.0.0")
    url = "file://" + repository
    print(f"git repository {url} (tag v1.0.0 = {commit[:12]}) from examples/plugins/SpectralSmoothing")
    local = fresh_copy(os.path.join(PLUGINS_DIR, "SpectralIndices"), os.path.join(work_dir, "spectral-indices"))
    print(f"local plugin {local} copied from examples/plugins/SpectralIndices")

    manifest = PluginManifest(plugins={
        "spectral_smoothing": GitPluginConfig(repo=url, ref="v1.0.0", provides=SMOOTHING_PROVIDES),
        "spectral_indices": LocalPluginConfig(path=local, provides=INDICES_PROVIDES),
    })
    started = time.monotonic()
    response = client.LoadPlugins(
        pb.LoadPluginsRequest(
            session_id=session_id,
            manifest=pb.PluginManifest(config_bytes=manifest.model_dump_json().encode()),
        ),
        timeout=CALL_TIMEOUT,
    )
    print(f"LoadPlugins: loaded {list(response.loaded_plugins)} in {time.monotonic() - started:.1f} s")
    for name, error in response.failed_plugins.items():
        print(f"  failed {name}: {error}")
    if response.failed_plugins:
        raise DemoFailed("a plugin did not load")

    for plugin in client.ListLoadedPlugins(pb.ListLoadedPluginsRequest(session_id=session_id)).plugins:
        where = f"{plugin.source} @ {plugin.ref} ({plugin.commit[:12]})" if plugin.type == "git" else plugin.source
        print(f"  {plugin.name}: {plugin.type} {where}: {', '.join(plugin.provides)}")


# --- 3. Nodes ----------------------------------------------------------------------------------

def list_nodes(client, pb, session_id):
    nodes = client.ListAvailableNodes(pb.ListAvailableNodesRequest(session_id=session_id)).nodes
    builtin = sorted(node.class_name for node in nodes if node.source == "builtin")
    plugin = sorted(f"{node.class_name} ({node.plugin_name})" for node in nodes if node.source != "builtin")
    print(f"builtin ({len(builtin)}): {', '.join(builtin) or '-'}")
    print(f"plugin ({len(plugin)}): {', '.join(plugin) or '-'}")
    available = {node.class_name for node in nodes}
    missing = [name for name in NEEDED_BUILTINS + NEEDED_PLUGIN_NODES if name not in available]
    if missing:
        raise DemoFailed(f"the session lacks nodes the pipelines need: {', '.join(missing)}")


# --- 4. and 6. Pipelines -----------------------------------------------------------------------

def load_pipeline(client, pb, session_id, file_name):
    with open(os.path.join(PIPELINES_DIR, file_name), "rb") as document:
        config = document.read()
    response = client.LoadPipeline(
        pb.LoadPipelineRequest(session_id=session_id, config=pb.PipelineConfig(config_bytes=config)),
        timeout=CALL_TIMEOUT,
    )
    print(f"LoadPipeline examples/pipelines/{file_name}: '{response.metadata.name}' (id {response.pipeline_id})")
    inputs = client.GetPipelineInputs(pb.GetPipelineInputsRequest(session_id=session_id))
    outputs = client.GetPipelineOutputs(pb.GetPipelineOutputsRequest(session_id=session_id))
    print(f"  inputs: {', '.join(inputs.input_names)}")
    print(f"  outputs: {', '.join(outputs.output_names)}")


def infer(client, pb, session_id, batch, output_specs):
    started = time.monotonic()
    response = client.Inference(
        pb.InferenceRequest(session_id=session_id, inputs=batch, output_specs=output_specs),
        timeout=CALL_TIMEOUT,
    )
    elapsed = time.monotonic() - started
    missing = [key for key in output_specs if key not in response.outputs]
    if missing:
        raise DemoFailed(f"Inference returned {sorted(response.outputs)}, without {', '.join(missing)}")
    return {key: from_tensor(response.outputs[key]) for key in output_specs}, elapsed


# --- 5. The synthetic scene --------------------------------------------------------------------

def synthetic_scene(height=64, width=64, bands=32, seed=7):
    """A 1 x H x W x C float32 cube over 450-950 nm: every background pixel a random mixture of four
    smooth spectra (soils, asphalt, concrete), under varying illumination, with sensor noise; and
    the PLANTED pixels partly covered by vegetation, whose red edge no background spectrum has."""
    rng = np.random.default_rng(seed)
    wavelengths = np.linspace(450, 950, bands).astype(np.float32)
    t = (wavelengths - wavelengths[0]) / (wavelengths[-1] - wavelengths[0])
    endmembers = np.array([
        rng.uniform(0.15, 0.5) + rng.uniform(-0.15, 0.25) * t
        + rng.uniform(-0.08, 0.08) * np.sin(2 * np.pi * t + rng.uniform(0, np.pi))
        for _ in range(4)])
    abundances = rng.dirichlet(np.full(4, 2.0), size=(height, width))
    cube = abundances @ endmembers
    cube *= rng.uniform(0.85, 1.15, size=(height, width, 1))
    cube += rng.normal(0, 0.004, size=cube.shape)
    vegetation = (0.05 + 0.03 * np.exp(-((wavelengths - 550) / 30) ** 2)
                  + 0.5 / (1 + np.exp(-(wavelengths - 715) / 12)))
    for (y, x), fraction in PLANTED:
        cube[y, x] = (1 - fraction) * cube[y, x] + fraction * vegetation
    return cube[np.newaxis].astype(np.float32), wavelengths


def detect_synthetic(client, pb, session_id):
    cube, wavelengths = synthetic_scene()
    print(f"synthetic cube {'x'.join(map(str, cube.shape))} float32, {len(PLANTED)} planted anomalous pixels "
          "(seed 7)")
    outputs, elapsed = infer(client, pb, session_id,
                             pb.InputBatch(cube=to_tensor(cube), wavelengths=to_tensor(wavelengths)),
                             ["decide.decisions", "rx.scores", "ndi.index"])
    decisions = outputs["decide.decisions"][0, :, :, 0].astype(bool)
    scores = outputs["rx.scores"][0, :, :, 0]
    index = outputs["ndi.index"][0, :, :, 0]
    print(f"Inference: {elapsed:.2f} s")

    order = np.argsort(-scores, axis=None, kind="stable")
    rank = np.empty(scores.size, dtype=np.int64)
    rank[order] = np.arange(1, scores.size + 1)
    rank = rank.reshape(scores.shape)
    print(f"  {'pixel (y, x)':<12}  {'covered':>7}  {'RX score':>8}  {'rank':>4}  {'NDVI':>5}  detected")
    detected = 0
    for (y, x), fraction in PLANTED:
        hit = bool(decisions[y, x])
        detected += hit
        print(f"  {f'({y:2d}, {x:2d})':<12}  {fraction:>7.0%}  {scores[y, x]:>8.1f}  {rank[y, x]:>4d}  "
              f"{index[y, x]:>5.2f}  {'yes' if hit else 'NO'}")
    planted = np.zeros_like(decisions)
    for (y, x), _ in PLANTED:
        planted[y, x] = True
    false_positives = np.argwhere(decisions & ~planted)
    threshold = scores[decisions].min() if decisions.any() else float("nan")
    print(f"Planted anomalies detected: {detected} of {len(PLANTED)}")
    print(f"False positives: {len(false_positives)} of {int((~planted).sum())} background pixels "
          f"(the 0.995 quantile marks the top 0.5% of every image; lowest marked score {threshold:.1f})")
    if len(false_positives):
        print("  at " + " ".join(f"({y},{x})" for y, x in false_positives[:20])
              + (" ..." if len(false_positives) > 20 else ""))
    print(f"NDVI (NormalizedDifference, bands 24/12): planted {index[planted].mean():.2f}, "
          f"background {index[~planted].mean():.2f}")
    return detected == len(PLANTED)


# --- 6. The real scene -------------------------------------------------------------------------

def roc_auc(scores, labels):
    """Area under the ROC curve: the Mann-Whitney U statistic from ranks, ties given their average rank."""
    scores = np.asarray(scores, dtype=np.float64).ravel()
    labels = np.asarray(labels).ravel() != 0
    positives = int(labels.sum())
    negatives = labels.size - positives
    if positives == 0 or negatives == 0:
        raise DemoFailed("the ground truth needs both anomalous and background pixels")
    order = np.argsort(scores, kind="mergesort")
    _, first, counts = np.unique(scores[order], return_index=True, return_counts=True)
    ranks = np.empty(scores.size)
    ranks[order] = np.repeat(first + (counts + 1) / 2.0, counts)
    return (ranks[labels].sum() - positives * (positives + 1) / 2.0) / (positives * negatives)


def rx_sandiego(client, pb, session_id, data_dir):
    cube_path = os.path.join(data_dir, "sandiego_plane.cube.npy")
    truth_path = os.path.join(data_dir, "sandiego_plane.gt.npy")
    for path in (cube_path, truth_path):
        if not os.path.isfile(path):
            raise DemoFailed(f"{path} is missing (see data/hsi-anomaly/README.md).")
    cube = np.load(cube_path)
    truth = np.load(truth_path)
    print(f"sandiego_plane: cube {'x'.join(map(str, cube.shape))} {cube.dtype}, "
          f"{int(truth.sum())} anomalous pixels in the ground truth")
    outputs, elapsed = infer(client, pb, session_id, pb.InputBatch(cube=to_tensor(cube)), ["rx.scores"])
    scores = outputs["rx.scores"]
    print(f"Inference: {elapsed:.2f} s, rx.scores {outputs['rx.scores'].dtype} {list(scores.shape)}")
    if scores.shape != cube.shape[:3] + (1,):
        raise DemoFailed(f"rx.scores has shape {list(scores.shape)}, expected {list(cube.shape[:3]) + [1]}")
    if not np.isfinite(scores).all():
        raise DemoFailed(f"rx.scores holds {int((~np.isfinite(scores)).sum())} values that are not finite")
    auc = roc_auc(scores[0, :, :, 0], truth)
    close = abs(auc - SANDIEGO_REFERENCE_AUC) <= AUC_TOLERANCE
    print(f"sandiego_plane RX ROC AUC: {auc:.4f} (reference {SANDIEGO_REFERENCE_AUC:.4f}: "
          f"{'matches' if close else 'DIFFERS by more than ' + str(AUC_TOLERANCE)})")
    return close


# --- The demo ----------------------------------------------------------------------------------

def run(client, pb, work_dir, data_dir):
    step(1, "CreateSession")
    with cuvis_client.session(client) as session_id:
        print(f"session {session_id}")
        step(2, "LoadPlugins: a git plugin and a local plugin")
        load_plugins(client, pb, session_id, work_dir)
        step(3, "ListAvailableNodes")
        list_nodes(client, pb, session_id)
        step(4, "LoadPipeline: builtin and plugin nodes")
        load_pipeline(client, pb, session_id, "rx_anomaly.yaml")
        step(5, "Inference: planted anomalies in a synthetic scene")
        all_detected = detect_synthetic(client, pb, session_id)
        step(6, "Inference: RX on the AVIRIS San Diego airport scene")
        load_pipeline(client, pb, session_id, "rx_sandiego.yaml")
        auc_close = rx_sandiego(client, pb, session_id, data_dir)
        step(7, "CloseSession")
    print("session closed")
    return all_detected, auc_close


def main():
    sys.stdout.reconfigure(line_buffering=True)
    args = parse_args()
    pb, _ = cuvis_client.load_stubs(args.stubs_dir)
    channel, client = cuvis_client.connect(args.address)
    print(f"Cuvis.Sandbox anomaly demo against {args.address}")
    work_dir = os.path.abspath(args.work_dir) if args.work_dir else tempfile.mkdtemp(prefix="cuvis-demo-")
    os.makedirs(work_dir, exist_ok=True)
    try:
        all_detected, auc_close = run(client, pb, work_dir, os.path.abspath(args.data_dir))
    except grpc.RpcError as error:
        print(f"\nDEMO FAILED: {cuvis_client.rpc_error(error)}")
        return 1
    except DemoFailed as error:
        print(f"\nDEMO FAILED: {error}")
        return 1
    finally:
        channel.close()
        if not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
    if not all_detected:
        print("\nDEMO FAILED: a planted anomaly was missed")
        return 1
    if not auc_close:
        print("\nDEMO FAILED: the sandiego_plane AUC is not the reference RX's")
        return 1
    print("\nDemo passed: every planted anomaly detected; sandiego_plane AUC matches the reference.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
