package dev.drrunbooks.http;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor the worker's {@link java.net.http.HttpClient}s share for their asynchronous work: at
 * most {@value #THREADS} threads, each gone after {@value #IDLE_SECONDS} s idle. Without it each
 * client has the JDK's default, a cached pool that grows with the exchanges in flight (ten threads
 * with 500 backup validations sending notifications in the fleet benchmark). The calls that use the
 * clients are blocking {@code send}s on activity threads, so the activity slots bound the exchanges
 * and a few threads keep up with them.
 */
public final class HttpClientExecutor {
  static final int THREADS = 4;
  static final int IDLE_SECONDS = 30;

  private static final Executor SHARED = create();

  private HttpClientExecutor() {}

  /** The one executor of the process's HTTP clients. */
  public static Executor shared() {
    return SHARED;
  }

  private static Executor create() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "dr-http-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
