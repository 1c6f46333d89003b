/**
 * Pure gateway logic: read planning and decoding, report-by-exception, spike filters, backoff and
 * device health, the byte-order probe, telemetry sequencing and poll staggering. Imports only
 * {@code java.*}, the register-map format and the contracts; an ArchUnit test keeps it so.
 */
package io.plantline.gateway.domain;
