package io.plantline.testkit.tls;

import java.nio.file.Path;

/** PEM files of a server certificate, its PKCS#8 key, and the CA that issued it. */
public record ServerCertificateFiles(Path caCertificate, Path serverCertificate, Path serverKey) {}
