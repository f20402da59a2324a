package io.siamhub.model;

/** Who caused a change: a person, a provider's system, or one of the hub's own rules. */
public enum ActorType {
    USER, PROVIDER, SYSTEM
}
