package aikpi.tongyi.hubstats;

import io.micronaut.serde.annotation.Serdeable;

/** Models derived from a model on a hub, by kind: fine-tunes, quantizations, adapters and merges. */
@Serdeable
public record Derivatives(long finetune, long quantized, long adapter, long merge) {

    public static final Derivatives NONE = new Derivatives(0, 0, 0, 0);

    public long total() {
        return finetune + quantized + adapter + merge;
    }

    Derivatives plus(Derivatives o) {
        return new Derivatives(finetune + o.finetune, quantized + o.quantized, adapter + o.adapter, merge + o.merge);
    }

    Derivatives minus(Derivatives o) {
        return new Derivatives(finetune - o.finetune, quantized - o.quantized, adapter - o.adapter, merge - o.merge);
    }
}
