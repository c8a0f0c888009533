package dev.proconsul.state;

import static dev.proconsul.state.GoldenSnapshotFixture.S_RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.structs.ApplyResult;
import dev.proconsul.structs.PreparedQuery;
import dev.proconsul.structs.PreparedQuery.ServiceQuery;
import dev.proconsul.structs.PreparedQuery.Template;
import dev.proconsul.structs.PreparedQueryRequest;
import dev.proconsul.structs.Session;
import dev.proconsul.structs.SessionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prepared queries table: Consul's integrity rules, resolution by ID / name / template prefix, sessions. */
class PreparedQueryStateTest {
    private static final String A = "00000000-0000-0000-0000-00000000000a";
    private static final String B = "00000000-0000-0000-0000-00000000000b";
    private static final String C = "00000000-0000-0000-0000-00000000000c";

    private final StateStore s = GoldenSnapshotFixture.populated();
    private long index = s.lastIndex();

    private static ServiceQuery service(String name, List<String> tags) {
        return new ServiceQuery(name, "", null, false, null, "", tags, null, null, false, "");
    }

    private static PreparedQuery query(String id, String name, String session, Template t, ServiceQuery svc) {
        return new PreparedQuery(id, name, session, "", t, svc, null, 0, 0);
    }

    private static Template template(String regexp, boolean removeEmptyTags) {
        return new Template(PreparedQuery.NAME_PREFIX_MATCH, regexp, removeEmptyTags);
    }

    private ApplyResult put(PreparedQuery q) {
        return s.apply(++index, new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE, q));
    }

    @Test
    void storesWithIndexesAndKeepsCreateIndexOnUpdate() {
        assertThat(put(query(A, "web", "", null, service("web", null))).isError()).isFalse();
        long created = index;
        assertThat(s.preparedQuery(A, null).value().createIndex()).isEqualTo(created);
        s.apply(++index, new PreparedQueryRequest(PreparedQueryRequest.Op.UPDATE,
                query(A, "web2", "", null, service("db", null))));
        PreparedQuery q = s.preparedQuery(A, null).value();
        assertThat(q.createIndex()).isEqualTo(created);
        assertThat(q.modifyIndex()).isEqualTo(index);
        assertThat(s.preparedQueries(null).index()).isEqualTo(index);
        // The old name is free again, the new one resolves.
        assertThat(s.preparedQueryResolve("web", "").value()).isNull();
        assertThat(s.preparedQueryResolve("WEB2", "").value().id()).isEqualTo(A);

        s.apply(++index, new PreparedQueryRequest(PreparedQueryRequest.Op.DELETE, query(A, "", "", null, null)));
        assertThat(s.preparedQuery(A, null).value()).isNull();
        assertThat(s.preparedQueries(null).index()).isEqualTo(index);
    }

    @Test
    void refusesWhatConsulRefuses() {
        put(query(A, "web", "", null, service("web", null)));
        assertThat(put(query(B, "Web", "", null, service("x", null))).error())
                .isEqualTo("name 'Web' aliases an existing query name");
        assertThat(put(query(B, A, "", null, service("x", null))).error())
                .isEqualTo("name '" + A + "' aliases an existing query ID");
        assertThat(put(query(B, "", "nope", null, service("x", null))).error())
                .isEqualTo("invalid session \"nope\"");
        assertThat(put(query(B, "t", "", new Template("bogus", "", false), service("x", null))).error())
                .isEqualTo("failed compiling template: Bad Template.Type 'bogus'");
        assertThat(put(query(B, "t", "", template("", false), service("${name.nope}", null))).error())
                .isEqualTo("failed compiling template: Bad evaluation for '${name.nope}' in Service.Service: "
                        + "1:3: unknown variable accessed: name.nope");
        assertThat(put(query(B, "t", "", template("", false), service("${name.full", null))).error())
                .startsWith("failed compiling template: Bad format '${name.full' in Service.Service: ");
        assertThat(put(query(B, "t", "", template("(", false), service("x", null))).error())
                .startsWith("failed compiling template: Bad Regexp: ");
        put(query(B, "", "", template("", false), service("x", null)));
        assertThat(put(query(C, "", "", template("", false), service("y", null))).error())
                .isEqualTo("a query template with an empty name already exists");
        assertThat(s.apply(++index, new PreparedQueryRequest(PreparedQueryRequest.Op.CREATE,
                query("", "z", "", null, service("z", null)))).error()).isEqualTo("Missing Query ID");
    }

    @Test
    void resolvesByIdThenExactNameThenLongestTemplatePrefix() {
        put(query(A, "geo-db", "", null, service("exact", null)));
        put(query(B, "geo-", "", template("^geo-(.*?)-(.*)$", false), service("${match(1)}",
                List.of("${match(2)}", "${name.suffix}", "${name.prefix}", "${name.full}", "$${x}"))));
        put(query(C, "", "", template("", false), service("catchall-${name.full}", null)));

        assertThat(s.preparedQueryResolve(A, "").value().service().service()).isEqualTo("exact");
        assertThat(s.preparedQueryResolve("geo-db", "").value().service().service()).isEqualTo("exact");
        PreparedQuery r = s.preparedQueryResolve("geo-web-v2", "").value();
        assertThat(r.id()).isEqualTo(B);
        assertThat(r.service().service()).isEqualTo("web");
        assertThat(r.service().tags()).containsExactly("v2", "web-v2", "geo-", "geo-web-v2", "${x}");
        // Not matching the regexp: match() is "" (no error).
        assertThat(s.preparedQueryResolve("geo-x", "").value().service().service()).isEmpty();
        assertThat(s.preparedQueryResolve("other", "").value().service().service()).isEqualTo("catchall-other");
        assertThatThrownBy(() -> s.preparedQueryResolve(B, ""))
                .hasMessage("prepared query templates can only be resolved up by name, not by ID");
        assertThatThrownBy(() -> s.preparedQueryResolve("", "")).hasMessage("Missing Query ID");
    }

    @Test
    void removeEmptyTagsDropsTagsThatRenderEmpty() {
        put(query(A, "svc-", "", template("^svc-([^.]*)(?:\\.(.*))?$", true), new ServiceQuery("${match(1)}", "",
                null, false, null, "", List.of("${match(2)}", "fixed"), Map.of("zone", "${match(2)}"), null, false,
                "")));
        PreparedQuery r = s.preparedQueryResolve("svc-web", "seg1").value();
        assertThat(r.service().service()).isEqualTo("web");
        assertThat(r.service().tags()).containsExactly("fixed");
        assertThat(r.service().nodeMeta()).containsEntry("zone", "");
        assertThat(s.preparedQueryResolve("svc-web.blue", "").value().service().tags()).containsExactly("blue",
                "fixed");
    }

    @Test
    void agentSegmentIsInterpolated() {
        put(query(A, "seg-", "", template("", false), service("web-${agent.segment}", null)));
        assertThat(s.preparedQueryResolve("seg-x", "alpha").value().service().service()).isEqualTo("web-alpha");
    }

    @Test
    void endingTheSessionDeletesItsQueries() {
        put(query(A, "", S_RELEASE, null, service("web", null)));
        put(query(B, "kept", "", null, service("web", null)));
        s.apply(++index, new SessionRequest(SessionRequest.Op.DESTROY, new Session(S_RELEASE, null, null, 0, null,
                null, null, null, null, 0, 0)));
        assertThat(s.preparedQuery(A, null).value()).isNull();
        assertThat(s.preparedQuery(B, null).value()).isNotNull();
        assertThat(s.preparedQueries(null).index()).isEqualTo(index);
    }

    @Test
    void aListReadWakesOnAnyQueryChange() {
        WatchSet ws = new WatchSet();
        s.preparedQueries(ws);
        WatchSet.Subscription sub = ws.listen(() -> { });
        assertThat(sub.isDone()).isFalse();
        put(query(A, "web", "", null, service("web", null)));
        assertThat(sub.isDone()).isTrue();
    }
}
