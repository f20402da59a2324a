package io.siamhub.adapters.azure;

import java.util.Locale;

/**
 * Azure Resource Manager ids: {@code /subscriptions/<id>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>}.
 * Segment names are matched case-insensitively (alert payloads lower-case them).
 */
record ArmIds(String subscription, String resourceGroup, String type, String name) {

    static ArmIds parse(String id) {
        if (id == null) {
            return new ArmIds(null, null, null, null);
        }
        String[] parts = id.split("/");
        String subscription = null;
        String group = null;
        String type = null;
        String name = null;
        for (int i = 0; i + 1 < parts.length; i++) {
            String segment = parts[i].toLowerCase(Locale.ROOT);
            if (segment.equals("subscriptions") && subscription == null) {
                subscription = parts[i + 1];
            } else if (segment.equals("resourcegroups") && group == null) {
                group = parts[i + 1];
            } else if (segment.equals("providers") && i + 3 < parts.length) {
                type = parts[i + 1] + "/" + parts[i + 2];
                name = parts[i + 3];
            }
        }
        return new ArmIds(subscription, group, type, name);
    }

    /** A region display name ("East US") as its code ("eastus"). */
    static String regionCode(String displayName) {
        return displayName == null ? null : displayName.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
