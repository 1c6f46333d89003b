package io.plantline.testkit.junit;

import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects real servers into tests: declare a parameter of type {@link KafkaServer}, {@link
 * MosquittoServer}, {@link CassandraServer} or {@link QuestDbServer} in a test method, constructor
 * or {@code @BeforeAll} method of a class annotated
 * {@code @ExtendWith(EmbeddedServersExtension.class)}.
 *
 * <p>Each server starts on first use and is shared by every test class of the suite (it lives in
 * the root extension context store), then stopped when the suite ends, whether tests passed or
 * failed.
 */
public final class EmbeddedServersExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedServersExtension.class);

  private static final Map<Class<?>, Supplier<AutoCloseable>> STARTERS =
      Map.of(
          KafkaServer.class, KafkaServer::start,
          MosquittoServer.class, MosquittoServer::start,
          CassandraServer.class, CassandraServer::start,
          QuestDbServer.class, QuestDbServer::start);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return STARTERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Object server = store.getOrComputeIfAbsent(type, key -> STARTERS.get(type).get());
    return type.cast(server);
  }
}
