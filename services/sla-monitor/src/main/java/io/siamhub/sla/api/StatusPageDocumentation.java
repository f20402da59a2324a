package io.siamhub.sla.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Puts the ops room's status page ({@code GET /}, static {@code META-INF/resources/index.html} with {@code status.js} and
 * {@code status.css}, invisible to the annotation scan) into the service's OpenAPI document: a page, not an API. It needs
 * no token to load; in the browser it asks once for a {@code siam-viewer} token and reads {@code /api/sla/status} and
 * {@code /api/sla/reports} with it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class StatusPageDocumentation implements OASFilter {

    static final String PATH = "/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        openAPI.getPaths().addPathItem(PATH, OASFactory.createPathItem().GET(OASFactory.createOperation()
                .operationId("statusPage")
                .summary("The ops room's status page (HTML for a browser)")
                .description("Services x SLA state (green / at risk / breached, in colour and in words), the at-risk list with live "
                        + "countdowns in business time, breaches today and a provider scorecard (UC compliance this month, MTTA, "
                        + "MTTR, hops). The page needs no token; it asks once for a `siam-viewer` token, keeps it in the tab's "
                        + "session storage and polls `GET /api/sla/status` (every 3 s) and `GET /api/sla/reports` (every minute) "
                        + "with it. Its script and style are `/status.js` and `/status.css`.")
                .addTag("status page")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("The page")
                        .content(OASFactory.createContent().addMediaType("text/html", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                        .description("An HTML5 document (UTF-8)"))))))));
    }
}
