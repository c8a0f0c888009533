package dev.proconsul.dns;

import dev.proconsul.structs.CheckServiceNode;
import dev.proconsul.structs.HealthCheck;
import dev.proconsul.structs.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Which instances DNS admits, as Consul's dns_config.only_passing defines it: by default an instance is left out
 * when any of its checks (its own or its node's) is critical or in maintenance; with only_passing every check must
 * be passing, so warning instances are left out too.
 */
final class HealthFilter {
    private HealthFilter() {
    }

    static List<CheckServiceNode> admitted(List<CheckServiceNode> instances, boolean onlyPassing) {
        List<CheckServiceNode> out = new ArrayList<>(instances.size());
        for (CheckServiceNode csn : instances) {
            if (admits(csn, onlyPassing)) {
                out.add(csn);
            }
        }
        return out;
    }

    static boolean admits(CheckServiceNode csn, boolean onlyPassing) {
        if (csn.checks() == null) {
            return true;
        }
        for (HealthCheck c : csn.checks()) {
            String s = c.status();
            if (HealthCheck.PASSING.equals(s)) {
                continue;
            }
            if (onlyPassing || HealthCheck.CRITICAL.equals(s) || HealthCheck.MAINTENANCE.equals(s)) {
                return false;
            }
        }
        return true;
    }

    /** The SRV weight: Weights.Warning when any check warns, else Weights.Passing (both 1 when unset). */
    static int srvWeight(CheckServiceNode csn) {
        Weights w = csn.service() == null || csn.service().weights() == null
                ? Weights.DEFAULT : csn.service().weights();
        boolean warning = false;
        if (csn.checks() != null) {
            for (HealthCheck c : csn.checks()) {
                warning |= HealthCheck.WARNING.equals(c.status());
            }
        }
        return Math.max(0, Math.min(65535, warning ? w.warning() : w.passing()));
    }
}
