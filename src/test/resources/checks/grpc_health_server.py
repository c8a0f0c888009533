"""A real gRPC server (Debian's python3-grpcio) answering grpc.health.v1.Health/Check for check tests.

Usage: grpc_health_server.py [CERT KEY]  -- binds 127.0.0.1 on a free port, prints the port, serves until stdin
closes. With CERT and KEY it serves TLS (with ALPN h2, as grpc always does). No protoc: the messages are hand-coded.

Services: "" and "web" are SERVING, "down" is NOT_SERVING, "unknown-status" answers SERVICE_UNKNOWN, and any other
name fails the call with NOT_FOUND, as the standard health service does.
"""
import sys
import grpc
from concurrent import futures

STATUSES = {"": 1, "web": 1, "down": 2, "unknown-status": 3}


def requested_service(request):
    # HealthCheckRequest { string service = 1; }: tag 0x0a, a one-byte length is enough for test names.
    if len(request) >= 2 and request[0] == 0x0A:
        return request[2:2 + request[1]].decode("utf-8")
    return ""


def check(request, context):
    service = requested_service(request)
    if service not in STATUSES:
        context.abort(grpc.StatusCode.NOT_FOUND, "unknown service " + service)
    # HealthCheckResponse { ServingStatus status = 1; }
    return bytes([0x08, STATUSES[service]])


def main():
    handler = grpc.method_handlers_generic_handler(
        "grpc.health.v1.Health", {"Check": grpc.unary_unary_rpc_method_handler(check)})
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=[handler])
    if len(sys.argv) == 3:
        with open(sys.argv[1], "rb") as c, open(sys.argv[2], "rb") as k:
            creds = grpc.ssl_server_credentials([(k.read(), c.read())])
        port = server.add_secure_port("127.0.0.1:0", creds)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    sys.stdin.read()  # the test closes stdin (or dies) to stop us
    server.stop(0)


if __name__ == "__main__":
    main()
