package io.siamhub.kit.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.siamhub.model.SiamJson;

/** Gives Quarkus' ObjectMapper (REST bodies, Kafka payloads) the one siam-hub JSON configuration. */
@Singleton
public class SiamObjectMapperCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SiamJson.configure(mapper);
    }
}
