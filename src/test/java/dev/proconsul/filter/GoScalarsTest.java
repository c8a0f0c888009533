package dev.proconsul.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value coercion agrees with Go's strconv, which bexpr uses. */
class GoScalarsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "42,42", "-42,-42", "+7,7", "0,0", "0x1F,31", "0X1f,31", "0o17,15", "017,15", "0b101,5", "0x_1F,31",
        "1_000,null", "0x1__F,null", "0x1F_,null", "08,null", "0x,null", "'',null", "12a,null", "- 1,null",
        "1.0,null", "18446744073709551615,18446744073709551615", "--1,null", "0b2,null"})
    void parseInt(String text, String expected) {
        assertThat(GoScalars.parseInt(text)).isEqualTo(expected == null ? null : new BigInteger(expected));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "1.5,1.5", "-0.25,-0.25", "1e3,1000.0", "1E-2,0.01", ".5,0.5", "5.,5.0", "0x1p-2,0.25", "inf,Infinity",
        "-Infinity,-Infinity", "+INF,Infinity", "1e400,null", "1.5f,null", "1.5d,null", "' 1',null", "abc,null",
        "1_0.5,null", "'',null", "0x1.8p1,3.0"})
    void parseFloat(String text, Double expected) {
        assertThat(GoScalars.parseFloat(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "true,true", "True,true", "TRUE,true", "t,true", "T,true", "1,true", "false,false", "False,false",
        "FALSE,false", "f,false", "F,false", "0,false", "yes,null", "tRuE,null", "'',null"})
    void parseBool(String text, Boolean expected) {
        assertThat(GoScalars.parseBool(text)).isEqualTo(expected);
    }
}
