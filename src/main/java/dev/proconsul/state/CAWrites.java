package dev.proconsul.state;

import dev.proconsul.structs.CARoot;
import dev.proconsul.structs.CARoots;
import dev.proconsul.structs.CARootsRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Installs the Connect CA state; roots keep their CreateIndex across rotations and take the write's ModifyIndex. */
final class CAWrites {
    private CAWrites() {
    }

    static void set(Txn tx, CARootsRequest req) throws Rejected {
        List<CARoot> roots = new ArrayList<>();
        String active = null;
        if (req.roots() != null) {
            for (CARoot r : req.roots()) {
                if (r == null || CatalogWrites.isEmpty(r.id())) {
                    throw new Rejected("CA root is missing its ID");
                }
                long created = tx.index;
                for (CARoot old : tx.ca.roots().roots()) {
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
        tx.ca = new CATable(new CARoots(req.clusterId(), active, Collections.unmodifiableList(roots),
                req.privateKeyPem()), tx.index);
        tx.topics.add(Topics.CA);
    }
}
