package io.smbwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document as maps, lists and scalars, each with the line it starts on (for errors). */
final class YamlTree {
    private YamlTree() {}

    /** A value: a {@code Map<String, Node>}, a {@code List<Node>}, a String, Long, Double, Boolean or null. */
    record Node(Object value, int line) {
        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return value instanceof Map ? (Map<String, Node>) value : null;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return value instanceof List ? (List<Node>) value : null;
        }

        /** The scalar as the file wrote it (numbers and booleans as text). */
        String text() {
            return value == null ? "" : String.valueOf(value);
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    /** The document of a file; null when it is empty. */
    static Node read(Path file) throws ConfigException {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), "cannot read the file");
        }
        try (JsonParser p = YAML.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            return t == null ? null : node(p, t);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 0;
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ConfigException(file, line, "yaml", "not YAML: " + firstLine(why));
        }
    }

    private static Node node(JsonParser p, JsonToken t) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    Node v = node(p, p.nextToken());
                    m.put(name, new Node(v.value, keyLine));   // errors point at the key
                }
                return new Node(m, line);
            }
            case START_ARRAY: {
                List<Node> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(node(p, e));
                return new Node(l, line);
            }
            case VALUE_NUMBER_INT:
                return new Node(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : (Object) p.getLongValue(), line);
            case VALUE_NUMBER_FLOAT:
                return new Node(p.getDoubleValue(), line);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node(t == JsonToken.VALUE_TRUE, line);
            case VALUE_NULL:
                return new Node(null, line);
            default:
                return new Node(p.getText(), line);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
