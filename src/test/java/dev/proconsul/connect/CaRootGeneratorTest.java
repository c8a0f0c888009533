package dev.proconsul.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaRootGeneratorTest {
    @Test
    void rootIsASelfSignedSpiffeCaThatParsesFromItsPem() throws Exception {
        String clusterId = "11111111-2222-3333-4444-555555555555";
        CaRootGenerator.GeneratedRoot g = new CaRootGenerator().generate(clusterId);

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(g.root().rootCert().getBytes(StandardCharsets.US_ASCII)));
        cert.verify(cert.getPublicKey());
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getSubjectAlternativeNames()).contains(List.of(6, "spiffe://" + clusterId + ".consul"));
        assertThat(g.root().active()).isTrue();
        assertThat(g.root().id()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(g.root().privateKeyType()).isEqualTo("ec");
        assertThat(g.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(g.root().serialNumber()).isEqualTo(cert.getSerialNumber().longValueExact());
    }
}
