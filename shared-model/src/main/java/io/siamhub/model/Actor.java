package io.siamhub.model;

/**
 * Who caused a change.
 *
 * @param type USER, PROVIDER or SYSTEM
 * @param id   the user name from the JWT, the provider id, or the rule name (e.g. {@code correlation.same-ci})
 */
public record Actor(ActorType type, String id) {

    public static Actor user(String name) {
        return new Actor(ActorType.USER, name);
    }

    public static Actor provider(String provider) {
        return new Actor(ActorType.PROVIDER, provider);
    }

    public static Actor system(String rule) {
        return new Actor(ActorType.SYSTEM, rule);
    }
}
