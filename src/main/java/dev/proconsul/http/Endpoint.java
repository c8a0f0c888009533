package dev.proconsul.http;

/** One HTTP API operation: turns a request into a reply, or throws {@link HttpError}. */
@FunctionalInterface
public interface Endpoint {
    Reply serve(ApiRequest request) throws Exception;
}
