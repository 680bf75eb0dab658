#!/usr/bin/env python3
"""The spec's "Complete Workflow Example" (grpc_plugin_api.md), all seven steps, step 6 included.

Connects, creates a session, loads the SpectralIndices example plugin (from a git repository or
a local path), lists the nodes, loads examples/pipelines/detection_pipeline.yaml (whose detector is
the plugin's NormalizedDifference), runs Inference on a synthetic cube with a patch of
"vegetation" in it, checks that exactly that patch is detected, and closes the session.

Usage (with a server from ./run.sh, and stubs from generate_stubs.sh):
  complete_workflow.py [--address localhost:50051]                # examples/plugins/SpectralIndices
  complete_workflow.py --path /abs/copy/of/SpectralIndices
  complete_workflow.py --repo file:///abs/spectral-indices.git --ref v1.0.0
"""
import argparse
import os
import sys

import grpc
import numpy as np

import cuvis_client
from cuvis_client import GitPluginConfig, LocalPluginConfig, PluginManifest, from_tensor, to_tensor

PROVIDES = ["SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio"]
DEFAULT_PIPELINE = os.path.join(cuvis_client.REPOSITORY_ROOT, "examples", "pipelines", "detection_pipeline.yaml")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="localhost:50051", help="server host:port")
    parser.add_argument("--repo", help="git URL of the SpectralIndices plugin (with --ref)")
    parser.add_argument("--ref", default="v1.0.0", help="git tag, branch or commit (default v1.0.0)")
    parser.add_argument("--path", help="absolute path of the SpectralIndices plugin "
                        "(default: examples/plugins/SpectralIndices, when --repo is not given)")
    parser.add_argument("--pipeline", default=DEFAULT_PIPELINE,
                        help="pipeline document (default: examples/pipelines/detection_pipeline.yaml)")
    parser.add_argument("--stubs-dir", help="directory of the generated stubs (default: ./generated)")
    args = parser.parse_args()
    if args.repo and args.path:
        parser.error("give --repo or --path, not both")
    if not args.repo and not args.path:
        args.path = os.path.join(cuvis_client.REPOSITORY_ROOT, "examples", "plugins", "SpectralIndices")
    return args


def vegetation_scene():
    """A 1x32x32x32 float32 cube (450-950 nm): grey, slightly noisy ground with an 8x8 patch of
    vegetation (low red, high near infrared). Returns the cube, its wavelengths and the patch mask."""
    rng = np.random.default_rng(3)
    wavelengths = np.linspace(450, 950, 32, dtype=np.float32)
    ground = 0.3 + 0.05 * (wavelengths - 450) / 500
    vegetation = 0.05 + 0.5 / (1 + np.exp(-(wavelengths - 715) / 12))
    cube = np.broadcast_to(ground, (1, 32, 32, 32)).copy()
    patch = np.zeros((32, 32), dtype=bool)
    patch[12:20, 4:12] = True
    cube[0, patch] = vegetation
    cube += rng.normal(0, 0.005, cube.shape)
    return cube.astype(np.float32), wavelengths, patch


def main():
    args = parse_args()
    pb, _ = cuvis_client.load_stubs(args.stubs_dir)

    # 1. Connect to server
    channel, client = cuvis_client.connect(args.address)

    # 2. Create session
    session_resp = client.CreateSession(pb.CreateSessionRequest())
    session_id = session_resp.session_id
    print(f"Session: {session_id}")

    try:
        # 3. Load plugins
        if args.repo:
            detector = GitPluginConfig(repo=args.repo, ref=args.ref, provides=PROVIDES)
        else:
            detector = LocalPluginConfig(path=os.path.abspath(args.path), provides=PROVIDES)
        manifest = PluginManifest(plugins={"detector": detector})

        plugin_resp = client.LoadPlugins(
            pb.LoadPluginsRequest(
                session_id=session_id,
                manifest=pb.PluginManifest(config_bytes=manifest.model_dump_json().encode()),
            )
        )
        print(f"Loaded: {list(plugin_resp.loaded_plugins)}")
        if plugin_resp.failed_plugins:
            for name, error in plugin_resp.failed_plugins.items():
                print(f"Failed to load {name}: {error}")
            return 1

        # 4. List available nodes
        nodes_resp = client.ListAvailableNodes(pb.ListAvailableNodesRequest(session_id=session_id))
        print(f"Available nodes: {len(nodes_resp.nodes)}")
        available_classes = {node.class_name for node in nodes_resp.nodes}
        if "NormalizedDifference" not in available_classes:
            print("NormalizedDifference not available")
            return 1

        # 5. Load pipeline using plugin node
        with open(args.pipeline, "rb") as document:
            pipeline_yaml = document.read()
        pipeline_resp = client.LoadPipeline(
            pb.LoadPipelineRequest(
                session_id=session_id,
                config=pb.PipelineConfig(config_bytes=pipeline_yaml),
            )
        )
        print(f"Pipeline loaded: {pipeline_resp.pipeline_id} ({pipeline_resp.metadata.name})")
        inputs_resp = client.GetPipelineInputs(pb.GetPipelineInputsRequest(session_id=session_id))
        outputs_resp = client.GetPipelineOutputs(pb.GetPipelineOutputsRequest(session_id=session_id))
        print(f"Pipeline inputs: {list(inputs_resp.input_names)}")
        print(f"Pipeline outputs: {list(outputs_resp.output_names)}")

        # 6. Run inference
        # The default pipeline's outputs are checked against the planted patch; another pipeline's
        # outputs are all returned and only listed.
        checked = os.path.abspath(args.pipeline) == DEFAULT_PIPELINE
        cube, wavelengths, patch = vegetation_scene()
        inference_resp = client.Inference(
            pb.InferenceRequest(
                session_id=session_id,
                inputs=pb.InputBatch(cube=to_tensor(cube), wavelengths=to_tensor(wavelengths)),
                output_specs=["decide.decisions", "detector.index"] if checked else [],
            ),
            timeout=300,
        )
        outputs = {key: from_tensor(tensor) for key, tensor in inference_resp.outputs.items()}
        for key, value in sorted(outputs.items()):
            print(f"Output {key}: {value.dtype} {list(value.shape)}")
        for key, value in sorted(inference_resp.metrics.items()):
            print(f"Metric {key}: {value:g}")
        if checked:
            decisions = outputs["decide.decisions"][0, :, :, 0]
            index = outputs["detector.index"][0, :, :, 0]
            print(f"Index: patch mean {index[patch].mean():.3f}, elsewhere {index[~patch].mean():.3f}")
            print(f"Detected {int(decisions.sum())} pixels; the planted patch has {int(patch.sum())}: "
                  f"{'exact match' if np.array_equal(decisions, patch) else 'MISMATCH'}")
            if not np.array_equal(decisions, patch):
                return 1
    except grpc.RpcError as error:
        print(f"Failed: {cuvis_client.rpc_error(error)}")
        return 1
    finally:
        # 7. Close session (auto-cleanup plugins)
        client.CloseSession(pb.CloseSessionRequest(session_id=session_id))
        print("Session closed")
        channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
