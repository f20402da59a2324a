package io.siamhub.adapters.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTPS GETs to SNS (signing certificates, subscription confirmations): never follows a redirect
 * (it could leave the SNS host), short timeouts, a size cap, and an optional trust store.
 */
@ApplicationScoped
public class SnsHttps {

    private static final int MAX_BYTES = 64 * 1024;

    private final HttpClient client;

    SnsHttps(AwsConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        config.sns().trustStore().ifPresent(path -> builder.sslContext(
                sslContext(path, config.sns().trustStorePassword().orElse(""))));
        this.client = builder.build();
    }

    /** GETs the URL; completes with the body of a 2xx answer, fails otherwise. */
    CompletableFuture<byte[]> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("GET " + uri.getHost() + uri.getPath() + " answered " + response.statusCode());
                }
                byte[] content = body.readNBytes(MAX_BYTES + 1);
                if (content.length > MAX_BYTES) {
                    throw new IllegalStateException("GET " + uri.getHost() + uri.getPath() + " answered more than " + MAX_BYTES + " bytes");
                }
                return content;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static SSLContext sslContext(java.nio.file.Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the SNS trust store " + trustStore, e);
        }
    }
}
