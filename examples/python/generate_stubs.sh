#!/usr/bin/env bash
# Generates the Python gRPC stubs (cuvis_ai_core_pb2.py, cuvis_ai_core_pb2_grpc.py) from
# ../../protos/cuvis_ai_core.proto into ./generated/, with protoc and grpc_python_plugin, as a
# cuvis-ai client has them.
#   Debian/Ubuntu: sudo apt-get install protobuf-compiler protobuf-compiler-grpc python3-grpcio
#   Usage: examples/python/generate_stubs.sh [output-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="$(cd "$here/../../protos" && pwd)"
out="${1:-$here/generated}"

die() { echo "generate_stubs.sh: $*" >&2; exit 1; }

command -v protoc >/dev/null ||
  die "protoc is not installed (Debian/Ubuntu: sudo apt-get install protobuf-compiler)."
plugin="$(command -v grpc_python_plugin || true)"
[[ -n $plugin ]] ||
  die "grpc_python_plugin is not installed (Debian/Ubuntu: sudo apt-get install protobuf-compiler-grpc)."

mkdir -p "$out"
protoc -I"$protos" --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$plugin" "$protos/cuvis_ai_core.proto" ||
  die "protoc failed to generate the stubs from $protos/cuvis_ai_core.proto."
echo "Generated $out/cuvis_ai_core_pb2.py and $out/cuvis_ai_core_pb2_grpc.py"
