package io.siamhub.model.change;

/** Where a change came from: a request raised in the hub, or a provider's maintenance notice. */
public enum ChangeOrigin {
    RFC, PROVIDER_MAINTENANCE
}
