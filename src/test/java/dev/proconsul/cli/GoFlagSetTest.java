package dev.proconsul.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proconsul.cli.GoFlagSet.Flag;
import dev.proconsul.cli.GoFlagSet.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoFlagSetTest {
    private static final GoFlagSet SET = new GoFlagSet(List.of(
            new Flag(List.of("verbose", "v2"), Kind.BOOL, "", "Talk more."),
            new Flag(List.of("name"), Kind.STRING, "<name>", "A name."),
            new Flag(List.of("count"), Kind.INT, "<int>", "A number.")));

    private static GoFlagSet.Parsed parse(String... args) {
        return SET.parse(List.of(args));
    }

    @Test
    void acceptsGoSpellings() {
        GoFlagSet.Parsed p = parse("-name", "a", "--name=b", "-count=3", "--count", "-4", "-v2", "rest", "-name", "c");
        assertThat(p.all("name")).containsExactly("a", "b");
        assertThat(p.all("count")).containsExactly("3", "-4");
        assertThat(p.last("verbose")).isEqualTo("true");
        assertThat(p.args()).containsExactly("rest", "-name", "c");
        assertThat(p.help()).isFalse();
    }

    @Test
    void aValueMayStartWithADashAndMayBeEmpty() {
        assertThat(parse("-name", "-verbose").last("name")).isEqualTo("-verbose");
        assertThat(parse("-name=").last("name")).isEmpty();
        assertThat(parse("-name=a=b").last("name")).isEqualTo("a=b");
    }

    @Test
    void doubleDashEndsFlagsAndASingleDashIsAnArgument() {
        assertThat(parse("-verbose", "--", "-name", "x").args()).containsExactly("-name", "x");
        assertThat(parse("-", "-verbose").args()).containsExactly("-", "-verbose");
        assertThat(parse().values()).isEmpty();
    }

    @Test
    void helpIsARequestNotAnError() {
        assertThat(parse("-name", "x", "-help").help()).isTrue();
        assertThat(parse("--h").help()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-nope          | flag provided but not defined: -nope",
            "--nope=1       | flag provided but not defined: -nope",
            "---name        | bad flag syntax: ---name",
            "-=x            | bad flag syntax: -=x",
            "-name          | flag needs an argument: -name",
            "-count=1.5     | invalid value \"1.5\" for flag -count: parse error",
            "-count=99999999999 | invalid value \"99999999999\" for flag -count: parse error",
            "-verbose=yes   | invalid boolean value \"yes\" for -verbose: parse error",
    })
    void badInputIsGoWording(String arg, String message) {
        assertThatThrownBy(() -> parse(arg)).isInstanceOf(CommandFailed.class).hasMessage(message);
    }

    @Test
    void booleanValuesAreGoLiterals() {
        for (String t : List.of("1", "t", "T", "TRUE", "true", "True")) {
            assertThat(parse("-verbose=" + t).last("verbose")).isEqualTo("true");
        }
        for (String f : List.of("0", "f", "F", "FALSE", "false", "False")) {
            assertThat(parse("-verbose=" + f).last("verbose")).isEqualTo("false");
        }
    }

    @Test
    void aNameDefinedTwiceIsAProgrammingError() {
        assertThatThrownBy(() -> new GoFlagSet(List.of(new Flag(List.of("a"), Kind.BOOL, "", ""),
                new Flag(List.of("b", "a"), Kind.BOOL, "", ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }
}
