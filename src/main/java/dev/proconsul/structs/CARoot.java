package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Connect CA root certificate as /v1/connect/ca/roots lists it. */
public record CARoot(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("SerialNumber") long serialNumber,
        @JsonProperty("SigningKeyID") String signingKeyId,
        @JsonProperty("ExternalTrustDomain") String externalTrustDomain,
        @JsonProperty("NotBefore") String notBefore,
        @JsonProperty("NotAfter") String notAfter,
        @JsonProperty("RootCert") String rootCert,
        @JsonProperty("IntermediateCerts") java.util.List<String> intermediateCerts,
        @JsonProperty("Active") boolean active,
        @JsonProperty("PrivateKeyType") String privateKeyType,
        @JsonProperty("PrivateKeyBits") int privateKeyBits,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
