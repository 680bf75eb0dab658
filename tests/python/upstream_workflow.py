"""Today's upstream workflow, from a client whose stubs use upstream's names.

Usage: upstream_workflow.py <stubs-dir> <host:port> <manifest-file> <plugin-class>

The stubs come from tests/python/upstream/cuvis_ai.proto: upstream's field names and numbers
(LoadPipelineRequest.pipeline, not our config). The steps: LoadPlugin with a single-plugin
manifest, ListAvailableNodes with categories and tags, LoadPipeline, Inference with the cube in a
POSIX shared-memory segment (ShmRef) and again in raw bytes, GetPipelineVisualization as PNG, and
profiling. Prints one JSON object with what it saw; exits non-zero at the first step that fails.
"""
import json
import os
import struct
import sys
from multiprocessing import shared_memory

import grpc

sys.path.insert(0, sys.argv[1])
import cuvis_ai_pb2 as pb  # noqa: E402
import cuvis_ai_pb2_grpc as pb_grpc  # noqa: E402

PIPELINE = """
metadata: {name: upstream workflow}
nodes:
  - {name: input, class: HyperspectralInput}
  - {name: norm, class: MinMaxNormalizer}
connections:
  - {from: input.outputs.cube, to: norm.inputs.data}
"""


def fail(step, detail):
    sys.exit(f"{step}: {detail}")


def main():
    address, manifest_file, plugin_class = sys.argv[2:5]
    client = pb_grpc.CuvisAIServiceStub(grpc.insecure_channel(address))
    seen = {}
    session = client.CreateSession(pb.CreateSessionRequest()).session_id
    try:
        with open(manifest_file, "rb") as f:
            loaded = client.LoadPlugin(pb.LoadPluginRequest(
                session_id=session, manifest=pb.PluginManifest(config_bytes=f.read())))
        if loaded.error or not loaded.registered_plugin:
            fail("LoadPlugin", loaded.error or "no plugin registered")
        seen["registered_plugin"] = loaded.registered_plugin

        nodes = client.ListAvailableNodes(pb.ListAvailableNodesRequest(session_id=session)).nodes
        seen["nodes"] = {
            n.class_name: {"source": n.source, "category": pb.NodeCategory.Name(n.category)
                           if n.category in pb.NodeCategory.values() else n.category,
                           "tags": list(n.tags), "inputs": sorted(n.input_specs)}
            for n in nodes}
        if not any(n.full_path == plugin_class or n.class_name == plugin_class.rsplit(".", 1)[-1] for n in nodes):
            fail("ListAvailableNodes", f"{plugin_class} is not listed")

        response = client.LoadPipeline(pb.LoadPipelineRequest(
            session_id=session, pipeline=pb.PipelineConfig(config_bytes=PIPELINE.encode())))
        if not response.success:
            fail("LoadPipeline", "not successful")
        seen["pipeline_name"] = response.metadata.name

        client.SetProfiling(pb.SetProfilingRequest(session_id=session, enabled=True, reset=True))
        values = [float(v) for v in range(2 * 3 * 4 * 5)]
        data = struct.pack(f"<{len(values)}f", *values)
        shape = [2, 3, 4, 5]
        raw = client.Inference(pb.InferenceRequest(session_id=session, inputs=pb.InputBatch(
            cube=pb.Tensor(shape=shape, dtype=pb.D_TYPE_FLOAT32, raw_data=data))))

        segment = shared_memory.SharedMemory(name=f"cuvis_{os.getpid()}_0", create=True, size=len(data))
        try:
            segment.buf[:len(data)] = data
            by_ref = client.Inference(pb.InferenceRequest(session_id=session, inputs=pb.InputBatch(
                cube=pb.Tensor(shape=shape, dtype=pb.D_TYPE_FLOAT32,
                               shm_ref=pb.ShmRef(name="/" + segment.name, byte_size=len(data))))))
        finally:
            segment.close()
            segment.unlink()
        if by_ref.outputs["norm.normalized"].raw_data != raw.outputs["norm.normalized"].raw_data:
            fail("Inference", "the ShmRef cube gave other outputs than the same cube in raw bytes")
        seen["shm_ref_outputs_equal"] = True

        picture = client.GetPipelineVisualization(pb.GetPipelineVisualizationRequest(session_id=session, format="png"))
        if not picture.image_data.startswith(b"\x89PNG\r\n\x1a\n"):
            fail("GetPipelineVisualization", "the image is no PNG")
        seen["png_bytes"] = len(picture.image_data)

        stats = client.GetProfilingSummary(pb.GetProfilingSummaryRequest(session_id=session)).node_stats
        seen["profile"] = {s.node_name: {"count": s.count, "stage": pb.ExecutionStage.Name(s.stage)} for s in stats}
    finally:
        client.CloseSession(pb.CloseSessionRequest(session_id=session))
    print(json.dumps(seen, sort_keys=True))


if __name__ == "__main__":
    main()
