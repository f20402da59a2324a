package io.siamhub.model.sla;

/** The agreement a clock measures: with the customer, between internal teams, or with a supplier. */
public enum AgreementType {
    /** Service level agreement (with the customer). */
    SLA,
    /** Operational level agreement (with an internal team). */
    OLA,
    /** Underpinning contract (with an external provider). */
    UC
}
