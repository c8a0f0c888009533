package dev.proconsul.structs;

/** Version strings: the Consul release whose API we implement, and our own build. */
public final class Versions {
    /** The Consul version we report where clients expect Consul's (agent/self, version CLI, member tags). */
    public static final String CONSUL_COMPATIBLE = "1.21.5";

    /** Our own version, from the jar manifest when packaged. */
    public static final String PROCONSUL = proconsulVersion();

    private Versions() {
    }

    private static String proconsulVersion() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
