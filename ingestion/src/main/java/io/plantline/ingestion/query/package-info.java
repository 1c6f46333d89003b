/**
 * The telemetry query API ({@link io.plantline.ingestion.query.QueryApiVerticle}) over the
 * Cassandra history: device registry (paged with Cassandra paging state as an opaque token), latest
 * values, and telemetry of one metric either downsampled into buckets of {@code step}
 * (min/max/avg/count/first time, computed in the API while the rows stream in) or raw with a cap
 * and a {@code nextFrom} to continue. Bad parameters get 400 with {@code {"error", "parameter"}};
 * unknown devices 404; every {@code /api/**} route needs an HS256 JWT with role {@code operator} or
 * {@code viewer}.
 */
package io.plantline.ingestion.query;
