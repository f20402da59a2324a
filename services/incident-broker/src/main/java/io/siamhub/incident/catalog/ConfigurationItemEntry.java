package io.siamhub.incident.catalog;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.model.SiamJson;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;

@Entity
@Table(name = "catalog_ci")
public class ConfigurationItemEntry extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String type;
    public String service;
    public String provider;
    @Enumerated(EnumType.STRING)
    public Criticality criticality;
    /** The match rules, as JSON. */
    @Column(name = "match_rules")
    public String matchRules;

    ConfigurationItem toModel() {
        try {
            List<MatchRule> rules = SiamJson.mapper().readValue(matchRules, new TypeReference<List<MatchRule>>() {
            });
            return new ConfigurationItem(id, name, type, service, provider, criticality, rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration item " + id + " has unreadable match rules", e);
        }
    }

    ConfigurationItemEntry set(ConfigurationItem item) {
        id = item.id();
        name = item.name();
        type = item.type();
        service = item.service();
        provider = item.provider();
        criticality = item.criticality();
        try {
            matchRules = SiamJson.mapper().writeValueAsString(item.match());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }
}
