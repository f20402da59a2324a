package io.siamhub.kit.security;

/**
 * The roles of the {@code groups} claim. {@code siam-viewer} reads; each other role includes it
 * (see {@link RoleHierarchyAugmentor}).
 */
public final class Roles {

    /** Reads incidents, changes, SLA state and the catalog. */
    public static final String VIEWER = "siam-viewer";
    /** Works incidents: acknowledge, assign, resolve, comment. */
    public static final String AGENT = "siam-agent";
    /** Approves and schedules changes. */
    public static final String CHANGE_MANAGER = "siam-change-manager";
    /** Maintains the catalog, SLA definitions, subscriptions and the DLQ. */
    public static final String ADMIN = "siam-admin";

    private Roles() {
    }
}
