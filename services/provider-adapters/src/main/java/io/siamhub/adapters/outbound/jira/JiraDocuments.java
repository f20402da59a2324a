package io.siamhub.adapters.outbound.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.outbound.core.SyncTarget;

/**
 * Texts in Atlassian Document Format, which REST v3 requires for an issue's description and comments
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/): a {@code doc} of
 * version 1 whose paragraphs hold text nodes.
 */
final class JiraDocuments {

    private JiraDocuments() {
    }

    /** The issue description: the incident's description, then what the hub knows of it. */
    static Map<String, Object> description(JsonNode incident) {
        List<String> paragraphs = new ArrayList<>();
        String description = incident.path("description").asText("");
        if (!description.isBlank()) {
            paragraphs.add(description);
        }
        paragraphs.add(SyncTarget.facts(incident));
        return doc(paragraphs);
    }

    /** A comment saying what an incident event changed, by whom and why. */
    static Map<String, Object> note(JsonNode event) {
        return doc(List.of(SyncTarget.note(event)));
    }

    /**
     * A person's comment in the hub: who wrote it on which incident, then its text, a paragraph per block of lines
     * separated by a blank line, its lines joined by hard breaks.
     */
    static Map<String, Object> comment(JsonNode event, String text) {
        List<Object> content = new ArrayList<>();
        content.add(paragraph(List.of(SyncTarget.commentedBy(event))));
        for (String block : text.split("\\R\\s*\\R")) {
            List<String> lines = block.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (!lines.isEmpty()) {
                content.add(paragraph(lines));
            }
        }
        return Map.of("type", "doc", "version", 1, "content", content);
    }

    private static Map<String, Object> paragraph(List<String> lines) {
        List<Object> nodes = new ArrayList<>();
        for (String line : lines) {
            if (!nodes.isEmpty()) {
                nodes.add(Map.of("type", "hardBreak"));
            }
            nodes.add(Map.of("type", "text", "text", line));
        }
        return Map.of("type", "paragraph", "content", nodes);
    }

    static Map<String, Object> doc(List<String> paragraphs) {
        List<Object> content = new ArrayList<>();
        for (String paragraph : paragraphs) {
            content.add(Map.of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", paragraph))));
        }
        return Map.of("type", "doc", "version", 1, "content", content);
    }
}
