package dev.proconsul.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS settings of the client, mirroring Consul's CONSUL_CACERT / CONSUL_CAPATH / CONSUL_CLIENT_CERT /
 * CONSUL_CLIENT_KEY / CONSUL_TLS_SERVER_NAME / CONSUL_HTTP_SSL_VERIFY. Files are PEM.
 *
 * @param serverName when set, the server certificate must be valid for this name instead of the address's host
 * @param skipVerify accept any server certificate (CONSUL_HTTP_SSL_VERIFY=false)
 */
public record TlsConfig(Path caFile, Path caPath, Path clientCert, Path clientKey, String serverName,
                        boolean skipVerify) {
    public static final TlsConfig DEFAULT = new TlsConfig(null, null, null, null, null, false);

    /** Builds the SSL context; IllegalArgumentException names the file at fault. */
    SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(), new TrustManager[] {trustManager()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Error setting up TLS: " + e.getMessage(), e);
        }
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException {
        if (clientCert == null && clientKey == null) {
            return null;
        }
        if (clientCert == null || clientKey == null) {
            throw new IllegalArgumentException("Both client cert and client key must be provided");
        }
        List<Certificate> chain = new ArrayList<>(readCerts(clientCert));
        PrivateKey key = readKey(clientKey);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        char[] pw = new char[0];
        ks.setKeyEntry("client", key, pw, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private X509ExtendedTrustManager trustManager() throws GeneralSecurityException {
        if (skipVerify) {
            return new TrustAll();
        }
        KeyStore roots = null;
        if (caFile != null || caPath != null) {
            roots = KeyStore.getInstance("PKCS12");
            try {
                roots.load(null, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int n = 0;
            for (Certificate c : caCertificates()) {
                roots.setCertificateEntry("ca" + n++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        X509ExtendedTrustManager base = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                base = x;
            }
        }
        if (base == null) {
            throw new GeneralSecurityException("no X509 trust manager available");
        }
        return serverName == null || serverName.isEmpty() ? base : new NamedServer(base, serverName);
    }

    private List<Certificate> caCertificates() {
        List<Certificate> certs = new ArrayList<>();
        if (caFile != null) {
            certs.addAll(readCerts(caFile));
        }
        if (caPath != null) {
            try (Stream<Path> files = Files.list(caPath)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    certs.addAll(readCerts(p));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("Error reading CA path " + caPath + ": " + e.getMessage(), e);
            }
        }
        return certs;
    }

    private static Collection<? extends Certificate> readCerts(Path file) {
        try {
            byte[] pem = Files.readAllBytes(file);
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("No certificates found in " + file);
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("Error loading certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) {
        try (Reader r = Files.newBufferedReader(file); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new IllegalArgumentException("No unencrypted private key found in " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Error loading key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Verifies the chain with the delegate, then the leaf against a fixed name (-tls-server-name). */
    private static final class NamedServer extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final String name;

        NamedServer(X509ExtendedTrustManager delegate, String name) {
            this.delegate = delegate;
            this.name = name.toLowerCase(Locale.ROOT);
        }

        private void checkServer(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            if (!matches(chain[0])) {
                throw new CertificateException("x509: certificate is not valid for " + name);
            }
        }

        private boolean matches(X509Certificate cert) throws CertificateException {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            for (List<?> san : sans) {
                String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                int type = (Integer) san.get(0);
                if ((type == 2 || type == 7) && hostMatches(value, name)) {
                    return true;
                }
            }
            return false;
        }

        static boolean hostMatches(String pattern, String host) {
            if (pattern.startsWith("*.")) {
                int dot = host.indexOf('.');
                return dot > 0 && host.substring(dot).equals(pattern.substring(1));
            }
            return pattern.equals(host);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServer(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServer(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkServer(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** CONSUL_HTTP_SSL_VERIFY=false: no chain and no host check, as the user asked. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
