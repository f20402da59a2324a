package io.siamhub.adapters.datadog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Datadog notification title as the default payload sends it ({@code $EVENT_TITLE}): the monitor's
 * own title behind the bracketed groups Datadog puts in front of it, in this order — the monitor
 * priority ({@code [P3]}), then the transition, with the triggering scope when the monitor includes
 * its tags in the title ({@code [Triggered on {host:db-07}]}, {@code [Recovered]})
 * (https://docs.datadoghq.com/api/latest/monitors/, option {@code include_tags}).
 * A bracketed group of the monitor's own title ({@code [prod] Disk usage high}) is kept.
 *
 * @param title      the monitor's title, without Datadog's groups: the same for every transition
 * @param priority   {@code P1}..{@code P5}, or null
 * @param transition {@code Triggered}, {@code Recovered}, {@code Warn}, {@code No Data}, {@code Re-Triggered}, ..., or null
 * @param scope      the triggering tags ({@code host:db-07,device:/dev/sda}), or null
 */
record DatadogTitle(String title, String priority, String transition, String scope) {

    private static final Pattern GROUP = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*");
    private static final Pattern PRIORITY = Pattern.compile("(?i)P[1-5]");
    private static final Pattern TRANSITION = Pattern.compile(
            "(?i)(Recovered|Triggered|Re-Triggered|Warn|Re-Warn|No Data|Re-No Data|Renotify)(?: on \\{(.*)\\})?");

    static DatadogTitle parse(String raw) {
        String rest = raw;
        String priority = null;
        String transition = null;
        String scope = null;
        while (true) {
            Matcher group = GROUP.matcher(rest);
            if (!group.find()) {
                break;
            }
            String content = group.group(1).trim();
            Matcher isTransition = TRANSITION.matcher(content);
            if (priority == null && transition == null && PRIORITY.matcher(content).matches()) {
                priority = content.toUpperCase(java.util.Locale.ROOT);
            } else if (transition == null && isTransition.matches()) {
                transition = isTransition.group(1);
                scope = isTransition.group(2) == null || isTransition.group(2).isBlank() ? null : isTransition.group(2).trim();
            } else {
                break;
            }
            rest = rest.substring(group.end());
        }
        return new DatadogTitle(rest.isBlank() ? raw.trim() : rest.trim(), priority, transition, scope);
    }
}
