"""A cuvis-ai style Python client against a running Cuvis.Sandbox server.

Usage: session_smoke.py <stubs-dir> <host:port>

The stubs are generated from protos/cuvis_ai_core.proto with protoc and grpc_python_plugin, as
a cuvis-ai client would have them. Exits non-zero with a message on the first surprise.
"""
import sys

import grpc

sys.path.insert(0, sys.argv[1])
import cuvis_ai_core_pb2 as pb  # noqa: E402
import cuvis_ai_core_pb2_grpc as pb_grpc  # noqa: E402


def expect_code(call, code):
    try:
        call()
    except grpc.RpcError as error:
        if error.code() != code:
            sys.exit(f"expected {code}, got {error.code()}: {error.details()}")
        return error.details()
    sys.exit(f"expected {code}, the call succeeded")


def main():
    channel = grpc.insecure_channel(sys.argv[2])
    client = pb_grpc.CuvisAIServiceStub(channel)

    session_id = client.CreateSession(pb.CreateSessionRequest()).session_id
    print(f"Session: {session_id}")

    nodes = client.ListAvailableNodes(pb.ListAvailableNodesRequest(session_id=session_id))
    print(f"Available nodes: {len(nodes.nodes)}")

    details = expect_code(
        lambda: client.GetPipelineInputs(pb.GetPipelineInputsRequest(session_id=session_id)),
        grpc.StatusCode.FAILED_PRECONDITION)
    print(f"Before LoadPipeline: {details}")

    closed = client.CloseSession(pb.CloseSessionRequest(session_id=session_id))
    if not closed.success:
        sys.exit("CloseSession answered success = false")
    print("Session closed")

    details = expect_code(
        lambda: client.CloseSession(pb.CloseSessionRequest(session_id=session_id)),
        grpc.StatusCode.NOT_FOUND)
    if details != f"Session {session_id} not found":
        sys.exit(f"unexpected NOT_FOUND message: {details}")
    print(f"Second close: {details}")


if __name__ == "__main__":
    main()
