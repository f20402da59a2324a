package io.siamhub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import io.siamhub.model.SiamJson;

/**
 * The runnable examples of the project's Markdown files. The rule every README follows: a fenced
 * {@code ```bash} block runs copy-pasted, from the repository root, against a fresh {@code ./hub up}
 * (other fences — {@code ```sh}, {@code ```yaml}, plain {@code ```} — are shown, not run). Inside a
 * block, comment lines right after a command that start with {@code # {} or {@code # [} (continued by
 * {@code #   } lines) show what the command prints: JSON in which {@code ...} stands for anything
 * left out, compared field by field with what it really prints.
 */
final class ReadmeExamples {

    /** One runnable block: where it is, and its steps. */
    record Block(Path file, int line, List<Step> steps) {
        @Override
        public String toString() {
            return Hub.ROOT.relativize(file) + ":" + line;
        }
    }

    /** Commands, and what the last of them prints (null when the README shows nothing). */
    record Step(String script, String expected, int line) {
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*$");
    private static final Pattern SHOWN_OUTPUT = Pattern.compile("^\\s*# [\\[{].*");
    private static final Pattern CONTINUED_OUTPUT = Pattern.compile("^\\s*#   .*");

    private ReadmeExamples() {
    }

    /** Every Markdown file of the repository (not under target/, not fixtures): the root README first, then by path. */
    static List<Path> files() {
        try (Stream<Path> paths = Files.walk(Hub.ROOT)) {
            return paths.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        String relative = Hub.ROOT.relativize(path).toString();
                        return !relative.contains("target/") && !relative.startsWith(".") && !relative.contains("/fixtures/")
                                && !relative.contains("node_modules");
                    })
                    .sorted(Comparator.comparing((Path path) -> !path.equals(Hub.ROOT.resolve("README.md"))).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code ```bash} blocks of a file, in order. */
    static List<Block> blocks(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        String language = null;
        int start = 0;
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            var fence = FENCE.matcher(lines.get(i));
            if (fence.matches()) {
                if (language == null) {
                    language = fence.group(1);
                    start = i + 1;
                    body.clear();
                } else {
                    if (language.equals("bash")) {
                        blocks.add(new Block(file, start, steps(body, start + 1)));
                    }
                    language = null;
                }
            } else if (language != null) {
                body.add(lines.get(i));
            }
        }
        return blocks;
    }

    /** Splits a block at each shown output: the commands before it, and the output. */
    static List<Step> steps(List<String> body, int firstLine) {
        List<Step> steps = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        int stepLine = firstLine;
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            if (SHOWN_OUTPUT.matcher(line).matches()) {
                StringBuilder expected = new StringBuilder(line.strip().substring(2));
                while (i + 1 < body.size() && CONTINUED_OUTPUT.matcher(body.get(i + 1)).matches()) {
                    expected.append(' ').append(body.get(++i).strip().substring(1).strip());
                }
                steps.add(new Step(script.toString(), expected.toString(), stepLine));
                script.setLength(0);
                stepLine = firstLine + i + 1;
            } else {
                script.append(line).append('\n');
            }
        }
        if (!script.toString().isBlank()) {
            steps.add(new Step(script.toString(), null, stepLine));
        }
        return steps;
    }

    /**
     * Compares what a command printed with what the README shows: the last JSON document printed must
     * contain every field shown with the value shown ({@code "..."} matches any value; {@code ...}
     * stands for left-out fields or elements; arrays match element by element in order).
     *
     * @return null when it matches, else what differs
     */
    static String mismatch(String expected, String printed) {
        JsonNode shown;
        try {
            shown = SiamJson.mapper().readTree(withoutEllipses(expected));
        } catch (JsonProcessingException e) {
            return "the README's output is not JSON with ... for what is left out: " + e.getOriginalMessage();
        }
        JsonNode actual = lastDocument(printed);
        if (actual == null) {
            return "the command printed no JSON: " + printed;
        }
        return difference("$", shown, actual);
    }

    /** {@code {"a":1, ...}} and {@code [{...}, ...]} as JSON: the left-out parts removed. */
    static String withoutEllipses(String text) {
        String json = text.replaceAll(",\\s*\\.\\.\\.\\s*(?=[}\\]])", "");
        json = json.replaceAll("(?<=[{\\[])\\s*\\.\\.\\.\\s*,", "");
        json = json.replaceAll("(?<=[{\\[])\\s*\\.\\.\\.\\s*(?=[}\\]])", "");
        return json;
    }

    private static JsonNode lastDocument(String printed) {
        JsonNode last = null;
        try (MappingIterator<JsonNode> documents = SiamJson.mapper().readerFor(JsonNode.class).readValues(printed.strip())) {
            while (documents.hasNext()) {
                last = documents.next();
            }
        } catch (IOException | RuntimeException e) {
            return last;
        }
        return last;
    }

    private static String difference(String path, JsonNode shown, JsonNode actual) {
        if (shown.isTextual() && shown.asText().equals("...")) {
            return actual == null || actual.isMissingNode() ? path + " is missing" : null;
        }
        if (actual == null || actual.isMissingNode()) {
            return path + " is missing (the README shows " + shown + ")";
        }
        if (shown.isObject()) {
            if (!actual.isObject()) {
                return path + " is " + actual + ", not an object";
            }
            Iterator<Map.Entry<String, JsonNode>> fields = shown.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String difference = difference(path + "." + field.getKey(), field.getValue(), actual.path(field.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (shown.isArray()) {
            if (!actual.isArray() || actual.size() < shown.size()) {
                return path + " is " + actual + ", not an array of at least " + shown.size();
            }
            for (int i = 0; i < shown.size(); i++) {
                String difference = difference(path + "[" + i + "]", shown.get(i), actual.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return shown.equals(actual) || shown.isNumber() && actual.isNumber() && shown.asDouble() == actual.asDouble() ? null
                : path + " is " + actual + ", the README shows " + shown;
    }
}
