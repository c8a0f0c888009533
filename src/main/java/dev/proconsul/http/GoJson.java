package dev.proconsul.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.proconsul.structs.GoFloat;
import dev.proconsul.structs.NodeService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of Go's encoding/json that Jackson does differently, as one module for {@link JsonCodec}: float64s in
 * Go's form ({@link GoFloat#json}), {@link JsonStruct}s in field order (every other map is sorted by the mapper),
 * and fields Consul's structs always print that our records do not carry yet.
 */
final class GoJson {
    /** A field printed with a fixed value just before another one (Consul's struct order). */
    private record FixedField(Class<?> type, String name, String value, String before) {
    }

    /** NodeService.PeerName has no omitempty in agent/structs: local services print "". */
    private static final List<FixedField> FIXED = List.of(
            new FixedField(NodeService.class, "PeerName", "", "CreateIndex"));

    private GoJson() {
    }

    static Module module() {
        SimpleModule m = new SimpleModule("go-json");
        m.addSerializer(Double.class, new DoubleSerializer(Double.class));
        m.addSerializer(Double.TYPE, new DoubleSerializer(Double.TYPE));
        m.addSerializer(double[].class, new DoubleArraySerializer());
        m.addSerializer(JsonStruct.class, new InOrder());
        m.setSerializerModifier(new StructShapes());
        return m;
    }

    private static final class DoubleSerializer extends StdSerializer<Double> {
        @SuppressWarnings("unchecked")
        DoubleSerializer(Class<?> type) {
            super((Class<Double>) type);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(GoFloat.json(value));
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, double[] value) {
            return value.length == 0;
        }

        @Override
        public void serialize(double[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(value, value.length);
            for (double d : value) {
                gen.writeNumber(GoFloat.json(d));
            }
            gen.writeEndArray();
        }
    }

    /**
     * A map standing for a Go struct, in insertion order (the mapper sorts every other map, as Go does): the type
     * of {@link JsonStruct}, and the serializer of record properties that hold a struct as a map.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class InOrder extends StdSerializer<Map> {
        InOrder() {
            super(Map.class);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Map value) {
            return value.isEmpty();
        }

        @Override
        public void serialize(Map value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                provider.defaultSerializeValue(e.getValue(), gen);
            }
            gen.writeEndObject();
        }
    }

    private static final class StructShapes extends BeanSerializerModifier {
        /**
         * A record whose JSON is the map its {@code @JsonValue} method builds (the typed proxy records: their fields
         * in Consul's or the client's order) is a struct: that map keeps its order; maps inside it are sorted.
         */
        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription desc,
                                                  JsonSerializer<?> serializer) {
            AnnotatedMember value = desc.findJsonValueAccessor();
            if (value != null && Map.class.isAssignableFrom(value.getRawType())) {
                return new StructValue(value);
            }
            return serializer;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription desc,
                                                         List<BeanPropertyWriter> props) {
            List<BeanPropertyWriter> out = props;
            for (FixedField f : FIXED) {
                if (f.type() != desc.getBeanClass() || has(out, f.name())) {
                    continue; // once the record carries the field itself, its own value wins
                }
                out = new ArrayList<>(out);
                int at = 0;
                while (at < out.size() && !out.get(at).getName().equals(f.before())) {
                    at++;
                }
                out.add(at, new FixedWriter(out.isEmpty() ? null : out.get(Math.min(at, out.size() - 1)), f));
            }
            return out;
        }

        private static boolean has(List<BeanPropertyWriter> props, String name) {
            for (BeanPropertyWriter p : props) {
                if (p.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Writes the map a {@code @JsonValue} accessor returns, in its own order. */
    private static final class StructValue extends StdSerializer<Object> {
        private final AnnotatedMember accessor;
        private final InOrder inOrder = new InOrder();

        StructValue(AnnotatedMember accessor) {
            super(Object.class);
            this.accessor = accessor;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object map = accessor.getValue(value);
            if (map == null) {
                gen.writeNull();
            } else {
                inOrder.serialize((Map<?, ?>) map, gen, provider);
            }
        }
    }

    /** Writes one fixed string field; borrows its neighbour's writer only for Jackson's bookkeeping. */
    private static final class FixedWriter extends BeanPropertyWriter {
        private final String value;

        FixedWriter(BeanPropertyWriter neighbour, FixedField f) {
            super(neighbour, new SerializedString(f.name()));
            this.value = f.value();
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws IOException {
            gen.writeFieldName(_name);
            gen.writeString(value);
        }

        @Override
        public void serializeAsElement(Object bean, JsonGenerator gen, SerializerProvider prov) throws IOException {
            gen.writeString(value);
        }
    }
}
