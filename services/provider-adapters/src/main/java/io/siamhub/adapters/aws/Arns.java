package io.siamhub.adapters.aws;

/** {@code arn:partition:service:region:account:resource}: region codes and accounts come from here, never from display names. */
final class Arns {

    private Arns() {
    }

    static String region(String arn) {
        return part(arn, 3);
    }

    static String account(String arn) {
        return part(arn, 4);
    }

    private static String part(String arn, int index) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > index && !parts[index].isBlank() ? parts[index] : null;
    }
}
