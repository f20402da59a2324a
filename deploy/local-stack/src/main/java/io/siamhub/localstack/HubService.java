package io.siamhub.localstack;

/** The four services of siam-hub as the local stack runs them: module, default port, and their settings' names. */
public enum HubService {

    PROVIDER_ADAPTERS("provider-adapters", 8081, "SIAM_ADAPTERS_PORT", "ADAPTERS_URL"),
    INCIDENT_BROKER("incident-broker", 8082, "SIAM_INCIDENTS_PORT", "INCIDENTS_URL"),
    CHANGE_COORDINATOR("change-coordinator", 8083, "SIAM_CHANGES_PORT", "CHANGES_URL"),
    SLA_MONITOR("sla-monitor", 8084, "SIAM_SLA_PORT", "SLA_URL");

    private final String module;
    private final int defaultPort;
    private final String portVariable;
    private final String urlKey;

    HubService(String module, int defaultPort, String portVariable, String urlKey) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.portVariable = portVariable;
        this.urlKey = urlKey;
    }

    /** The Maven module under {@code services/}, also the Quarkus application name. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The environment variable that moves it to another port (0: any free port). */
    public String portVariable() {
        return portVariable;
    }

    /** Its key in {@code target/hub/stack.env}. */
    public String urlKey() {
        return urlKey;
    }
}
