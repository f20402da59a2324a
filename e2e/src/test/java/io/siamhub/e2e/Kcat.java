package io.siamhub.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;

/** Debian's {@code kcat}, a Kafka client that is not ours, reading a topic from the beginning to its end. */
public final class Kcat {

    /** One record as kcat prints it with {@code -J}; {@code timestamp} is the record's (producer) time in epoch milliseconds. */
    public record Record(int partition, long offset, String key, Map<String, String> headers, String payload, long timestamp) {
    }

    private Kcat() {
    }

    public static List<Record> readAll(String topic) {
        Path kcat = Path.of("/usr/bin/kcat");
        if (!Files.isExecutable(kcat)) {
            throw new IllegalStateException("/usr/bin/kcat is missing: ./hub test installs it (or apt-get install kcat)");
        }
        try {
            Path output = Files.createTempFile(Path.of("target"), "kcat-", ".jsonl");
            Process process = new ProcessBuilder(kcat.toString(), "-b", Hub.stack().broker().bootstrapServers(), "-C", "-t", topic,
                    "-o", "beginning", "-e", "-J", "-q", "-X", "fetch.wait.max.ms=100")
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kcat did not reach the end of " + topic + " in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kcat exited with " + process.exitValue());
            }
            List<Record> records = new ArrayList<>();
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(record(SiamJson.mapper().readTree(line)));
                }
            }
            Files.delete(output);
            return records;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Record record(JsonNode json) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode pairs = json.path("headers");
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            headers.put(pairs.get(i).asText(), pairs.get(i + 1).asText());
        }
        return new Record(json.path("partition").asInt(), json.path("offset").asLong(),
                json.path("key").isNull() ? null : json.path("key").asText(), headers,
                json.path("payload").isNull() ? null : json.path("payload").asText(), json.path("ts").asLong());
    }
}
