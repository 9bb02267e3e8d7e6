import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.tools.generic.EscapeTool;

/**
 * Renders Velocity templates with Apache Velocity (the Java engine Genesys Cloud runs data action
 * templates with). Batched: args[0] is a UTF-8 JSON file holding [{"template": "...", "context": {...}}],
 * stdout receives a JSON array with {"output": "..."} or {"error": "..."} per job, in order.
 */
public final class VelocityHarness {
  /**
   * Genesys's `$esc` (help "Velocity macros for data actions"): Velocity Tools' EscapeTool (so url()
   * is the library's own, URLEncoder UTF-8) plus jsonString, which escapes a string for use inside a
   * JSON string literal. Modelled as JSON's minimal escaping: quote, backslash, control characters.
   */
  public static final class GenesysEscapeTool extends EscapeTool {
    public String jsonString(Object value) {
      if (value == null) return null;
      String text = String.valueOf(value);
      StringBuilder out = new StringBuilder(text.length() + 8);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"': out.append("\\\""); break;
          case '\\': out.append("\\\\"); break;
          case '\b': out.append("\\b"); break;
          case '\f': out.append("\\f"); break;
          case '\n': out.append("\\n"); break;
          case '\r': out.append("\\r"); break;
          case '\t': out.append("\\t"); break;
          default:
            if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
      }
      return out.toString();
    }
  }

  public static void main(String[] args) throws Exception {
    String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
    List<?> jobs = (List<?>) new JsonReader(text).readValue();
    VelocityEngine engine = new VelocityEngine();
    engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    engine.init();
    StringBuilder out = new StringBuilder("[");
    for (int index = 0; index < jobs.size(); index++) {
      Map<?, ?> job = (Map<?, ?>) jobs.get(index);
      VelocityContext context = new VelocityContext();
      context.put("esc", new GenesysEscapeTool());
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) job.get("context")).entrySet()) {
        context.put((String) entry.getKey(), entry.getValue());
      }
      if (index > 0) out.append(",");
      try {
        StringWriter writer = new StringWriter();
        engine.evaluate(context, writer, "job" + index, (String) job.get("template"));
        out.append("{\"output\":").append(quote(writer.toString())).append("}");
      } catch (Exception error) {
        out.append("{\"error\":").append(quote(error.toString())).append("}");
      }
    }
    out.append("]");
    System.out.write(out.toString().getBytes(StandardCharsets.US_ASCII));
    System.out.flush();
  }

  /** JSON string literal in pure ASCII (everything else as \\u escapes), so no charset can garble it. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  /** Minimal JSON reader: objects (LinkedHashMap), arrays, strings, integers (Integer/Long), decimals, booleans, null. */
  static final class JsonReader {
    private final String text;
    private int at;

    JsonReader(String text) {
      this.text = text;
    }

    Object readValue() {
      skipSpace();
      char c = text.charAt(at);
      if (c == '{') return readObject();
      if (c == '[') return readArray();
      if (c == '"') return readString();
      if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
      if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
      if (text.startsWith("null", at)) { at += 4; return null; }
      return readNumber();
    }

    private Map<String, Object> readObject() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      skipSpace();
      if (text.charAt(at) == '}') { at++; return map; }
      while (true) {
        skipSpace();
        String key = readString();
        skipSpace();
        expect(':');
        map.put(key, readValue());
        skipSpace();
        if (text.charAt(at) == ',') { at++; continue; }
        expect('}');
        return map;
      }
    }

    private List<Object> readArray() {
      List<Object> list = new ArrayList<>();
      at++;
      skipSpace();
      if (text.charAt(at) == ']') { at++; return list; }
      while (true) {
        list.add(readValue());
        skipSpace();
        if (text.charAt(at) == ',') { at++; continue; }
        expect(']');
        return list;
      }
    }

    private String readString() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = text.charAt(at++);
        if (c == '"') return out.toString();
        if (c != '\\') { out.append(c); continue; }
        char e = text.charAt(at++);
        switch (e) {
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'n': out.append('\n'); break;
          case 'r': out.append('\r'); break;
          case 't': out.append('\t'); break;
          case 'u': out.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; break;
          default: out.append(e);
        }
      }
    }

    private Object readNumber() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
      String number = text.substring(start, at);
      if (number.matches("-?\\d+")) {
        long value = Long.parseLong(number);
        return value == (int) value ? (Object) Integer.valueOf((int) value) : (Object) Long.valueOf(value);
      }
      return Double.valueOf(number);
    }

    private void expect(char c) {
      if (text.charAt(at) != c) throw new IllegalArgumentException("expected '" + c + "' at " + at);
      at++;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }
  }
}
