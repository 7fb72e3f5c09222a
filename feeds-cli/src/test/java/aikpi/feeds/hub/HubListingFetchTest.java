package aikpi.feeds.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paging through the Hub's listing (tongyi's HuggingFaceListingTest runs the whole fetch against a stub Hub). */
class HubListingFetchTest {

    @Test
    void followsTheNextLinkOfTheLinkHeader() {
        assertThat(HubListingFetch.nextOf("<https://huggingface.co/api/models?cursor=abc>; rel=\"next\""))
                .isEqualTo("https://huggingface.co/api/models?cursor=abc");
        assertThat(HubListingFetch.nextOf("</api/models?cursor=x>;rel=next")).isEqualTo("/api/models?cursor=x");
        assertThat(HubListingFetch.nextOf("<https://huggingface.co/api/models?cursor=a>; rel=\"prev\"")).isNull();
    }
}
