package dev.proconsul.agent.checks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS to a Docker engine on tcp://, configured the way Docker's own clients read the environment: TLS is on when
 * DOCKER_TLS_VERIFY or DOCKER_CERT_PATH is set; the files are {@code ca.pem}, {@code cert.pem} and {@code key.pem}
 * in DOCKER_CERT_PATH (default {@code ~/.docker}); the engine's certificate and host name are verified against
 * {@code ca.pem} only when DOCKER_TLS_VERIFY is non-empty. The client certificate is presented when present.
 */
record DockerTls(SSLContext context, boolean verify) {
    static final String CA = "ca.pem";
    static final String CERT = "cert.pem";
    static final String KEY = "key.pem";

    /**
     * The TLS settings the environment asks for, or null for plain TCP.
     *
     * @throws IllegalArgumentException naming the file when the certificates cannot be read
     */
    static DockerTls fromEnvironment(Map<String, String> env) {
        String verifyVar = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
        if (verifyVar.isEmpty() && certPath.isEmpty()) {
            return null;
        }
        Path dir = certPath.isEmpty() ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker")
                : Path.of(certPath);
        return load(dir, !verifyVar.isEmpty());
    }

    static DockerTls load(Path dir, boolean verify) {
        try {
            KeyManager[] keys = keyManagers(dir);
            TrustManager[] trust = verify ? trustManagers(dir.resolve(CA)) : new TrustManager[] {
                TrustAll.manager()};
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return new DockerTls(ctx, verify);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Docker TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path dir) throws GeneralSecurityException {
        Path certFile = dir.resolve(CERT);
        Path keyFile = dir.resolve(KEY);
        if (!Files.exists(certFile) && !Files.exists(keyFile)) {
            return null; // no client certificate: the engine may not ask for one
        }
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        return kmf.getKeyManagers();
    }

    private static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try {
            ts.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certificates(caFile)) {
            ts.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    private static List<Certificate> certificates(Path file) {
        try (var in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("Docker TLS: no certificate in " + file);
            }
            return new ArrayList<>(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Docker TLS: could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** key.pem as Docker writes it (PKCS#1 RSA or SEC1 EC) or as PKCS#8. */
    private static PrivateKey privateKey(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                // openssl's traditional forms carry the public half; without it, take the private key alone
                return pair.getPublicKeyInfo() != null ? conv.getKeyPair(pair).getPrivate()
                        : conv.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new IllegalArgumentException("Docker TLS: no unencrypted private key in " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Docker TLS: could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
