/**
 * What every ingestion process shares on its command line and around it: option errors that name
 * the option ({@link io.plantline.ingestion.cli.OptionException}), secrets from files or named
 * environment variables ({@link io.plantline.ingestion.cli.Secrets}), the Kafka options mixin
 * ({@link io.plantline.ingestion.cli.KafkaOptions}) and the unauthenticated operations routes
 * ({@link io.plantline.ingestion.cli.OpsEndpoints}, {@link
 * io.plantline.ingestion.cli.OperationsServer}).
 */
package io.plantline.ingestion.cli;
