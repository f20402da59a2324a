package io.siamhub.adapters.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamhub.localstack.JiraDouble;
import io.siamhub.localstack.ServiceNowDouble;

/**
 * A loopback ServiceNow and Jira that also serve the OAuth 2.0 client-credentials grant (ServiceNow at
 * {@code /oauth_token.do}, Jira at {@code /oauth/token} as Atlassian's {@code auth.atlassian.com} does), with the
 * two-way sync configured for OAuth only (no username / password): as an install using OAuth clients would.
 */
public class OAuthTicketSystems implements QuarkusTestResourceLifecycleManager {

    public static final String SNOW_CLIENT = "3f1c6c2b9e5d4f0aa1b2c3d4e5f60718";
    public static final String SNOW_SECRET = "snow-client-secret-never-logged";
    public static final String JIRA_CLIENT = "atlassian-sa-client";
    public static final String JIRA_SECRET = "jira-client-secret-never-logged";
    /** How long the doubles' tokens live (Atlassian's: 60 minutes). */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static volatile ServiceNowDouble serviceNow;
    private static volatile JiraDouble jira;

    public static ServiceNowDouble serviceNow() {
        return serviceNow;
    }

    public static JiraDouble jira() {
        return jira;
    }

    @Override
    public Map<String, String> start() {
        try {
            // basic credentials nobody configures in the hub: only tokens get in
            serviceNow = ServiceNowDouble.start("nobody", "no-basic-here");
            jira = JiraDouble.start("nobody@example.com", "no-basic-here", "712020:siam-service-account", "OPS");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serviceNow.oauth("/oauth_token.do", SNOW_CLIENT, SNOW_SECRET, LIFETIME);
        jira.oauth("/oauth/token", JIRA_CLIENT, JIRA_SECRET, LIFETIME);
        Map<String, String> config = new HashMap<>();
        config.put("siam.adapters.outbound.servicenow.url", serviceNow.url());
        config.put("siam.adapters.outbound.servicenow.oauth.token-url", serviceNow.url() + "/oauth_token.do");
        config.put("siam.adapters.outbound.servicenow.oauth.client-id", SNOW_CLIENT);
        config.put("siam.adapters.outbound.servicenow.oauth.client-secret", SNOW_SECRET);
        config.put("siam.adapters.outbound.servicenow.sync-priorities", "P1,P2");
        config.put("siam.adapters.outbound.jira.url", jira.url());
        config.put("siam.adapters.outbound.jira.site-url", "https://acme.atlassian.net");
        config.put("siam.adapters.outbound.jira.oauth.token-url", jira.url() + "/oauth/token");
        config.put("siam.adapters.outbound.jira.oauth.client-id", JIRA_CLIENT);
        config.put("siam.adapters.outbound.jira.oauth.client-secret", JIRA_SECRET);
        config.put("siam.adapters.outbound.jira.oauth.scope", "read:jira-work write:jira-work");
        config.put("siam.adapters.outbound.jira.account-id", "712020:siam-service-account");
        config.put("siam.adapters.outbound.jira.sync-priorities", "P5");
        config.put("siam.adapters.outbound.jira.sync-owners", "jira-desk");
        return config;
    }

    @Override
    public void stop() {
        if (serviceNow != null) {
            serviceNow.close();
        }
        if (jira != null) {
            jira.close();
        }
    }
}
