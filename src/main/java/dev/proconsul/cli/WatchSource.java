package dev.proconsul.cli;

import dev.proconsul.api.ConsulClient;
import dev.proconsul.api.QueryOptions;

/** One watch type's data view: a blocking read that returns the view and the index to block on next. */
interface WatchSource {

    /** The view and its index; {@code data} is what a handler gets as JSON (null encodes as {@code null}). */
    record Result(long index, Object data) {
    }

    /** One read; {@code opts} carries the index of the previous result (0 on the first read). */
    Result fetch(ConsulClient consul, QueryOptions opts);
}
