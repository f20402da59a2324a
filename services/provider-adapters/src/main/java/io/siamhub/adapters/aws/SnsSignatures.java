package io.siamhub.adapters.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.siamhub.adapters.core.SenderRejected;
import io.smallrye.mutiny.Uni;

/**
 * Verifies an SNS message: a known type, an allowed TopicArn, a signing certificate URL on an SNS
 * host over https, and the RSA signature over AWS's canonical string (SignatureVersion 1:
 * SHA1withRSA, 2: SHA256withRSA).
 */
@ApplicationScoped
public class SnsSignatures {

    private final List<Pattern> topics;
    private final SigningCertificates certificates;

    SnsSignatures(AwsConfig config, SigningCertificates certificates) {
        this.topics = config.sns().topicArns().orElse(List.of()).stream().map(SnsSignatures::glob)
                .collect(Collectors.toList());
        this.certificates = certificates;
    }

    Uni<Void> verify(SnsEnvelope message) {
        if (message.type() == null) {
            throw new SenderRejected("the message has no Type: an SNS message is a Notification, SubscriptionConfirmation or "
                    + "UnsubscribeConfirmation");
        }
        if (!SnsEnvelope.TYPES.contains(message.type())) {
            throw new SenderRejected("Type " + message.type() + " is not an SNS message type (Notification, SubscriptionConfirmation "
                    + "or UnsubscribeConfirmation)");
        }
        if (message.topicArn() == null) {
            throw new SenderRejected("the message has no TopicArn");
        }
        if (topics.stream().noneMatch(topic -> topic.matcher(message.topicArn()).matches())) {
            throw new SenderRejected("TopicArn " + message.topicArn() + " is not in siam.adapters.aws.sns.topic-arns"
                    + (topics.isEmpty() ? ", which is empty: every SNS message is refused until it names the topics" : ""));
        }
        String algorithm = switch (message.signatureVersion() == null ? "" : message.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new SenderRejected(message.signatureVersion() == null ? "the message has no SignatureVersion (1 or 2)"
                    : "SignatureVersion " + message.signatureVersion() + " is not 1 or 2");
        };
        URI certificateUrl = SnsHosts.allowed(message.signingCertUrl());
        if (certificateUrl == null) {
            throw new SenderRejected("SigningCertURL is not https on an sns.<region>.amazonaws.com host");
        }
        if (message.signature() == null) {
            throw new SenderRejected("the message has no Signature");
        }
        return certificates.get(certificateUrl).map(certificate -> {
            check(message, algorithm, certificate);
            return null;
        });
    }

    private static void check(SnsEnvelope message, String algorithm, X509Certificate certificate) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(certificate.getPublicKey());
            signature.update(message.canonical().getBytes(StandardCharsets.UTF_8));
            if (!signature.verify(Base64.getDecoder().decode(message.signature()))) {
                throw new SenderRejected("the SNS signature does not match the message");
            }
        } catch (IllegalArgumentException e) {
            throw new SenderRejected("the SNS signature is not base64");
        } catch (GeneralSecurityException e) {
            throw new SenderRejected("the SNS signature cannot be verified with the signing certificate's key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Pattern glob(String topic) {
        return Pattern.compile(java.util.Arrays.stream(topic.trim().split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }
}
