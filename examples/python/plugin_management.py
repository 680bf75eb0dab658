#!/usr/bin/env python3
"""The spec's plugin management examples (grpc_plugin_api.md), one after the other.

LoadPlugins, ListLoadedPlugins, GetPluginInfo (and its NOT_FOUND for an unknown plugin),
ListAvailableNodes, partial failures (a manifest with a missing repository and a wrong `provides`
next to a good entry), and ClearPluginCache for one plugin and for all.

Usage (with a server from ./run.sh, and stubs from generate_stubs.sh):
  plugin_management.py [--address localhost:50051]     # examples/plugins/SpectralIndices by path
  plugin_management.py --path /abs/plugin --provides Acme.Ratio [Acme.Other ...]
  plugin_management.py --repo file:///abs/plugin.git --ref v1.0.0 --provides Acme.Ratio
Exits non-zero when something does not behave as the spec describes.
"""
import argparse
import os
import sys

import grpc

import cuvis_client
from cuvis_client import GitPluginConfig, LocalPluginConfig, PluginManifest

PLUGIN = "custom_detector"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="localhost:50051", help="server host:port")
    parser.add_argument("--repo", help="git URL of the plugin (with --ref)")
    parser.add_argument("--ref", default="v1.0.0", help="git tag, branch or commit (default v1.0.0)")
    parser.add_argument("--path", help="absolute path of a local plugin "
                        "(default: examples/plugins/SpectralIndices, when --repo is not given)")
    parser.add_argument("--provides", nargs="+", help="full type names of the plugin's nodes "
                        "(default: the SpectralIndices nodes)")
    parser.add_argument("--stubs-dir", help="directory of the generated stubs (default: ./generated)")
    args = parser.parse_args()
    if args.repo and args.path:
        parser.error("give --repo or --path, not both")
    if not args.repo and not args.path:
        args.path = os.path.join(cuvis_client.REPOSITORY_ROOT, "examples", "plugins", "SpectralIndices")
    if not args.provides:
        args.provides = ["SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio"]
    return args


def load(client, pb, session_id, manifest):
    return client.LoadPlugins(
        pb.LoadPluginsRequest(
            session_id=session_id,
            manifest=pb.PluginManifest(config_bytes=manifest.model_dump_json().encode()),
        )
    )


def main():
    args = parse_args()
    pb, _ = cuvis_client.load_stubs(args.stubs_dir)
    channel, client = cuvis_client.connect(args.address)
    problems = []

    with cuvis_client.session(client) as session_id:
        print(f"Session: {session_id}")

        print("\n== LoadPlugins")
        if args.repo:
            config = GitPluginConfig(repo=args.repo, ref=args.ref, provides=args.provides)
        else:
            config = LocalPluginConfig(path=os.path.abspath(args.path), provides=args.provides)
        manifest = PluginManifest(plugins={PLUGIN: config})
        print(f"Manifest: {manifest.model_dump_json()}")
        response = load(client, pb, session_id, manifest)
        print(f"Loaded: {list(response.loaded_plugins)}")
        print(f"Failed: {dict(response.failed_plugins)}")
        if list(response.loaded_plugins) != [PLUGIN]:
            sys.exit("The plugin did not load.")

        print("\n== ListLoadedPlugins")
        response = client.ListLoadedPlugins(pb.ListLoadedPluginsRequest(session_id=session_id))
        for plugin in response.plugins:
            print(f"Plugin: {plugin.name}")
            print(f"  Type: {plugin.type}")
            print(f"  Source: {plugin.source}")
            if plugin.type == "git":
                print(f"  Ref: {plugin.ref} (commit {plugin.commit[:12]})")
            print(f"  Provides: {list(plugin.provides)}")

        print("\n== GetPluginInfo")
        response = client.GetPluginInfo(pb.GetPluginInfoRequest(session_id=session_id, plugin_name=PLUGIN))
        print(f"Type: {response.plugin.type}")
        print(f"Source: {response.plugin.source}")
        print(f"Provides: {list(response.plugin.provides)}")
        if sorted(response.plugin.provides) != sorted(args.provides):
            problems.append("GetPluginInfo lists other types than the manifest provides")
        try:
            client.GetPluginInfo(pb.GetPluginInfoRequest(session_id=session_id, plugin_name="not_loaded"))
            problems.append("GetPluginInfo found a plugin that was never loaded")
        except grpc.RpcError as error:
            print(f"Unknown plugin: {cuvis_client.rpc_error(error)}")
            if error.code() != grpc.StatusCode.NOT_FOUND:
                problems.append(f"GetPluginInfo of an unknown plugin answered {error.code().name}, not NOT_FOUND")

        print("\n== ListAvailableNodes")
        response = client.ListAvailableNodes(pb.ListAvailableNodesRequest(session_id=session_id))
        print(f"Available nodes ({len(response.nodes)}):")
        for node in response.nodes:
            if node.source == "builtin":
                print(f"  * {node.class_name} (builtin)")
            else:
                ports = ", ".join(node.input_specs) + " -> " + ", ".join(node.output_specs)
                print(f"  * {node.class_name} (plugin: {node.plugin_name}) [{ports}]")
        plugin_nodes = {node.full_path for node in response.nodes if node.plugin_name == PLUGIN}
        if plugin_nodes != set(args.provides):
            problems.append(f"the plugin's nodes are {sorted(plugin_nodes)}, not {sorted(args.provides)}")

        print("\n== Partial failures")
        namespace = args.provides[0].rsplit(".", 1)[0]
        missing_repo = "file:///nonexistent/detector-plugin.git"
        wrong_provides = [f"{namespace}.Nonexistent"]
        if args.repo:
            plugin_b = GitPluginConfig(repo=args.repo, ref=args.ref, provides=wrong_provides)
        else:
            plugin_b = LocalPluginConfig(path=os.path.abspath(args.path), provides=wrong_provides)
        manifest = PluginManifest(plugins={
            "bad_plugin": GitPluginConfig(repo=missing_repo, ref="v1.0.0", provides=[f"{namespace}.Detector"]),
            "plugin_b": plugin_b,  # the same source, a type it does not have
        })
        response = load(client, pb, session_id, manifest)
        if response.failed_plugins:
            for name, error in response.failed_plugins.items():
                print(f"Failed to load {name}: {error}")
        if response.loaded_plugins:
            print(f"Successfully loaded: {list(response.loaded_plugins)}")
        if set(response.failed_plugins) != {"bad_plugin", "plugin_b"} or response.loaded_plugins:
            problems.append("the two bad entries did not both fail alone")

        print("\n== ClearPluginCache")
        # Clear specific plugin cache
        response = client.ClearPluginCache(pb.ClearPluginCacheRequest(plugin_name=PLUGIN))
        print(f"Cleared {response.cleared_count} repo(s)")
        # Clear all plugin caches
        response = client.ClearPluginCache(pb.ClearPluginCacheRequest(plugin_name=""))
        print(f"Cleared all caches: {response.cleared_count} repo(s)")

        # Does not affect loaded plugins in active sessions.
        response = client.ListLoadedPlugins(pb.ListLoadedPluginsRequest(session_id=session_id))
        still_loaded = [plugin.name for plugin in response.plugins]
        print(f"Still loaded in this session: {still_loaded}")
        if still_loaded != [PLUGIN]:
            problems.append(f"after ClearPluginCache the session lists {still_loaded}")

    print("\nSession closed")
    channel.close()
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
