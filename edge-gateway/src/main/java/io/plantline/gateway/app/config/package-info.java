/**
 * The gateway's configuration: one YAML file per gateway, read into validated, immutable records.
 * Every problem is a {@link io.plantline.gateway.app.config.ConfigException} of one line naming the
 * file and the key path. The format is documented in the module README, "Configuration".
 */
package io.plantline.gateway.app.config;
