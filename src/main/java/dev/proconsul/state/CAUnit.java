package dev.proconsul.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.CARootsRequest;
import dev.proconsul.structs.Indexed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The Connect CA state (Consul's connect_ca.go): roots, cluster ID and the active signing key, with its read, write,
 * watch topic and snapshot member ({@code CA}). Roots keep their CreateIndex across rotations and take the write's
 * ModifyIndex.
 */
final class CAUnit implements TableUnit {
    static final TableKey<CATable> ROOTS = new TableKey<>("connect-ca-roots", CATable.EMPTY);
    static final CAUnit UNIT = new CAUnit();

    /** Topic: the CA state. */
    static final String TOPIC = "ca";

    private CAUnit() {
    }

    /** The CA state; no roots and a null cluster ID before the CA is initialised. */
    static Indexed<CARoots> roots(Tables t) {
        CATable ca = t.get(ROOTS);
        return TableUnit.indexed(ca.index(), ca.roots());
    }

    static void set(Txn tx, CARootsRequest req) throws Rejected {
        List<CARoot> roots = new ArrayList<>();
        String active = null;
        if (req.roots() != null) {
            for (CARoot r : req.roots()) {
                if (r == null || CatalogUnit.isEmpty(r.id())) {
                    throw new Rejected("CA root is missing its ID");
                }
                long created = tx.index;
                for (CARoot old : tx.get(ROOTS).roots().roots()) {
                    if (old.id().equals(r.id())) {
                        created = old.createIndex();
                    }
                }
                if (r.active()) {
                    if (active != null) {
                        throw new Rejected("Only one CA root may be active");
                    }
                    active = r.id();
                }
                roots.add(new CARoot(r.id(), r.name(), r.serialNumber(), r.signingKeyId(), r.externalTrustDomain(),
                        r.notBefore(), r.notAfter(), r.rootCert(),
                        r.intermediateCerts() == null ? List.of()
                                : Collections.unmodifiableList(new ArrayList<>(r.intermediateCerts())),
                        r.active(), r.privateKeyType(), r.privateKeyBits(), created, tx.index));
            }
        }
        tx.set(ROOTS, new CATable(new CARoots(req.clusterId(), active, Collections.unmodifiableList(roots),
                req.privateKeyPem()), tx.index));
        tx.topics.add(TOPIC);
    }

    // ------------------------------------------------------------------ snapshot

    /** CARoots including the private key, which the API-facing record never serialises. */
    record CAState(@JsonProperty("ClusterID") String clusterId,
                   @JsonProperty("ActiveRootID") String activeRootId,
                   @JsonProperty("Roots") List<CARoot> roots,
                   @JsonProperty("PrivateKey") String privateKeyPem) {
    }

    @Override
    public List<TableKey<?>> tables() {
        return List.of(ROOTS);
    }

    @Override
    public void writeIndexes(Tables t, IndexSink out) {
        out.index(ROOTS.name, t.get(ROOTS).index());
    }

    @Override
    public void writeSections(Tables t, JsonGenerator g) throws IOException {
        CARoots ca = t.get(ROOTS).roots();
        g.writeFieldName("CA");
        g.writeObject(new CAState(ca.clusterId(), ca.activeRootId(), ca.roots(), ca.privateKeyPem()));
    }

    @Override
    public SectionReader reader() {
        return new SectionReader() {
            private CARoots ca = CATable.NONE;

            @Override
            public boolean read(String name, JsonParser p) throws IOException {
                if (!name.equals("CA")) {
                    return false;
                }
                CAState s = p.currentToken() == JsonToken.VALUE_NULL ? null : p.readValueAs(CAState.class);
                ca = s == null ? CATable.NONE : new CARoots(s.clusterId(), s.activeRootId(),
                        s.roots() == null ? List.of() : Collections.unmodifiableList(s.roots()),
                        s.privateKeyPem());
                return true;
            }

            @Override
            public void finish(Map<String, Long> indexes, Tables.Builder out) {
                out.put(ROOTS, new CATable(ca, indexes.getOrDefault(ROOTS.name, 0L)));
            }
        };
    }
}
