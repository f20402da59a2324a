package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading {@code siam.adapters.roles} (pure). */
class AdapterRoleTest {

    @Test
    void bothByDefaultEitherAloneInAnyCase() {
        assertThat(AdapterRole.parse(AdapterRole.DEFAULT)).containsExactly(AdapterRole.EDGE, AdapterRole.NORMALIZER);
        assertThat(AdapterRole.parse(" Edge ")).containsExactly(AdapterRole.EDGE);
        assertThat(AdapterRole.parse("normalizer,")).containsExactly(AdapterRole.NORMALIZER);
    }

    @Test
    void anUnknownRoleOrNoneStopsTheStartNamingTheAllowedOnes() {
        assertThatThrownBy(() -> AdapterRole.parse("edge,normaliser"))
                .hasMessage("siam.adapters.roles names an unknown role 'normaliser'; allowed: edge, normalizer");
        assertThatThrownBy(() -> AdapterRole.parse(" , ")).hasMessageContaining("names no role; give one or both of edge, normalizer");
    }
}
