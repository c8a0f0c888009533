package dev.proconsul.connect;

import dev.proconsul.structs.CARoot;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the built-in Connect CA's self-signed root, shaped like Consul's: an EC P-256 key, a SPIFFE trust-domain
 * URI SAN, CA constraints, ten-year validity. Leaf signing comes with the mesh issue.
 */
public final class CaRootGenerator {
    /** Consul's built-in CA default root validity. */
    static final Duration ROOT_TTL = Duration.ofDays(3650);

    private final SecureRandom random = new SecureRandom();

    /** A generated root with its PEM-encoded private key (kept only in the replicated state). */
    public record GeneratedRoot(CARoot root, String privateKeyPem, X509Certificate certificate) {
    }

    public GeneratedRoot generate(String clusterId) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = kpg.generateKeyPair();
            String trustDomain = clusterId + ".consul";
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            // Backdate a minute so that peers with slightly skewed clocks accept the root at once.
            Instant notBefore = now.minus(Duration.ofMinutes(1));
            Instant notAfter = now.plus(ROOT_TTL);
            long serial = 1 + (random.nextLong() & 0x7fffffffffffL);
            X500Name subject = new X500Name("CN=pri-" + randomHex(4) + ".consul.ca." + clusterId.substring(0, 8) + ".consul");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(serial),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));

            String keyId = colonHex(ext.createSubjectKeyIdentifier(keys.getPublic()).getKeyIdentifier());
            // Consul identifies a root by the colon-hex SHA-1 fingerprint of its certificate.
            String rootId = colonHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
            CARoot root = new CARoot(rootId, "Consul CA Primary Cert", serial, keyId, "",
                    notBefore.toString(), notAfter.toString(), pem(cert), List.of(), true, "ec", 256, 0, 0);
            return new GeneratedRoot(root, pem(keys.getPrivate()), cert);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the Connect CA root: " + e.getMessage(), e);
        }
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    static String pem(Object o) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }
}
