package io.plantline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens for calling the demo's services directly, signed with their shared secret. */
public final class ServiceTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ServiceTokens() {}

  public static String issue(Path keyFile, String subject, List<String> roles) throws Exception {
    String secret = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
    ObjectMapper json = new ObjectMapper();
    long now = Instant.now().getEpochSecond();
    String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF8));
    String payload =
        B64.encodeToString(
            json.writeValueAsBytes(
                Map.of("sub", subject, "roles", roles, "iat", now, "exp", now + 600)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(UTF8), "HmacSHA256"));
    String signature = B64.encodeToString(mac.doFinal((header + "." + payload).getBytes(UTF8)));
    return header + "." + payload + "." + signature;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
