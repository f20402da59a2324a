package io.siamhub.adapters.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamhub.localstack.JiraDouble;
import io.siamhub.localstack.ServiceNowDouble;

/**
 * Starts a loopback ServiceNow ({@link ServiceNowDouble}) and Jira ({@link JiraDouble}) and points the
 * two-way sync at them, as an install would. One resource for both sync suites, so they share one app.
 */
public class TicketSystems implements QuarkusTestResourceLifecycleManager {

    public static final String SNOW_USER = "siam.integration";
    public static final String SNOW_PASSWORD = "s3cret-Pa55-never-logged";
    public static final String JIRA_EMAIL = "siam@example.com";
    public static final String JIRA_TOKEN = "jira-api-token-never-logged";
    public static final String JIRA_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";

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
            serviceNow = ServiceNowDouble.start(SNOW_USER, SNOW_PASSWORD);
            jira = JiraDouble.start(JIRA_EMAIL, JIRA_TOKEN, JIRA_ACCOUNT, "OPS");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("siam.adapters.outbound.servicenow.url", serviceNow.url());
        config.put("siam.adapters.outbound.servicenow.username", SNOW_USER);
        config.put("siam.adapters.outbound.servicenow.password", SNOW_PASSWORD);
        config.put("siam.adapters.outbound.servicenow.sync-priorities", "P1,P2");
        config.put("siam.adapters.outbound.servicenow.sync-owners", "snow-desk");
        config.put("siam.adapters.outbound.servicenow.assignment-groups.aws", "Cloud Operations");
        config.put("siam.adapters.outbound.jira.url", jira.url());
        config.put("siam.adapters.outbound.jira.username", JIRA_EMAIL);
        config.put("siam.adapters.outbound.jira.password", JIRA_TOKEN);
        config.put("siam.adapters.outbound.jira.account-id", JIRA_ACCOUNT);
        config.put("siam.adapters.outbound.jira.project-key", "OPS");
        // Jira takes the P1s of the owner "jira-desk" only: the ServiceNow suite's incidents stay out of it
        config.put("siam.adapters.outbound.jira.sync-priorities", "P5");
        config.put("siam.adapters.outbound.jira.sync-owners", "jira-desk");
        config.put("siam.adapters.outbound.jira.assignees.jira-desk", "712020:jira-desk-lead");
        config.put("siam.adapters.outbound.jira.create-fields.customfield_10010", "{\"value\": \"Sev 2\"}");
        config.put("siam.adapters.outbound.jira.create-fields.customfield_10020", "siam-hub");
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
