package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.DevJwt;
import io.siamhub.model.SiamJson;

/**
 * The READMEs are true: on a fresh {@code ./hub up} (started as a user starts it), what it prints is
 * what the root README shows, every {@code ```bash} block of every Markdown file runs copy-pasted and
 * prints what the README says it prints, and every alert a README tells the user to post becomes a
 * placed, prioritised, owned incident. A new module's README examples are covered by writing them as
 * {@code ```bash} blocks (see {@link ReadmeExamples}).
 */
@ExtendWith(FreshHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class ReadmeExamplesIT {

    private static final String MARKER = "@@siam-hub-step@@";
    private static final Pattern BUILD_LINE = Pattern.compile("^(siam-hub: building .*|  \\[\\s*\\d+/\\d+\\] .*|siam-hub: built in .*)$");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    @Test
    @Order(1)
    void hubUpPrintsWhatTheRootReadmeShows() throws IOException {
        List<String> shown = rootReadmeSample().stream().filter(line -> !BUILD_LINE.matcher(line).matches()).toList();
        List<String> printed = FreshHub.output().stream().map(String::stripTrailing).filter(line -> !line.isBlank())
                .filter(line -> !BUILD_LINE.matcher(line).matches()).toList();
        assertThat(printed).as("./hub up printed, against the README's sample").hasSameSizeAs(shown);
        for (int i = 0; i < shown.size(); i++) {
            assertThat(printed.get(i)).as("line %d of the README's ./hub up sample", i + 1).matches(pattern(shown.get(i)));
        }
    }

    @Test
    @Order(2)
    void theBuildProgressIsPrintedAsTheRootReadmeShows() throws Exception {
        List<String> shown = rootReadmeSample().stream().filter(line -> line.matches("^  \\[\\s*\\d+/\\d+\\] .*")).toList();
        assertThat(shown).as("the README shows a first run's build, module by module").isNotEmpty();
        String hub = Files.readString(Hub.ROOT.resolve("hub"));
        Matcher function = Pattern.compile("(?ms)^build_progress\\(\\) \\{.*?^\\}$").matcher(hub);
        assertThat(function.find()).as("./hub has a build_progress function").isTrue();
        Path sample = Path.of(getClass().getResource("/maven-reactor.log").toURI());
        Process process = new ProcessBuilder("bash", "-c", function.group() + "\nbuild_progress < '" + sample + "'").start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(printed.lines().toList()).as("what ./hub prints for Maven's reactor lines").containsExactlyElementsOf(shown);
    }

    @Test
    @Order(3)
    void everyBashExampleOfEveryMarkdownFileRunsCopyPastedAndPrintsWhatItShows() throws Exception {
        List<ReadmeExamples.Block> blocks = new ArrayList<>();
        for (Path file : ReadmeExamples.files()) {
            blocks.addAll(ReadmeExamples.blocks(file));
        }
        assertThat(blocks).as("the README examples (```bash blocks)").hasSizeGreaterThanOrEqualTo(3);
        for (ReadmeExamples.Block block : blocks) {
            run(block);
        }
    }

    @Test
    @Order(4)
    void everyAlertTheReadmesPostLandsPlacedPrioritisedAndOwned() {
        JsonNode page = api("/api/incidents?limit=500");
        assertThat(page.path("total").asLong()).as("the README examples open incidents").isPositive();
        for (JsonNode incident : page.path("items")) {
            String name = incident.path("number").asText() + " (" + incident.path("title").asText() + ")";
            assertThat(incident.path("unmapped").asBoolean()).as("%s is unmapped", name).isFalse();
            assertThat(incident.path("configurationItem").isTextual() || incident.path("service").isTextual())
                    .as("%s is placed", name).isTrue();
            assertThat(incident.path("owner").asText()).as("%s has an owner of its own", name).isNotEqualTo("service-desk");
            assertThat(incident.path("priority").asText()).as("%s is prioritised", name).matches("P[1-5]");
        }
    }

    private static void run(ReadmeExamples.Block block) throws Exception {
        StringBuilder script = new StringBuilder("""
                set -euo pipefail
                # as a user's curl, but a 4xx or 5xx answer fails the example (the README's examples all succeed)
                curl() { command curl --silent --show-error --fail-with-body "$@"; }
                """);
        for (ReadmeExamples.Step step : block.steps()) {
            script.append(step.script()).append("printf '\\n%s\\n' '").append(MARKER).append("'\n");
        }
        Path file = Files.createTempFile(FreshHub.HOME.resolve("target"), "example-", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(FreshHub.HOME.toFile());
        builder.environment().putAll(FreshHub.environment());
        Path out = Files.createTempFile(FreshHub.HOME.resolve("target"), "example-", ".out");
        Path err = Files.createTempFile(FreshHub.HOME.resolve("target"), "example-", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        String[] outputs = stdout.split("\n" + Pattern.quote(MARKER) + "\n", -1);
        assertThat(ended && process.exitValue() == 0).as("the example at %s failed (exit %s)%n--- it printed:%n%s%n--- and on stderr:%n%s",
                block, ended ? process.exitValue() : "timeout", stdout, stderr).isTrue();
        for (int i = 0; i < block.steps().size(); i++) {
            ReadmeExamples.Step step = block.steps().get(i);
            if (step.expected() != null) {
                String mismatch = ReadmeExamples.mismatch(step.expected(), outputs[i]);
                assertThat(mismatch).as("what the command before line %d of %s prints", step.line(), Hub.ROOT.relativize(block.file()))
                        .isNull();
            }
        }
    }

    /** The lines of the root README's sample run: the fenced block that starts with {@code $ ./hub up}. */
    private static List<String> rootReadmeSample() throws IOException {
        List<String> lines = Files.readAllLines(Hub.ROOT.resolve("README.md"));
        int start = lines.indexOf("$ ./hub up");
        assertThat(start).as("the root README shows a ./hub up run").isNotNegative();
        List<String> sample = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            if (!lines.get(i).isBlank()) {
                sample.add(lines.get(i).stripTrailing());
            }
        }
        return sample;
    }

    /**
     * A README line as a pattern: numbers (ports, times, sizes) may differ, and so may the padding between
     * table columns (two or more spaces), which follows the width of those numbers; the rest may not.
     */
    private static String pattern(String line) {
        StringBuilder pattern = new StringBuilder();
        Matcher number = NUMBER.matcher(line);
        int at = 0;
        while (number.find()) {
            pattern.append(literal(line.substring(at, number.start()))).append("\\d+(?:\\.\\d+)?");
            at = number.end();
        }
        return pattern.append(literal(line.substring(at))).toString();
    }

    /** Text quoted as a pattern, except that a run of two or more spaces (a column gap) matches any such run. */
    private static String literal(String text) {
        StringBuilder literal = new StringBuilder();
        String[] parts = text.split("(?<=\\S|^) {2,}(?=\\S)", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                literal.append(" {2,}");
            }
            if (!parts[i].isEmpty()) {
                literal.append(Pattern.quote(parts[i]));
            }
        }
        return literal.toString();
    }

    private static JsonNode api(String path) {
        String token = DevJwt.token(Path.of(FreshHub.fact("JWT_PRIVATE_KEY_FILE")), "readme-check", List.of("siam-viewer"),
                Duration.ofMinutes(10));
        var response = Webhooks.send(HttpRequest.newBuilder(URI.create(FreshHub.fact("INCIDENTS_URL") + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return SiamJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
