package io.siamhub.localstack;

import java.nio.file.Path;

/** What {@code ./hub up} prints once everything is ready. */
final class StackTable {

    static String render(HubStack stack, Path root, Path envFile, long startMillis) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nsiam-hub is up (ready %.1f s after start)%n%n", startMillis / 1000.0));
        out.append(String.format("  %-20s %-24s %s%n", "service", "URL", "Swagger UI"));
        for (HubService service : HubService.values()) {
            ServiceProcess process = stack.service(service);
            out.append(String.format("  %-20s %-24s %s%n", service.module(), process.url(), process.url() + "/q/swagger-ui"));
        }
        out.append(String.format("%n  %-20s %s%n", "Kafka bootstrap", stack.broker().bootstrapServers()));
        out.append(String.format("  %-20s %s (user %s)%n", "Database", stack.postgres().jdbcUrl(), stack.postgres().username()));
        out.append(String.format("  %-20s %s%n", "Token", "./hub token --role siam-viewer"));
        out.append(String.format("  %-20s %s%n", "Logs", root.relativize(root.resolve("target/hub/logs"))));
        out.append(String.format("  %-20s %s%n", "Facts for scripts", root.relativize(envFile)));
        out.append(String.format("%nCtrl-C stops everything.%n"));
        return out.toString();
    }

    private StackTable() {
    }
}
