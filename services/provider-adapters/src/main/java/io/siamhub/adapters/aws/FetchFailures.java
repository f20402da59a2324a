package io.siamhub.adapters.aws;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLException;

/**
 * Why an HTTPS call to SNS failed, in words: Java's HTTP client often fails with exceptions whose
 * message is null (a refused connection, a timeout), and "null" tells the reader of a refusal nothing.
 */
final class FetchFailures {

    static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.io.UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable at = cause; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at instanceof UnknownHostException || at instanceof UnresolvedAddressException) {
                return "the host name does not resolve (no DNS, or no route to the internet from this instance)";
            }
            if (at instanceof HttpConnectTimeoutException) {
                return "no connection within 5 s";
            }
            if (at instanceof HttpTimeoutException) {
                return "no answer within 10 s";
            }
            if (at instanceof ConnectException) {
                return "the connection was refused";
            }
            if (at instanceof SSLException) {
                return "the TLS handshake failed (" + describe(at) + "); a private CA needs siam.adapters.aws.sns.trust-store";
            }
        }
        return describe(cause);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private FetchFailures() {
    }
}
