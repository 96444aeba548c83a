package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pages' two message tables (webroot/i18n): one per language, the same keys, each in its own language. */
class MessageTablesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** The language switch names the other language in that language. */
    private static final String SWITCH = "lang.switch";

    @Test
    void bothTablesHaveTheSameKeysAndTheSamePlaceholders() throws IOException {
        Map<String, Object> zh = table("zh").getMap();
        Map<String, Object> en = table("en").getMap();

        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        assertThat(placeholders(zh)).isEqualTo(placeholders(en));
    }

    @Test
    void theChineseTableHasNoEnglishWordAndTheEnglishTableNoChinese() throws IOException {
        table("zh").forEach(entry -> {
            if (!entry.getKey().equals(SWITCH)) {
                String words = PLACEHOLDER.matcher((String) entry.getValue()).replaceAll("");
                assertThat(words).as(entry.getKey()).doesNotContainPattern(LATIN_WORD);
            }
        });
        table("en").forEach(entry -> {
            if (!entry.getKey().equals(SWITCH)) {
                assertThat((String) entry.getValue()).as(entry.getKey()).doesNotContainPattern(HAN);
            }
        });
    }

    private static Map<String, String> placeholders(Map<String, Object> table) {
        return table.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> PLACEHOLDER
                .matcher((String) e.getValue()).results().map(m -> m.group()).sorted().collect(Collectors.joining())));
    }

    private static JsonObject table(String language) throws IOException {
        try (InputStream in = MessageTablesTest.class.getClassLoader()
                .getResourceAsStream("webroot/i18n/" + language + ".json")) {
            assertThat(in).as(language + ".json on the class path").isNotNull();
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
