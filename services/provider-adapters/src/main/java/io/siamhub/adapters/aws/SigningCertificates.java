package io.siamhub.adapters.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.siamhub.adapters.core.SenderRejected;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The certificates SNS signs with, by {@code SigningCertURL}: a pinned PEM from the configured folder
 * (named after the URL's last path segment, looked up when the URL is first needed, so a file added
 * while running is found), else fetched over https from the SNS host. Kept once loaded.
 */
@ApplicationScoped
public class SigningCertificates {

    private static final Logger LOG = Logger.getLogger(SigningCertificates.class);

    private final Optional<Path> pinned;
    private final SnsHttps https;
    private final Map<String, X509Certificate> cache = new ConcurrentHashMap<>();

    SigningCertificates(AwsConfig config, SnsHttps https) {
        this.pinned = config.sns().certDir();
        this.https = https;
    }

    /** The certificate at an allowed URL; fails with {@link SenderRejected} when it cannot be had. */
    Uni<X509Certificate> get(URI url) {
        X509Certificate cached = cache.get(url.toString());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Uni.createFrom().item(() -> pinnedFile(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(file -> file.isPresent() ? Uni.createFrom().item(read(file.get()))
                        : Uni.createFrom().completionStage(() -> https.get(url)).map(this::parse)
                                .onFailure(failure -> !(failure instanceof SenderRejected))
                                .transform(failure -> new SenderRejected("the signing certificate could not be fetched from "
                                        + url.getHost() + ": " + FetchFailures.reason(failure)
                                        + "; pin it instead: put " + fileName(url) + " into siam.adapters.aws.sns.cert-dir")))
                .invoke(certificate -> {
                    cache.put(url.toString(), certificate);
                    LOG.infof("SNS signing certificate loaded for %s", url);
                });
    }

    private static String fileName(URI url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Optional<Path> pinnedFile(URI url) {
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        String name = fileName(url);
        if (name.isBlank() || name.contains("..")) {
            return Optional.empty();
        }
        Path file = pinned.get().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private X509Certificate read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SenderRejected("the pinned signing certificate " + file.getFileName() + " cannot be read");
        }
    }

    private X509Certificate parse(byte[] pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            certificate.checkValidity();
            return certificate;
        } catch (CertificateException e) {
            throw new SenderRejected("the signing certificate is not a valid, current X.509 certificate");
        }
    }
}
