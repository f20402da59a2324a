package io.siamhub.adapters.aws;

import java.net.URI;
import java.util.regex.Pattern;

/** The one rule for every URL an SNS message makes us fetch: https, and an SNS host of AWS. */
final class SnsHosts {

    private static final Pattern SNS_HOST = Pattern.compile("^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$");

    private SnsHosts() {
    }

    /** The URL, when it is https on an SNS host without credentials in it; else null. */
    static URI allowed(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean snsHost = uri.getHost() != null && SNS_HOST.matcher(uri.getHost()).matches();
            return https && snsHost && uri.getRawUserInfo() == null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
