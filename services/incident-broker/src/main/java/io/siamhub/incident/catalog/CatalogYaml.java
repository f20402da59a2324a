package io.siamhub.incident.catalog;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.siamhub.kit.problem.JsonProblems;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.SiamJson;

/**
 * Reads a catalog file (YAML, or JSON, which is YAML too). Unknown keys are refused, so a typo such as
 * {@code matchRules:} for {@code match:} fails the import instead of leaving a CI that matches nothing.
 */
public final class CatalogYaml {

    private static final ObjectMapper YAML = SiamJson.configure(new ObjectMapper(new YAMLFactory()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Parses a whole catalog; a 400 problem names the line, column and path at fault, and what the key takes. */
    public static CatalogDocument read(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("the catalog is empty");
        }
        try {
            CatalogDocument document = YAML.readValue(text, CatalogDocument.class);
            if (document == null) {
                throw ProblemException.badRequest("the catalog is empty");
            }
            return document;
        } catch (JsonProcessingException e) {
            JsonProblems.Described described = JsonProblems.describe(e);
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid catalog", 400,
                    "the catalog is not valid" + (described.error() == null ? " YAML: " : ": ") + described.detail(),
                    described.error() == null ? null : List.of(described.error())));
        }
    }

    private CatalogYaml() {
    }
}
