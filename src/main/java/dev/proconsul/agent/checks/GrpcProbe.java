package dev.proconsul.agent.checks;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A gRPC check using the standard health protocol (grpc.health.v1.Health/Check). The target is
 * {@code host:port} or {@code host:port/service}; SERVING is passing, anything else critical.
 */
public final class GrpcProbe implements Probe {
    private static final String[] STATUS_NAMES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

    private final String target;
    private final String hostPort;
    private final String service;
    private final boolean tls;
    private final boolean skipVerify;

    public GrpcProbe(String target, boolean tls, boolean skipVerify) {
        this.target = target;
        int slash = target.indexOf('/');
        this.hostPort = slash < 0 ? target : target.substring(0, slash);
        this.service = slash < 0 ? "" : target.substring(slash + 1);
        this.tls = tls;
        this.skipVerify = skipVerify;
        HostPort.parse(hostPort);
    }

    @Override
    public CheckResult run(Duration timeout) throws Exception {
        InetSocketAddress addr = HostPort.parse(hostPort);
        try (H2Connection c = H2Connection.open(addr, tls, skipVerify, timeout)) {
            c.writeFrame(H2Connection.HEADERS, H2Connection.FLAG_END_HEADERS, 1, H2Connection.headerBlock(
                    ":method", "POST", ":scheme", tls ? "https" : "http", ":path", "/grpc.health.v1.Health/Check",
                    ":authority", hostPort, "content-type", "application/grpc", "te", "trailers",
                    "user-agent", "Consul Health Check"));
            c.writeFrame(H2Connection.DATA, H2Connection.FLAG_END_STREAM, 1, grpcMessage(request()));
            c.flush();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                H2Connection.Frame f = c.readFrame();
                if (f.type() == H2Connection.GOAWAY) {
                    return CheckResult.critical("gRPC " + target + ": connection closed by server (GOAWAY)");
                }
                if (f.stream() != 1) {
                    continue;
                }
                if (f.type() == H2Connection.RST_STREAM) {
                    return CheckResult.critical("gRPC " + target + ": stream reset by server");
                }
                if (f.type() == H2Connection.DATA) {
                    body.writeBytes(dataOf(f));
                    Integer status = parseStatus(body.toByteArray());
                    if (status != null) {
                        return result(status);
                    }
                }
                if (f.has(H2Connection.FLAG_END_STREAM)) {
                    Integer status = parseStatus(body.toByteArray());
                    return status != null ? result(status)
                            : CheckResult.critical("gRPC " + target + ": the server answered with an error "
                            + "(is grpc.health.v1.Health served, and the service known?)");
                }
            }
        } catch (java.io.IOException e) {
            return CheckResult.critical("gRPC " + target + ": " + e.getMessage());
        }
    }

    private CheckResult result(int status) {
        String name = status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : Integer.toString(status);
        if (status == 1) {
            return CheckResult.passing("gRPC check " + target + ": success");
        }
        return CheckResult.critical("gRPC " + target + ": health check status " + name);
    }

    /** HealthCheckRequest { string service = 1; } */
    private byte[] request() {
        if (service.isEmpty()) {
            return new byte[0];
        }
        byte[] s = service.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x0A);
        writeVarint(b, s.length);
        b.writeBytes(s);
        return b.toByteArray();
    }

    private static byte[] grpcMessage(byte[] msg) {
        byte[] out = new byte[5 + msg.length];
        out[1] = (byte) (msg.length >>> 24);
        out[2] = (byte) (msg.length >>> 16);
        out[3] = (byte) (msg.length >>> 8);
        out[4] = (byte) msg.length;
        System.arraycopy(msg, 0, out, 5, msg.length);
        return out;
    }

    /** The frame's data without padding. */
    private static byte[] dataOf(H2Connection.Frame f) {
        byte[] p = f.payload();
        if ((f.flags() & 0x8) != 0 && p.length > 0) {
            int pad = p[0] & 0xFF;
            return java.util.Arrays.copyOfRange(p, 1, Math.max(1, p.length - pad));
        }
        return p;
    }

    /** HealthCheckResponse { ServingStatus status = 1; } from a whole length-prefixed message; null if incomplete. */
    static Integer parseStatus(byte[] body) {
        if (body.length < 5) {
            return null;
        }
        int len = (body[1] & 0xFF) << 24 | (body[2] & 0xFF) << 16 | (body[3] & 0xFF) << 8 | (body[4] & 0xFF);
        if (body.length < 5 + len) {
            return null;
        }
        int i = 5;
        int end = 5 + len;
        int status = 0; // proto3 default: UNKNOWN
        while (i < end) {
            int tag = body[i++] & 0xFF;
            int field = tag >>> 3;
            int wire = tag & 7;
            if (wire == 0) {
                long v = 0;
                int shift = 0;
                while (i < end) {
                    int b = body[i++] & 0xFF;
                    v |= (long) (b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                if (field == 1) {
                    status = (int) v;
                }
            } else if (wire == 2) {
                int l = body[i++] & 0x7F;
                i += l;
            } else {
                break;
            }
        }
        return status;
    }

    private static void writeVarint(ByteArrayOutputStream b, int v) {
        while ((v & ~0x7F) != 0) {
            b.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b.write(v);
    }
}
