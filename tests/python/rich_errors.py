"""Rich error details as a cuvis-ai Python client reads them (Debian's grpcio, no grpcio-status).

Usage: rich_errors.py <stubs-dir> <host:port> <google-rpc-descriptors>

<google-rpc-descriptors> is a FileDescriptorSet of google/rpc/status.proto and
error_details.proto; the messages are built from it, as grpcio-status's generated modules would
be. The check is grpcio-status's rpc_status.from_call: the google.rpc.Status in the
grpc-status-details-bin trailer must repeat the call's code and message. Prints one JSON line
per refused call; exits non-zero on the first surprise.
"""
import json
import sys

import grpc
from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, duration_pb2  # noqa: F401  (dependencies of error_details)
from google.protobuf import message_factory

sys.path.insert(0, sys.argv[1])
import cuvis_ai_core_pb2 as pb  # noqa: E402
import cuvis_ai_core_pb2_grpc as pb_grpc  # noqa: E402

DETAILS = "grpc-status-details-bin"


def message_classes(path):
    pool = descriptor_pool.Default()
    with open(path, "rb") as file:
        for proto in descriptor_pb2.FileDescriptorSet.FromString(file.read()).file:
            pool.Add(proto)
    factory = message_factory.MessageFactory(pool)

    def find(name):
        descriptor = pool.FindMessageTypeByName(name)
        return message_factory.GetMessageClass(descriptor) if hasattr(message_factory, "GetMessageClass") else factory.GetPrototype(descriptor)

    return find("google.rpc.Status"), find("google.rpc.BadRequest")


def refused(call, code, status_class, bad_request_class):
    try:
        call()
    except grpc.RpcError as error:
        if error.code() != code:
            sys.exit(f"expected {code}, got {error.code()}: {error.details()}")
        trailers = dict(error.trailing_metadata() or ())
        if DETAILS not in trailers:
            sys.exit(f"no {DETAILS} trailer beside: {error.details()}")
        status = status_class.FromString(trailers[DETAILS])
        if status.code != error.code().value[0]:
            sys.exit(f"details name code {status.code}, the call {error.code()}")
        if status.message != error.details():
            sys.exit(f"details message differs from the call's:\n{status.message}\n---\n{error.details()}")
        violations = []
        for detail in status.details:
            bad_request = bad_request_class()
            if detail.Unpack(bad_request):
                violations += [[v.field, v.description] for v in bad_request.field_violations]
        return {"code": error.code().name, "message_length": len(error.details()), "message": error.details(), "violations": violations}
    sys.exit(f"expected {code}, the call succeeded")


def main():
    status_class, bad_request_class = message_classes(sys.argv[3])
    client = pb_grpc.CuvisAIServiceStub(grpc.insecure_channel(sys.argv[2]))
    session_id = client.CreateSession(pb.CreateSessionRequest()).session_id

    manifest = b'{"plugins": {}, "version": 2}'
    print(json.dumps(refused(lambda: client.LoadPlugins(pb.LoadPluginsRequest(
        session_id=session_id, manifest=pb.PluginManifest(config_bytes=manifest))),
        grpc.StatusCode.INVALID_ARGUMENT, status_class, bad_request_class)))

    # 150 unknown classes: each problem lists the classes there are, so the whole list is far
    # beyond the 8 KiB of metadata grpcio accepts.
    document = "nodes:\n" + "".join(f"  - name: n{i}\n    class: NoSuchClass{i}\n" for i in range(150))
    print(json.dumps(refused(lambda: client.LoadPipeline(pb.LoadPipelineRequest(
        session_id=session_id, config=pb.PipelineConfig(config_bytes=document.encode()))),
        grpc.StatusCode.INVALID_ARGUMENT, status_class, bad_request_class)))

    client.CloseSession(pb.CloseSessionRequest(session_id=session_id))


if __name__ == "__main__":
    main()
