package io.smbwatch.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every EVE event smbwatch writes for a shared capture validates against Suricata 7.0.10's schema. */
class EveSchemaTest {
    static Stream<String> captures() throws IOException {
        if (!Shared.present()) return Stream.of("(../shared absent)");
        return Shared.capturesWithTshark().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void eventsValidate(String capture) throws IOException {
        Shared.require();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                new ObjectMapper().readTree(Files.readString(Shared.root().resolve("schema/suricata-7.0.10-eve.schema.json"))));
        List<JsonNode> events = Eve.smbwatch(Shared.pcap(capture));
        List<String> errors = new ArrayList<>();
        for (JsonNode e : events) {
            ObjectNode copy = e.deepCopy();
            copy.remove("smbwatch");                 // our own extra keys
            Set<ValidationMessage> msgs = schema.validate(copy);
            if (!msgs.isEmpty()) errors.add(msgs + " in " + e);
        }
        assertTrue(errors.isEmpty(), errors.size() + " of " + events.size() + " events invalid:\n"
                + String.join("\n", errors.subList(0, Math.min(5, errors.size()))));
    }
}
