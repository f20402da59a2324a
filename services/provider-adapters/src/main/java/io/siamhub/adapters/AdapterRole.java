package io.siamhub.adapters;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one provider-adapters instance does ({@code siam.adapters.roles}, both by default): the
 * {@code edge} takes webhooks and stores them on {@code siam.inbound.v1}; the {@code normalizer}
 * maps that topic to {@code siam.signals.v1}. They share only the topic, so an installation can run
 * them in one process or scale them apart.
 */
public enum AdapterRole {

    EDGE, NORMALIZER;

    /** The configuration key. */
    public static final String KEY = "siam.adapters.roles";

    /** The default: both. */
    public static final String DEFAULT = "edge,normalizer";

    /** The setting's name for the role: {@code edge}, {@code normalizer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the setting: comma separated, any case, blanks ignored.
     *
     * @throws IllegalArgumentException naming the allowed values, on an unknown role or none at all
     */
    public static Set<AdapterRole> parse(String value) {
        Set<AdapterRole> roles = EnumSet.noneOf(AdapterRole.class);
        for (String part : (value == null ? "" : value).split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(values()).filter(role -> role.wireName().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(KEY + " names an unknown role '" + name + "'; allowed: "
                            + String.join(", ", wireNames()))));
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(KEY + " names no role; give one or both of " + String.join(", ", wireNames()));
        }
        return roles;
    }

    private static List<String> wireNames() {
        return Arrays.stream(values()).map(AdapterRole::wireName).toList();
    }
}
