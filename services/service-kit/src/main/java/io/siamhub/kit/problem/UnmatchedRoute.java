package io.siamhub.kit.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.siamhub.kit.api.ApiDescription;
import io.siamhub.model.SiamJson;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/** The last route: a path no endpoint serves gets a 404 problem+json instead of the router's plain text. */
@ApplicationScoped
public class UnmatchedRoute {

    private final ApiDescription api;

    UnmatchedRoute(ApiDescription api) {
        this.api = api;
    }

    void install(@Observes Router router) {
        router.route().last().handler(context -> {
            Problem problem = Problem.of(404, "not-found", "Not found",
                    ProblemMappers.notFound(api, context.request().method().name(), context.normalizedPath()));
            try {
                context.response().setStatusCode(404)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(SiamJson.mapper().writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }
}
