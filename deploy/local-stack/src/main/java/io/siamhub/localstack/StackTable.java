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
        out.append(String.format("  %-20s %s%n", "Webhook secrets", "SIAM_WEBHOOK_TOKEN, SIAM_WEBHOOK_HMAC_SECRET in the facts file; kept in "
                + shown(stack.secretsDir()) + " across runs"));
        out.append(String.format("  %-20s %s%n", "Logs", shown(stack.service(HubService.PROVIDER_ADAPTERS).log().getParent())));
        out.append(String.format("  %-20s %s%n", "Facts for scripts", shown(envFile)));
        out.append(String.format("%nCtrl-C stops everything.%n"));
        return out.toString();
    }

    /**
     * A path as the user types it: relative to the folder {@code ./hub} was run from when it lies inside
     * it ({@code target/hub/logs}), else absolute.
     */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    private StackTable() {
    }
}
