package dev.drrunbooks.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.core.SdkClient;

/**
 * A scripted AWS SDK client for tests that model AWS behaviour the emulator lacks: a {@link Proxy}
 * over the SDK's client interface. The script answers the calls it models and returns {@link
 * #NOT_SCRIPTED} for the rest; the SDK's default overloads (builder consumers) and paginators then
 * delegate to the scripted request form, and any other call fails loudly, so a code path that makes
 * a call nobody modelled cannot pass by accident.
 */
public final class ScriptedSdkClient {
  /** What a script returns for a call it does not model. */
  public static final Object NOT_SCRIPTED = new Object();

  private ScriptedSdkClient() {}

  /**
   * @param serviceName what {@code serviceName()} answers ("rds", "ecs", ...)
   */
  public static <T extends SdkClient> T of(
      Class<T> type, String serviceName, InvocationHandler script) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          // A paginator takes the request its page call takes: it must page through the script's
          // answers to that call, not be answered as that call.
          if (method.isDefault() && method.getName().endsWith("Paginator"))
            return InvocationHandler.invokeDefault(proxy, method, args);
          Object answer = script.invoke(proxy, method, args);
          if (answer != NOT_SCRIPTED) return answer;
          if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
          if (method.getName().equals("serviceName")) return serviceName;
          if (method.getName().equals("close")) return null;
          throw new UnsupportedOperationException("not scripted: " + method.getName());
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
