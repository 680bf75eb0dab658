"""The spec's "Complete Workflow Example" (grpc_plugin_api.md), up to ListAvailableNodes.

Usage: plugin_workflow.py <stubs-dir> <host:port> <repo-url> <ref> <provides-type>

The manifest is rendered exactly as cuvis-ai's PluginManifest.model_dump_json() does (compact
JSON, keys in model order), so the bytes on the wire are what a real cuvis-ai client sends.
"""
import json
import sys

import grpc

sys.path.insert(0, sys.argv[1])
import cuvis_ai_core_pb2  # noqa: E402
import cuvis_ai_core_pb2_grpc  # noqa: E402


def model_dump_json(plugins):
    return json.dumps({"plugins": plugins}, separators=(",", ":"))


def main():
    address, repo, ref, provides = sys.argv[2:6]

    # 1. Connect to server
    channel = grpc.insecure_channel(address)
    client = cuvis_ai_core_pb2_grpc.CuvisAIServiceStub(channel)

    # 2. Create session
    session_id = client.CreateSession(cuvis_ai_core_pb2.CreateSessionRequest()).session_id
    print(f"Session: {session_id}")

    try:
        # 3. Load plugins
        manifest = model_dump_json({"detector": {"provides": [provides], "repo": repo, "ref": ref}})
        plugin_resp = client.LoadPlugins(
            cuvis_ai_core_pb2.LoadPluginsRequest(
                session_id=session_id,
                manifest=cuvis_ai_core_pb2.PluginManifest(config_bytes=manifest.encode()),
            )
        )
        print(f"Loaded: {list(plugin_resp.loaded_plugins)}")
        print(f"Failed: {dict(plugin_resp.failed_plugins)}")
        if list(plugin_resp.loaded_plugins) != ["detector"]:
            sys.exit("the plugin did not load")

        info = client.GetPluginInfo(
            cuvis_ai_core_pb2.GetPluginInfoRequest(session_id=session_id, plugin_name="detector"))
        print(f"Type: {info.plugin.type}  Source: {info.plugin.source}  Provides: {list(info.plugin.provides)}")

        # 4. List available nodes
        nodes_resp = client.ListAvailableNodes(
            cuvis_ai_core_pb2.ListAvailableNodesRequest(session_id=session_id))
        print(f"Available nodes: {len(nodes_resp.nodes)}")
        for node in nodes_resp.nodes:
            if node.source == "builtin":
                print(f"  * {node.class_name} (builtin)")
            else:
                print(f"  * {node.class_name} (plugin: {node.plugin_name})")
        available_classes = {node.class_name for node in nodes_resp.nodes}
        if provides.rsplit(".", 1)[1] not in available_classes:
            sys.exit(f"{provides} not available")
    finally:
        # 7. Close session (auto-cleanup plugins)
        client.CloseSession(cuvis_ai_core_pb2.CloseSessionRequest(session_id=session_id))
        print("Session closed")


if __name__ == "__main__":
    main()
