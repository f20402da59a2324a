package io.siamhub.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.siamhub.model.Topics;

/**
 * Refuses to start a service whose Kafka channels break the house rules: every consumer dead-letters
 * poison records to {@code <topic>.<service>.dlq}; every producer waits for all replicas and is
 * idempotent. A typo in application.properties fails loudly instead of losing records quietly.
 */
@ApplicationScoped
public class KafkaConventions {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
    private static final String CONNECTOR = "smallrye-kafka";

    void check(@Observes StartupEvent event, Config config) {
        List<String> problems = violations(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka channels break the siam-hub conventions: " + String.join("; ", problems));
        }
    }

    static List<String> violations(Config config) {
        String service = config.getValue("quarkus.application.name", String.class);
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(toList(config.getPropertyNames()))) {
            Matcher matcher = CHANNEL.matcher(name);
            if (!matcher.matches() || !CONNECTOR.equals(config.getOptionalValue(name, String.class).orElse(""))) {
                continue;
            }
            String direction = matcher.group(1);
            String channel = matcher.group(2);
            if (direction.equals("incoming")) {
                String topic = attribute(config, direction, channel, "topic").orElse(channel);
                String expected = Topics.deadLetter(topic, service);
                if (!"dead-letter-queue".equals(attribute(config, direction, channel, "failure-strategy").orElse("fail"))) {
                    problems.add("incoming channel " + channel + " must use failure-strategy=dead-letter-queue");
                }
                if (!expected.equals(attribute(config, direction, channel, "dead-letter-queue.topic").orElse(""))) {
                    problems.add("incoming channel " + channel + " must dead-letter to " + expected);
                }
            } else {
                if (!"all".equals(attribute(config, direction, channel, "acks").orElse(""))) {
                    problems.add("outgoing channel " + channel + " must use acks=all");
                }
                if (!"true".equals(attribute(config, direction, channel, "enable.idempotence").orElse(""))) {
                    problems.add("outgoing channel " + channel + " must use enable.idempotence=true");
                }
            }
        }
        return problems;
    }

    /** A channel attribute, or the connector-wide default. */
    private static Optional<String> attribute(Config config, String direction, String channel, String attribute) {
        return config.getOptionalValue("mp.messaging." + direction + "." + channel + "." + attribute, String.class)
                .or(() -> config.getOptionalValue("mp.messaging.connector." + CONNECTOR + "." + attribute, String.class));
    }

    private static List<String> toList(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }
}
