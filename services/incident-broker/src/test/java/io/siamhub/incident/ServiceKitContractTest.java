package io.siamhub.incident;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.kit.testing.ServiceKitContract;
import io.siamhub.localstack.LocalStackResource;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ServiceKitContractTest extends ServiceKitContract {
}
