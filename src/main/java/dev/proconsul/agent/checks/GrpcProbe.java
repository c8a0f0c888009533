package dev.proconsul.agent.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A gRPC check using the standard health protocol (grpc.health.v1.Health/Check). The target is
 * {@code host:port} or {@code host:port/service}; SERVING is passing, anything else critical.
 */
public final class GrpcProbe implements Probe {
    private static final String[] STATUS_NAMES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
    private static final String[] CODE_NAMES = {"OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded",
        "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted",
        "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated"};
    /** A HealthCheckResponse is a few bytes; anything far larger is not one. */
    private static final int MAX_RESPONSE = 64 * 1024;

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
                    "grpc-timeout", grpcTimeout(timeout), "user-agent", "Consul Health Check"));
            c.writeFrame(H2Connection.DATA, H2Connection.FLAG_END_STREAM, 1, grpcMessage(request()));
            c.flush();
            return exchange(c);
        } catch (SocketTimeoutException e) {
            return CheckResult.critical(rpcError(4, "context deadline exceeded"));
        } catch (ConnectException e) {
            String why = e.getMessage() == null ? "connection refused"
                    : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            return CheckResult.critical(rpcError(14, "connection error: dial tcp " + hostPort + ": connect: " + why));
        } catch (IOException e) {
            return CheckResult.critical(rpcError(14, "connection error: " + e.getMessage()));
        }
    }

    /**
     * Reads the response to stream 1: headers (or a trailers-only response), the message, then the trailers whose
     * {@code grpc-status} decides whether the call succeeded at all; only then does the serving status count.
     */
    private CheckResult exchange(H2Connection c) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean sawHeaders = false;
        while (true) {
            H2Connection.Frame f = c.readFrame();
            if (f.type() == H2Connection.GOAWAY) {
                return CheckResult.critical(rpcError(14, "the server closed the connection (GOAWAY)"));
            }
            if (f.stream() != 1) {
                continue;
            }
            switch (f.type()) {
                case H2Connection.RST_STREAM -> {
                    int code = f.payload().length >= 4 ? ByteBuffer.wrap(f.payload()).getInt() : -1;
                    return CheckResult.critical(rpcError(13, "stream terminated by RST_STREAM with error code: "
                            + code));
                }
                case H2Connection.HEADERS -> {
                    if (!sawHeaders) {
                        sawHeaders = true;
                        String status = f.header(":status");
                        if (!"200".equals(status)) {
                            return CheckResult.critical(rpcError(2, "unexpected HTTP status code received from "
                                    + "server: " + status));
                        }
                    }
                    if (f.has(H2Connection.FLAG_END_STREAM)) {
                        return finish(f, body.toByteArray());
                    }
                }
                case H2Connection.DATA -> {
                    if (body.size() + f.payload().length > MAX_RESPONSE) {
                        return CheckResult.critical(rpcError(8, "health response larger than " + MAX_RESPONSE));
                    }
                    body.writeBytes(f.data());
                    if (f.has(H2Connection.FLAG_END_STREAM)) {
                        return CheckResult.critical(rpcError(13, "server closed the stream without sending "
                                + "trailers"));
                    }
                }
                default -> {
                    // PING acks, WINDOW_UPDATE, PRIORITY: nothing to do
                }
            }
        }
    }

    private CheckResult finish(H2Connection.Frame trailers, byte[] body) {
        String grpcStatus = trailers.header("grpc-status");
        if (grpcStatus == null) {
            return CheckResult.critical(rpcError(13, "server closed the stream without sending trailers"));
        }
        int code;
        try {
            code = Integer.parseInt(grpcStatus.trim());
        } catch (NumberFormatException e) {
            return CheckResult.critical(rpcError(2, "malformed grpc-status: " + grpcStatus));
        }
        if (code != 0) {
            String message = trailers.header("grpc-message");
            return CheckResult.critical(rpcError(code, message == null ? "" : percentDecode(message)));
        }
        Integer status = parseStatus(body);
        if (status == null) {
            return CheckResult.critical(rpcError(13, "truncated health check response"));
        }
        return result(status);
    }

    private CheckResult result(int status) {
        String name = status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : Integer.toString(status);
        if (status == 1) {
            return CheckResult.passing("gRPC check " + target + ": success");
        }
        return CheckResult.critical("gRPC " + target + " serving status: " + name);
    }

    /** The deadline as a grpc-timeout header: at most eight digits, so long ones go in seconds or hours. */
    static String grpcTimeout(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        if (ms <= 99_999_999L) {
            return ms + "m";
        }
        long s = timeout.toSeconds();
        return s <= 99_999_999L ? s + "S" : Math.min(99_999_999L, timeout.toHours()) + "H";
    }

    /** The way a Go gRPC client (and so Consul) words a failed call. */
    static String rpcError(int code, String desc) {
        String name = code >= 0 && code < CODE_NAMES.length ? CODE_NAMES[code] : "Code(" + code + ")";
        return "rpc error: code = " + name + " desc = " + desc;
    }

    /** grpc-message is percent-encoded UTF-8. */
    static String percentDecode(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    b.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            b.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
        }
        return b.toString(StandardCharsets.UTF_8);
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
