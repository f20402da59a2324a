package io.siamhub.model.sla;

import java.util.Locale;

/**
 * What happened to an SLA clock; each maps to {@code io.siamhub.sla.<kind>.v1}.
 * <ul>
 * <li>STARTED: the clock attached to the incident (or its party took ownership) and counts.</li>
 * <li>PAUSED / RESUMED: it stopped or started counting (a pause status, another party owns the incident,
 * a reopen after it was met).</li>
 * <li>AT_RISK: business time used reached a warning stage ({@code stagePercent}).</li>
 * <li>BREACHED: business time used passed the target; sent once per clock, at the breach instant.</li>
 * <li>MET: it stopped within its target.</li>
 * <li>CANCELLED: the definition stopped applying (priority lowered) or the incident was closed without resolution.</li>
 * <li>RECOMPUTED: a definition or calendar changed and the clock was rebuilt from the incident's history;
 * {@code previousDueAt} and {@code dueAt} are the old and new due instants.</li>
 * <li>STOPPED: a clock that had already breached stopped (the incident was resolved or acknowledged late);
 * its state stays BREACHED. Breaches are counted from BREACHED alone.</li>
 * </ul>
 */
public enum SlaEventKind {
    STARTED, PAUSED, RESUMED, AT_RISK, BREACHED, MET, CANCELLED, RECOMPUTED, STOPPED;

    /** {@code at-risk} for AT_RISK: event types use kebab case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
