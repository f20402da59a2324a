package io.siamhub.change.lifecycle;

import java.util.ArrayList;
import java.util.List;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.Risk;

/**
 * Computes a change's risk, pure. The rule:
 * <ol>
 * <li>start from the highest criticality among its CIs (a CI's own, else its service's) and services; LOW when
 * the catalog knows none of them;</li>
 * <li>EMERGENCY raises it one level, STANDARD lowers it one level (NORMAL leaves it);</li>
 * <li>any open conflict raises it one level, a blocking one (hard freeze, lockdown) to HIGH.</li>
 * </ol>
 * The result stays within LOW..HIGH. A person's override ({@code risk} + {@code riskReason}) replaces it.
 */
public final class RiskAssessment {

    /** The risk and why. */
    public record Assessed(Risk risk, String reason) {
    }

    private RiskAssessment() {
    }

    public static Assessed assess(ChangeRequest change, CatalogView catalog, List<Conflict> conflicts) {
        int level = 0;
        String basis = "nothing it touches is in the catalog";
        for (String id : change.configurationItems()) {
            Criticality criticality = catalog.criticalityOfItem(id);
            if (criticality != null && (level(criticality) > level || basis.startsWith("nothing"))) {
                level = Math.max(level, level(criticality));
                basis = "highest criticality " + criticality + " (" + id + ")";
            }
        }
        for (String id : change.services()) {
            Service service = catalog.service(id);
            if (service != null && service.criticality() != null
                    && (level(service.criticality()) > level || basis.startsWith("nothing"))) {
                level = Math.max(level, level(service.criticality()));
                basis = "highest criticality " + service.criticality() + " (" + id + ")";
            }
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(basis);
        if (change.type() == ChangeType.EMERGENCY) {
            level++;
            reasons.add("EMERGENCY +1");
        } else if (change.type() == ChangeType.STANDARD) {
            level--;
            reasons.add("STANDARD -1");
        }
        if (conflicts.stream().anyMatch(Conflict::blocking)) {
            level = 2;
            reasons.add("a blocking conflict (" + conflicts.stream().filter(Conflict::blocking).findFirst().orElseThrow().kind()
                    + ") makes it HIGH");
        } else if (!conflicts.isEmpty()) {
            level++;
            reasons.add(conflicts.size() + (conflicts.size() == 1 ? " open conflict" : " open conflicts") + " +1");
        }
        Risk risk = level <= 0 ? Risk.LOW : level == 1 ? Risk.MEDIUM : Risk.HIGH;
        return new Assessed(risk, risk + ": " + String.join("; ", reasons));
    }

    private static int level(Criticality criticality) {
        return switch (criticality) {
            case LOW -> 0;
            case MEDIUM -> 1;
            case HIGH -> 2;
        };
    }
}
