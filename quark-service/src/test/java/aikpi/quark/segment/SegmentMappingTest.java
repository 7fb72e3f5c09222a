package aikpi.quark.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.ItemError;
import aikpi.quark.segment.SegmentMapping.Kind;
import aikpi.quark.segment.SegmentMapping.Mapped;
import aikpi.quark.segment.SegmentMapping.Translation;
import aikpi.vocabulary.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping table of Segment calls to quark events, in plain Java. */
class SegmentMappingTest {

    /** Trees as the service reads them: fractions exact. */
    private static final JsonNodeTreeCodec TREES = JsonNodeTreeCodec.getInstance()
            .withConfig(JsonStreamConfig.DEFAULT.withUseBigDecimalForFloats(true));
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Map<String, String> BUNDLES = Map.of("com.quark.browser", "quark", "com.ucmobile", "uc");
    private static final Instant RECEIVED = Instant.parse("2025-03-14T08:00:10Z");

    private static JsonNode json(String text) {
        try {
            return TREES.readTree(FACTORY.createParser(text.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Translation batch(BatchErrors errors, String... calls) {
        return SegmentMapping.translate(SegmentMapping.batch(json("{'batch': [" + String.join(",", calls) + "]}")),
                BUNDLES, RECEIVED, errors);
    }

    private static List<String> errors(BatchErrors errors) {
        return errors.errors().stream().map(e -> e.index() + ":" + e.id() + ":" + e.field()).toList();
    }

    @Test
    void theLifecycleEventsBecomeInstallsAndOpensOfTheAppOfTheirNamespace() {
        BatchErrors errors = new BatchErrors();
        Translation t = batch(errors,
                "{'type':'track','event':'Application Installed','messageId':'m1','userId':'u1',"
                        + "'timestamp':'2025-03-14T08:00:00.000Z','context':{'app':{'namespace':'com.quark.browser'}},"
                        + "'properties':{'version':'1.2.3','build':'1234'}}",
                "{'type':'track','event':'Application Opened','messageId':'m2','anonymousId':'device-9',"
                        + "'timestamp':'2025-03-14T16:30:00+08:00','context':{'app':{'namespace':'com.ucmobile'}}}");
        assertThat(errors.errors()).isEmpty();
        assertThat(t.ignored()).isZero();
        Mapped install = t.events().get(0);
        assertThat(install.kind()).isEqualTo(Kind.INSTALL);
        assertThat(install.event().eventId()).isEqualTo("sg:m1");
        assertThat(install.event().appId()).isEqualTo("quark");
        assertThat(install.event().userId()).isEqualTo("u1");
        assertThat(install.event().occurredAt()).isEqualTo(Instant.parse("2025-03-14T08:00:00Z"));
        Mapped open = t.events().get(1);
        assertThat(open.kind()).isEqualTo(Kind.OPEN);
        // An anonymous user is kept apart from every identified one.
        assertThat(open.event().userId()).isEqualTo("anonymous:device-9");
        assertThat(open.event().appId()).isEqualTo("uc");
        assertThat(open.event().occurredAt()).isEqualTo(Instant.parse("2025-03-14T08:30:00Z"));
        assertThat(open.segmentField("userId")).isEqualTo("anonymousId");
        assertThat(open.segmentField("occurredAt")).isEqualTo("timestamp");
    }

    @Test
    void anAiSessionEndedCarriesTheSessionInItsPropertiesWithExactAmounts() {
        BatchErrors errors = new BatchErrors();
        Translation t = batch(errors, "{'type':'track','event':'AI Session Ended','messageId':'m3','userId':42,"
                + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark','featureId':'ai-camera','turns':3,"
                + "'agentCalls':1,'outcome':'resolved','rating':5,'converted':true,'conversionValue':12345678901234567.89,"
                + "'currency':'CNY','sessionId':'s-77'}}");
        assertThat(errors.errors()).isEmpty();
        var s = t.events().get(0).session();
        assertThat(s.sessionId()).isEqualTo("s-77");
        assertThat(s.appId()).isEqualTo("quark");
        // A numeric userId is its digits.
        assertThat(s.userId()).isEqualTo("42");
        assertThat(s.featureId()).isEqualTo("ai-camera");
        assertThat(s.turns()).isEqualTo(3L);
        assertThat(s.agentCalls()).isEqualTo(1L);
        assertThat(s.outcome()).isEqualTo("resolved");
        assertThat(s.rating()).isEqualTo(5);
        assertThat(s.converted()).isTrue();
        assertThat(s.conversionValueCny()).isEqualByComparingTo("12345678901234567.89");
        assertThat(t.events().get(0).segmentField("conversionValueCny")).isEqualTo("properties.conversionValue");
        assertThat(t.events().get(0).segmentField("sessionId")).isEqualTo("properties.sessionId");

        // Without a sessionId, the session is named by its message.
        Translation plain = batch(new BatchErrors(), "{'type':'track','event':'AI Session Ended','messageId':'m4',"
                + "'userId':'u','timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark','featureId':'f',"
                + "'turns':1,'agentCalls':0,'outcome':'UNKNOWN','converted':false,'conversionValue':'0.50'}}");
        assertThat(plain.events().get(0).session().sessionId()).isEqualTo("sg:m4");
        assertThat(plain.events().get(0).session().conversionValueCny()).isEqualByComparingTo("0.50");
        assertThat(plain.events().get(0).segmentField("sessionId")).isEqualTo("messageId");
    }

    @Test
    void otherEventsAndOtherMethodsAreIgnoredWhateverTheyCarry() {
        BatchErrors errors = new BatchErrors();
        Translation t = batch(errors,
                "{'type':'track','event':'Product Viewed','properties':{'turns':'many','price':'cheap'}}",
                "{'type':'identify','userId':'u1','traits':{'email':'x@example.com'}}",
                "{'type':'screen','name':'Home'}",
                "{'type':'page'}", "{'type':'group','groupId':'g'}", "{'type':'alias','previousId':'a'}",
                // The lifecycle events Segment's SDKs send besides the two quark counts.
                "{'type':'track','event':'Application Backgrounded','messageId':'b1'}",
                "{'type':'track','event':'application opened','messageId':'lower-case','userId':'u'}");
        assertThat(errors.errors()).isEmpty();
        assertThat(t.events()).isEmpty();
        assertThat(t.ignored()).isEqualTo(8);
    }

    @Test
    void originalTimestampIsCorrectedForTheDevicesClockBySentAtAsSegmentDoes() {
        // The device's clock is 10 minutes fast: it sent at 08:10:10 by its clock, quark received at 08:00:10.
        BatchErrors errors = new BatchErrors();
        var calls = SegmentMapping.batch(json("{'sentAt':'2025-03-14T08:10:10Z','context':{'app':{'namespace':'com.quark.browser'}},"
                + "'batch':[{'type':'track','event':'Application Opened','messageId':'m5','userId':'u',"
                + "'originalTimestamp':'2025-03-14T08:10:00Z'},"
                + "{'type':'track','event':'Application Opened','messageId':'m6','userId':'u',"
                + "'originalTimestamp':'2025-03-14T08:10:00Z','sentAt':'2025-03-14T08:10:05Z'}]}"));
        Translation t = SegmentMapping.translate(calls, BUNDLES, RECEIVED, errors);
        assertThat(errors.errors()).isEmpty();
        assertThat(t.events().get(0).event().occurredAt()).isEqualTo(Instant.parse("2025-03-14T08:00:00Z"));
        // The call's own sentAt wins over the batch's; the batch's context gives the app.
        assertThat(t.events().get(1).event().occurredAt()).isEqualTo(Instant.parse("2025-03-14T08:00:05Z"));
        assertThat(t.events().get(1).event().appId()).isEqualTo("quark");
        assertThat(t.events().get(1).segmentField("occurredAt")).isEqualTo("originalTimestamp");
    }

    @Test
    void aRepeatedMessageIdInOneBodyIsMappedOnce() {
        String open = "{'type':'track','event':'Application Opened','messageId':'same','userId':'u',"
                + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}";
        String install = open.replace("Application Opened", "Application Installed");
        Translation t = batch(new BatchErrors(), open, install, open);
        assertThat(t.events()).extracting(Mapped::kind).containsExactly(Kind.OPEN);
        assertThat(t.repeats()).isEqualTo(2);
    }

    @Test
    void whatIsWrongIsNamedByIndexMessageIdAndSegmentField() {
        BatchErrors errors = new BatchErrors();
        batch(errors,
                "{'type':'track','event':'Application Opened','messageId':'a','userId':'u','timestamp':'2025-03-14T08:00:00Z'}",
                "{'type':'track','event':'Application Opened','messageId':'b','userId':'u','timestamp':'2025-03-14T08:00:00Z',"
                        + "'context':{'app':{'namespace':'com.unknown'}}}",
                "{'type':'track','event':'Application Opened','messageId':'c','timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','messageId':'d','userId':'u','timestamp':'yesterday','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','messageId':'e','userId':'u','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','userId':'u','timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','messageId':'g','userId':'u','timestamp':'2025-03-14T08:00:00Z',"
                        + "'properties':{'appId':'uc'},'context':{'app':{'namespace':'com.quark.browser'}}}",
                "{'type':'track','event':'AI Session Ended','messageId':'h','userId':'u','timestamp':'2025-03-14T08:00:00Z',"
                        + "'properties':{'appId':'quark','featureId':'f','turns':1.5,'agentCalls':'2','outcome':'RESOLVED',"
                        + "'converted':'yes','conversionValue':'lots','currency':'USD'}}",
                "{'type':'track','event':'AI Session Ended','messageId':'i','userId':'u','timestamp':'2025-03-14T08:00:00Z',"
                        + "'context':{'app':{'namespace':'com.quark.browser'}}}",
                "{'type':'rocket'}", "{'event':'Application Opened'}", "[1]",
                "{'type':'track','messageId':'m','userId':'u'}",
                "{'type':'track','event':'Application Opened','messageId':'" + "x".repeat(126) + "','userId':'u',"
                        + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','messageId':'o','anonymousId':'" + "y".repeat(119) + "',"
                        + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}",
                "{'type':'track','event':'Application Opened','messageId':'p','userId':['u'],"
                        + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}",
                "{'type':'track','event':'  ','messageId':'q','userId':'u'}",
                "{'type':'track','event':'Application Opened','messageId':' ','userId':'u',"
                        + "'timestamp':'2025-03-14T08:00:00Z','properties':{'appId':'quark'}}");
        assertThat(errors(errors)).containsExactly(
                "0:a:context.app.namespace",
                "1:b:context.app.namespace",
                "2:c:userId",
                "3:d:timestamp",
                "4:e:timestamp",
                "5:null:messageId",
                "6:g:properties.appId",
                "7:h:properties.currency", "7:h:properties.turns", "7:h:properties.agentCalls",
                "7:h:properties.converted", "7:h:properties.conversionValue",
                "8:i:properties",
                "9:null:type", "10:null:type", "11:null:item", "12:m:event",
                "13:" + "x".repeat(126) + ":messageId",
                "14:o:anonymousId",
                "15:p:userId",
                "16:q:event",
                "17: :messageId");
        assertThat(errors.errors()).extracting(ItemError::message).anySatisfy(m -> assertThat(m).contains("'com.unknown' is no app's bundle id"));
    }

    @Test
    void theTrackEndpointTakesOneTrackCallWithOrWithoutItsType() {
        String call = "{'event':'Application Opened','messageId':'t1','userId':'u','timestamp':'2025-03-14T08:00:00Z',"
                + "'properties':{'appId':'quark'}}";
        BatchErrors errors = new BatchErrors();
        Translation t = SegmentMapping.translate(SegmentMapping.track(json(call)), BUNDLES, RECEIVED, errors);
        assertThat(errors.errors()).isEmpty();
        assertThat(t.events()).extracting(Mapped::kind).containsExactly(Kind.OPEN);

        BatchErrors identify = new BatchErrors();
        SegmentMapping.translate(SegmentMapping.track(json("{'type':'identify','userId':'u'}")), BUNDLES, RECEIVED, identify);
        assertThat(errors(identify)).containsExactly("0:null:type");
    }

    @Test
    void aBodyOfAnotherShapeIsRefusedWhole() {
        assertThatThrownBy(() -> SegmentMapping.batch(json("[{'type':'track'}]"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("{\"batch\"");
        assertThatThrownBy(() -> SegmentMapping.batch(json("{'batch':{}}"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SegmentMapping.track(json("[]"))).isInstanceOf(InvalidRequestException.class);
    }
}
