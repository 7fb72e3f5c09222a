package aikpi.platform.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Puts {@link StrictHttpServerCodec} in place of Netty's HTTP/1.1 codec on every connection of the service, with the
 * limits the server is configured with ({@code micronaut.server.netty.max-header-size} and the others).
 */
@Singleton
@Requires(classes = NettyServerCustomizer.class)
@Requires(property = "aikpi.http.strict-framing", notEquals = "false")
public class StrictHttpFraming implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final Provider<NettyHttpServerConfiguration> configuration;

    public StrictHttpFraming(Provider<NettyHttpServerConfiguration> configuration) {
        this.configuration = configuration;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private HttpDecoderConfig decoderConfig() {
        NettyHttpServerConfiguration server = configuration.get();
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(server.getMaxInitialLineLength())
                .setMaxHeaderSize(server.getMaxHeaderSize())
                .setMaxChunkSize(server.getMaxChunkSize())
                .setValidateHeaders(server.isValidateHeaders())
                .setInitialBufferSize(server.getInitialBufferSize());
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) instanceof HttpServerCodec) {
                pipeline.replace(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, new StrictHttpServerCodec(decoderConfig()));
            }
        }
    }
}
