package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An atomic transaction: every operation applies, or none does. The applied value is a {@link TxnResponse}. */
public record TxnRequest(@JsonProperty("Ops") List<TxnOp> ops) implements Command {
}
