package earshot;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Earshot's local store: a MongoDB-wire server held in memory, for the demo, the tests and the
 * benchmarks. It keeps nothing on disk. Usage: java -jar local-mongo.jar PORT [HOST]
 */
public final class LocalMongo {
  /**
   * The version the server reports. The Node.js driver 7 refuses servers below wire version 9
   * (MongoDB 4.4), and the library's newest built-in version reports 8, so the launcher names its own.
   */
  private static final MongoVersion REPORTED =
      new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
          return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
          return 9;
        }
      };

  private LocalMongo() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: java -jar local-mongo.jar PORT [HOST]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    MongoServer server = new MongoServer(new MemoryBackend().version(REPORTED));
    server.bind(host, port);
    System.out.println("local-mongo: in memory, nothing kept on disk, listening on " + host + ":" + port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
