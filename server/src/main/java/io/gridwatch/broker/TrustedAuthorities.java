package io.gridwatch.broker;

import io.gridwatch.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/** The certificate authorities a broker's TLS certificate is checked against, read from a PEM file. */
final class TrustedAuthorities {

    private TrustedAuthorities() {
    }

    /** @throws ConfigException when the file holds no certificate or cannot be read */
    static TrustManagerFactory fromPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigException("GRIDWATCH_MQTT_BROKER_CA: no certificate in " + file);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("GRIDWATCH_MQTT_BROKER_CA: cannot read certificates from " + file + ": "
                    + e.getMessage());
        }
    }
}
